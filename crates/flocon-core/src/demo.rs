//! Fictional demo data: people an association like ours would know, with French names and
//! accents, real-looking sectors and tags. Every name, address and number is invented; emails
//! use the reserved `example.*` domains.

use crate::error::{Error, Result};
use crate::person::{Labeled, PersonDraft};
use crate::sector::Sector;
use crate::store::Store;

/// First name, last name, organisation, sector, tags.
type DemoPerson = (
    &'static str,
    &'static str,
    &'static str,
    Option<Sector>,
    &'static [&'static str],
);

const PEOPLE: &[DemoPerson] = &[
    (
        "Élodie",
        "Dupré",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire", "leadership"],
    ),
    (
        "Aïcha",
        "Benali",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire"],
    ),
    (
        "Théo",
        "Lefèvre",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat", "#GagnerEnsemble"],
    ),
    (
        "Chloé",
        "Nguyen",
        "Le Média des Quartiers",
        Some(Sector::Journalism),
        &["presse"],
    ),
    (
        "Maël",
        "Le Goff",
        "Fondation Horizons Solidaires",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Inès",
        "Haddad",
        "Université de Créteil-Est",
        Some(Sector::Research),
        &["sociologie", "#OpenSource"],
    ),
    (
        "Joël",
        "Mercier",
        "Compagnie du Vent Debout",
        Some(Sector::ArtsCulture),
        &["théâtre"],
    ),
    (
        "Noémie",
        "Éluard",
        "Atelier Coop'Énergie",
        Some(Sector::Entrepreneurship),
        &["cercle des pros"],
    ),
    (
        "Bérénice",
        "Eymard",
        "Mairie de Montreuil-sur-Seine",
        Some(Sector::Institution),
        &["élus"],
    ),
    (
        "François",
        "Dubois",
        "Réseau Alternatives Solidaires",
        Some(Sector::Ngo),
        &["#GagnerEnsemble"],
    ),
    (
        "Hélène",
        "Garnier",
        "Banque Coopérative du Val",
        Some(Sector::Business),
        &["mécénat"],
    ),
    (
        "Karim",
        "Bensaïd",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat", "leadership"],
    ),
    (
        "Léa",
        "Rousseau",
        "",
        Some(Sector::ArtsCulture),
        &["cercle des pros", "facilitation"],
    ),
    (
        "Mathéo",
        "Chevalier",
        "Collectif Égalité Maintenant",
        Some(Sector::Collective),
        &["anti-discriminations"],
    ),
    (
        "Fatoumata",
        "Diallo",
        "Collectif Égalité Maintenant",
        Some(Sector::Collective),
        &["anti-discriminations", "leadership"],
    ),
    (
        "Sébastien",
        "Morel",
        "Fondation pour l'Engagement Citoyen",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Zoé",
        "Lambert",
        "Radio Quartier Libre",
        Some(Sector::Journalism),
        &["presse", "podcast"],
    ),
    (
        "Adèle",
        "Fontaine",
        "",
        Some(Sector::Research),
        &["cercle des pros", "évaluation"],
    ),
    (
        "Yanis",
        "Belkacem",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse"],
    ),
    (
        "Gaëlle",
        "Perrin",
        "Association Lire Ensemble",
        Some(Sector::Ngo),
        &["éducation"],
    ),
    (
        "Jérôme",
        "Faure",
        "Caisse d'Allocations du Territoire",
        Some(Sector::Institution),
        &[],
    ),
    (
        "Anaïs",
        "Girard",
        "",
        Some(Sector::Entrepreneurship),
        &["cercle des pros", "communication"],
    ),
    (
        "Océane",
        "Bonnet",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse", "#GagnerEnsemble"],
    ),
    (
        "Loïc",
        "Marchand",
        "Le Média des Quartiers",
        Some(Sector::Journalism),
        &["vidéo"],
    ),
    (
        "Maëlys",
        "Lemoine",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat"],
    ),
    (
        "Raphaël",
        "Dumas",
        "Fondation Horizons Solidaires",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Solène",
        "Barbier",
        "Théâtre de la Cité Ouverte",
        Some(Sector::ArtsCulture),
        &["théâtre", "#OpenSource"],
    ),
    (
        "Cédric",
        "Leroy",
        "Scop Les Bâtisseurs",
        Some(Sector::Business),
        &["mécénat de compétences"],
    ),
    (
        "Mélissa",
        "Traoré",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire"],
    ),
    (
        "Benoît",
        "Caron",
        "Institut d'Études Urbaines",
        Some(Sector::Research),
        &["sociologie"],
    ),
    ("Amélie", "Roussel", "", None, &["bénévole"]),
    (
        "Idriss",
        "Sylla",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse", "leadership"],
    ),
    (
        "Capucine",
        "Noël",
        "Réseau Alternatives Solidaires",
        Some(Sector::Ngo),
        &[],
    ),
    (
        "Grégoire",
        "Aubert",
        "Préfecture du Val",
        Some(Sector::Institution),
        &["élus"],
    ),
    (
        "Lucie",
        "Œuillet",
        "",
        Some(Sector::ArtsCulture),
        &["cercle des pros", "illustration"],
    ),
    (
        "Nadia",
        "Khelifi",
        "Association Lire Ensemble",
        Some(Sector::Ngo),
        &["éducation", "#GagnerEnsemble"],
    ),
];

