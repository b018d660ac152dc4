//! The trash, through real SQLite files in temporary folders: what a delete keeps, what a
//! restore puts back (compared row for row with the database before the delete), what is left
//! out, emptying, expiry, and a restore reaching another laptop through sync.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::test_support::{person, temp_store};
use super::trash::trash_forget;
use super::*;
use crate::event::EventDraft;
use crate::interaction::{InteractionDraft, OneToOne};
use crate::organization::{MembershipDraft, OrganizationDraft};
use crate::person::Labeled;
use crate::roadmap::{Indicator, ObjectiveDraft, Quarter};
use crate::session::{ActionDraft, EngagementDraft, SessionDraft};
use crate::store::search::SearchKind;
use crate::vocab::{
    Attendance, EngagementStatus, InteractionKind, ObjectiveStatus, OrganizationKind, SessionFormat,
};

/// Every row of every table that holds records (not sync's bookkeeping, the search index or
/// the trash itself), sorted: two equal dumps are the same data.
fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(path).expect("open");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
             AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'sync%' AND name NOT LIKE 'search%'
             AND name NOT LIKE 'trash%'",
        )
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<rusqlite::Result<_>>()
        .expect("tables");
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\""))
                .expect("select");
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|v| v.join(" | "))
                })
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// A delete to try, on the store of the test.
type Delete<'a> = dyn Fn() -> Result<()> + 'a;

/// Asserts two dumps are equal, naming the first table that differs.
fn assert_same(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
    what: &str,
) {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{what}: the same tables"
    );
    for (table, rows) in before {
        assert_eq!(&after[table], rows, "{what}: table {table}");
    }
}

