//! Flocon's core: the domain (people, and soon organisations, sessions, roadmaps), the rules
//! they obey, and the SQLite store. It depends on no GUI library: the `flocon` CLI and the
//! desktop shell are both thin layers over it.

pub mod data_dir;
pub mod db;
pub mod demo;
pub mod error;
pub mod person;
pub mod sector;
pub mod store;
pub mod text;

#[cfg(test)]
mod bindings;

pub use error::{Error, ErrorKind, ErrorPayload, Problem, Result};
pub use person::{Labeled, Person, PersonDraft, PersonSummary};
pub use sector::Sector;
pub use store::{PersonQuery, Store, parse_id};
