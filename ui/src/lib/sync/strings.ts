// The sync and conflicts screens' own words, French first, and how they show times, counts and
// the names of records. They live here rather than in the shared dictionaries so that this
// folder can be wired in on its own; the language is the app's.

import type { Locale } from '../i18n';
import { currentLocale, errorMessage } from '../i18n';
import type { SkipReason, SyncError, SyncReport, SyncSizes } from './api';
import { dateTimeFormat, numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  title: 'Synchronisation',
  'intro.own': 'Chaque ordinateur garde ses propres données et fonctionne sans connexion.',
  'intro.folder':
    'Pour rester à jour, les ordinateurs de l\'équipe s\'échangent des fichiers de modifications chiffrés par un dossier partagé : une clé USB, un dossier Syncthing ou Nextcloud.',
  'intro.passphrase':
    'La phrase de passe est la même sur tous les ordinateurs de l\'équipe ; elle n\'est jamais écrite dans le dossier.',
  loading: 'Chargement de l\'état de la synchronisation…',
  retry: 'Réessayer',
  'error.load': 'L\'état de la synchronisation n\'a pas pu être lu. {message}',

  'setup.title': 'Dossier d\'équipe',
  'setup.mode': 'Que faire sur cet ordinateur ?',
  'setup.join': 'Rejoindre un dossier d\'équipe',
  'setup.join.hint':
    'Un autre ordinateur de l\'équipe a déjà créé le dossier : indiquez votre copie de ce dossier et la phrase de passe de l\'équipe.',
  'setup.create': 'Créer un dossier d\'équipe',
  'setup.create.hint':
    'Une seule fois, sur le premier ordinateur de l\'équipe, dans un dossier vide. Les autres ordinateurs le rejoindront ensuite.',
  'passphrase.again': 'La même phrase de passe, une seconde fois',
  'required.again': 'Tapez la phrase de passe une seconde fois.',
  mismatch: 'Les deux phrases de passe ne sont pas identiques.',
  'create.submit': 'Créer le dossier d\'équipe',
  'join.submit': 'Rejoindre le dossier d\'équipe',
  created:
    'Dossier d\'équipe créé. Les autres ordinateurs peuvent le rejoindre avec la même phrase de passe dès que le dossier leur est parvenu.',
  'error.notReady':
    'Le dossier d\'équipe n\'est pas encore arrivé : attendez que Syncthing (ou votre outil de partage) l\'ait copié, ou créez-le sur le premier ordinateur. Rien n\'a été écrit.',
  'error.inUse':
    'Ce dossier est déjà un dossier d\'équipe (ou contient déjà des fichiers de Flocon) : choisissez « Rejoindre un dossier d\'équipe ». Rien n\'a été modifié.',
  'error.keyChanged':
    'La phrase de passe de l\'équipe a été changée sur un autre ordinateur. Tapez la nouvelle phrase de passe.',
  'error.replaced':
    'Le fichier d\'équipe de ce dossier (flocon-sync.json) n\'est plus celui avec lequel cet ordinateur se synchronisait : un autre ordinateur a peut-être recréé le dossier, ou il a été remplacé. Rien n\'a été écrit. Demandez d\'abord à votre équipe : si quelqu\'un d\'autre a mis ce fichier (un ancien remis en place, un ancien membre), le rejoindre reviendrait à lui faire confiance. Seulement si votre équipe est vraiment repartie de ce dossier, arrêtez la synchronisation puis rejoignez-le.',
  'changed.title': 'La phrase de passe de l\'équipe a changé',
  'changed.body':
    'Elle a été changée sur un autre ordinateur de l\'équipe. Demandez la nouvelle à votre équipe et tapez-la ici : la synchronisation reprendra, et les modifications faites sur cet ordinateur seront envoyées.',
  'changed.passphrase': 'Nouvelle phrase de passe de l\'équipe',
  'changed.submit': 'Utiliser la nouvelle phrase de passe',
  'changed.old':
    'C\'est l\'ancienne phrase de passe : elle a été changée sur un autre ordinateur. Tapez la nouvelle.',
  rekey: 'Changer la phrase de passe',
  'rekey.hint': 'Quand quelqu\'un quitte l\'équipe : le dossier passe à une nouvelle phrase de passe.',
  'rekey.title': 'Changer la phrase de passe de l\'équipe',
  'rekey.body':
    'Flocon synchronise d\'abord, puis réécrit tout le dossier avec la nouvelle phrase de passe et supprime les fichiers de l\'ancienne. Les autres ordinateurs devront taper la nouvelle à leur prochaine synchronisation : transmettez-la de vive voix.',
  'rekey.limit':
    'Qui ne connaît que l\'ancienne phrase ne pourra rien lire de ce qui sera écrit ensuite. Ce qu\'une personne a déjà copié reste chez elle.',
  'rekey.new': 'Nouvelle phrase de passe',
  'rekey.again': 'Nouvelle phrase de passe, une seconde fois',
  'rekey.required': 'Indiquez la nouvelle phrase de passe.',
  'rekey.submit': 'Changer la phrase de passe',
  'rekey.busy': 'Changement en cours…',
  'rekey.done':
    'La phrase de passe de l\'équipe a changé. Donnez la nouvelle aux autres ordinateurs : elle leur sera demandée à leur prochaine synchronisation.',
  'rekey.error': 'La phrase de passe n\'a pas pu être changée. {message}',
  folder: 'Dossier partagé',
  'folder.hint': 'Le chemin complet du dossier, par exemple /media/cle-usb/flocon ou C:\\Users\\lea\\Nextcloud\\Flocon.',
  passphrase: 'Phrase de passe de l\'équipe',
  'passphrase.hint': 'La même sur chaque ordinateur de l\'équipe. Pour un nouveau dossier, choisissez-en une longue, facile à retenir.',
  remember: 'Se souvenir de la phrase de passe sur cet ordinateur',
  'remember.hint': 'Elle est gardée dans le trousseau du système. Sinon, Flocon la demandera à chaque lancement.',
  activate: 'Activer la synchronisation',
  activating: 'Vérification…',
  activated: 'Synchronisation activée avec ce dossier.',
  'required.folder': 'Indiquez le dossier partagé.',
  'required.passphrase': 'Indiquez la phrase de passe de l\'équipe.',
  'error.wrongPassphrase':
    'Phrase de passe incorrecte : ce n\'est pas celle de l\'équipe pour ce dossier. Rien n\'a été modifié.',
  'error.refused': 'Ce dossier ne peut pas servir à la synchronisation : {message}',
  'error.sync': 'La synchronisation n\'a pas abouti. {message}',

  'status.title': 'État',
  'status.device': 'Cet ordinateur',
  rename: 'Renommer',
  'rename.label': 'Renommer cet ordinateur',
  'rename.name': 'Nom de cet ordinateur',
  'rename.hint': 'Le nom que les autres ordinateurs voient, par exemple « Portable de Léa ».',
  'rename.save': 'Enregistrer',
  'rename.saving': 'Enregistrement…',
  'rename.required': 'Donnez un nom à cet ordinateur.',
  'rename.error': 'Le nom n\'a pas pu être changé. {message}',
  'status.last': 'Dernière synchronisation : {when}',
  'status.never': 'Dernière synchronisation : jamais',
  'status.pending': 'Modifications en attente d\'envoi',
  'status.conflicts.one': '{count} conflit à régler',
  'status.conflicts.other': '{count} conflits à régler',
  'status.noConflicts': 'Aucun conflit à régler',
  'status.waiting.one':
    '{count} modification attend un fichier qui n\'est pas encore arrivé dans le dossier : elle sera appliquée dès qu\'il sera là.',
  'status.waiting.other':
    '{count} modifications attendent un fichier qui n\'est pas encore arrivé dans le dossier : elles seront appliquées dès qu\'il sera là.',
  'status.needsUpdate':
    'Des modifications viennent d\'une version plus récente de Flocon : mettez Flocon à jour pour les appliquer. Elles sont gardées en attendant.',
  syncNow: 'Synchroniser maintenant',
  syncing: 'Synchronisation…',
  'progress.label': 'Avancement de la synchronisation',
  'progress.reading': 'Lecture du dossier partagé…',
  'progress.reading.count.one': 'Lecture du dossier partagé : {done} fichier sur {total}',
  'progress.reading.count.other': 'Lecture du dossier partagé : {done} fichiers sur {total}',
  'progress.sending': 'Envoi des modifications de cet ordinateur…',
  'progress.sending.count.one': 'Envoi : {done} lot de modifications sur {total}',
  'progress.sending.count.other': 'Envoi : {done} lots de modifications sur {total}',
  'progress.applying': 'Application des modifications…',
  'progress.applying.count': 'Application des modifications : {done} sur {total}',
  'progress.settling': 'Mise à jour des fiches…',
  'sizes.folder': 'Dossier partagé : {size} ({files})',
  'sizes.files.one': '{count} fichier',
  'sizes.files.other': '{count} fichiers',
  'sizes.folderUnreachable':
    'Dossier partagé : taille inconnue, le dossier n\'est pas accessible pour le moment (clé USB débranchée, partage hors ligne ?)',
  'sizes.history': 'Historique sur cet ordinateur : {size}',

  'devices.title': 'Ordinateurs vus',
  'devices.this': 'cet ordinateur',
  'devices.last': 'Dernière modification : {when}',
  'devices.noChange': 'Aucune modification reçue',
  'devices.alone': 'Aucun autre ordinateur n\'a encore écrit dans ce dossier.',
  'devices.ahead.one':
    'Son horloge a {count} jour d\'avance sur celle de cet ordinateur : réglez l\'heure de celui qui se trompe. D\'ici là, quand une même information est modifiée au même moment sur les deux, la version de l\'horloge la plus en avance est gardée (l\'autre reste dans les conflits).',
  'devices.ahead.other':
    'Son horloge a {count} jours d\'avance sur celle de cet ordinateur : réglez l\'heure de celui qui se trompe. D\'ici là, quand une même information est modifiée au même moment sur les deux, la version de l\'horloge la plus en avance est gardée (l\'autre reste dans les conflits).',

  'report.title': 'Résultat de la synchronisation',
  'report.sent.one': '{count} modification envoyée',
  'report.sent.other': '{count} modifications envoyées',
  'report.received.one': '{count} reçue',
  'report.received.other': '{count} reçues',
  'report.merged.one': '{count} texte fusionné',
  'report.merged.other': '{count} textes fusionnés',
  'report.conflicts.one': '{count} conflit',
  'report.conflicts.other': '{count} conflits',
  'report.upToDate': 'Déjà à jour : rien à envoyer, rien de nouveau à recevoir.',
  'report.duplicates.one': '{count} copie en double d\'un fichier déjà lu a été ignorée.',
  'report.duplicates.other': '{count} copies en double de fichiers déjà lus ont été ignorées.',
  'report.skipped': 'Fichiers non utilisés',
  'report.held':
    'Modifications mises de côté (impossibles à appliquer ici ; tout le reste a été appliqué, elles seront réessayées à chaque synchronisation)',
  'report.heldFrom': 'de {device} : {reason}',
  'skip.incomplete': 'en cours de copie, sera relu à la prochaine synchronisation',
  'skip.damaged': 'endommagé ou modifié : ignoré',
  'skip.newer_format': 'écrit par une version plus récente de Flocon',
  'skip.clash': 'deux fichiers différents pour la même place : ignorés',
  'skip.unreadable': 'illisible (droits d\'accès, chemin trop long) : ignoré',
  'report.newIdentity':
    'Cet ordinateur partageait son identité de synchronisation avec un autre (dossier de données copié, ou remis d\'une sauvegarde système) : il a maintenant la sienne, et ses modifications faites depuis sont envoyées sous elle. Rien n\'est perdu. Donnez un nom différent à chaque ordinateur.',

  'unlock.title': 'Phrase de passe nécessaire',
  'unlock.body':
    'Flocon n\'a pas gardé la phrase de passe sur cet ordinateur. Donnez-la pour cette session, puis la synchronisation reprendra.',
  'unlock.submit': 'Déverrouiller et synchroniser',
  cancel: 'Annuler',

  disconnect: 'Arrêter la synchronisation',
  'disconnect.hint': 'Pour changer de dossier, arrêtez la synchronisation puis choisissez le nouveau dossier.',
  'disconnect.title': 'Arrêter la synchronisation avec ce dossier ?',
  'disconnect.body':
    'Rien n\'est supprimé : ni les données de cet ordinateur, ni les fichiers du dossier partagé. Vous pourrez reprendre plus tard avec le même dossier et la même phrase de passe.',
  'disconnect.confirm': 'Arrêter',
  disconnected: 'La synchronisation est arrêtée. Rien n\'a été supprimé.',
  'error.disconnect': 'La synchronisation n\'a pas pu être arrêtée. {message}',

  'time.now': 'à l\'instant',
  'time.minutes.one': 'il y a {count} minute',
  'time.minutes.other': 'il y a {count} minutes',
  'time.today': 'aujourd\'hui à {time}',
  'time.yesterday': 'hier à {time}',
  'time.weekday': '{day} à {time}',
  'time.date': 'le {date} à {time}',

  'conflicts.title': 'Conflits',
  'conflicts.intro':
    'Quand la même information a été modifiée sur deux ordinateurs en même temps, Flocon en garde une version et met l\'autre de côté, pour que rien ne soit perdu. Choisissez la bonne, ou combinez-les.',
  'conflicts.loading': 'Chargement des conflits…',
  'conflicts.error.load': 'Les conflits n\'ont pas pu être chargés. {message}',
  'conflicts.showSettled': 'Voir aussi les conflits réglés',
  'conflicts.empty': 'Aucun conflit : toutes les versions concordent.',
  'conflict.versions': '2 versions',
  'conflict.settled': 'Réglé',
  'conflict.version': 'Version de {device}',
  'conflict.retained': 'Version retenue',
  'conflict.blank': '(vide)',
  'conflict.deletion': 'Suppression',
  'conflict.deletedOn': 'Supprimé sur {device} le {when}',
  'conflict.keep': 'Garder cette version',
  'conflict.restore': 'Garder (restaurer)',
  'conflict.deleteAnyway': 'Supprimer quand même',
  'conflict.combine': 'Combiner',
  'conflict.combined': 'Version combinée',
  'conflict.combined.hint':
    'Gardez ce qui est juste dans les deux versions. La ligne de séparation n\'est là que pour vous repérer : pensez à l\'effacer.',
  'conflict.saveCombined': 'Enregistrer la version combinée',
  'conflict.saving': 'Enregistrement…',
  'conflict.resolved': 'Conflit réglé : {label}.',
  'conflict.error': 'Le conflit n\'a pas pu être réglé. {message}',
  'conflict.error.gone': 'Ce conflit n\'existe plus : il a peut-être déjà été réglé sur un autre ordinateur.',

  'entity.person': 'Contact',
  'entity.organization': 'Organisation/collectif',
  'entity.session': 'Séance',
  'entity.action': 'Action',
  'entity.objective': 'Objectif',
  'entity.engagement': 'Accompagnement',
  'entity.interaction': 'Échange',
  'entity.seminar': 'Séminaire',
  'entity.session_template': 'Modèle de séance',
  'entity.roadmap_axis': 'Axe stratégique',
  'part.email': 'e-mail',
  'part.phone': 'téléphone',
  'part.tag': 'étiquette',
  'part.circle': 'cercle',
  'part.sector': 'secteur',
  'part.decision': 'décision',
  'part.indicator': 'indicateur',
  'part.review': 'bilan',
  'part.owner': 'responsable',
  'part.person': 'personne',
  'part.organization': 'collectif',
  'field.notes': 'Notes',
  'field.preparation': 'Préparation',
  'field.description': 'Description',
  'field.city': 'Ville',
  'field.title': 'Titre',
  'field.first_name': 'Prénom',
  'field.last_name': 'Nom',
  'field.name': 'Nom',
  'field.status': 'Statut',
  'field.text': 'Texte',
  'field.goals': 'Objectifs',
  'field.due_on': 'Échéance',
  'field.agenda': 'Ordre du jour',
  'field.place': 'Lieu',
} as const;

