import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { toSafetyError } from './api';
import BackupPanel from './BackupPanel.svelte';
import { backupInfo, FakeBackupBackend, sampleBackupBackend } from './fake';
// What the core answers for backups that are not Flocon's (written by a Rust test).
import fixture from './refused-restores.gen.json';

// The user is in Paris: 09:30 UTC on 26 November is 10:30 there.
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

function setup(backend: FakeBackupBackend = sampleBackupBackend(NOW)) {
  const user = userEvent.setup();
  backend.now = () => NOW;
  const restore = vi.spyOn(backend, 'restoreBackup');
  const now = vi.spyOn(backend, 'backupNow');
  render(BackupPanel, { props: { backend } });
  return { user, backend, restore, now };
}

const storage = (message: string) => new ApiError({ kind: 'storage', message, field: null, problem: null });

describe('BackupPanel', () => {
  it('shows the latest backups with their date in French, size in Mo and kind, and how backups are kept', async () => {
    const backend = new FakeBackupBackend([
      backupInfo('2026-11-25T07:00:00Z', 'automatic', 12_400_000),
      backupInfo('2026-11-26T09:30:00Z', 'manual', 13_002_342),
      backupInfo('2026-11-20T07:00:00Z', 'before_restore', 40_000),
    ]);
    setup(backend);
    const panel = within(screen.getByTestId('backup-panel'));
    expect(panel.getByRole('heading', { name: 'Sauvegardes' })).toBeInTheDocument();
    expect(panel.getByText(/Une sauvegarde est faite chaque jour automatiquement ; Flocon garde les 7 derniers jours et les 4 semaines précédentes\./)).toBeInTheDocument();

    const rows = await panel.findAllByTestId('backup-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('26 novembre 2026 à 10:30');
    expect(rows[0]).toHaveTextContent('manuelle');
    expect(rows[0]).toHaveTextContent('12,4 Mo');
    expect(rows[1]).toHaveTextContent('25 novembre 2026 à 08:00');
    expect(rows[1]).toHaveTextContent('automatique');
    expect(rows[1]).toHaveTextContent('11,8 Mo');
    expect(rows[2]).toHaveTextContent('avant restauration');
    expect(rows[2]).toHaveTextContent('moins de 0,1 Mo');
    expect(panel.getByText(/dans le dossier \/home\/lea\/\.local\/share\/flocon\/backups\./)).toBeInTheDocument();
  });

  it('shows the five latest, and all of them on demand', async () => {
    const { user } = setup();
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(5);
    await user.click(screen.getByRole('button', { name: 'Afficher toutes les sauvegardes (7)' }));
    expect(screen.getAllByTestId('backup-row')).toHaveLength(7);
  });

  it('backs up now: the new backup is at the top and the status line says so', async () => {
    const { user, backend, now } = setup(new FakeBackupBackend([backupInfo('2026-11-25T07:00:00Z', 'automatic')]));
    await screen.findAllByTestId('backup-row');
    await user.click(screen.getByRole('button', { name: 'Sauvegarder maintenant' }));

    expect(now).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('backup-row');
    expect(rows[0]).toHaveTextContent('26 novembre 2026 à 10:30');
    expect(rows[0]).toHaveTextContent('manuelle');
    expect(screen.getByTestId('backup-status')).toHaveTextContent('Sauvegarde faite le 26 novembre 2026 à 10:30 (12,0 Mo).');
    expect(backend.backups).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Sauvegarder maintenant' })).toBeEnabled();
  });

  it('shows the button busy while the backup runs', async () => {
    const backend = sampleBackupBackend(NOW);
    let finish: () => void = () => {};
    vi.spyOn(backend, 'backupNow').mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve(backupInfo(NOW.toISOString(), 'manual')))),
    );
    const user = userEvent.setup();
    render(BackupPanel, { props: { backend } });
    await screen.findAllByTestId('backup-row');
    await user.click(screen.getByRole('button', { name: 'Sauvegarder maintenant' }));
    const busy = screen.getByRole('button', { name: 'Sauvegarde en cours…' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    finish();
    expect(await screen.findByRole('button', { name: 'Sauvegarder maintenant' })).toBeEnabled();
  });

  it('says in French when the backup fails, and lists nothing new', async () => {
    const backend = sampleBackupBackend(NOW);
    backend.failures.backupNow = storage('disk full');
    const { user } = setup(backend);
    await screen.findAllByTestId('backup-row');
    await user.click(screen.getByRole('button', { name: 'Sauvegarder maintenant' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('La sauvegarde n\'a pas pu être faite.');
    expect(alert).toHaveTextContent('disk full');
    expect(backend.backups).toHaveLength(7);
  });

  it('asks before restoring, saying what is replaced, that a copy is kept and that Flocon restarts; cancelling restores nothing', async () => {
    const { user, restore } = setup();
    await screen.findAllByTestId('backup-row');
    const rows = screen.getAllByTestId('backup-row');
    await user.click(within(rows[1]!).getByRole('button', { name: /^Restaurer la sauvegarde du 25 novembre 2026 à 08:30/ }));

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAccessibleName('Restaurer la sauvegarde du 25 novembre 2026 à 08:30 ?');
    expect(dialog).toHaveTextContent('Les données actuelles de Flocon seront remplacées par celles du 25 novembre 2026 à 08:30');
    expect(dialog).toHaveTextContent('Une copie des données actuelles est d\'abord gardée');
    expect(dialog).toHaveTextContent('puis Flocon redémarre.');
    expect(restore).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(restore).not.toHaveBeenCalled();
  });

  it('restores the chosen backup once confirmed, and says Flocon restarts', async () => {
    const { user, backend, restore } = setup();
    await screen.findAllByTestId('backup-row');
    const chosen = backend.backups[1]!;
    await user.click(screen.getByRole('button', { name: /^Restaurer la sauvegarde du 25 novembre 2026 à 08:30/ }));
    await user.click(screen.getByTestId('confirm-restore-backup'));

    expect(restore).toHaveBeenCalledExactlyOnceWith(chosen.name);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('backup-status')).toHaveTextContent('Restauration de la sauvegarde du 25 novembre 2026 à 08:30 : Flocon redémarre…');
    expect(backend.restored).toEqual([chosen.name]);
  });

  it('keeps the dialog open with the reason when the restore is refused', async () => {
    const backend = sampleBackupBackend(NOW);
    backend.failures.restoreBackup = new ApiError({ kind: 'refused', message: 'not a Flocon backup', field: null, problem: null });
    const { user } = setup(backend);
    await screen.findAllByTestId('backup-row');
    await user.click(screen.getAllByRole('button', { name: /^Restaurer la sauvegarde du/ })[0]!);
    await user.click(screen.getByTestId('confirm-restore-backup'));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('La sauvegarde n\'a pas été restaurée. Opération refusée : not a Flocon backup');
  });

  const refusal = (kind: string) => fixture.refusals.find((r) => r.case === kind)!.payload;

  it.each([
    [
      'unknown_trigger',
      'La sauvegarde n\'a pas été restaurée. Ce fichier n\'est pas une sauvegarde de Flocon : il contient un déclencheur inconnu « <img src=x onerror=alert(1)>\\nx ». Rien n\'a été modifié.',
    ],
    [
      'altered_table',
      'La sauvegarde n\'a pas été restaurée. Ce fichier n\'est pas une sauvegarde de Flocon : la définition de la table « tag » diffère de celle de Flocon. Rien n\'a été modifié.',
    ],
    [
      'missing_trigger',
      'La sauvegarde n\'a pas été restaurée. Ce fichier n\'est pas une sauvegarde de Flocon : il y manque le déclencheur « sync_person_delete » de Flocon (et une autre différence). Rien n\'a été modifié.',
    ],
  ])('says in French what a backup that is not Flocon\'s holds (%s), as plain text', async (kind, said) => {
    const backend = sampleBackupBackend(NOW);
    // As `call` turns the rejection Tauri hands over.
    backend.failures.restoreBackup = toSafetyError(refusal(kind));
    const { user } = setup(backend);
    await screen.findAllByTestId('backup-row');
    await user.click(screen.getAllByRole('button', { name: /^Restaurer la sauvegarde du/ })[0]!);
    await user.click(screen.getByTestId('confirm-restore-backup'));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(said, { normalizeWhitespace: false });
    expect(dialog.querySelector('img')).toBeNull();
    expect(backend.restored).toEqual([]);
  });

  it('says when there is no backup yet', async () => {
    setup(new FakeBackupBackend());
    expect(await screen.findByText(/Aucune sauvegarde pour l'instant/)).toBeInTheDocument();
    expect(screen.queryByTestId('backup-row')).toBeNull();
  });

  it('offers to try again when the list cannot be read', async () => {
    const backend = sampleBackupBackend(NOW);
    backend.failures.listBackups = storage('locked');
    const { user } = setup(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('La liste des sauvegardes n\'a pas pu être lue.');
    delete backend.failures.listBackups;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(5);
  });
});
