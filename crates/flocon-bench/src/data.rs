//! The data the benchmarks run on: the core's realistic generator (`flocon demo --scale`), and
//! search queries typed from the same words, so they find something.

use flocon_core::scale::words::{CITIES, FIRST_NAMES, LAST_NAMES, SENTENCES, TAGS};
use flocon_core::scale::{Prng, Scale, ScaleCounts};
use flocon_core::{Labeled, PersonDraft, Store};

/// The seed of every benchmark: the same data on every run (of the same day).
const SEED: u64 = 2026;

/// People, organisations, memberships, engagements, sessions, actions and roadmap, as
/// `flocon demo --scale` makes them.
pub fn generate_at_scale(store: &Store, scale: Scale) -> flocon_core::Result<ScaleCounts> {
    flocon_core::scale::generate(store, scale, SEED, |_| {})
}

/// `people` people alone, with French names, a city, a tag and half of them ~2 KB of notes:
/// what the sync benchmark changes.
pub fn generate(store: &Store, people: usize) -> flocon_core::Result<()> {
    let mut rng = Prng::new(SEED);
    let batch = 5_000;
    for start in (0..people).step_by(batch) {
        let drafts = (start..(start + batch).min(people))
            .map(|i| person(&mut rng, i))
            .collect();
        store.create_persons(drafts)?;
    }
    Ok(())
}

fn person(rng: &mut Prng, i: usize) -> PersonDraft {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    let mut notes = String::new();
    if i.is_multiple_of(2) {
        notes.push_str("## Séance du mois\n\n");
        while notes.len() < 2_000 {
            notes.push_str("- ");
            notes.push_str(
                &rng.pick(SENTENCES)
                    .replace("{a}", first)
                    .replace("{b}", last),
            );
            notes.push('\n');
        }
    }
    let local = flocon_core::text::fold(&format!("{first}.{last}")).replace(' ', ".");
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        emails: vec![Labeled::new("", format!("{local}.{i}@example.org"))],
        tags: vec![rng.pick(TAGS).into()],
        profile: flocon_core::Profile {
            city: Some(rng.pick(CITIES).into()),
            ..Default::default()
        },
        notes,
        ..PersonDraft::default()
    }
}

/// One- and two-word queries as people type them: whole names without accents, prefixes of
/// three letters or more, a first name with a last-name prefix, and words from notes.
pub fn queries(n: usize) -> Vec<String> {
    let mut rng = Prng::new(7);
    (0..n)
        .map(|i| {
            let last = flocon_core::text::fold(rng.pick(LAST_NAMES));
            let first = flocon_core::text::fold(rng.pick(FIRST_NAMES));
            match i % 5 {
                0 => last,
                1 => last.chars().take(3 + i % 3).collect(),
                2 => format!("{first} {}", last.chars().take(4).collect::<String>()),
                3 => [
                    "equipe",
                    "recit",
                    "boissiere",
                    "fondation",
                    "pouvoir collectif",
                ][(i / 5) % 5]
                    .to_string(),
                _ => rng
                    .pick(SENTENCES)
                    .split(' ')
                    .filter(|w| !w.contains('{'))
                    .nth(2)
                    .unwrap_or("quartier")
                    .to_string(),
            }
        })
        .collect()
}
