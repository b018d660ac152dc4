//! The real `flocon` binary on temporary data directories: the CLI contract scripts rely on.

mod coaching;
mod contacts;
mod crm;
mod events;
mod roadmap;
mod scale;
mod support;
mod sync;
mod syncthing;
