import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { SyncError } from './api';
import { FakeSyncBackend, sampleConflicts } from './fake';
import {
  en,
  entityName,
  fieldName,
  folderSize,
  formatBytes,
  formatWhen,
  fr,
  historySize,
  plural,
  reportSummary,
  syncErrorMessage,
  tr,
} from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

/** Intl separates a number from its unit, and thousands, with no-break spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

/** A local time in March 2026, so these read the same in every time zone. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();

describe('sync strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('syncNow')).toBe('Synchroniser maintenant');
    setLocale('en');
    expect(tr('syncNow')).toBe('Sync now');
  });

  it('count with each language\'s grammar', () => {
    expect(plural('status.conflicts', 1, 'fr')).toBe('1 conflit à régler');
    expect(plural('status.conflicts', 2, 'fr')).toBe('2 conflits à régler');
    expect(plural('status.conflicts', 1, 'en')).toBe('1 conflict to settle');
  });

  it('say how long ago, in the system time zone', () => {
    const now = new Date(2026, 2, 12, 14, 20); // a Thursday
    expect(formatWhen(at(12, 14, 20), now, 'fr')).toBe('à l\'instant');
    expect(formatWhen(at(12, 14, 17), now, 'fr')).toBe('il y a 3 minutes');
    expect(formatWhen(at(12, 14, 19), now, 'fr')).toBe('il y a 1 minute');
    expect(formatWhen(at(12, 9, 5), now, 'fr')).toBe('aujourd\'hui à 09:05');
    expect(formatWhen(at(11, 18, 5), now, 'fr')).toBe('hier à 18:05');
    expect(formatWhen(at(9, 10), now, 'fr')).toBe('lundi à 10:00');
    expect(formatWhen(at(1, 8, 30), now, 'fr')).toBe('le 1 mars à 08:30');
    expect(formatWhen(new Date(2025, 11, 24, 17).toISOString(), now, 'fr')).toBe('le 24 décembre 2025 à 17:00');
    // Another laptop's clock a little ahead.
    expect(formatWhen(at(12, 14, 20), new Date(2026, 2, 12, 14, 19, 30), 'fr')).toBe('à l\'instant');
    expect(formatWhen(at(11, 18, 5), now, 'en')).toBe('yesterday at 18:05');
    expect(formatWhen('not a date', now, 'fr')).toBe('not a date');
  });

  it('sum up a sync in one sentence', async () => {
    const [conflict] = sampleConflicts();
    const backend = new FakeSyncBackend({
      folder: '/media/cle/flocon',
      pending: 3,
      inbox: { changes: 12, merged: 1, conflicts: conflict ? [conflict] : [] },
    });
    expect(reportSummary(await backend.syncNow(), 'fr')).toBe('3 modifications envoyées, 12 reçues, 1 texte fusionné, 1 conflit');
    expect(reportSummary(await backend.syncNow(), 'fr')).toBe('Déjà à jour : rien à envoyer, rien de nouveau à recevoir.');

    backend.pending = 1;
    backend.inbox.changes = 1;
    expect(reportSummary(await backend.syncNow(), 'en')).toBe('1 change sent, 1 received');
  });

  it('write sizes in the unit that keeps them short, in the interface language', () => {
    expect(plain(formatBytes(12_345_678, 'fr'))).toBe('12,3 Mo');
    expect(plain(formatBytes(12_345_678, 'en'))).toBe('12.3 MB');
    expect(plain(formatBytes(20_480, 'fr'))).toBe('20,5 ko');
    expect(plain(formatBytes(1_400_000_000, 'fr'))).toBe('1,4 Go');
    expect(plain(formatBytes(35_000_000, 'fr'))).toBe('35 Mo');
    expect(plain(formatBytes(812, 'fr'))).toBe('812 octets');
    expect(plain(formatBytes(812, 'en'))).toBe('812 bytes');
    expect(plain(formatBytes(0, 'fr'))).toBe('0 octet');
  });

  it('say how big the shared folder and the history are, or that the folder cannot be reached', () => {
    const sizes = { folder: { bytes: 12_345_678, files: 48 }, history_bytes: 35_100_000, database_bytes: 80_200_000 };
    expect(plain(folderSize(sizes, 'fr'))).toBe('Dossier partagé : 12,3 Mo (48 fichiers)');
    expect(plain(historySize(sizes, 'fr'))).toBe('Historique sur cet ordinateur : 35,1 Mo');
    expect(plain(folderSize({ ...sizes, folder: { bytes: 3_282, files: 1 } }, 'fr'))).toBe('Dossier partagé : 3,3 ko (1 fichier)');
    expect(plain(folderSize({ ...sizes, folder: { bytes: 2_000_000_000, files: 12_000 } }, 'fr'))).toBe(
      'Dossier partagé : 2 Go (12 000 fichiers)',
    );
    expect(plain(folderSize(sizes, 'en'))).toBe('Shared folder: 12.3 MB (48 files)');
    expect(plain(historySize(sizes, 'en'))).toBe('History on this computer: 35.1 MB');
    expect(folderSize({ ...sizes, folder: null }, 'fr')).toMatch(/^Dossier partagé : taille inconnue/);
  });

  it('name records and fields in French, and keep unknown ones as they are', () => {
    expect(entityName('person', 'fr')).toBe('Contact');
    expect(entityName('session_template', 'fr')).toBe('Modèle de séance');
    expect(entityName('person_email', 'fr')).toBe('Contact (e-mail)');
    expect(entityName('objective_indicator', 'fr')).toBe('Objectif (indicateur)');
    expect(entityName('session_carried_action', 'fr')).toBe('Séance (carried action)');
    expect(entityName('widget', 'fr')).toBe('widget');
    expect(fieldName('city', 'fr')).toBe('Ville');
    expect(fieldName('due_on', 'fr')).toBe('Échéance');
    expect(fieldName('', 'fr')).toBe('Suppression');
    expect(fieldName('color', 'fr')).toBe('color');
  });

  it('word failures for the person at the keyboard', () => {
    expect(syncErrorMessage(new SyncError('wrong_passphrase', 'wrong passphrase'), 'fr')).toBe(
      'Phrase de passe incorrecte : ce n\'est pas celle de l\'équipe pour ce dossier. Rien n\'a été modifié.',
    );
    expect(syncErrorMessage(new SyncError('refused', 'read-only folder'), 'fr')).toBe(
      'Ce dossier ne peut pas servir à la synchronisation : read-only folder',
    );
    expect(syncErrorMessage(new SyncError('sync_folder_missing', 'the sync folder /media/cle is not there'), 'fr')).toBe(
      'Le dossier de synchronisation est introuvable (clé USB débranchée, partage non monté ?). Rien n\'a été lu ni écrit : branchez le support, puis synchronisez à nouveau.',
    );
    // The team folder's own refusals, in French, never the English message.
    for (const kind of ['sync_folder_not_ready', 'sync_folder_in_use', 'sync_key_changed', 'sync_manifest_replaced'] as const) {
      const text = syncErrorMessage(new SyncError(kind, 'ENGLISH TEXT'), 'fr');
      expect(text).not.toContain('ENGLISH');
      expect(text).toMatch(/dossier|phrase de passe/);
    }
    expect(syncErrorMessage(new SyncError('sync_key_changed', 'x'), 'fr')).toBe(
      'La phrase de passe de l\'équipe a été changée sur un autre ordinateur. Tapez la nouvelle phrase de passe.',
    );
    expect(syncErrorMessage(new SyncError('sync_manifest_replaced', 'x'), 'en')).toContain('Nothing was written');
  });
});
