// The words of the backup panel and of the damaged-database screen, French first, and how
// they say a backup's date, size and kind.

import { currentLocale, errorMessage, formatDateTime, type DescribableError, type Locale } from '../i18n';
import { numberFormat } from '../i18n/intl';
import type { BackupInfo, BackupKind } from './api';

export const fr = {
  'panel.title': 'Sauvegardes',
  'panel.auto': 'Une sauvegarde est faite chaque jour automatiquement ; Flocon garde les 7 derniers jours et les 4 semaines précédentes.',
  'panel.kept': 'Les sauvegardes manuelles et celles faites avant une restauration sont toujours gardées.',
  'panel.where': 'Elles sont rangées sur cet ordinateur, dans le dossier {dir}.',
  loading: 'Chargement des sauvegardes…',
  retry: 'Réessayer',
  'error.load': 'La liste des sauvegardes n\'a pas pu être lue. {message}',
  none: 'Aucune sauvegarde pour l\'instant : la première sera faite automatiquement aujourd\'hui, ou tout de suite avec « Sauvegarder maintenant ».',
  'list.label': 'Sauvegardes disponibles',
  'list.all': 'Afficher toutes les sauvegardes ({count})',
  'list.fewer': 'Afficher seulement les plus récentes',

  'kind.automatic': 'automatique',
  'kind.manual': 'manuelle',
  'kind.before_restore': 'avant restauration',
  'size.mb': '{size} Mo',
  'size.small': 'moins de 0,1 Mo',

  now: 'Sauvegarder maintenant',
  'now.busy': 'Sauvegarde en cours…',
  'now.done': 'Sauvegarde faite le {when} ({size}).',
  'error.now': 'La sauvegarde n\'a pas pu être faite. {message}',

  restore: 'Restaurer…',
  'restore.label': 'Restaurer la sauvegarde du {when}…',
  'restore.title': 'Restaurer la sauvegarde du {when} ?',
  'restore.body':
    'Les données actuelles de Flocon seront remplacées par celles du {when} : ce qui a été saisi depuis ne sera plus dans Flocon sur cet ordinateur. Une copie des données actuelles est d\'abord gardée (une sauvegarde « avant restauration »), puis Flocon redémarre.',
  'restore.confirm': 'Restaurer et redémarrer',
  'restore.cancel': 'Annuler',
  'restore.restarting': 'Restauration de la sauvegarde du {when} : Flocon redémarre…',
  'error.restore': 'La sauvegarde n\'a pas été restaurée. {message}',
  'error.damaged': 'Le fichier de données de Flocon est endommagé : rien n\'a été modifié.',

  'damaged.title': 'Les données de Flocon sont endommagées',
  'damaged.what':
    'Le fichier où Flocon range ses données sur cet ordinateur est abîmé : il ne peut plus être lu correctement. Cela peut arriver après une coupure de courant, un ordinateur éteint brusquement ou un disque en mauvais état.',
  'damaged.untouched': 'Flocon n\'a pas modifié ce fichier, et n\'y écrira rien tant qu\'il est dans cet état.',
  'damaged.advice':
    'Le plus sûr est de revenir à la dernière sauvegarde. Ce qui a été saisi après elle ne sera pas dans les données restaurées.',
  'damaged.latest': 'Restaurer la dernière sauvegarde ({when})',
  'damaged.others': 'Autres sauvegardes',
  'damaged.loading': 'Recherche des sauvegardes…',
  'damaged.none.title': 'Aucune sauvegarde sur cet ordinateur',
  'damaged.none':
    'Flocon n\'a trouvé aucune sauvegarde à restaurer. Ne supprimez pas le fichier et n\'essayez pas de le réparer vous-même : contactez la personne qui s\'occupe de Flocon dans l\'association, en lui donnant le détail ci-dessous.',
  'damaged.none.sync': 'Si l\'équipe synchronise ses données, les autres ordinateurs en ont une copie.',
  'damaged.file': 'Le fichier endommagé : {file}',
  'damaged.fileDefault':
    'Le fichier endommagé s\'appelle flocon.sqlite3, dans le dossier de données de Flocon (sous Linux ~/.local/share/flocon, sous Windows %APPDATA%\\Flocon\\flocon\\data, sous macOS ~/Library/Application Support/org.Flocon.flocon).',
  'damaged.detail': 'Détail pour l\'assistance : {detail}',
  'damaged.restore.title': 'Restaurer la sauvegarde du {when} ?',
  'damaged.restore.body':
    'Les données endommagées seront remplacées par celles de la sauvegarde du {when}, puis Flocon redémarrera. Le fichier endommagé est mis de côté avec les sauvegardes, jamais effacé. Ce qui a été saisi après cette sauvegarde ne sera pas dans les données restaurées.',
} as const;

export type BackupKey = keyof typeof fr;

