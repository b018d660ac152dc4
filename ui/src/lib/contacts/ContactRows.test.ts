import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import ContactsScreen from './ContactsScreen.svelte';

const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, i) =>
  makePerson({ id: `p${String(i).padStart(5, '0')}`, first_name: 'Personne', last_name: `N${String(i).padStart(5, '0')}` }),
);

function setup() {
  const fake = new FakeBackend(TEN_THOUSAND);
  const list = vi.spyOn(fake, 'listContacts');
  render(ContactsScreen, { props: { onopen: vi.fn(), oncreate: vi.fn() }, context: backendContext(fake) });
  return { list };
}

async function loaded() {
  await waitFor(() => expect(screen.getByTestId('contact-list')).toHaveAttribute('data-loaded', 'true'));
}

describe('the virtualised contacts list', () => {
  it('renders only a window of rows for 10,000 people, and loads them 200 at a time', async () => {
    const { list } = setup();
    await loaded();

    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ after: null, limit: 200 }));
    const rows = screen.getAllByTestId('contact-row');
    // 600px of fallback height / 60px rows + 6 rows of overscan.
    expect(rows.length).toBe(16);
    expect(rows[0]).toHaveTextContent('Personne N00000');
    expect(screen.getByRole('status')).toHaveTextContent('200+ contacts');
    expect(rows[0]!.parentElement).toHaveAttribute('aria-posinset', '1');
  });

  it('shows the rows under the scroll position and asks for the next page near the end, after the last id', async () => {
    const { list } = setup();
    await loaded();
    const viewport = screen.getByTestId('contact-viewport');

    viewport.scrollTop = 100 * 60;
    await fireEvent.scroll(viewport);
    const rows = screen.getAllByTestId('contact-row');
    expect(rows[0]).toHaveTextContent('Personne N00094');
    expect(rows.length).toBeLessThan(30);
    expect(list).toHaveBeenCalledTimes(1);

    viewport.scrollTop = 150 * 60;
    await fireEvent.scroll(viewport);
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ after: 'p00199', limit: 200 }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('400+ contacts'));
  });

  it('moves to the last loaded row with End, rendering and focusing it', async () => {
    setup();
    await loaded();
    screen.getAllByTestId('contact-row')[0]!.focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });

    await waitFor(() => expect(document.activeElement).toHaveTextContent('Personne N00199'));
    expect(document.activeElement).toHaveAttribute('tabindex', '0');
  });
});