export type SyncKey = keyof typeof fr;

export const en: Record<SyncKey, string> = {
  title: 'Sync',
  'intro.own': 'Each computer keeps its own data and works offline.',
  'intro.folder':
    'To stay up to date, the team\'s computers exchange encrypted change files through a shared folder: a USB key, a Syncthing or Nextcloud folder.',
  'intro.passphrase':
    'The passphrase is the same on every computer of the team; it is never written in the folder.',
  loading: 'Loading the sync status…',
  retry: 'Try again',
  'error.load': 'The sync status could not be read. {message}',

  'setup.title': 'Team folder',
  'setup.mode': 'What to do on this computer?',
  'setup.join': 'Join a team folder',
  'setup.join.hint':
    'Another computer of the team has already created the folder: enter your copy of it and the team passphrase.',
  'setup.create': 'Create a team folder',
  'setup.create.hint':
    'Only once, on the team\'s first computer, in an empty folder. The other computers then join it.',
  'passphrase.again': 'The same passphrase again',
  'required.again': 'Type the passphrase a second time.',
  mismatch: 'The two passphrases are not the same.',
  'create.submit': 'Create the team folder',
  'join.submit': 'Join the team folder',
  created:
    'Team folder created. The other computers can join it with the same passphrase once the folder has reached them.',
  'error.notReady':
    'The team folder has not arrived yet: wait until Syncthing (or your sharing tool) has copied it, or create it on the first computer. Nothing was written.',
  'error.inUse':
    'This folder is already a team folder (or already holds Flocon files): choose “Join a team folder”. Nothing was changed.',
  'error.keyChanged': 'The team passphrase was changed on another computer. Enter the new passphrase.',
  'error.replaced':
    'This folder\'s team file (flocon-sync.json) is no longer the one this computer synced with: another computer may have created the folder again, or it was replaced. Nothing was written. Ask your team first: if someone else put this file there (an old one put back, a former member), joining again would trust it. Only if your team really started over with this folder, stop syncing, then join it.',
  'changed.title': 'The team passphrase has changed',
  'changed.body':
    'It was changed on another computer of the team. Ask your team for the new one and enter it here: sync resumes, and the changes made on this computer are sent.',
  'changed.passphrase': 'New team passphrase',
  'changed.submit': 'Use the new passphrase',
  'changed.old': 'That is the old passphrase: it was changed on another computer. Enter the new one.',
  rekey: 'Change the passphrase',
  'rekey.hint': 'When someone leaves the team: the folder moves to a new passphrase.',
  'rekey.title': 'Change the team passphrase',
  'rekey.body':
    'Flocon syncs first, then rewrites the whole folder with the new passphrase and removes the files of the old one. The other computers must enter the new one at their next sync: tell it to them in person.',
  'rekey.limit':
    'Whoever knows only the old passphrase cannot read anything written from now on. What someone has already copied stays with them.',
  'rekey.new': 'New passphrase',
  'rekey.again': 'New passphrase again',
  'rekey.required': 'Enter the new passphrase.',
  'rekey.submit': 'Change the passphrase',
  'rekey.busy': 'Changing…',
  'rekey.done':
    'The team passphrase has changed. Give the new one to the other computers: they are asked for it at their next sync.',
  'rekey.error': 'The passphrase could not be changed. {message}',
  folder: 'Shared folder',
  'folder.hint': 'The folder\'s full path, for example /media/usb-key/flocon or C:\\Users\\lea\\Nextcloud\\Flocon.',
  passphrase: 'Team passphrase',
  'passphrase.hint': 'The same on every computer of the team. For a new folder, choose a long one that is easy to remember.',
  remember: 'Remember the passphrase on this computer',
  'remember.hint': 'It is kept in the system keyring. Otherwise Flocon asks for it at each launch.',
  activate: 'Turn on sync',
  activating: 'Checking…',
  activated: 'Sync turned on with this folder.',
  'required.folder': 'Enter the shared folder.',
  'required.passphrase': 'Enter the team passphrase.',
  'error.wrongPassphrase': 'Wrong passphrase: it is not the team\'s passphrase for this folder. Nothing was changed.',
  'error.refused': 'This folder cannot be used for sync: {message}',
  'error.sync': 'The sync did not complete. {message}',

  'status.title': 'Status',
  'status.device': 'This computer',
  rename: 'Rename',
  'rename.label': 'Rename this computer',
  'rename.name': 'Name of this computer',
  'rename.hint': 'The name the other computers see, for example “Léa\'s laptop”.',
  'rename.save': 'Save',
  'rename.saving': 'Saving…',
  'rename.required': 'Give this computer a name.',
  'rename.error': 'The name could not be changed. {message}',
  'status.last': 'Last sync: {when}',
  'status.never': 'Last sync: never',
  'status.pending': 'Changes waiting to be sent',
  'status.conflicts.one': '{count} conflict to settle',
  'status.conflicts.other': '{count} conflicts to settle',
  'status.noConflicts': 'No conflicts to settle',
  'status.waiting.one':
    '{count} change is waiting for a file that has not reached the folder yet: it will be applied as soon as it arrives.',
  'status.waiting.other':
    '{count} changes are waiting for a file that has not reached the folder yet: they will be applied as soon as it arrives.',
  'status.needsUpdate':
    'Some changes come from a newer version of Flocon: update Flocon to apply them. They are kept in the meantime.',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  'progress.label': 'Sync progress',
  'progress.reading': 'Reading the shared folder…',
  'progress.reading.count.one': 'Reading the shared folder: {done} file out of {total}',
  'progress.reading.count.other': 'Reading the shared folder: {done} files out of {total}',
  'progress.sending': 'Sending this computer\'s changes…',
  'progress.sending.count.one': 'Sending: {done} batch of changes out of {total}',
  'progress.sending.count.other': 'Sending: {done} batches of changes out of {total}',
  'progress.applying': 'Applying changes…',
  'progress.applying.count': 'Applying changes: {done} out of {total}',
  'progress.settling': 'Updating the records…',
  'sizes.folder': 'Shared folder: {size} ({files})',
  'sizes.files.one': '{count} file',
  'sizes.files.other': '{count} files',
  'sizes.folderUnreachable':
    'Shared folder: size unknown, the folder cannot be reached right now (USB key unplugged, share offline?)',
  'sizes.history': 'History on this computer: {size}',

  'devices.title': 'Computers seen',
  'devices.this': 'this computer',
  'devices.last': 'Last change: {when}',
  'devices.noChange': 'No change received',
  'devices.alone': 'No other computer has written to this folder yet.',
  'devices.ahead.one':
    'Its clock is {count} day ahead of this computer\'s: set the wrong one right. Until then, when the same thing is changed at the same time on both, the version from the clock further ahead is kept (the other stays in the conflicts).',
  'devices.ahead.other':
    'Its clock is {count} days ahead of this computer\'s: set the wrong one right. Until then, when the same thing is changed at the same time on both, the version from the clock further ahead is kept (the other stays in the conflicts).',

  'report.title': 'Sync result',
  'report.sent.one': '{count} change sent',
  'report.sent.other': '{count} changes sent',
  'report.received.one': '{count} received',
  'report.received.other': '{count} received',
  'report.merged.one': '{count} text merged',
  'report.merged.other': '{count} texts merged',
  'report.conflicts.one': '{count} conflict',
  'report.conflicts.other': '{count} conflicts',
  'report.upToDate': 'Already up to date: nothing to send, nothing new to receive.',
  'report.duplicates.one': '{count} duplicate copy of a file already read was ignored.',
  'report.duplicates.other': '{count} duplicate copies of files already read were ignored.',
  'report.skipped': 'Files not used',
  'report.held':
    'Changes held aside (they cannot be applied here; everything else was applied, they are tried again at every sync)',
  'report.heldFrom': 'from {device}: {reason}',
  'skip.incomplete': 'still being copied, will be read again at the next sync',
  'skip.damaged': 'damaged or altered: ignored',
  'skip.newer_format': 'written by a newer version of Flocon',
  'skip.clash': 'two different files for the same place: ignored',
  'skip.unreadable': 'cannot be read (permissions, path too long): ignored',
  'report.newIdentity':
    'This computer shared its sync identity with another one (a copied data folder, or one put back from a system backup): it now has its own, and its changes made since are sent under it. Nothing was lost. Give each computer its own name.',

  'unlock.title': 'Passphrase needed',
  'unlock.body': 'Flocon did not keep the passphrase on this computer. Enter it for this session, then the sync will resume.',
  'unlock.submit': 'Unlock and sync',
  cancel: 'Cancel',

  disconnect: 'Stop syncing',
  'disconnect.hint': 'To change folders, stop syncing, then choose the new folder.',
  'disconnect.title': 'Stop syncing with this folder?',
  'disconnect.body':
    'Nothing is deleted: neither this computer\'s data nor the files in the shared folder. You can resume later with the same folder and the same passphrase.',
  'disconnect.confirm': 'Stop',
  disconnected: 'Sync is stopped. Nothing was deleted.',
  'error.disconnect': 'Sync could not be stopped. {message}',

  'time.now': 'just now',
  'time.minutes.one': '{count} minute ago',
  'time.minutes.other': '{count} minutes ago',
  'time.today': 'today at {time}',
  'time.yesterday': 'yesterday at {time}',
  'time.weekday': '{day} at {time}',
  'time.date': '{date} at {time}',

  'conflicts.title': 'Conflicts',
  'conflicts.intro':
    'When the same information was changed on two computers at the same time, Flocon keeps one version and sets the other aside, so nothing is lost. Choose the right one, or combine them.',
  'conflicts.loading': 'Loading conflicts…',
  'conflicts.error.load': 'The conflicts could not be loaded. {message}',
  'conflicts.showSettled': 'Also show settled conflicts',
  'conflicts.empty': 'No conflicts: all versions agree.',
  'conflict.versions': '2 versions',
  'conflict.settled': 'Settled',
  'conflict.version': 'Version from {device}',
  'conflict.retained': 'Version kept',
  'conflict.blank': '(empty)',
  'conflict.deletion': 'Deletion',
  'conflict.deletedOn': 'Deleted on {device}, {when}',
  'conflict.keep': 'Keep this version',
  'conflict.restore': 'Keep (restore)',
  'conflict.deleteAnyway': 'Delete anyway',
  'conflict.combine': 'Combine',
  'conflict.combined': 'Combined version',
  'conflict.combined.hint':
    'Keep what is right from both versions. The separator line is only there to guide you: remember to remove it.',
  'conflict.saveCombined': 'Save the combined version',
  'conflict.saving': 'Saving…',
  'conflict.resolved': 'Conflict settled: {label}.',
  'conflict.error': 'The conflict could not be settled. {message}',
  'conflict.error.gone': 'This conflict no longer exists: it may have been settled on another computer already.',

  'entity.person': 'Contact',
  'entity.organization': 'Organisation/collective',
  'entity.session': 'Session',
  'entity.action': 'Action',
  'entity.objective': 'Objective',
  'entity.engagement': 'Engagement',
  'entity.interaction': 'Interaction',
  'entity.seminar': 'Seminar',
  'entity.session_template': 'Session template',
  'entity.roadmap_axis': 'Strategic axis',
  'part.email': 'email',
  'part.phone': 'phone',
  'part.tag': 'tag',
  'part.circle': 'circle',
  'part.sector': 'sector',
  'part.decision': 'decision',
  'part.indicator': 'indicator',
  'part.review': 'review',
  'part.owner': 'owner',
  'part.person': 'person',
  'part.organization': 'collective',
  'field.notes': 'Notes',
  'field.preparation': 'Preparation',
  'field.description': 'Description',
  'field.city': 'City',
  'field.title': 'Title',
  'field.first_name': 'First name',
  'field.last_name': 'Last name',
  'field.name': 'Name',
  'field.status': 'Status',
  'field.text': 'Text',
  'field.goals': 'Goals',
  'field.due_on': 'Due date',
  'field.agenda': 'Agenda',
  'field.place': 'Place',
};

