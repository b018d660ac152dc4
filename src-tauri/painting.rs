//! How WebKitGTK paints Flocon's window, chosen before the web view exists.
//!
//! WebKitGTK 2.46+ paints with Skia, on the GPU by default. Flocon's screens are text, lists
//! and forms, with no animation: painting them on the CPU (Skia's CPU worker threads, the way
//! WebKitGTK painted with Cairo until 2.44 and what WPE WebKit chose by default) costs nothing
//! visible, and saves the GPU path's glyph atlases and texture caches: ~40 MiB less for the web
//! process on "Ma semaine" (docs/performance.md). Compositing stays on, so scrolling is still
//! done by the compositor. It also sidesteps the GPU-driver problems WebKitGTK apps meet on
//! some laptops (blank or flickering windows).
//!
//! WebKit reads the choice from the environment of its web process, which inherits ours; a
//! value already set by the person running Flocon wins (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=0`
//! brings GPU painting back).

/// The variable WebKitGTK reads, and the value that asks for CPU painting.
const CPU_RENDERING: (&str, &str) = ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");

/// The environment changes to make, given what is already set.
fn painting_environment(already_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    [CPU_RENDERING]
        .into_iter()
        .filter(|(name, _)| !already_set(name))
        .collect()
}

/// Asks WebKit to paint on the CPU unless the person running Flocon chose otherwise.
///
/// Must be called first thing in `main`, while the process has a single thread: changing the
/// environment is only sound when no other thread can be reading it.
pub fn choose_painting() {
    for (name, value) in painting_environment(|name| std::env::var_os(name).is_some()) {
        // SAFETY: called at the top of `main`, before tauri, tokio, tracing or any library has
        // started a thread, so nothing can read the environment while it changes.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_is_asked_for_unless_already_chosen() {
        assert_eq!(
            painting_environment(|_| false),
            vec![("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]
        );
        assert!(painting_environment(|name| name == "WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_empty());
    }
}