fn count(store: &Store, sql: &str, id: Uuid) -> i64 {
    store
        .db
        .read(|c| Ok(c.query_row(sql, [id.to_string()], |r| r.get(0))?))
        .expect("count")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn org(store: &Store, name: &str) -> Uuid {
    store
        .create_organization(OrganizationDraft::new(name, OrganizationKind::Collective))
        .expect("org")
        .id
}

fn member(store: &Store, person_id: Uuid, organization_id: Uuid, role: &str) -> Uuid {
    store
        .add_membership(MembershipDraft {
            person_id,
            organization_id,
            role: role.into(),
            since: Some(date("2025-09-01")),
            until: None,
            leadership: true,
        })
        .expect("member")
        .id
}

fn event(store: &Store, title: &str, speakers: Vec<Uuid>, organizations: Vec<Uuid>) -> Uuid {
    store
        .create_event(EventDraft {
            title: title.into(),
            series_id: None,
            starts_at: "2026-10-08T17:30:00Z".parse().expect("instant"),
            ends_at: None,
            place: "Centre social".into(),
            speakers,
            guests: vec![],
            organizations,
            description: "Une soirée pour **gagner ensemble**.".into(),
            notes: String::new(),
            unnamed_count: 3,
        })
        .expect("event")
        .id
}

fn hits(store: &Store, text: &str) -> Vec<(SearchKind, Uuid)> {
    store
        .search(text, 50)
        .expect("search")
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

/// Awa, with everything a person can have around her.
struct Awa {
    id: Uuid,
    lea: Uuid,
    collective: Uuid,
    action: Uuid,
    interaction: Uuid,
    introduced: Uuid,
}

fn awa_with_everything(store: &Store) -> Awa {
    let lea = person(store, "Léa", "Martin");
    let id = store
        .create_person(PersonDraft {
            first_name: "Awa".into(),
            last_name: "Diallo".into(),
            emails: vec![
                Labeled::new("travail", "awa@quartiers.example"),
                Labeled::new("", "awa.diallo@example.org"),
            ],
            phones: vec![Labeled::new("mobile", "06 12 34 56 78")],
            organization: Some("Quartiers en Transition".into()),
            tags: vec!["Climat".into(), "Éducation".into()],
            notes: "Rencontrée à la soirée de septembre.".into(),
            ..PersonDraft::default()
        })
        .expect("Awa")
        .id;
    let collective = org(store, "Quartiers en Transition");
    member(store, id, collective, "porte-parole");
    let interaction = store
        .add_interaction(InteractionDraft {
            date: date("2026-10-02"),
            kind: InteractionKind::OneToOne,
            people: vec![id],
            team_member_id: Some(lea),
            notes: "Premier one-to-one.".into(),
            one_to_one: OneToOne {
                interests: "Refus scolaire".into(),
                ..OneToOne::default()
            },
            suggested: vec![],
        })
        .expect("interaction")
        .id;
    let soiree = event(store, "Soirée #GagnerEnsemble", vec![id], vec![collective]);
    store
        .set_attendance(soiree, id, Some(Attendance::Present))
        .expect("attendance");
    let action = store
        .add_action(ActionDraft {
            text: "Appeler la mairie".into(),
            owner_id: Some(id),
            due_on: Some(date("2026-11-01")),
            session_id: None,
            objective_id: None,
        })
        .expect("action")
        .id;
    let mut introduced = PersonDraft {
        first_name: "Inès".into(),
        last_name: "Haddad".into(),
        ..PersonDraft::default()
    };
    introduced.profile.introduced_by_id = Some(id);
    let introduced = store.create_person(introduced).expect("Inès").id;
    Awa {
        id,
        lea,
        collective,
        action,
        interaction,
        introduced,
    }
}

#[test]
fn a_deleted_person_goes_to_the_trash_with_all_her_links_and_comes_back_exactly() {
    let (_dir, store) = temp_store();
    let awa = awa_with_everything(&store);
    let before = dump(&store.path());

    store.delete_person(awa.id).expect("deleted");

    assert!(matches!(
        store.get_person(awa.id),
        Err(Error::NotFound { .. })
    ));
    for sql in [
        "SELECT count(*) FROM person_email WHERE person_id = ?1",
        "SELECT count(*) FROM person_phone WHERE person_id = ?1",
        "SELECT count(*) FROM person_tag WHERE person_id = ?1",
        "SELECT count(*) FROM membership WHERE person_id = ?1",
        "SELECT count(*) FROM interaction_person WHERE person_id = ?1",
        "SELECT count(*) FROM attendance WHERE person_id = ?1",
        "SELECT count(*) FROM event_person WHERE person_id = ?1",
        "SELECT count(*) FROM action WHERE owner_id = ?1",
        "SELECT count(*) FROM person WHERE introduced_by_id = ?1",
    ] {
        assert_eq!(count(&store, sql, awa.id), 0, "{sql}");
    }
    assert!(!hits(&store, "Diallo").contains(&(SearchKind::Person, awa.id)));

    let trash = store.trash_list().expect("trash");
    assert_eq!(trash.len(), 1);
    let item = &trash[0];
    assert_eq!(item.kind, TrashKind::Person);
    assert_eq!(item.record_id, awa.id);
    assert_eq!(item.label, "Awa Diallo");
    assert_eq!(item.expires_at - item.deleted_at, Duration::days(30));
    assert!((Utc::now() - item.deleted_at).num_seconds().abs() < 60);

    let restored = store.trash_restore(item.id).expect("restored");
    assert_eq!(
        restored,
        TrashRestored {
            kind: TrashKind::Person,
            record_id: awa.id,
            label: "Awa Diallo".into(),
            left_out: 0,
        }
    );
    assert_same(
        &before,
        &dump(&store.path()),
        "every row is back as it was, the action's owner and Inès's introducer included",
    );
    let found = hits(&store, "Diallo");
    assert!(found.contains(&(SearchKind::Person, awa.id)), "{found:?}");
    assert!(
        found.contains(&(SearchKind::Action, awa.action)),
        "the action shows its owner again: {found:?}"
    );
    assert!(
        found.contains(&(SearchKind::Interaction, awa.interaction)),
        "the one-to-one names her again: {found:?}"
    );
    assert!(hits(&store, "quartiers.example").contains(&(SearchKind::Person, awa.id)));
    let page = store.person_page(awa.id).expect("page");
    assert_eq!(page.person.emails.len(), 2);
    assert_eq!(
        store
            .get_person(awa.introduced)
            .expect("Inès")
            .profile
            .introduced_by_id,
        Some(awa.id)
    );
    assert_eq!(store.memberships_of_person(awa.id).expect("m").len(), 1);
    let _ = (awa.lea, awa.collective);

    assert!(store.trash_list().expect("trash").is_empty());
    assert!(matches!(
        store.trash_restore(item.id),
        Err(Error::NotFound {
            entity: Entity::TrashItem,
            ..
        })
    ));
}

#[test]
fn a_membership_whose_organisation_was_deleted_meanwhile_is_left_out_and_counted() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let gone = org(&store, "Collectif disparu");
    let kept = org(&store, "Quartiers en Transition");
    member(&store, awa, gone, "membre");
    member(&store, awa, kept, "porte-parole");

    store.delete_person(awa).expect("deleted");
    store.delete_organization(gone).expect("org deleted");
    let item = store
        .trash_list()
        .expect("trash")
        .into_iter()
        .find(|i| i.record_id == awa)
        .expect("Awa in the trash");

    let restored = store.trash_restore(item.id).expect("restored");
    assert_eq!(restored.left_out, 1);
    let memberships = store.memberships_of_person(awa).expect("memberships");
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].fields.organization_id, kept);
    assert_eq!(store.get_person(awa).expect("back").last_name, "Diallo");
    // The organisation is still in the trash, on its own.
    let left = store.trash_list().expect("trash");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, TrashKind::Organization);
    assert_eq!(left[0].label, "Collectif disparu");
}

