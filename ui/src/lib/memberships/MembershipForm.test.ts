import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import MembershipForm from './MembershipForm.svelte';

function setup(fixed: { person_id: string } | { organization_id: string }) {
  const fake = new FakeBackend({
    people: [makePerson({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré' })],
    orgs: [makeOrg({ id: 'o1', name: 'Mères solidaires' }), makeOrg({ id: 'o2', name: 'Climat Quartiers' })],
  });
  const add = vi.spyOn(fake, 'addMembership');
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  const user = userEvent.setup();
  const view = render(MembershipForm, { props: { fixed, onsaved, oncancel }, context: backendContext(fake) });
  const $ = (selector: string) => view.container.querySelector<HTMLInputElement>(selector)!;
  return { fake, add, onsaved, oncancel, user, $ };
}

describe('MembershipForm', () => {
  it('picks an organisation for the person and sends role, dates and leadership', async () => {
    const { add, onsaved, user, $ } = setup({ person_id: 'p1' });
    await waitFor(() => expect($('#membership-org')).toHaveFocus());

    await user.type($('#membership-org'), 'meres');
    const options = screen.getByTestId('membership-org-options');
    await waitFor(() => expect(within(options).getAllByRole('option')).toHaveLength(1));
    await user.click(within(options).getByRole('option'));
    await user.type($('#membership-role'), ' Porte-parole ');
    await user.type($('#membership-since'), '2025-03-01');
    await user.click($('#membership-leadership'));
    await user.click(screen.getByTestId('save-membership'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(add).toHaveBeenCalledWith({
      person_id: 'p1',
      organization_id: 'o1',
      role: 'Porte-parole',
      since: '2025-03-01',
      until: null,
      leadership: true,
    });
    expect(onsaved.mock.calls[0]?.[0]).toMatchObject({ organization_name: 'Mères solidaires', leadership: true });
  });

  it('asks for the organisation before saving', async () => {
    const { add, user, $ } = setup({ person_id: 'p1' });
    await user.click(screen.getByTestId('save-membership'));
    expect(document.querySelector('[data-field-error="organization_id"]')).toHaveTextContent('Ce champ est obligatoire.');
    expect($('#membership-org')).toHaveAttribute('aria-invalid', 'true');
    expect(add).not.toHaveBeenCalled();
  });

  it('shows the backend refusal of the dates beside the end date', async () => {
    const { fake, user, $ } = setup({ organization_id: 'o1' });
    await user.type($('#membership-person'), 'elo');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    await user.keyboard('{Enter}');
    fake.failNext('addMembership', { kind: 'invalid', field: 'until', problem: { code: 'ends_before_start' } });
    await user.click(screen.getByTestId('save-membership'));

    await waitFor(() =>
      expect(document.querySelector('[data-field-error="until"]')).toHaveTextContent('La date de fin précède la date de début.'),
    );
    expect($('#membership-until')).toHaveFocus();
  });

  it('cancels with Escape', async () => {
    const { oncancel, user } = setup({ person_id: 'p1' });
    await user.click(screen.getByLabelText('Rôle'));
    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledOnce();
  });
});