const NOTES: &[&str] = &[
    "Rencontrée lors du one-to-one de septembre.\n\n- Très engagée sur le **refus scolaire**\n- Prête à animer un atelier",
    "A proposé de nous présenter à deux autres collectifs du quartier.",
    "Intérêts : écologie populaire, jardins partagés.\n\n> « On veut être écoutés, pas consultés. »",
    "",
    "Suivi du dossier de financement prévu pour le trimestre prochain.",
];

/// Seeds the demo people into an empty database and returns how many were created. Refused
/// when the database already holds contacts: demo data must never mix with real data.
pub fn seed(store: &Store) -> Result<usize> {
    let existing = store.count_persons()?;
    if existing > 0 {
        return Err(Error::Refused(format!(
            "the database already holds {existing} contact(s); demo data goes only into an empty database (use another --data-dir)"
        )));
    }
    let drafts = PEOPLE
        .iter()
        .enumerate()
        .map(|(i, &(first, last, org, sector, tags))| {
            demo_person(i, first, last, org, sector, tags)
        })
        .collect::<Vec<_>>();
    let count = drafts.len();
    store.create_persons(drafts)?;
    Ok(count)
}

fn demo_person(
    i: usize,
    first: &str,
    last: &str,
    org: &str,
    sector: Option<Sector>,
    tags: &[&str],
) -> PersonDraft {
    let local = crate::text::fold(&format!("{first}.{last}")).replace(' ', ".");
    let domain = if i.is_multiple_of(3) {
        "example.org"
    } else {
        "example.fr"
    };
    let mut emails = vec![Labeled::new(
        if i.is_multiple_of(2) { "travail" } else { "" },
        format!("{local}@{domain}"),
    )];
    if i.is_multiple_of(5) {
        emails.push(Labeled::new("perso", format!("{local}@example.net")));
    }
    let phones = if i % 4 == 3 {
        vec![]
    } else {
        vec![Labeled::new(
            "mobile",
            format!(
                "06 {:02} {:02} {:02} {:02}",
                10 + i % 89,
                (i * 7) % 100,
                (i * 13) % 100,
                (i * 31) % 100
            ),
        )]
    };
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        emails,
        phones,
        organization: (!org.is_empty()).then(|| org.to_string()),
        sector,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        notes: NOTES[i % NOTES.len()].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PersonQuery;

    #[test]
    fn seeds_valid_people_once_and_refuses_a_second_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("opens");
        let count = seed(&store).expect("seeded");
        assert_eq!(count, PEOPLE.len());
        let list = store.list_persons(&PersonQuery::default()).expect("listed");
        assert_eq!(list.len(), PEOPLE.len());
        assert!(
            list.iter()
                .any(|p| p.last_name == "Dupré" && p.first_name == "Élodie")
        );
        assert!(matches!(seed(&store), Err(Error::Refused(_))));
        assert_eq!(store.count_persons().expect("count"), PEOPLE.len() as u64);
    }
}