#[test]
fn a_record_whose_id_exists_again_is_refused_and_stays_in_the_trash() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let before = dump(&store.path());
    store.delete_person(awa).expect("deleted");
    // As sync would after a concurrent edit on another laptop brought her back.
    store
        .db
        .write(|tx| {
            tx.execute(
                "INSERT INTO person (id, first_name, last_name, notes, sort_key, match_text,
                                     languages, created_at, updated_at)
                 VALUES (?1, 'Awa', 'Diallo', '', 'diallo awa', 'awa diallo', '[]',
                         '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                [awa.to_string()],
            )?;
            Ok(())
        })
        .expect("back by another way");
    let item = store.trash_list().expect("trash").remove(0);
    let err = store.trash_restore(item.id).expect_err("refused");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("exists again"), "{err}");
    assert_eq!(store.trash_list().expect("trash").len(), 1);
    assert_ne!(dump(&store.path()), before);
}

#[test]
fn every_kind_of_record_comes_back_exactly_with_its_links() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let lea = person(&store, "Léa", "Martin");
    let collective = org(&store, "Quartiers en Transition");
    let funder = org(&store, "Fondation du Lien");
    member(&store, awa, collective, "porte-parole");
    let coord = store
        .add_team(collective, None, "Équipe de coordination")
        .expect("team");
    let sub = store
        .add_team(collective, Some(coord), "Équipe mobilisation")
        .expect("sub-team");
    store.set_team_member(coord, awa, "capitaine").expect("tm");
    store.set_team_member(sub, lea, "").expect("tm");
    let engagement = store
        .create_engagement(EngagementDraft {
            title: "Accompagnement QeT 2026".into(),
            organizations: vec![collective],
            kinds: vec![],
            goals: "- [ ] Former l'équipe".into(),
            starts_on: Some(date("2026-01-10")),
            ends_on: None,
            cadence: "mensuelle".into(),
            funder_id: Some(funder),
            status: EngagementStatus::Active,
            leads: vec![lea],
        })
        .expect("engagement")
        .id;
    let session = store
        .create_session(
            SessionDraft {
                title: "Séance de lancement".into(),
                engagement_id: Some(engagement),
                organizations: vec![collective],
                starts_at: "2026-02-03T18:00:00Z".parse().expect("instant"),
                duration_minutes: 90,
                place: "Maison de quartier".into(),
                format: SessionFormat::Collective,
                participants: vec![awa],
                facilitators: vec![lea],
                preparation: "## Ordre du jour".into(),
                notes: "Bonne énergie.".into(),
                decisions: vec!["Tenir une réunion publique".into()],
                next_session_on: None,
            },
            None,
        )
        .expect("session")
        .id;
    let axis = store.list_axes().expect("axes")[0].id;
    let objective = store
        .create_objective(ObjectiveDraft {
            quarter: Quarter::parse("quarter", "2026-T4").expect("quarter"),
            axis_id: axis,
            title: "Former dix leaders".into(),
            description: "Pourquoi : le pouvoir se construit.".into(),
            owners: vec![lea],
            status: ObjectiveStatus::InProgress,
            progress: 2.5,
            target: Some(10.0),
            indicators: vec![Indicator {
                name: "Leaders formés".into(),
                target: Some(10.0),
                current: Some(2.5),
            }],
            organizations: vec![collective],
            engagements: vec![engagement],
        })
        .expect("objective")
        .id;
    let action = store
        .add_action(ActionDraft {
            text: "Réserver la salle".into(),
            owner_id: Some(awa),
            due_on: None,
            session_id: Some(session),
            objective_id: Some(objective),
        })
        .expect("action")
        .id;
    let soiree = event(
        &store,
        "Soirée de la communauté",
        vec![lea],
        vec![collective],
    );
    store
        .set_attendance(soiree, awa, Some(Attendance::Registered))
        .expect("attendance");

    let before = dump(&store.path());
    let cases: Vec<(TrashKind, Uuid, &str, Box<Delete>)> = vec![
        (
            TrashKind::Organization,
            collective,
            "Quartiers en Transition",
            Box::new(|| store.delete_organization(collective)),
        ),
        (
            TrashKind::Engagement,
            engagement,
            "Accompagnement QeT 2026",
            Box::new(|| store.delete_engagement(engagement)),
        ),
        (
            TrashKind::Session,
            session,
            "Séance de lancement",
            Box::new(|| store.delete_session(session)),
        ),
        (
            TrashKind::Action,
            action,
            "Réserver la salle",
            Box::new(|| store.delete_action(action)),
        ),
        (
            TrashKind::Event,
            soiree,
            "Soirée de la communauté",
            Box::new(|| store.delete_event(soiree)),
        ),
        (
            TrashKind::Objective,
            objective,
            "Former dix leaders",
            Box::new(|| store.delete_objective(objective)),
        ),
    ];
    for (kind, id, label, delete) in cases {
        delete().expect("deleted");
        assert_ne!(dump(&store.path()), before, "{kind} deleted");
        let item = store.trash_list().expect("trash").remove(0);
        assert_eq!(
            (item.kind, item.record_id, item.label.as_str()),
            (kind, id, label)
        );
        let restored = store.trash_restore(item.id).expect("restored");
        assert_eq!(restored.left_out, 0, "{kind}");
        assert_same(
            &before,
            &dump(&store.path()),
            &format!("{kind} came back exactly"),
        );
    }
    assert!(hits(&store, "lancement").contains(&(SearchKind::Session, session)));
    assert!(hits(&store, "leaders").contains(&(SearchKind::Objective, objective)));
    assert!(store.trash_list().expect("trash").is_empty());
}