export const en: Record<BackupKey, string> = {
  'panel.title': 'Backups',
  'panel.auto': 'A backup is made automatically every day; Flocon keeps the last 7 days and the 4 weeks before.',
  'panel.kept': 'Manual backups and those made before a restore are always kept.',
  'panel.where': 'They are kept on this computer, in the folder {dir}.',
  loading: 'Loading backups…',
  retry: 'Try again',
  'error.load': 'The list of backups could not be read. {message}',
  none: 'No backup yet: the first one will be made automatically today, or right now with “Back up now”.',
  'list.label': 'Available backups',
  'list.all': 'Show all backups ({count})',
  'list.fewer': 'Show only the latest',

  'kind.automatic': 'automatic',
  'kind.manual': 'manual',
  'kind.before_restore': 'before restore',
  'size.mb': '{size} MB',
  'size.small': 'less than 0.1 MB',

  now: 'Back up now',
  'now.busy': 'Backing up…',
  'now.done': 'Backup made on {when} ({size}).',
  'error.now': 'The backup could not be made. {message}',

  restore: 'Restore…',
  'restore.label': 'Restore the backup of {when}…',
  'restore.title': 'Restore the backup of {when}?',
  'restore.body':
    'Flocon\'s current data will be replaced by that of {when}: what was entered since will no longer be in Flocon on this computer. A copy of the current data is kept first (a “before restore” backup), then Flocon restarts.',
  'restore.confirm': 'Restore and restart',
  'restore.cancel': 'Cancel',
  'restore.restarting': 'Restoring the backup of {when}: Flocon is restarting…',
  'error.restore': 'The backup was not restored. {message}',
  'error.damaged': 'Flocon\'s data file is damaged: nothing was changed.',

  'damaged.title': 'Flocon\'s data is damaged',
  'damaged.what':
    'The file where Flocon keeps its data on this computer is damaged: it can no longer be read correctly. This can happen after a power cut, a computer switched off abruptly or a failing disk.',
  'damaged.untouched': 'Flocon has not changed this file, and will write nothing to it while it is in this state.',
  'damaged.advice': 'The safest is to go back to the latest backup. What was entered after it will not be in the restored data.',
  'damaged.latest': 'Restore the latest backup ({when})',
  'damaged.others': 'Other backups',
  'damaged.loading': 'Looking for backups…',
  'damaged.none.title': 'No backup on this computer',
  'damaged.none':
    'Flocon found no backup to restore. Do not delete the file and do not try to repair it yourself: contact the person in charge of Flocon in the association, giving them the detail below.',
  'damaged.none.sync': 'If the team syncs its data, the other computers have a copy of it.',
  'damaged.file': 'The damaged file: {file}',
  'damaged.fileDefault':
    'The damaged file is called flocon.sqlite3, in Flocon\'s data folder (on Linux ~/.local/share/flocon, on Windows %APPDATA%\\Flocon\\flocon\\data, on macOS ~/Library/Application Support/org.Flocon.flocon).',
  'damaged.detail': 'Detail for support: {detail}',
  'damaged.restore.title': 'Restore the backup of {when}?',
  'damaged.restore.body':
    'The damaged data will be replaced by that of the backup of {when}, then Flocon will restart. The damaged file is set aside with the backups, never erased. What was entered after this backup will not be in the restored data.',
};

const dictionaries: Record<Locale, Record<BackupKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: BackupKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const BACKUP_KINDS: readonly BackupKind[] = ['automatic', 'manual', 'before_restore'];

export const kindLabel = (kind: BackupKind, locale: Locale = currentLocale()) => tr(`kind.${kind}`, undefined, locale);

/** « 26 novembre 2026 à 10:30 », in the user's time zone (`timeZone` is for tests). */
export const takenAt = (backup: BackupInfo, locale: Locale = currentLocale(), timeZone?: string) =>
  formatDateTime(backup.taken_at, locale, timeZone);

const MEGABYTE = 1024 * 1024;

/** « 12,4 Mo », as a file manager shows it (1 Mo = 1 024 × 1 024 octets). */
export function formatSize(bytes: number, locale: Locale = currentLocale()): string {
  const megabytes = bytes / MEGABYTE;
  if (megabytes < 0.05) return tr('size.small', undefined, locale);
  const size = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(megabytes);
  return tr('size.mb', { size }, locale);
}

/** A file's folder, whichever the separator. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** The database file, found from a backup's path: backups live in <data dir>/backups/. */
export function databaseFileNear(backup: BackupInfo): string {
  const dataDir = folderOf(folderOf(backup.file));
  const separator = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  return `${dataDir}${separator}flocon.sqlite3`;
}

/** A failure in French; a damaged database gets its own words. */
export function failureText(error: DescribableError, locale: Locale = currentLocale()): string {
  if (error.kind === 'damaged') return tr('error.damaged', undefined, locale);
  return errorMessage(error, locale);
}
