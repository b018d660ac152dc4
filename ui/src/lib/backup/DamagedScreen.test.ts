import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import DamagedScreen from './DamagedScreen.svelte';
import { backupInfo, damagedError, FakeBackupBackend, sampleBackupBackend } from './fake';

// The user is in Paris: 07:30 UTC on 26 November is 08:30 there.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeAll(() => {
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

const NOW = new Date('2026-11-26T09:30:00Z');
const DETAIL = 'database disk image is malformed (page 412)';

function setup(backend: FakeBackupBackend = sampleBackupBackend(NOW), props: Record<string, unknown> = {}) {
  const user = userEvent.setup();
  const restore = vi.spyOn(backend, 'restoreBackup');
  render(DamagedScreen, { props: { backend, detail: DETAIL, ...props } });
  return { user, backend, restore };
}

describe('DamagedScreen', () => {
  it('explains in plain French that the file is damaged and untouched, with the detail for support', async () => {
    setup();
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent('Les données de Flocon sont endommagées');
    await waitFor(() => expect(heading).toHaveFocus());
    const page = screen.getByTestId('damaged-screen');
    expect(page).toHaveTextContent('il ne peut plus être lu correctement');
    expect(page).toHaveTextContent('Flocon n\'a pas modifié ce fichier');
    expect(screen.getByTestId('damaged-detail')).toHaveTextContent(`Détail pour l'assistance : ${DETAIL}`);
    await waitFor(() =>
      expect(screen.getByTestId('damaged-file')).toHaveTextContent('Le fichier endommagé : /home/lea/.local/share/flocon/flocon.sqlite3'),
    );
  });

  it('offers the latest backup and restores its file only after confirmation', async () => {
    const { user, backend, restore } = setup();
    const latest = backend.backups[0]!;
    const offer = await screen.findByRole('button', { name: 'Restaurer la dernière sauvegarde (26 novembre 2026 à 08:30)' });
    await user.click(offer);

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAccessibleName('Restaurer la sauvegarde du 26 novembre 2026 à 08:30 ?');
    expect(dialog).toHaveTextContent('Les données endommagées seront remplacées par celles de la sauvegarde du 26 novembre 2026 à 08:30, puis Flocon redémarrera.');
    expect(dialog).toHaveTextContent('Le fichier endommagé est mis de côté avec les sauvegardes, jamais effacé.');
    expect(restore).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Restaurer et redémarrer' }));
    expect(restore).toHaveBeenCalledExactlyOnceWith(latest.name);
    await waitFor(() => expect(screen.getByTestId('damaged-status')).toHaveTextContent('Flocon redémarre…'));
    expect(screen.getByRole('button', { name: /^Restaurer la dernière sauvegarde/ })).toBeDisabled();
  });

  it('cancelling the confirmation restores nothing', async () => {
    const { user, restore } = setup();
    await user.click(await screen.findByRole('button', { name: /^Restaurer la dernière sauvegarde/ }));
    await user.click(screen.getByTestId('cancel-restore-backup'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(restore).not.toHaveBeenCalled();
  });

  it('lists the other backups, any of which can be restored', async () => {
    const { user, backend, restore } = setup();
    const others = within(await screen.findByRole('list', { name: 'Autres sauvegardes' }));
    expect(others.getAllByTestId('backup-row')).toHaveLength(6);
    await user.click(others.getByRole('button', { name: /^Restaurer la sauvegarde du 23 novembre 2026 à 05:30/ }));
    await user.click(screen.getByTestId('confirm-restore-backup'));
    expect(restore).toHaveBeenCalledExactlyOnceWith(backend.backups[3]!.name);
  });

  it('shows a refused restore in the dialog, in French', async () => {
    const backend = sampleBackupBackend(NOW);
    backend.failures.restoreBackup = damagedError('backup file is damaged too');
    const { user } = setup(backend);
    await user.click(await screen.findByRole('button', { name: /^Restaurer la dernière sauvegarde/ }));
    await user.click(screen.getByTestId('confirm-restore-backup'));
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent(
      'La sauvegarde n\'a pas été restaurée. Le fichier de données de Flocon est endommagé',
    );
  });

  it('without any backup, says so and what to do', async () => {
    setup(new FakeBackupBackend());
    expect(await screen.findByRole('heading', { name: 'Aucune sauvegarde sur cet ordinateur' })).toBeInTheDocument();
    const none = screen.getByTestId('no-backup');
    expect(none).toHaveTextContent('Flocon n\'a trouvé aucune sauvegarde à restaurer.');
    expect(none).toHaveTextContent('Ne supprimez pas le fichier');
    expect(none).toHaveTextContent('contactez la personne qui s\'occupe de Flocon');
    expect(screen.getByTestId('damaged-file')).toHaveTextContent('flocon.sqlite3');
    expect(screen.getByTestId('damaged-file')).toHaveTextContent('~/.local/share/flocon');
    expect(screen.queryByRole('button', { name: /^Restaurer/ })).toBeNull();
  });

  it('names the damaged file the app gives', async () => {
    setup(new FakeBackupBackend(), { databaseFile: 'C:\\Users\\lea\\AppData\\Roaming\\Flocon\\flocon\\data\\flocon.sqlite3' });
    await screen.findByTestId('no-backup');
    expect(screen.getByTestId('damaged-file')).toHaveTextContent(
      'Le fichier endommagé : C:\\Users\\lea\\AppData\\Roaming\\Flocon\\flocon\\data\\flocon.sqlite3',
    );
  });

  it('still offers the latest backup the integrity status named when the list cannot be read', async () => {
    const backend = new FakeBackupBackend([backupInfo('2026-11-25T07:00:00Z', 'automatic')]);
    backend.failures.listBackups = damagedError();
    const latest = backupInfo('2026-11-25T07:00:00Z', 'automatic');
    const { user, restore } = setup(backend, { latestBackup: latest });
    expect(await screen.findByRole('alert')).toHaveTextContent('La liste des sauvegardes n\'a pas pu être lue.');
    await user.click(screen.getByRole('button', { name: 'Restaurer la dernière sauvegarde (25 novembre 2026 à 08:00)' }));
    await user.click(screen.getByTestId('confirm-restore-backup'));
    expect(restore).toHaveBeenCalledExactlyOnceWith(latest.name);
  });
});