const dictionaries: Record<Locale, Record<SyncKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: SyncKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function isKey(key: string): key is SyncKey {
  return key in fr;
}

/** The keys that come as a `.one` and an `.other` form. */
export type PluralKey = { [K in SyncKey]: K extends `${infer Base}.one` ? Base : never }[SyncKey];

/** « 1 conflit à régler », « 2 conflits à régler », with each language's plural rule. */
export function plural(key: PluralKey, value: number, locale: Locale = currentLocale()): string {
  const n = value;
  const form = pluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  return tr(`${key}.${form}`, { count: numberFormat(locale).format(n) }, locale);
}

// Times

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

function format(at: Date, options: Intl.DateTimeFormatOptions, locale: Locale): string {
  return dateTimeFormat(TAGS[locale], options).format(at);
}

function startOfDay(at: Date): number {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
}

/** An instant in full, for a `title`: « jeudi 12 mars 2026 à 14:20 ». */
export function formatMoment(iso: string, locale: Locale = currentLocale()): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : format(at, { dateStyle: 'full', timeStyle: 'short' }, locale);
}

/** An instant as a date and a time: « 12 mars 2026 à 14:20 ». */
export function formatDateTime(iso: string, locale: Locale = currentLocale()): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : format(at, { dateStyle: 'long', timeStyle: 'short' }, locale);
}

