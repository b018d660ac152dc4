import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { DuplicatePair } from './api';
import DuplicatesScreen from './DuplicatesScreen.svelte';
import { FakeDuplicatesBackend, makeSummary } from './fake';

const elodie = makeSummary({
  id: 'p-elodie',
  first_name: 'Élodie',
  last_name: 'Dupré',
  email: 'elodie@example.org',
  organization: 'Mères solidaires',
  city: 'Montreuil',
});
const elodieCopy = makeSummary({
  id: 'p-elodie-2',
  first_name: 'Elodie',
  last_name: 'Dupre',
  email: 'elodie@example.org',
});
const karim = makeSummary({ id: 'p-karim', first_name: 'Karim', last_name: 'Benali', city: 'Bobigny' });
const karimCopy = makeSummary({ id: 'p-karim-2', first_name: 'Karim', last_name: 'Benalli' });

const pairs: DuplicatePair[] = [
  { first: elodie, second: elodieCopy, reasons: ['email', 'name'] },
  { first: karim, second: karimCopy, reasons: ['phone'] },
];

function setup(backend = new FakeDuplicatesBackend(pairs)) {
  const onopen = vi.fn();
  const user = userEvent.setup();
  const merge = vi.spyOn(backend, 'merge');
  const undo = vi.spyOn(backend, 'undo');
  render(DuplicatesScreen, { props: { backend, onopen } });
  return { backend, merge, undo, onopen, user };
}

const loadedPairs = () => screen.findAllByTestId('duplicate-pair');

