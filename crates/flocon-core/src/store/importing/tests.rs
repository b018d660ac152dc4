//! Imports whose entries match one person many times: each entry still finds what earlier
//! entries brought, and the person ends with everything, as when each entry was written at once.

use uuid::Uuid;

use super::merging::Merged;
use crate::person::{Labeled, PersonDraft};
use crate::store::Store;
use crate::store::test_support::temp_store;

fn vcards(rows: impl IntoIterator<Item = (String, String)>) -> String {
    rows.into_iter()
        .map(|(a, b)| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\nEMAIL:{a}\r\nEMAIL:{b}\r\nEND:VCARD\r\n"
            )
        })
        .collect()
}

fn only_person(store: &Store) -> crate::person::Person {
    let all = store.all_persons().expect("listed");
    assert_eq!(all.len(), 1, "one person: {all:?}");
    all.into_iter().next().expect("one")
}

#[test]
fn rows_sharing_one_email_merge_into_one_person_with_every_address() {
    let (_dir, store) = temp_store();
    let file = vcards((0..50).map(|i| ("Shared@Example.org".into(), format!("n{i}@example.org"))));
    let report = store.import(file.as_bytes(), false).expect("imported");
    assert_eq!(
        (
            report.created.len(),
            report.merged.len(),
            report.unchanged.len()
        ),
        (1, 49, 0)
    );
    let anne = only_person(&store);
    assert_eq!(anne.emails.len(), 51);
    assert_eq!(anne.emails[50].value, "n49@example.org");
    assert_eq!(store.search("n49", 5).expect("search").len(), 1);

    let again = store.import(file.as_bytes(), false).expect("imported");
    assert_eq!((again.merged.len(), again.unchanged.len()), (0, 50));
    assert_eq!(only_person(&store).emails.len(), 51);
}

#[test]
fn an_address_an_earlier_row_brought_matches_before_it_is_written() {
    let (_dir, store) = temp_store();
    // Each row shares its first address with the previous row's second one only: the chain
    // holds only through addresses this import added.
    let file = vcards((0..20).map(|i| {
        (
            format!("c{i}@example.org"),
            format!("c{}@example.org", i + 1),
        )
    }));
    let report = store.import(file.as_bytes(), false).expect("imported");
    assert_eq!((report.created.len(), report.merged.len()), (1, 19));
    assert_eq!(only_person(&store).emails.len(), 21);
}

#[test]
fn a_phone_an_earlier_row_brought_matches_too() {
    let (_dir, store) = temp_store();
    let file: String = (0..10)
        .map(|i| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Personne {i}\r\nTEL:06 12 34 56 {:02}\r\nTEL:06 12 34 56 {:02}\r\nEND:VCARD\r\n",
                i,
                i + 1
            )
        })
        .collect();
    let report = store.import(file.as_bytes(), false).expect("imported");
    assert_eq!((report.created.len(), report.merged.len()), (1, 9));
    assert_eq!(only_person(&store).phones.len(), 11);
}

#[test]
fn a_dry_run_of_many_merges_reports_them_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let file = vcards((0..30).map(|i| ("s@example.org".into(), format!("d{i}@example.org"))));
    let preview = store.import(file.as_bytes(), true).expect("previewed");
    assert_eq!((preview.created.len(), preview.merged.len()), (1, 29));
    assert_eq!(store.count_persons().expect("count"), 0);
}

fn draft(emails: &[&str], tags: &[&str], notes: &str) -> PersonDraft {
    PersonDraft {
        first_name: "Anne".into(),
        emails: emails.iter().map(|e| Labeled::new("", *e)).collect(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        notes: notes.into(),
        ..PersonDraft::default()
    }
}

#[test]
fn a_merge_adds_only_what_is_new_whatever_the_case_or_accents() {
    let mut merged = Merged::new(draft(&["a@example.org"], &["Éducation"], "Vue au forum."));
    assert!(
        !merged
            .absorb(&draft(&["A@EXAMPLE.ORG"], &["education"], "forum"))
            .expect("merged"),
        "nothing new: the same address, tag and a note already there"
    );
    assert!(
        merged
            .absorb(&draft(&["b@example.org"], &["Logement"], "Rappeler lundi."))
            .expect("merged")
    );
    assert!(
        !merged
            .absorb(&draft(&[], &[], "Rappeler lundi."))
            .expect("merged"),
        "a note this merge added is not added twice"
    );
    let d = merged.draft;
    assert_eq!(d.emails.len(), 2);
    assert_eq!(d.tags, vec!["Éducation", "Logement"]);
    assert_eq!(d.notes, "Vue au forum.\n\nRappeler lundi.");
}

#[test]
fn notes_growing_past_their_limit_refuse_the_merge() {
    let mut merged = Merged::new(draft(&[], &[], &"a".repeat(999_990)));
    let err = merged
        .absorb(&draft(&[], &[], "assez long pour dépasser"))
        .expect_err("refused");
    assert!(err.to_string().contains("notes"), "{err}");
}

#[test]
fn links_of_many_entries_to_one_person_are_set_once_from_the_first_that_resolves() {
    let (_dir, store) = temp_store();
    let referrer = Uuid::now_v7();
    let people = serde_json::json!([
        {"id": referrer, "first_name": "Réf", "last_name": "Érente", "emails": [], "phones": [], "tags": [], "notes": "",
         "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},
        {"id": Uuid::now_v7(), "first_name": "Anne", "last_name": "Dupont",
         "emails": [{"label": "", "value": "anne@example.org"}], "phones": [], "tags": [], "notes": "",
         "introduced_by_id": Uuid::now_v7(),
         "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},
        {"id": Uuid::now_v7(), "first_name": "Anne", "last_name": "Dupont",
         "emails": [{"label": "", "value": "anne@example.org"}], "phones": [], "tags": [], "notes": "",
         "introduced_by_id": referrer,
         "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
    ]);
    let report = store
        .import(people.to_string().as_bytes(), false)
        .expect("imported");
    assert_eq!(report.created.len(), 2, "{report:?}");
    let anne = report.created[1].person_id.expect("an id");
    let referrer_here = report.created[0].person_id.expect("an id");
    assert_eq!(
        store
            .get_person(anne)
            .expect("found")
            .profile
            .introduced_by_id,
        Some(referrer_here),
        "an unknown introducer is dropped; the next entry's one is mapped here"
    );
}
