//! Deterministic French-looking data: names with accents, organisations, cities, tags, and
//! Markdown notes of about 2 KB made of sentences a coach would write.

use flocon_core::{Labeled, PersonDraft, Store};

const FIRST: &[&str] = &[
    "Élodie",
    "Aïcha",
    "Théo",
    "Chloé",
    "Maël",
    "Inès",
    "Joël",
    "Noémie",
    "Bérénice",
    "François",
    "Hélène",
    "Karim",
    "Léa",
    "Mathéo",
    "Fatoumata",
    "Sébastien",
    "Zoé",
    "Adèle",
    "Yanis",
    "Gaëlle",
    "Jérôme",
    "Anaïs",
    "Océane",
    "Loïc",
    "Maëlys",
    "Raphaël",
    "Solène",
    "Cédric",
    "Mélissa",
    "Benoît",
    "Amélie",
    "Idriss",
    "Capucine",
    "Grégoire",
    "Lucie",
    "Nadia",
    "Thérèse",
    "Éric",
    "Ophélie",
    "Mohamed",
    "Camille",
    "Hugo",
    "Sarah",
    "Mamadou",
    "Agnès",
];
const LAST: &[&str] = &[
    "Dupré",
    "Benali",
    "Lefèvre",
    "Nguyen",
    "Le Goff",
    "Haddad",
    "Mercier",
    "Éluard",
    "Eymard",
    "Dubois",
    "Garnier",
    "Bensaïd",
    "Rousseau",
    "Chevalier",
    "Diallo",
    "Morel",
    "Lambert",
    "Fontaine",
    "Belkacem",
    "Perrin",
    "Faure",
    "Girard",
    "Bonnet",
    "Marchand",
    "Lemoine",
    "Dumas",
    "Barbier",
    "Leroy",
    "Traoré",
    "Caron",
    "Roussel",
    "Sylla",
    "Noël",
    "Aubert",
    "Œuillet",
    "Khelifi",
    "Martin",
    "Bernard",
    "Petit",
    "Durand",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Fournier",
    "Girardot",
    "Boyer",
    "Chauvin",
    "Gauthier",
];
const ORGS: &[&str] = &[
    "Collectif des Mères Solidaires",
    "Quartiers en Transition",
    "Collectif Égalité Maintenant",
    "Les Jeunes du Plateau",
    "Fondation Horizons Solidaires",
    "Le Média des Quartiers",
    "Radio Quartier Libre",
    "Université de Créteil-Est",
    "Réseau Alternatives Solidaires",
    "Association Lire Ensemble",
];
const CITIES: &[&str] = &[
    "Montreuil",
    "Saint-Denis",
    "Bobigny",
    "Aubervilliers",
    "Créteil",
    "Bagnolet",
    "Pantin",
];
const TAGS: &[&str] = &[
    "refus scolaire",
    "climat",
    "jeunesse",
    "leadership",
    "presse",
    "financeur",
    "éducation",
];
const SENTENCES: &[&str] = &[
    "L'équipe de coordination a repris le récit public du collectif avant la réunion de quartier.",
    "Élodie propose d'organiser un café des parents au centre social de la Boissière.",
    "Nous avons travaillé la narration : histoire de soi, histoire du nous, histoire de l'urgence.",
    "Décision : tenir un one-to-one avec chaque nouvelle personne rencontrée à la fête de quartier.",
    "La mairie a répondu favorablement à la demande de salle pour la soirée de la communauté.",
    "Le flocon de leadership compte maintenant trois équipes, chacune avec une coordinatrice.",
    "Action : préparer le bilan trimestriel d'accompagnement avant le séminaire au vert.",
    "Les parents ont exprimé leur colère face au refus scolaire et leur envie d'agir ensemble.",
    "Prochaine étape : construire le pouvoir collectif autour d'une victoire concrète et atteignable.",
    "La fondation souhaite un point d'étape sur les indicateurs d'engagement des bénévoles.",
];

/// A small deterministic generator (a linear congruential one): the same data every run.
struct Seed(u64);

impl Seed {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

pub fn generate(store: &Store, people: usize) -> flocon_core::Result<()> {
    let mut seed = Seed(2026);
    let batch = 5_000;
    for start in (0..people).step_by(batch) {
        let drafts = (start..(start + batch).min(people))
            .map(|i| person(&mut seed, i))
            .collect();
        store.create_persons(drafts)?;
    }
    Ok(())
}

fn person(seed: &mut Seed, i: usize) -> PersonDraft {
    let first = seed.pick(FIRST);
    let last = seed.pick(LAST);
    let mut notes = String::new();
    if i.is_multiple_of(2) {
        notes.push_str("## Séance du mois\n\n");
        while notes.len() < 2_000 {
            notes.push_str("- ");
            notes.push_str(seed.pick(SENTENCES));
            notes.push('\n');
        }
    }
    let local = flocon_core::text::fold(&format!("{first}.{last}")).replace(' ', ".");
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        emails: vec![Labeled::new("", format!("{local}.{i}@example.org"))],
        organization: Some(seed.pick(ORGS).into()),
        tags: vec![seed.pick(TAGS).into()],
        profile: flocon_core::Profile {
            city: Some(seed.pick(CITIES).into()),
            ..Default::default()
        },
        notes,
        ..PersonDraft::default()
    }
}

/// One- and two-word queries as people type them: whole names without accents, prefixes of
/// three letters or more, a first name with a last-name prefix, and words from notes.
pub fn queries(n: usize) -> Vec<String> {
    let mut seed = Seed(7);
    (0..n)
        .map(|i| {
            let last = flocon_core::text::fold(seed.pick(LAST));
            let first = flocon_core::text::fold(seed.pick(FIRST));
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
                _ => seed
                    .pick(SENTENCES)
                    .split(' ')
                    .nth(2)
                    .unwrap_or("quartier")
                    .to_string(),
            }
        })
        .collect()
}