describe('DuplicatesScreen', () => {
  it('shows each pair side by side with its details and the reasons in French', async () => {
    setup();

    const [first, second] = await loadedPairs();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Doublons');
    expect(screen.getByTestId('duplicates-count')).toHaveTextContent('2 paires à vérifier');

    expect(first).toHaveAccessibleName('Élodie Dupré et Elodie Dupre');
    expect(within(first!).getAllByTestId('duplicate-reason').map((r) => r.textContent)).toEqual([
      'Même e-mail',
      'Même nom',
    ]);
    const names = within(first!).getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.trim());
    expect(names).toEqual(['Élodie Dupré', 'Elodie Dupre']);
    expect(first).toHaveTextContent('Mères solidaires');
    expect(first).toHaveTextContent('Montreuil');
    expect(within(first!).getAllByText('elodie@example.org')).toHaveLength(2);
    expect(within(second!).getByTestId('duplicate-reason')).toHaveTextContent('Même téléphone');

    // Each keep button says whom it keeps, for screen readers.
    expect(within(first!).getByTestId('keep-second')).toHaveAccessibleName('Garder celui-ci');
    expect(within(first!).getByTestId('keep-second')).toHaveAccessibleDescription('Elodie Dupre');
  });

  it('opens a person from their name', async () => {
    const { onopen, user } = setup();
    const [first] = await loadedPairs();

    await user.click(within(first!).getByRole('button', { name: 'Elodie Dupre' }));

    expect(onopen).toHaveBeenCalledWith('p-elodie-2');
  });

  it('keeping the second merges the first into it, after confirming, then refreshes the list', async () => {
    const { merge, user } = setup();
    const [first] = await loadedPairs();

    await user.click(within(first!).getByTestId('keep-second'));

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAccessibleName('Fusionner Élodie Dupré dans Elodie Dupre ?');
    expect(dialog).toHaveTextContent(
      'Tout ce qui concerne Élodie Dupré (e-mails, téléphones, étiquettes, appartenances, échanges) sera rattaché à Elodie Dupre.',
    );
    expect(merge).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('confirm-merge'));

    expect(merge).toHaveBeenCalledExactlyOnceWith('p-elodie-2', 'p-elodie');
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(1));
    expect(screen.getByTestId('duplicate-pair')).toHaveTextContent('Karim Benali');
    const banner = screen.getByTestId('merge-banner');
    expect(banner).toHaveTextContent('Fusion effectuée');
    expect(banner).toHaveTextContent('Tout ce qui concernait Élodie Dupré est maintenant rattaché à Elodie Dupre.');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeping the first merges the second into it, as the dialog says', async () => {
    const { merge, user } = setup();
    const [first] = await loadedPairs();

    await user.click(within(first!).getByTestId('keep-first'));
    expect(screen.getByRole('dialog')).toHaveAccessibleName('Fusionner Elodie Dupre dans Élodie Dupré ?');
    await user.click(screen.getByTestId('confirm-merge'));

    expect(merge).toHaveBeenCalledExactlyOnceWith('p-elodie', 'p-elodie-2');
  });

  it('does nothing when the confirmation is cancelled, by button or by Escape', async () => {
    const { merge, user } = setup();
    const [first] = await loadedPairs();

    await user.click(within(first!).getByTestId('keep-second'));
    await user.click(screen.getByTestId('cancel-merge'));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(within(first!).getByTestId('keep-first'));
    screen.getByRole('dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(merge).not.toHaveBeenCalled();
    expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2);
    expect(screen.queryByTestId('merge-banner')).toBeNull();
  });

  it('undoes the merge with the merge id and brings the pair back', async () => {
    const { undo, user } = setup();
    const [first] = await loadedPairs();
    await user.click(within(first!).getByTestId('keep-second'));
    await user.click(screen.getByTestId('confirm-merge'));
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(1));

    await user.click(screen.getByTestId('undo-merge'));

    expect(undo).toHaveBeenCalledExactlyOnceWith('merge-1');
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2));
    const banner = screen.getByTestId('merge-banner');
    expect(banner).toHaveTextContent('Fusion annulée');
    expect(banner).toHaveTextContent('Élodie Dupré et Elodie Dupre sont de nouveau deux fiches distinctes.');
    expect(screen.queryByTestId('undo-merge')).toBeNull();
  });

  it('keeps the dialog open with the reason when the merge fails', async () => {
    const backend = new FakeDuplicatesBackend(pairs);
    backend.failures.merge = new ApiError({
      kind: 'storage',
      message: 'database is locked',
      field: null,
      problem: null,
    });
    const { user } = setup(backend);
    const [first] = await loadedPairs();

    await user.click(within(first!).getByTestId('keep-first'));
    await user.click(screen.getByTestId('confirm-merge'));

    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert).toHaveTextContent('La fusion n\'a pas abouti, rien n\'a été modifié.');
    expect(alert).toHaveTextContent('database is locked');
    expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2);
    expect(screen.queryByTestId('merge-banner')).toBeNull();
  });

  it('says when the undo fails, and keeps the undo button', async () => {
    const backend = new FakeDuplicatesBackend(pairs);
    const { user } = setup(backend);
    const [first] = await loadedPairs();
    await user.click(within(first!).getByTestId('keep-first'));
    await user.click(screen.getByTestId('confirm-merge'));
    await screen.findByTestId('undo-merge');
    backend.failures.undo = new ApiError({
      kind: 'refused',
      message: 'the kept contact was deleted since; the merge cannot be undone',
      field: null,
      problem: null,
    });

    await user.click(screen.getByTestId('undo-merge'));

    expect(await within(screen.getByTestId('merge-banner')).findByRole('alert')).toHaveTextContent(
      'La fusion n\'a pas pu être annulée.',
    );
    expect(screen.getByTestId('undo-merge')).toBeInTheDocument();
  });

  it('says so when there is no probable duplicate', async () => {
    setup(new FakeDuplicatesBackend([]));

    const empty = await screen.findByTestId('no-duplicates');
    expect(empty).toHaveTextContent('Aucun doublon probable.');
    expect(screen.queryByTestId('duplicate-pair')).toBeNull();
    expect(screen.queryByTestId('duplicates-count')).toBeNull();
  });

  it('offers to try again when the list cannot be loaded', async () => {
    const backend = new FakeDuplicatesBackend(pairs);
    backend.failures.list = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    const { user } = setup(backend);

    expect(await screen.findByTestId('duplicates-error')).toHaveTextContent('Les doublons n\'ont pas pu être chargés.');
    delete backend.failures.list;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));

    expect(await loadedPairs()).toHaveLength(2);
  });
});
