//! Store behaviour through a real SQLite file in a temporary folder.

use super::*;
use crate::person::Labeled;
use crate::sector::Sector;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store opens");
    (dir, store)
}

fn draft(first: &str, last: &str) -> PersonDraft {
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        ..PersonDraft::default()
    }
}

fn names(list: &[PersonSummary]) -> Vec<String> {
    list.iter()
        .map(|p| {
            format!("{} {}", p.first_name, p.last_name)
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn a_person_round_trips_with_every_field() {
    let (_dir, store) = temp_store();
    let created = store
        .create_person(PersonDraft {
            first_name: "Élodie".into(),
            last_name: "Dupré".into(),
            emails: vec![
                Labeled::new("travail", "elodie@example.org"),
                Labeled::new("perso", "elodie.dupre@example.net"),
            ],
            phones: vec![Labeled::new("mobile", "06 12 34 56 78")],
            organization: Some("Collectif des Mères Solidaires".into()),
            profile: crate::person::Profile {
                sectors: vec![Sector::Collective],
                ..Default::default()
            },
            tags: vec!["refus scolaire".into(), "Bootcamp 2026".into()],
            notes: "## Rencontre\n\nTrès engagée sur le **refus scolaire**.".into(),
        })
        .expect("created");

    let read = store.get_person(created.id).expect("found");
    assert_eq!(read, created);
    assert_eq!(read.emails[1].value, "elodie.dupre@example.net");
    assert_eq!(read.tags, vec!["Bootcamp 2026", "refus scolaire"]);
    assert_eq!(read.created_at, read.updated_at);
    assert_eq!(read.id.get_version_num(), 7);
}

#[test]
fn list_sorts_by_last_then_first_name_ignoring_accents_and_case() {
    let (_dir, store) = temp_store();
    for (first, last) in [
        ("Paul", "Eymard"),
        ("Anne", "dubois"),
        ("Paul", "Éluard"),
        ("Étienne", "Martin"),
        ("émile", "Martin"),
        ("Ali", "Martinez"),
    ] {
        store.create_person(draft(first, last)).expect("created");
    }
    let list = store.list_persons(&PersonQuery::default()).expect("listed");
    assert_eq!(
        names(&list),
        vec![
            "Anne dubois",
            "Paul Éluard",
            "Paul Eymard",
            "émile Martin",
            "Étienne Martin",
            "Ali Martinez"
        ]
    );
}

#[test]
fn list_filter_matches_every_word_without_accents() {
    let (_dir, store) = temp_store();
    let mut elodie = draft("Élodie", "Dupré");
    elodie.emails = vec![Labeled::new("", "elodie@example.org")];
    elodie.tags = vec!["Éducation".into()];
    store.create_person(elodie).expect("created");
    let mut theo = draft("Théo", "Dupont");
    theo.organization = Some("Média des Quartiers".into());
    store.create_person(theo).expect("created");

    let find = |text: &str| {
        names(
            &store
                .list_persons(&PersonQuery {
                    text: Some(text.into()),
                    ..PersonQuery::default()
                })
                .expect("listed"),
        )
    };
    assert_eq!(find("dupre"), vec!["Élodie Dupré"]);
    assert_eq!(find("DUP"), vec!["Théo Dupont", "Élodie Dupré"]);
    assert_eq!(find("media quartiers"), vec!["Théo Dupont"]);
    assert_eq!(find("education"), vec!["Élodie Dupré"]);
    assert_eq!(find("example.org"), vec!["Élodie Dupré"]);
    assert_eq!(find("theo dupre"), Vec::<String>::new());
    assert_eq!(find("%"), vec!["Théo Dupont", "Élodie Dupré"]);
}

#[test]
fn update_replaces_the_fields_and_keeps_the_creation_time() {
    let (_dir, store) = temp_store();
    let mut d = draft("Élodie", "Dupré");
    d.emails = vec![Labeled::new("", "elodie@example.org")];
    d.tags = vec!["climat".into()];
    let created = store.create_person(d).expect("created");

    let mut changed = PersonDraft::from(created.clone());
    changed.last_name = "Dupré-Martin".into();
    changed.emails = vec![Labeled::new("asso", "e.dupre@asso.fr")];
    changed.tags = vec![];
    let updated = store.update_person(created.id, changed).expect("updated");

    assert_eq!(updated.last_name, "Dupré-Martin");
    assert_eq!(
        updated.emails,
        vec![Labeled::new("asso", "e.dupre@asso.fr")]
    );
    assert!(updated.tags.is_empty());
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at >= created.updated_at);
    assert_eq!(store.get_person(created.id).expect("found"), updated);
}

#[test]
fn invalid_update_changes_nothing() {
    let (_dir, store) = temp_store();
    let created = store
        .create_person(draft("Élodie", "Dupré"))
        .expect("created");
    let mut bad = PersonDraft::from(created.clone());
    bad.last_name = "Autre".into();
    bad.emails = vec![Labeled::new("", "not-an-email")];
    let err = store.update_person(created.id, bad).expect_err("refused");
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "emails.0"));
    assert_eq!(store.get_person(created.id).expect("found"), created);
}

#[test]
fn delete_removes_the_person_and_their_details() {
    let (_dir, store) = temp_store();
    let mut d = draft("Élodie", "Dupré");
    d.emails = vec![Labeled::new("", "elodie@example.org")];
    let created = store.create_person(d).expect("created");
    store.delete_person(created.id).expect("deleted");
    assert!(matches!(
        store.get_person(created.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.count_persons().expect("count"), 0);
    assert!(matches!(
        store.delete_person(created.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn tags_are_shared_and_fold_alike() {
    let (_dir, store) = temp_store();
    let mut a = draft("Aïcha", "Benali");
    a.tags = vec!["Éducation".into()];
    let mut b = draft("Bruno", "Roux");
    b.tags = vec!["education".into()];
    store.create_person(a).expect("created");
    let bruno = store.create_person(b).expect("created");
    assert_eq!(
        bruno.tags,
        vec!["Éducation"],
        "the first spelling names the tag"
    );
}

#[test]
fn a_batch_with_one_invalid_person_creates_nobody() {
    let (_dir, store) = temp_store();
    let mut bad = draft("", "");
    bad.emails = vec![Labeled::new("", "x@example.org")];
    let err = store
        .create_persons(vec![draft("Élodie", "Dupré"), bad])
        .expect_err("refused");
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "people.1.first_name"));
    assert_eq!(store.count_persons().expect("count"), 0);
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = Store::open_in(dir.path())
        .and_then(|s| s.create_person(draft("Élodie", "Dupré")))
        .expect("created")
        .id;
    let store = Store::open_in(dir.path()).expect("reopens");
    assert_eq!(store.get_person(id).expect("found").last_name, "Dupré");
}

#[test]
fn parse_id_names_the_field_of_a_malformed_id() {
    assert!(parse_id("0196f5c2-7d1e-7c3a-9f00-0123456789ab").is_ok());
    assert!(matches!(parse_id("abc"), Err(Error::Invalid { ref field, .. }) if field == "id"));
}
