import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg } from '../api/fake';
import OrgsScreen from './OrgsScreen.svelte';

function setup() {
  const fake = new FakeBackend({
    orgs: [
      makeOrg({ id: 'o1', name: 'Mères solidaires', status: 'supported', city: 'Bobigny' }),
      makeOrg({ id: 'o2', name: 'Climat Quartiers', status: 'prospect', city: 'Montreuil' }),
      makeOrg({ id: 'o3', name: 'Fondation Horizons', kind: 'foundation' }),
    ],
  });
  const list = vi.spyOn(fake, 'listOrgs');
  const onopen = vi.fn();
  const user = userEvent.setup();
  const view = render(OrgsScreen, { props: { onopen, oncreate: vi.fn() }, context: backendContext(fake) });
  return { list, onopen, user, view };
}

const names = () => screen.getAllByTestId('org-row').map((r) => r.querySelector('.name')?.textContent);

describe('OrgsScreen', () => {
  it('lists collectives by default, and every organisation on request', async () => {
    const { list, user, view } = setup();
    await waitFor(() => expect(screen.getByTestId('org-list')).toHaveAttribute('data-loaded', 'true'));
    expect(view.container.querySelector('#org-kind-filter')).toHaveValue('collective');
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ kind: 'collective', limit: 200, after: null }));
    expect(names()).toEqual(['Climat Quartiers', 'Mères solidaires']);
    expect(screen.getAllByTestId('org-row')[1]).toHaveTextContent('Accompagné');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Collectifs');

    await user.selectOptions(view.container.querySelector('#org-kind-filter')!, 'Toutes les structures');
    await waitFor(() => expect(names()).toEqual(['Climat Quartiers', 'Fondation Horizons', 'Mères solidaires']));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Structures');
  });

  it('filters by text and status, and opens a row', async () => {
    const { user, onopen, view } = setup();
    await waitFor(() => expect(screen.getByTestId('org-list')).toHaveAttribute('data-loaded', 'true'));
    await user.selectOptions(view.container.querySelector('#org-status-filter')!, 'Prospect');
    await waitFor(() => expect(names()).toEqual(['Climat Quartiers']));
    await user.selectOptions(view.container.querySelector('#org-status-filter')!, 'Tous les statuts');
    await user.type(screen.getByTestId('org-filter'), 'meres');
    await waitFor(() => expect(names()).toEqual(['Mères solidaires']));

    await user.click(screen.getByTestId('org-row'));
    expect(onopen).toHaveBeenCalledWith('o1');
  });
});
