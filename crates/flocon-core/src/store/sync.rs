//! Sync, as the CLI and the desktop app use it: one sync with a folder, the status, the
//! conflict history and settling a conflict. See `crate::sync` for how it works.

use std::path::{Path, PathBuf};

use super::Store;
use crate::error::Result;
use crate::sync::{
    Conflict, ConflictChoice, KdfParams, RekeyReport, SyncKey, SyncReport, SyncStatus,
};

impl Store {
    /// Syncs with the folder, the team key already derived (`sync_join_team`, `sync_unlock`).
    /// A manifest other than the one this laptop synced with stops it before anything is
    /// written: `SyncKeyChanged` when the team passphrase was changed on another laptop,
    /// `SyncManifestReplaced` otherwise.
    pub fn sync_with_folder(&self, folder: &Path, key: &SyncKey) -> Result<SyncReport> {
        crate::sync::team::sync(&self.db, folder, key, &|_| {})
    }

    /// Like `sync_with_folder`, telling `progress` where it stands as it goes (a first sync of
    /// years of data, from a slow USB key, takes minutes). Called often: throttle what it shows.
    pub fn sync_with_folder_reporting(
        &self,
        folder: &Path,
        key: &SyncKey,
        progress: &(dyn Fn(crate::sync::SyncProgress) + Sync),
    ) -> Result<SyncReport> {
        crate::sync::team::sync(&self.db, folder, key, progress)
    }

    /// « Créer un dossier d'équipe », `flocon sync init`: makes `folder` the team's sync
    /// folder with `passphrase` (refused where a team folder, or Flocon files, already are),
    /// and syncs with it from now on.
    pub fn sync_create_team(&self, folder: &Path, passphrase: &str) -> Result<SyncKey> {
        crate::sync::team::init(&self.db, folder, passphrase, KdfParams::for_new_folders())
    }

    /// « Rejoindre un dossier d'équipe », `flocon sync --folder DIR` with a new folder: the
    /// passphrase must open the folder's manifest, which is never created here.
    pub fn sync_join_team(&self, folder: &Path, passphrase: &str) -> Result<SyncKey> {
        crate::sync::team::join(&self.db, folder, passphrase)
    }

    /// The key for the folder this laptop syncs with, from the passphrase: the new passphrase
    /// after a change made on another laptop is adopted here; the old one gets
    /// `SyncKeyChanged`.
    pub fn sync_unlock(&self, folder: &Path, passphrase: &str) -> Result<SyncKey> {
        crate::sync::team::open(
            &self.db,
            folder,
            crate::sync::team::Credential::Passphrase(passphrase),
        )
    }

    /// Without a key: fails with `SyncKeyChanged` or `SyncManifestReplaced` when the folder's
    /// manifest is not the one this laptop synced with (the app then asks for the right thing).
    pub fn sync_check_team(&self, folder: &Path) -> Result<()> {
        crate::sync::team::check(&self.db, folder)
    }

    /// « Changer la phrase de passe », `flocon sync rekey`: moves the folder to a key derived
    /// from `new_passphrase` (see `crate::sync::rekey`). Returns the new key.
    pub fn sync_rekey(
        &self,
        folder: &Path,
        key: &SyncKey,
        new_passphrase: &str,
    ) -> Result<(SyncKey, RekeyReport)> {
        crate::sync::rekey::rekey(&self.db, folder, key, new_passphrase)
    }

    /// Where this laptop stands, with the sizes of the folder (listed) and of the history
    /// (counted in the database): for the sync screen and `flocon sync status`. For the folder
    /// alone, `sync_folder` costs nothing.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        crate::sync::status::status(&self.db)
    }

    /// The shared folder chosen, if any.
    pub fn sync_folder(&self) -> Result<Option<PathBuf>> {
        let folder = self
            .db
            .read(|conn| crate::sync::capture::meta(conn, "folder"))?;
        Ok(folder.map(PathBuf::from))
    }

    /// Remembers (or forgets, with None) the folder this laptop syncs with.
    pub fn set_sync_folder(&self, folder: Option<&Path>) -> Result<SyncStatus> {
        self.db.write(|tx| {
            match folder {
                Some(f) => {
                    crate::sync::capture::set_meta(tx, "folder", &f.display().to_string())?;
                }
                None => {
                    tx.execute("DELETE FROM sync_meta WHERE key = 'folder'", [])?;
                }
            }
            // Its manifest is forgotten with it: the next folder is joined anew.
            crate::sync::team::forget(tx)?;
            // Another folder holds other files: read them all again (our commits included).
            tx.execute("DELETE FROM sync_file", [])?;
            tx.execute("DELETE FROM sync_file_verified", [])?;
            Ok(())
        })?;
        self.sync_status()
    }

    /// Names this laptop for the others ("Portable de Léa"); its host name until then.
    pub fn set_sync_device_name(&self, name: &str) -> Result<SyncStatus> {
        let name = name.trim();
        if name.is_empty() {
            return Err(crate::error::Error::invalid(
                "device_name",
                crate::error::Problem::Required,
            ));
        }
        self.db.write(|tx| {
            crate::sync::capture::set_meta(tx, "device_name", name)?;
            // The list of laptops shows the new name at once (the others see it after a sync).
            tx.execute(
                "INSERT OR REPLACE INTO sync_device (id, name) VALUES (?1, ?2)",
                rusqlite::params![crate::sync::capture::device_id(tx)?.to_string(), name],
            )?;
            Ok(())
        })?;
        self.sync_status()
    }

    /// The conflict history, open ones first.
    pub fn conflicts(&self, open_only: bool) -> Result<Vec<Conflict>> {
        self.db.read(|c| crate::sync::conflicts::list(c, open_only))
    }

    /// Settles a conflict; the choice travels to the other laptops at the next sync.
    pub fn resolve_conflict(&self, id: &str, choice: &ConflictChoice) -> Result<Conflict> {
        self.db
            .write(|tx| crate::sync::conflicts::resolve(tx, id.trim(), choice))
    }
}

/// Every change in the folder's files, decrypted, one JSON object each: nothing is written.
pub fn dump_sync_folder(folder: &Path, key: &SyncKey) -> Result<Vec<serde_json::Value>> {
    crate::sync::engine::dump(folder, key)
}

#[cfg(test)]
impl Store {
    pub(crate) fn db_for_tests(&self) -> &crate::db::Database {
        &self.db
    }
}
