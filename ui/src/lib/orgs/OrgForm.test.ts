import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg } from '../api/fake';
import OrgForm from './OrgForm.svelte';

function setup(org: ReturnType<typeof makeOrg> | null = null) {
  const fake = new FakeBackend();
  const create = vi.spyOn(fake, 'createOrg');
  const onsaved = vi.fn();
  const user = userEvent.setup();
  const view = render(OrgForm, { props: { org, onsaved, oncancel: vi.fn() }, context: backendContext(fake) });
  const $ = (selector: string) => view.container.querySelector<HTMLInputElement>(selector);
  return { fake, create, onsaved, user, $ };
}

describe('OrgForm', () => {
  it('offers a status only for collectives, and sends none for other kinds', async () => {
    const { create, onsaved, user, $ } = setup();
    expect($('#org-kind')).toHaveValue('collective');
    expect($('#org-status')).not.toBeNull();
    await user.selectOptions($('#org-status')!, 'Accompagné');

    await user.selectOptions($('#org-kind')!, 'Fondation');
    expect($('#org-status')).toBeNull();
    await user.type($('#org-name')!, ' Fondation Horizons ');
    await user.type($('#org-city')!, 'Paris');
    await user.type($('#org-tags')!, 'climat, Climat, école');
    await user.click(screen.getByTestId('save-org'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({
      name: 'Fondation Horizons',
      kind: 'foundation',
      status: null,
      city: 'Paris',
      website: null,
      tags: ['climat', 'école'],
      point_person_id: null,
      description: '',
    });
  });

  it('keeps the status of a collective', async () => {
    const { create, user, $ } = setup();
    await user.type($('#org-name')!, 'Climat Quartiers');
    await user.selectOptions($('#org-status')!, 'Prospect');
    await user.click(screen.getByTestId('save-org'));
    await waitFor(() => expect(create).toHaveBeenCalledWith(expect.objectContaining({ kind: 'collective', status: 'prospect' })));
  });

  it('requires a name, and shows the backend refusal beside the status', async () => {
    const { fake, create, user, $ } = setup(makeOrg({ id: 'o1', name: 'Climat Quartiers', status: 'partner' }));
    const update = vi.spyOn(fake, 'updateOrg');
    await user.clear($('#org-name')!);
    await user.click(screen.getByTestId('save-org'));
    expect(document.querySelector('[data-field-error="name"]')).toHaveTextContent('Ce champ est obligatoire.');
    expect(create).not.toHaveBeenCalled();

    await user.type($('#org-name')!, 'Climat');
    fake.failNext('updateOrg', { kind: 'invalid', field: 'status', problem: { code: 'only_for_collectives' } });
    await user.click(screen.getByTestId('save-org'));
    await waitFor(() =>
      expect(document.querySelector('[data-field-error="status"]')).toHaveTextContent('Seuls les collectifs ont un statut.'),
    );
    expect(update).toHaveBeenCalledWith('o1', expect.objectContaining({ name: 'Climat', status: 'partner' }));
  });
});