#[test]
fn the_trash_lists_newest_first_and_empties_only_when_asked() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let soiree = event(&store, "Atelier", vec![], vec![]);
    store.delete_person(awa).expect("deleted");
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.delete_event(soiree).expect("deleted");
    let list = store.trash_list().expect("trash");
    assert_eq!(
        list.iter().map(|i| i.kind).collect::<Vec<_>>(),
        vec![TrashKind::Event, TrashKind::Person]
    );
    assert_eq!(store.trash_empty().expect("emptied"), 2);
    assert!(store.trash_list().expect("trash").is_empty());
    assert_eq!(store.trash_empty().expect("emptied"), 0);
    assert!(matches!(store.get_person(awa), Err(Error::NotFound { .. })));
}

#[test]
fn items_older_than_thirty_days_are_purged() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    store.delete_person(awa).expect("deleted");
    let deleted_at = store.trash_list().expect("trash")[0].deleted_at;

    assert_eq!(
        store
            .trash_purge_expired(deleted_at + Duration::days(29))
            .expect("purge"),
        0
    );
    assert_eq!(store.trash_list().expect("trash").len(), 1);
    assert_eq!(
        store
            .trash_purge_expired(deleted_at + Duration::days(30))
            .expect("purge"),
        1
    );
    assert!(store.trash_list().expect("trash").is_empty());
}

#[test]
fn a_merge_of_duplicates_does_not_go_to_the_trash() {
    let (_dir, store) = temp_store();
    let a = person(&store, "Awa", "Diallo");
    let b = person(&store, "Awa", "Diallo");
    store.merge_persons(a, b).expect("merged");
    assert!(store.trash_list().expect("trash").is_empty());
}

#[test]
fn forgetting_a_person_takes_them_out_of_every_trash_item() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let lea = person(&store, "Léa", "Martin");
    let collective = org(&store, "Quartiers en Transition");
    member(&store, awa, collective, "porte-parole");
    member(&store, lea, collective, "trésorière");
    store.delete_organization(collective).expect("org deleted");
    store.delete_person(awa).expect("deleted");

    store
        .db
        .write(|tx| trash_forget(tx, awa))
        .expect("forgotten");
    let list = store.trash_list().expect("trash");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].record_id, collective);
    let rows: String = store
        .db
        .read(|c| Ok(c.query_row("SELECT rows FROM trash_item", [], |r| r.get(0))?))
        .expect("rows");
    assert!(!rows.contains(&awa.to_string()), "{rows}");
    assert!(rows.contains(&lea.to_string()));
    // What is left still comes back.
    let restored = store.trash_restore(list[0].id).expect("restored");
    assert_eq!(restored.left_out, 0);
    assert_eq!(store.memberships_of_person(lea).expect("m").len(), 1);
}