/** How long ago, in the system's time zone: « à l'instant », « il y a 3 minutes »,
 *  « hier à 18:05 », « lundi à 09:30 », « le 12 mars à 14:20 ». */
export function formatWhen(iso: string, now: Date = new Date(), locale: Locale = currentLocale()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const seconds = (now.getTime() - at.getTime()) / 1000;
  // Another laptop's clock may run a little ahead: a few seconds in the future is "now".
  if (seconds > -60 && seconds < 60) return tr('time.now', undefined, locale);
  if (seconds >= 60 && seconds < 3600) return plural('time.minutes', Math.floor(seconds / 60), locale);
  const time = format(at, { hour: '2-digit', minute: '2-digit' }, locale);
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days === 0) return tr('time.today', { time }, locale);
  if (days === 1) return tr('time.yesterday', { time }, locale);
  if (days > 1 && days < 7) return tr('time.weekday', { day: format(at, { weekday: 'long' }, locale), time }, locale);
  const sameYear = at.getFullYear() === now.getFullYear();
  const date = format(at, sameYear ? { day: 'numeric', month: 'long' } : { dateStyle: 'long' }, locale);
  return tr('time.date', { date, time }, locale);
}

// Sizes

/** The units a size is written in, largest first: decimal, as file managers count. */
const BYTE_UNITS = [
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
] as const;

