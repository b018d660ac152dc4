//! The real `flocon` binary on temporary data directories: the CLI contract scripts rely on.

mod backup;
mod backup_poisoned;
mod coaching;
mod contacts;
mod crm;
mod erasure;
mod events;
mod gdpr;
mod inputs;
mod roadmap;
mod scale;
mod support;
mod sync;
mod sync_merge;
mod sync_scale;
mod sync_sizes;
mod sync_team;
mod sync_trust;
mod syncthing;
mod trash;
