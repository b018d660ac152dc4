//! Tauri commands, one module per feature.

pub mod backup;
pub mod coaching;
pub mod contacts;
pub mod events;
pub(crate) mod exports;
pub mod gdpr;
pub mod import;
pub mod interactions;
pub mod organizations;
pub mod roadmap;
pub mod search;
pub mod sync;
pub mod trash;
