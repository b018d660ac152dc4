import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { SyncError, type SyncReport } from './api';
import { FakeSyncBackend, KARIM_DEVICE, makeDevice, minutesAgo, sampleConflicts, sampleDevices } from './fake';
import SyncScreen from './SyncScreen.svelte';

function setup(backend = new FakeSyncBackend(), onconflicts = vi.fn()) {
  const user = userEvent.setup();
  render(SyncScreen, { props: { backend, onconflicts } });
  return { backend, user, onconflicts };
}

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

const WRONG = 'Phrase de passe incorrecte : ce n\'est pas celle de l\'équipe pour ce dossier. Rien n\'a été modifié.';

describe('SyncScreen', () => {
  it('explains sync and refuses a wrong passphrase, keeping what was typed', async () => {
    const { backend, user } = setup();
    const join = vi.spyOn(backend, 'join');
    const folder = await screen.findByTestId('sync-folder');
    expect(screen.getByText(/clé USB, un dossier Syncthing ou Nextcloud/)).toBeInTheDocument();
    expect(screen.getByText(/elle n'est jamais écrite dans le dossier/)).toBeInTheDocument();
    expect(screen.getByLabelText('Dossier partagé')).toBe(folder);
    const passphrase = screen.getByLabelText('Phrase de passe de l\'équipe');
    expect(passphrase).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Se souvenir de la phrase de passe sur cet ordinateur')).toBeChecked();

    await user.type(folder, '/media/cle-usb/flocon');
    await user.type(passphrase, 'mauvaise');
    await user.click(screen.getByTestId('sync-activate'));

    expect(await screen.findByTestId('sync-error')).toHaveTextContent(WRONG);
    expect(join).toHaveBeenCalledWith('/media/cle-usb/flocon', 'mauvaise', true);
    expect(folder).toHaveValue('/media/cle-usb/flocon');
    expect(passphrase).toHaveValue('mauvaise');
    expect(screen.getByTestId('sync-remember')).toBeChecked();
    await waitFor(() => expect(passphrase).toHaveFocus());
    expect(passphrase).toHaveAttribute('aria-invalid', 'true');
    expect(passphrase.getAttribute('aria-describedby')).toContain('sync-setup-error');
    expect(backend.folder).toBeNull();
  });

  it('asks for the folder and the passphrase before trying', async () => {
    const { backend, user } = setup();
    const join = vi.spyOn(backend, 'join');
    await user.click(await screen.findByTestId('sync-activate'));
    expect(screen.getByText('Indiquez le dossier partagé.')).toHaveAttribute('data-field-error', 'folder');
    expect(screen.getByText('Indiquez la phrase de passe de l\'équipe.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('sync-folder')).toHaveFocus());
    expect(join).not.toHaveBeenCalled();
  });

  it('turns sync on, then syncs and sums up what happened', async () => {
    const [notes] = sampleConflicts();
    const backend = new FakeSyncBackend({
      pending: 3,
      inbox: {
        changes: 12,
        merged: 1,
        conflicts: notes ? [notes] : [],
        devices: [makeDevice({ id: KARIM_DEVICE, name: 'Portable de Karim', last_change_at: minutesAgo(3), commits: 5 })],
        skipped: [
          { path: 'karim/000012.flocon', reason: 'incomplete' },
          { path: 'karim/000013.flocon', reason: 'damaged' },
        ],
      },
    });
    const { user, onconflicts } = setup(backend);
    await user.type(await screen.findByTestId('sync-folder'), '/home/lea/Nextcloud/Flocon');
    await user.type(screen.getByTestId('sync-passphrase'), 'ours polaire sur la banquise');
    await user.click(screen.getByTestId('sync-remember'));
    await user.click(screen.getByTestId('sync-activate'));

    expect(await screen.findByText('Synchronisation activée avec ce dossier.')).toBeInTheDocument();
    expect(backend.remembered).toBe(false);
    expect(screen.getByText('/home/lea/Nextcloud/Flocon')).toBeInTheDocument();
    expect(screen.getByTestId('sync-device-name')).toHaveTextContent('Portable de Léa');
    expect(screen.getByTestId('sync-last')).toHaveTextContent('Dernière synchronisation : jamais');
    expect(screen.getByTestId('sync-pending')).toHaveTextContent('3');
    expect(screen.getByTestId('sync-now')).toHaveFocus();
    expect(screen.queryByTestId('sync-conflicts-link')).toBeNull();

    await user.click(screen.getByTestId('sync-now'));
    const report = await screen.findByTestId('sync-report');
    expect(report).toHaveTextContent('3 modifications envoyées, 12 reçues, 1 texte fusionné, 1 conflit');
    const skipped = within(report).getAllByTestId('sync-skipped');
    expect(skipped[0]).toHaveTextContent('karim/000012.flocon — en cours de copie, sera relu à la prochaine synchronisation');
    expect(skipped[1]).toHaveTextContent('karim/000013.flocon — endommagé ou modifié : ignoré');

    await waitFor(() => expect(screen.getByTestId('sync-last')).toHaveTextContent('Dernière synchronisation : à l\'instant'));
    expect(screen.getByTestId('sync-last').getAttribute('title')).toMatch(/\d{4} à \d{2}:\d{2}$/);
    expect(screen.getByTestId('sync-pending')).toHaveTextContent('0');
    const devices = within(screen.getByTestId('sync-devices')).getAllByTestId('sync-device');
    expect(devices.map((d) => d.textContent)).toEqual([
      expect.stringMatching(/Portable de Léa\s*cet ordinateur/),
      expect.stringContaining('Portable de Karim'),
    ]);
    expect(devices[1]).toHaveTextContent('Dernière modification : il y a 3 minutes');

    await user.click(screen.getByTestId('sync-conflicts-link'));
    expect(screen.getByTestId('sync-conflicts-link')).toHaveTextContent('1 conflit à régler');
    expect(onconflicts).toHaveBeenCalledOnce();
  });

  it('says how big the shared folder and this computer\'s history are, in the interface language', async () => {
    const sizes = { folder: { bytes: 12_345_678, files: 48 }, history_bytes: 35_100_000, database_bytes: 80_200_000 };
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', sizes });
    const { user } = setup(backend);
    expect(await screen.findByTestId('sync-folder-size')).toHaveTextContent('Dossier partagé : 12,3 Mo (48 fichiers)');
    expect(screen.getByTestId('sync-history-size')).toHaveTextContent('Historique sur cet ordinateur : 35,1 Mo');

    // After a sync, the sizes the status gives now.
    backend.sizes = { ...sizes, folder: { bytes: 13_000_000, files: 49 }, history_bytes: 35_200_000 };
    await user.click(screen.getByTestId('sync-now'));
    await screen.findByTestId('sync-report');
    await waitFor(() => expect(screen.getByTestId('sync-folder-size')).toHaveTextContent('Dossier partagé : 13 Mo (49 fichiers)'));
    expect(screen.getByTestId('sync-history-size')).toHaveTextContent('Historique sur cet ordinateur : 35,2 Mo');
  });

  it('says when the shared folder cannot be reached to be measured', async () => {
    setLocale('en');
    const backend = new FakeSyncBackend({
      folder: '/media/cle/flocon',
      sizes: { folder: null, history_bytes: 35_100_000, database_bytes: 80_200_000 },
    });
    setup(backend);
    expect(await screen.findByTestId('sync-folder-size')).toHaveTextContent(
      'Shared folder: size unknown, the folder cannot be reached right now (USB key unplugged, share offline?)',
    );
    expect(screen.getByTestId('sync-history-size')).toHaveTextContent('History on this computer: 35.1 MB');
  });

  it('shows that a sync is running, and announces its result', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', lastSync: minutesAgo(5), devices: sampleDevices() });
    let finish: (report: SyncReport) => void = () => {};
    const real = backend.syncNow.bind(backend);
    vi.spyOn(backend, 'syncNow').mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const { user } = setup(backend);
    expect(await screen.findByTestId('sync-last')).toHaveTextContent('Dernière synchronisation : il y a 5 minutes');

    await user.click(screen.getByTestId('sync-now'));
    const button = screen.getByTestId('sync-now');
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('Synchronisation…');
    finish(await real());

    const report = await screen.findByTestId('sync-report');
    expect(report.closest('[aria-live="polite"]')).not.toBeNull();
    expect(report).toHaveTextContent('Déjà à jour');
    await waitFor(() => expect(screen.getByTestId('sync-now')).toBeEnabled());
    expect(screen.getByTestId('sync-now')).toHaveTextContent('Synchroniser maintenant');
  });

  it('asks for the passphrase when this run does not know it, then syncs', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', unlocked: false, pending: 2 });
    const syncNow = vi.spyOn(backend, 'syncNow');
    const unlock = vi.spyOn(backend, 'unlock');
    const { user } = setup(backend);
    await user.click(await screen.findByTestId('sync-now'));

    const input = await screen.findByTestId('sync-unlock-passphrase');
    expect(screen.getByText('Phrase de passe nécessaire')).toBeInTheDocument();
    await waitFor(() => expect(input).toHaveFocus());
    expect(screen.queryByTestId('sync-report')).toBeNull();

    await user.type(input, 'mauvaise');
    await user.click(screen.getByTestId('sync-unlock-submit'));
    expect(await screen.findByTestId('sync-error')).toHaveTextContent(WRONG);

    await user.clear(input);
    await user.type(input, 'ours polaire{Enter}');
    expect(await screen.findByTestId('sync-report')).toHaveTextContent('2 modifications envoyées, 0 reçue');
    expect(unlock).toHaveBeenLastCalledWith('ours polaire', true);
    expect(syncNow).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('sync-unlock-passphrase')).toBeNull();
  });

  it('warns about changes waiting for a file and changes from a newer Flocon', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
    backend.waiting = 4;
    backend.needsUpdate = 2;
    setup(backend);
    expect(await screen.findByTestId('sync-waiting')).toHaveTextContent(
      '4 modifications attendent un fichier qui n\'est pas encore arrivé dans le dossier',
    );
    expect(screen.getByTestId('sync-needs-update')).toHaveTextContent(
      'Des modifications viennent d\'une version plus récente de Flocon : mettez Flocon à jour pour les appliquer. Elles sont gardées en attendant.',
    );
  });

  it('says which laptop dates its changes days ahead of this one, and what that means', async () => {
    const backend = new FakeSyncBackend({
      folder: '/media/cle/flocon',
      devices: [
        makeDevice({ id: 'lea', name: 'Portable de Léa', last_change_at: minutesAgo(5), this_device: true }),
        // Karim's laptop believes it is next year; Samia's is a few hours ahead only.
        makeDevice({ id: KARIM_DEVICE, name: 'Portable de Karim', last_change_at: minutesAgo(-60 * 24 * 365 - 60) }),
        makeDevice({ id: 'samia', name: 'Portable de Samia', last_change_at: minutesAgo(-60 * 3) }),
      ],
    });
    setup(backend);
    const warnings = await screen.findAllByTestId('sync-clock-ahead');
    expect(warnings).toHaveLength(1);
    const karim = within(screen.getByTestId('sync-devices'))
      .getAllByTestId('sync-device')
      .find((d) => d.textContent?.includes('Karim'));
    expect(karim).toContainElement(warnings[0]!);
    expect(warnings[0]).toHaveTextContent(
      'Son horloge a 365 jours d\'avance sur celle de cet ordinateur : réglez l\'heure de celui qui se trompe.',
    );
    expect(warnings[0]).toHaveTextContent('(l\'autre reste dans les conflits)');
  });

  it('shows a failed sync without losing the page', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
    backend.failures.syncNow = new SyncError('storage', 'the folder is not mounted');
    const { user } = setup(backend);
    await user.click(await screen.findByTestId('sync-now'));
    expect(await screen.findByTestId('sync-error')).toHaveTextContent(
      'La synchronisation n\'a pas abouti. Flocon n\'arrive pas à lire ou à écrire ses données : the folder is not mounted',
    );
    expect(screen.getByTestId('sync-now')).toBeEnabled();
  });

  it('keeps the page when the status cannot be read again after a sync', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', pending: 1 });
    const { user } = setup(backend);
    expect(await screen.findByTestId('sync-last')).toHaveTextContent('jamais');
    backend.failures.status = new SyncError('storage', 'database is locked');
    await user.click(screen.getByTestId('sync-now'));
    expect(await screen.findByTestId('sync-report')).toHaveTextContent('1 modification envoyée, 0 reçue');
    expect(screen.getByTestId('sync-last')).toHaveTextContent('Dernière synchronisation : à l\'instant');
  });

  it('stops syncing only after saying that nothing is deleted', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', conflicts: sampleConflicts() });
    const disconnect = vi.spyOn(backend, 'disconnect');
    const { user } = setup(backend);

    await user.click(await screen.findByTestId('sync-disconnect'));
    expect(screen.getByRole('dialog')).toHaveTextContent('Rien n\'est supprimé');
    await user.click(screen.getByTestId('cancel-sync-disconnect'));
    expect(disconnect).not.toHaveBeenCalled();
    expect(screen.getByTestId('sync-disconnect')).toHaveFocus();

    await user.click(screen.getByTestId('sync-disconnect'));
    await user.click(screen.getByTestId('confirm-sync-disconnect'));
    expect(await screen.findByTestId('sync-folder')).toHaveValue('');
    expect(screen.getByText('La synchronisation est arrêtée. Rien n\'a été supprimé.')).toBeInTheDocument();
    expect(disconnect).toHaveBeenCalledOnce();
  });

  describe('the team folder', () => {
    it('joins by default, and creating one asks for the passphrase twice', async () => {
      const { backend, user } = setup();
      const create = vi.spyOn(backend, 'create');
      const join = await screen.findByTestId('sync-mode-join');
      expect(join).toBeChecked();
      expect(screen.getByLabelText(/Rejoindre un dossier d'équipe/)).toBe(join);
      expect(screen.queryByTestId('sync-passphrase-again')).toBeNull();
      expect(screen.getByTestId('sync-activate')).toHaveTextContent('Rejoindre le dossier d\'équipe');

      await user.click(screen.getByLabelText(/Créer un dossier d'équipe/));
      expect(screen.getByText(/Une seule fois, sur le premier ordinateur de l'équipe/)).toBeInTheDocument();
      expect(screen.getByTestId('sync-activate')).toHaveTextContent('Créer le dossier d\'équipe');
      await user.type(screen.getByTestId('sync-folder'), '/home/lea/Sync/Flocon');
      await user.type(screen.getByTestId('sync-passphrase'), 'ours polaire');
      await user.click(screen.getByTestId('sync-activate'));
      expect(screen.getByText('Tapez la phrase de passe une seconde fois.')).toBeInTheDocument();
      const again = screen.getByLabelText('La même phrase de passe, une seconde fois');
      await waitFor(() => expect(again).toHaveFocus());
      await user.type(again, 'ours polair');
      await user.click(screen.getByTestId('sync-activate'));
      expect(screen.getByText('Les deux phrases de passe ne sont pas identiques.')).toBeInTheDocument();
      expect(again).toHaveAttribute('aria-invalid', 'true');
      expect(create).not.toHaveBeenCalled();

      await user.type(again, 'e');
      await user.click(screen.getByTestId('sync-activate'));
      expect(await screen.findByText(/Dossier d'équipe créé\. Les autres ordinateurs peuvent le rejoindre/)).toBeInTheDocument();
      expect(create).toHaveBeenCalledExactlyOnceWith('/home/lea/Sync/Flocon', 'ours polaire', true);
    });

    it('creating where a team folder already is says to join it instead', async () => {
      const backend = new FakeSyncBackend();
      backend.teamFolders.set('/media/cle/flocon', 'ours polaire');
      const { user } = setup(backend);
      await user.click(await screen.findByTestId('sync-mode-create'));
      await user.type(screen.getByTestId('sync-folder'), '/media/cle/flocon');
      await user.type(screen.getByTestId('sync-passphrase'), 'une autre');
      await user.type(screen.getByTestId('sync-passphrase-again'), 'une autre');
      await user.click(screen.getByTestId('sync-activate'));
      expect(await screen.findByTestId('sync-error')).toHaveTextContent(
        'Ce dossier est déjà un dossier d\'équipe (ou contient déjà des fichiers de Flocon) : choisissez « Rejoindre un dossier d\'équipe ». Rien n\'a été modifié.',
      );
      expect(screen.getByTestId('sync-folder')).toHaveAttribute('aria-invalid', 'true');
      expect(backend.folder).toBeNull();
    });

    it('joining a folder the sync tool has not brought yet, or that is not there, says so', async () => {
      const backend = new FakeSyncBackend();
      backend.failures.join = new SyncError('sync_folder_not_ready', 'no team file yet');
      const { user } = setup(backend);
      await user.type(await screen.findByTestId('sync-folder'), '/home/karim/Sync/Flocon');
      await user.type(screen.getByTestId('sync-passphrase'), 'ours polaire');
      await user.click(screen.getByTestId('sync-activate'));
      expect(await screen.findByTestId('sync-error')).toHaveTextContent(
        'Le dossier d\'équipe n\'est pas encore arrivé : attendez que Syncthing (ou votre outil de partage) l\'ait copié, ou créez-le sur le premier ordinateur. Rien n\'a été écrit.',
      );
      await waitFor(() => expect(screen.getByTestId('sync-folder')).toHaveFocus());

      backend.failures.join = new SyncError('sync_folder_missing', 'not there');
      await user.click(screen.getByTestId('sync-activate'));
      await waitFor(() =>
        expect(screen.getByTestId('sync-error')).toHaveTextContent('Le dossier de synchronisation est introuvable (clé USB débranchée'),
      );
    });
  });

  describe('a change of the team passphrase', () => {
    it('made on another computer: the next sync asks for the new one, then syncs', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', pending: 2 });
      backend.teamPassphrase = 'ancienne phrase';
      backend.changeTeamPassphrase('nouvelle phrase');
      const unlock = vi.spyOn(backend, 'unlock');
      const { user } = setup(backend);
      await user.click(await screen.findByTestId('sync-now'));

      const form = await screen.findByTestId('sync-key-changed');
      expect(form).toHaveTextContent('La phrase de passe de l\'équipe a changé');
      expect(form).toHaveTextContent('Elle a été changée sur un autre ordinateur de l\'équipe.');
      const input = within(form).getByLabelText('Nouvelle phrase de passe de l\'équipe');
      await waitFor(() => expect(input).toHaveFocus());
      expect(screen.queryByTestId('sync-error')).toBeNull();

      await user.type(input, 'ancienne phrase{Enter}');
      expect(await screen.findByTestId('sync-error')).toHaveTextContent(
        'C\'est l\'ancienne phrase de passe : elle a été changée sur un autre ordinateur. Tapez la nouvelle.',
      );
      await user.clear(input);
      await user.type(input, 'mauvaise{Enter}');
      await waitFor(() => expect(screen.getByTestId('sync-error')).toHaveTextContent(WRONG));
      await user.clear(input);
      await user.type(input, 'nouvelle phrase');
      await user.click(screen.getByTestId('sync-unlock-submit'));
      expect(await screen.findByTestId('sync-report')).toHaveTextContent('2 modifications envoyées, 0 reçue');
      expect(unlock).toHaveBeenLastCalledWith('nouvelle phrase', true);
      expect(screen.queryByTestId('sync-key-changed')).toBeNull();
    });

    it('met by an automatic sync: the screen asks for it as soon as it opens', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
      backend.changeTeamPassphrase('nouvelle phrase');
      backend.keyChanged = true;
      setup(backend);
      expect(await screen.findByTestId('sync-key-changed')).toHaveTextContent('La phrase de passe de l\'équipe a changé');
    });

    it('made here: explained, the new one typed twice, then everyone else is asked for it', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', pending: 1 });
      backend.teamPassphrase = 'ancienne phrase';
      const rekey = vi.spyOn(backend, 'rekey');
      const { user } = setup(backend);
      await user.click(await screen.findByTestId('sync-rekey'));
      const form = screen.getByTestId('sync-rekey-form');
      expect(form).toHaveTextContent('supprime les fichiers de l\'ancienne');
      expect(form).toHaveTextContent('Ce qu\'une personne a déjà copié reste chez elle.');
      const first = within(form).getByLabelText('Nouvelle phrase de passe');
      await waitFor(() => expect(first).toHaveFocus());

      await user.click(screen.getByTestId('sync-rekey-submit'));
      expect(form).toHaveTextContent('Indiquez la nouvelle phrase de passe.');
      await user.type(first, 'nouvelle phrase');
      await user.type(screen.getByTestId('sync-rekey-again'), 'nouvelle phrasE');
      await user.click(screen.getByTestId('sync-rekey-submit'));
      expect(form).toHaveTextContent('Les deux phrases de passe ne sont pas identiques.');
      expect(rekey).not.toHaveBeenCalled();

      await user.clear(screen.getByTestId('sync-rekey-again'));
      await user.type(screen.getByTestId('sync-rekey-again'), 'ancienne phrase');
      await user.clear(first);
      await user.type(first, 'ancienne phrase');
      await user.click(screen.getByTestId('sync-rekey-submit'));
      expect(await screen.findByTestId('sync-rekey-error')).toHaveTextContent('La phrase de passe n\'a pas pu être changée.');

      await user.clear(first);
      await user.type(first, 'nouvelle phrase');
      await user.clear(screen.getByTestId('sync-rekey-again'));
      await user.type(screen.getByTestId('sync-rekey-again'), 'nouvelle phrase{Enter}');
      expect(
        await screen.findByText(/La phrase de passe de l'équipe a changé\. Donnez la nouvelle aux autres ordinateurs/),
      ).toBeInTheDocument();
      expect(rekey).toHaveBeenLastCalledWith('nouvelle phrase');
      expect(screen.queryByTestId('sync-rekey-form')).toBeNull();
      expect(screen.getByTestId('sync-report')).toHaveTextContent('1 modification envoyée, 0 reçue');
      await waitFor(() => expect(screen.getByTestId('sync-rekey')).toHaveFocus());
    });
  });

  describe('renaming this computer', () => {
    async function openRename(backend: FakeSyncBackend) {
      const { user } = setup(backend);
      await user.click(await screen.findByTestId('sync-rename'));
      const input = screen.getByTestId('sync-rename-input');
      await waitFor(() => expect(input).toHaveFocus());
      return { user, input };
    }

    it('saves the trimmed name, shows it and gives focus back', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'vm' });
      const renameDevice = vi.spyOn(backend, 'renameDevice');
      const { user } = setup(backend);
      expect(await screen.findByTestId('sync-device-name')).toHaveTextContent('vm');
      const rename = screen.getByRole('button', { name: 'Renommer cet ordinateur' });
      expect(rename).toBe(screen.getByTestId('sync-rename'));
      expect(rename).toHaveTextContent('Renommer');

      await user.click(rename);
      const input = screen.getByLabelText('Nom de cet ordinateur');
      expect(input).toBe(screen.getByTestId('sync-rename-input'));
      expect(input).toHaveValue('vm');
      await waitFor(() => expect(input).toHaveFocus());
      expect(screen.getByText('Le nom que les autres ordinateurs voient, par exemple « Portable de Léa ».')).toBeInTheDocument();
      expect(input.getAttribute('aria-describedby')).toContain('sync-rename-hint');
      expect(screen.queryByTestId('sync-device-name')).toBeNull();

      await user.clear(input);
      await user.type(input, '  Portable de Léa  {Enter}');

      expect((await screen.findByTestId('sync-device-name')).textContent).toBe('Portable de Léa');
      expect(renameDevice).toHaveBeenCalledExactlyOnceWith('Portable de Léa');
      expect(screen.queryByTestId('sync-rename-input')).toBeNull();
      await waitFor(() => expect(screen.getByTestId('sync-rename')).toHaveFocus());
      expect(within(screen.getByTestId('sync-devices')).getByTestId('sync-device')).toHaveTextContent(
        /Portable de Léa\s*cet ordinateur/,
      );
    });

    it('saves with the button too', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'lea-thinkpad' });
      const { user, input } = await openRename(backend);
      await user.clear(input);
      await user.type(input, 'Portable de Léa');
      await user.click(screen.getByTestId('sync-rename-save'));
      expect((await screen.findByTestId('sync-device-name')).textContent).toBe('Portable de Léa');
      expect(backend.deviceName).toBe('Portable de Léa');
    });

    it('asks for a name when it is left blank, keeping the form open', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'vm' });
      const renameDevice = vi.spyOn(backend, 'renameDevice');
      const { user, input } = await openRename(backend);
      await user.clear(input);
      await user.type(input, '   ');
      await user.click(screen.getByTestId('sync-rename-save'));

      const error = await screen.findByTestId('sync-rename-error');
      expect(error).toHaveTextContent('Donnez un nom à cet ordinateur.');
      expect(renameDevice).not.toHaveBeenCalled();
      expect(screen.getByTestId('sync-rename-input')).toBe(input);
      expect(input).toHaveFocus();
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input.getAttribute('aria-describedby')).toContain('sync-rename-error');
      expect(backend.deviceName).toBe('vm');
    });

    it('shows the backend\'s refusal in the form, which stays open', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'vm' });
      const { user, input } = await openRename(backend);

      backend.failures.renameDevice = new SyncError('invalid', 'device_name: required', { code: 'required' });
      await user.clear(input);
      await user.type(input, 'Portable de Léa{Enter}');
      expect(await screen.findByTestId('sync-rename-error')).toHaveTextContent('Donnez un nom à cet ordinateur.');

      backend.failures.renameDevice = new SyncError('storage', 'database is locked');
      await user.click(screen.getByTestId('sync-rename-save'));
      await waitFor(() =>
        expect(screen.getByTestId('sync-rename-error')).toHaveTextContent(
          'Le nom n\'a pas pu être changé. Flocon n\'arrive pas à lire ou à écrire ses données : database is locked',
        ),
      );
      expect(input).toHaveFocus();
      expect(screen.getByTestId('sync-rename-save')).toBeEnabled();

      delete backend.failures.renameDevice;
      await user.click(screen.getByTestId('sync-rename-save'));
      expect((await screen.findByTestId('sync-device-name')).textContent).toBe('Portable de Léa');
    });

    it('cancels with Escape or « Annuler » without saving', async () => {
      const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'vm' });
      const renameDevice = vi.spyOn(backend, 'renameDevice');
      const { user, input } = await openRename(backend);
      await user.clear(input);
      await user.type(input, 'Autre nom');
      await user.keyboard('{Escape}');

      expect((await screen.findByTestId('sync-device-name')).textContent).toBe('vm');
      expect(screen.queryByTestId('sync-rename-input')).toBeNull();
      await waitFor(() => expect(screen.getByTestId('sync-rename')).toHaveFocus());

      await user.click(screen.getByTestId('sync-rename'));
      expect(await screen.findByTestId('sync-rename-input')).toHaveValue('vm');
      await user.click(screen.getByRole('button', { name: 'Annuler' }));
      await waitFor(() => expect(screen.getByTestId('sync-rename')).toHaveFocus());
      expect(renameDevice).not.toHaveBeenCalled();
    });
  });
});