#[test]
fn a_restore_reaches_the_other_laptop_through_sync() {
    use crate::sync::{KdfParams, open_or_create};
    let shared_dir = tempfile::tempdir().expect("temp dir");
    let shared = shared_dir.path().join("partage");
    let key = open_or_create(
        &shared,
        "on construit le pouvoir ensemble",
        KdfParams::FAST_FOR_TESTS,
    )
    .expect("key");
    let (_a_dir, a) = temp_store();
    let (_b_dir, b) = temp_store();
    let awa = awa_with_everything(&a);
    a.sync_with_folder(&shared, &key).expect("A syncs");
    b.sync_with_folder(&shared, &key).expect("B syncs");
    assert_eq!(b.get_person(awa.id).expect("on B").emails.len(), 2);

    a.delete_person(awa.id).expect("deleted on A");
    a.sync_with_folder(&shared, &key).expect("A syncs");
    b.sync_with_folder(&shared, &key).expect("B syncs");
    assert!(matches!(b.get_person(awa.id), Err(Error::NotFound { .. })));
    assert!(
        b.trash_list().expect("B's trash").is_empty(),
        "a delete from another laptop does not fill this laptop's trash"
    );

    let item = a.trash_list().expect("A's trash").remove(0);
    a.trash_restore(item.id).expect("restored on A");
    a.sync_with_folder(&shared, &key).expect("A syncs");
    b.sync_with_folder(&shared, &key).expect("B syncs");
    let back = b.get_person(awa.id).expect("back on B");
    assert_eq!(back.emails.len(), 2);
    assert_eq!(back.tags, vec!["Climat", "Éducation"]);
    assert_eq!(back.notes, "Rencontrée à la soirée de septembre.");
    assert_eq!(b.memberships_of_person(awa.id).expect("m").len(), 1);
    assert_eq!(b.person_events(awa.id).expect("events").len(), 1);
    assert_eq!(
        b.get_action(awa.action)
            .expect("action")
            .owner
            .map(|o| o.id),
        Some(awa.id)
    );
    assert!(hits(&b, "Diallo").contains(&(SearchKind::Person, awa.id)));
    assert!(b.conflicts(true).expect("conflicts").is_empty());
}

#[test]
fn a_reference_to_someone_deleted_since_comes_back_empty_and_the_person_still_returns() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Martin");
    let mut draft = PersonDraft {
        first_name: "Awa".into(),
        last_name: "Diallo".into(),
        ..PersonDraft::default()
    };
    draft.profile.point_person_id = Some(lea);
    let awa = store.create_person(draft).expect("Awa").id;
    store.delete_person(awa).expect("deleted");
    store.delete_person(lea).expect("deleted");
    let item = store
        .trash_list()
        .expect("trash")
        .into_iter()
        .find(|i| i.record_id == awa)
        .expect("Awa in the trash");
    let restored = store.trash_restore(item.id).expect("restored");
    assert_eq!(restored.left_out, 0);
    assert_eq!(
        store.get_person(awa).expect("back").profile.point_person_id,
        None
    );
}

#[test]
fn a_record_whose_axis_is_gone_is_refused_and_nothing_changes() {
    let (_dir, store) = temp_store();
    let axis = store.add_axis("Axe éphémère").expect("axis").id;
    let objective = store
        .create_objective(ObjectiveDraft {
            quarter: Quarter::parse("quarter", "2026-T4").expect("quarter"),
            axis_id: axis,
            title: "Former dix leaders".into(),
            description: String::new(),
            owners: vec![],
            status: ObjectiveStatus::NotStarted,
            progress: 0.0,
            target: None,
            indicators: vec![],
            organizations: vec![],
            engagements: vec![],
        })
        .expect("objective")
        .id;
    store.delete_objective(objective).expect("deleted");
    store
        .db
        .write(|tx| {
            tx.execute("DELETE FROM roadmap_axis WHERE id = ?1", [axis.to_string()])?;
            Ok(())
        })
        .expect("axis gone");
    let before = dump(&store.path());
    let item = store.trash_list().expect("trash").remove(0);
    let err = store.trash_restore(item.id).expect_err("refused");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("Former dix leaders"), "{err}");
    assert_same(&before, &dump(&store.path()), "nothing changed");
    assert_eq!(store.trash_list().expect("trash").len(), 1);
}
