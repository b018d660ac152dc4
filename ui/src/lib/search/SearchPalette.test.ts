import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import SearchPalette from './SearchPalette.svelte';
import { palette } from './palette.svelte';

afterEach(() => {
  palette.open = false;
});

function setup() {
  const fake = new FakeBackend({
    people: [
      makePerson({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré', city: 'Bobigny' }),
      makePerson({ id: 'p2', first_name: 'Bob', last_name: '<script>', city: 'Bobigny' }),
    ],
    orgs: [makeOrg({ id: 'o1', name: 'Mères de Bobigny' })],
    interactions: [
      {
        id: 'i1',
        date: '2026-10-12',
        kind: 'call',
        people: ['p1'],
        team_member_id: null,
        notes: 'Appel à propos de Bobigny',
        one_to_one: { interests: '', story: '', resources: '', commitment_asked: '', commitment_given: '' },
        suggested: [],
        created_at: '2026-10-12T16:00:00Z',
        updated_at: '2026-10-12T16:00:00Z',
      },
    ],
  });
  const search = vi.spyOn(fake, 'search');
  const onopen = vi.fn();
  const user = userEvent.setup();
  const outside = document.createElement('button');
  outside.textContent = 'ailleurs';
  document.body.append(outside);
  render(SearchPalette, { props: { onopen }, context: backendContext(fake) });
  return { search, onopen, user, outside };
}

describe('SearchPalette', () => {
  it('opens with Ctrl+K and with Cmd+K, focusing the search input', async () => {
    const { user } = setup();
    const dialog = screen.getByTestId('search-palette');
    expect(dialog).not.toHaveAttribute('open');

    await user.keyboard('{Control>}k{/Control}');
    expect(dialog).toHaveAttribute('open');
    await waitFor(() => expect(screen.getByTestId('search-input')).toHaveFocus());

    await user.keyboard('{Escape}');
    expect(dialog).not.toHaveAttribute('open');
    await user.keyboard('{Meta>}k{/Meta}');
    expect(dialog).toHaveAttribute('open');
  });

  it('searches as the user types and groups the hits under French headings, snippets highlighted', async () => {
    const { user, search } = setup();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByTestId('search-input'), 'bobi');

    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(4));
    expect(search).toHaveBeenLastCalledWith('bobi', 30);
    // One call for the word, not one per keystroke.
    expect(search).toHaveBeenCalledTimes(1);
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual([
      'search-group-person',
      'search-group-organization',
      'search-group-interaction',
    ]);
    expect(within(groups[0]!).getByText('Personnes')).toBeInTheDocument();
    expect(within(groups[1]!).getByText('Structures')).toBeInTheDocument();
    expect(within(groups[2]!).getByText('Échanges')).toBeInTheDocument();
    expect(screen.getAllByTestId('search-hit').map((h) => h.dataset.kind)).toEqual([
      'person',
      'person',
      'organization',
      'interaction',
    ]);
    const marks = screen.getAllByTestId('search-hit')[0]!.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['Bobigny']);
    // A name with markup stays text.
    expect(screen.getByText('Bob <script>')).toBeInTheDocument();
  });

  it('moves with the arrow keys, skipping conversations, and opens the hit with Enter', async () => {
    const { user, onopen } = setup();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByTestId('search-input'), 'bobi');
    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(4));

    const input = screen.getByTestId('search-input');
    const hits = screen.getAllByTestId('search-hit');
    expect(input).toHaveAttribute('aria-activedescendant', hits[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', hits[2]!.id);
    expect(hits[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', hits[0]!.id);
    await user.keyboard('{ArrowUp}{Enter}');

    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ kind: 'organization', id: 'o1' }));
    expect(screen.getByTestId('search-palette')).not.toHaveAttribute('open');
  });

  it('closes with Escape and gives focus back', async () => {
    const { user, outside } = setup();
    outside.focus();
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(screen.getByTestId('search-input')).toHaveFocus());
    await user.keyboard('{Escape}');

    expect(screen.getByTestId('search-palette')).not.toHaveAttribute('open');
    expect(outside).toHaveFocus();
    outside.remove();
  });
});
