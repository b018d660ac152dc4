-- Sync's own bookkeeping, local to this laptop (never synced: db::SYNC_SCHEMA_VERSION stays).
-- Where each verified file of the folder was found, and what the file system said of it then
-- (size, modification and change times, inode): found again at the same place with the same
-- stamp, it was not rewritten, and a sync does not read it again. A few such files are read
-- and verified anyway at each sync, in turn, in case a stamp was made to look unchanged.
ALTER TABLE sync_file_verified ADD COLUMN path TEXT;
ALTER TABLE sync_file_verified ADD COLUMN stamp TEXT;