/** A size in the interface's language: « 12,3 Mo », « 12.3 MB », « 812 octets ». */
export function formatBytes(bytes: number, locale: Locale = currentLocale()): string {
  for (const [scale, unit] of BYTE_UNITS) {
    if (bytes >= scale) {
      return numberFormat(TAGS[locale], { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / scale);
    }
  }
  return numberFormat(TAGS[locale], { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}

/** « Dossier partagé : 12,3 Mo (48 fichiers) », or that its size cannot be known now. */
export function folderSize(sizes: SyncSizes, locale: Locale = currentLocale()): string {
  if (!sizes.folder) return tr('sizes.folderUnreachable', undefined, locale);
  const { bytes, files } = sizes.folder;
  return tr('sizes.folder', { size: formatBytes(bytes, locale), files: plural('sizes.files', files, locale) }, locale);
}

/** « Historique sur cet ordinateur : 35,1 Mo ». */
export function historySize(sizes: SyncSizes, locale: Locale = currentLocale()): string {
  return tr('sizes.history', { size: formatBytes(sizes.history_bytes, locale) }, locale);
}

// A sync's report

/** « 3 modifications envoyées, 12 reçues, 1 texte fusionné, 1 conflit ». */
export function reportSummary(report: SyncReport, locale: Locale = currentLocale()): string {
  const sent = report.sent_changes;
  const received = report.received_changes;
  const merged = report.merged_texts;
  const conflicts = report.new_conflicts.length;
  if (sent === 0 && received === 0 && merged === 0 && conflicts === 0) return tr('report.upToDate', undefined, locale);
  const parts = [plural('report.sent', sent, locale), plural('report.received', received, locale)];
  if (merged > 0) parts.push(plural('report.merged', merged, locale));
  if (conflicts > 0) parts.push(plural('report.conflicts', conflicts, locale));
  return parts.join(', ');
}

export function skipReason(reason: SkipReason, locale: Locale = currentLocale()): string {
  return tr(`skip.${reason}`, undefined, locale);
}

// Records and fields

/** The French name of a kind of record: `person` → « Contact », `person_email` → « Contact
 *  (e-mail) »; a table this version does not know keeps its own name. */
export function entityName(entity: string, locale: Locale = currentLocale()): string {
  const key = `entity.${entity}`;
  if (isKey(key)) return tr(key, undefined, locale);
  // A child table is its parent's name and what it adds: the longest known parent wins.
  for (let cut = entity.lastIndexOf('_'); cut > 0; cut = entity.lastIndexOf('_', cut - 1)) {
    const parent = `entity.${entity.slice(0, cut)}`;
    if (!isKey(parent)) continue;
    const rest = entity.slice(cut + 1);
    const part = `part.${rest}`;
    return `${tr(parent, undefined, locale)} (${isKey(part) ? tr(part, undefined, locale) : rest.replaceAll('_', ' ')})`;
  }
  return entity;
}

/** The French name of a field: `city` → « Ville »; "" (a deletion) → « Suppression ». */
export function fieldName(field: string, locale: Locale = currentLocale()): string {
  if (field === '') return tr('conflict.deletion', undefined, locale);
  const key = `field.${field}`;
  return isKey(key) ? tr(key, undefined, locale) : field;
}

// Failures

/** What to tell the user about a failed sync call. */
export function syncErrorMessage(error: SyncError, locale: Locale = currentLocale()): string {
  switch (error.kind) {
    case 'wrong_passphrase':
      return tr('error.wrongPassphrase', undefined, locale);
    case 'passphrase_needed':
      return tr('unlock.body', undefined, locale);
    case 'refused':
      return tr('error.refused', { message: error.message }, locale);
    case 'sync_folder_not_ready':
      return tr('error.notReady', undefined, locale);
    case 'sync_folder_in_use':
      return tr('error.inUse', undefined, locale);
    case 'sync_key_changed':
      return tr('error.keyChanged', undefined, locale);
    case 'sync_manifest_replaced':
      return tr('error.replaced', undefined, locale);
    default:
      return errorMessage({ kind: error.kind, message: error.message, problem: error.problem }, locale);
  }
}
