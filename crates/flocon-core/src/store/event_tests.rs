//! Events, attendance, cohorts and the activity report, through a real SQLite file in a
//! temporary folder.

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;

use super::test_support::{person, temp_store};
use super::*;
use crate::event::{CohortDraft, EventDraft, EventQuery};
use crate::organization::{MembershipDraft, OrganizationDraft};
use crate::report::ReportQuery;
use crate::vocab::{Attendance, CohortStage, EventRole, OrganizationKind};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an instant")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn draft(title: &str, start: &str) -> EventDraft {
    EventDraft {
        title: title.into(),
        series_id: None,
        starts_at: at(start),
        ends_at: None,
        place: "Maison des associations".into(),
        speakers: vec![],
        guests: vec![],
        organizations: vec![],
        description: String::new(),
        notes: String::new(),
        unnamed_count: 0,
    }
}

#[test]
fn an_event_keeps_its_series_speakers_organisations_and_attendance_counts() {
    let (_dir, store) = temp_store();
    let awa = person(&store, "Awa", "Diallo");
    let theo = person(&store, "Théo", "Lefèvre");
    let ines = person(&store, "Inès", "Haddad");
    let karim = person(&store, "Karim", "Bensaïd");
    let org = store
        .create_organization(OrganizationDraft::new(
            "Quartiers en Transition",
            OrganizationKind::Collective,
        ))
        .expect("org")
        .id;
    let series = store
        .find_series("gagnerensemble")
        .expect("find")
        .expect("seeded");
    assert_eq!(series.name, "#GagnerEnsemble");
    let event = store
        .create_event(EventDraft {
            series_id: Some(series.id),
            speakers: vec![karim],
            organizations: vec![org],
            unnamed_count: 12,
            ..draft("#GagnerEnsemble : la campagne", "2026-03-12T18:00:00Z")
        })
        .expect("created");
    store
        .set_attendances(
            event.id,
            &[
                (awa, Some(Attendance::Present)),
                (theo, Some(Attendance::Registered)),
                (ines, Some(Attendance::Excused)),
            ],
        )
        .expect("answers");
    // Théo came after all; Inès is taken off the list.
    store
        .set_attendance(event.id, theo, Some(Attendance::Present))
        .expect("present");
    let event = store.set_attendance(event.id, ines, None).expect("removed");
    assert_eq!(
        event.series.as_ref().map(|s| s.name.as_str()),
        Some("#GagnerEnsemble")
    );
    assert_eq!(
        event.speakers.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![karim]
    );
    assert_eq!(
        event.organizations.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![org]
    );
    assert_eq!(
        (
            event.counts.present,
            event.counts.unnamed,
            event.counts.came()
        ),
        (2, 12, 14)
    );
    assert_eq!(event.counts.excused, 0);

    // Editing the event keeps who came.
    let edited = store
        .update_event(
            event.id,
            EventDraft {
                title: "#GagnerEnsemble : gagner la campagne".into(),
                series_id: Some(series.id),
                unnamed_count: 12,
                ..draft("x", "2026-03-12T18:30:00Z")
            },
        )
        .expect("updated");
    assert_eq!(edited.attendance.len(), 2);
    assert!(edited.speakers.is_empty());

    let awa_events = store.person_events(awa).expect("person events");
    assert_eq!(awa_events.len(), 1);
    assert_eq!(awa_events[0].status, Some(Attendance::Present));
    let listed = store
        .list_events(&EventQuery {
            from: Some(at("2026-03-01T00:00:00Z")),
            to: Some(at("2026-04-01T00:00:00Z")),
            series_id: Some(series.id),
        })
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].counts.came(), 14);
    assert!(
        store
            .list_events(&EventQuery {
                from: Some(at("2026-04-01T00:00:00Z")),
                ..EventQuery::default()
            })
            .expect("list")
            .is_empty()
    );

    // A member of the collective came: the collective's page shows the event.
    store
        .add_membership(MembershipDraft {
            person_id: awa,
            organization_id: org,
            role: String::new(),
            since: None,
            until: None,
            leadership: false,
        })
        .expect("member");
    let org_events = store.organization_events(org).expect("org events");
    assert_eq!(org_events.len(), 1);
    assert_eq!(org_events[0].members_present, 1);
}

#[test]
fn bad_links_and_bad_input_are_refused_and_nothing_is_written() {
    let (_dir, store) = temp_store();
    let ghost = Uuid::now_v7();
    assert!(matches!(
        store.create_event(EventDraft {
            speakers: vec![ghost],
            ..draft("Atelier", "2026-05-02T08:00:00Z")
        }),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.create_event(EventDraft {
            ends_at: Some(at("2026-05-01T08:00:00Z")),
            ..draft("Atelier", "2026-05-02T08:00:00Z")
        }),
        Err(Error::Invalid { .. })
    ));
    assert!(
        store
            .list_events(&EventQuery::default())
            .expect("list")
            .is_empty()
    );
    let event = store
        .create_event(draft("Atelier", "2026-05-02T08:00:00Z"))
        .expect("ok");
    assert!(matches!(
        store.set_attendance(event.id, ghost, Some(Attendance::Present)),
        Err(Error::NotFound { .. })
    ));
    // "Opensource" reads like the seeded "#OpenSource" once accents, case and signs are set aside.
    assert!(matches!(
        store.add_series("Opensource"),
        Err(Error::Refused(_))
    ));
    assert!(matches!(store.add_series("  "), Err(Error::Invalid { .. })));
}

#[test]
fn a_cohort_counts_who_stands_at_each_stage_and_who_ever_reached_it() {
    let (_dir, store) = temp_store();
    let cohort = store
        .create_cohort(CohortDraft {
            name: "Promotion 2026".into(),
            programme: "Formation au community organizing".into(),
            starts_on: Some(day("2026-01-15")),
        })
        .expect("cohort");
    let again = store
        .create_cohort(CohortDraft {
            name: "Promotion 2027".into(),
            programme: "formation au COMMUNITY organizing".into(),
            starts_on: None,
        })
        .expect("second cohort");
    assert_eq!(
        again.programme.id, cohort.programme.id,
        "one programme, found by name"
    );
    let people: Vec<Uuid> = (0..4)
        .map(|i| person(&store, "Stagiaire", &format!("N{i}")))
        .collect();
    for &p in &people {
        store
            .set_cohort_stage(cohort.id, p, CohortStage::Applicant, day("2026-01-10"))
            .expect("stage");
    }
    for &p in &people[..3] {
        store
            .set_cohort_stage(cohort.id, p, CohortStage::Accepted, day("2026-01-20"))
            .expect("stage");
    }
    store
        .set_cohort_stage(
            cohort.id,
            people[3],
            CohortStage::Rejected,
            day("2026-01-20"),
        )
        .expect("stage");
    store
        .set_cohort_stage(
            cohort.id,
            people[0],
            CohortStage::Certified,
            day("2026-06-30"),
        )
        .expect("stage");
    let c = store
        .set_cohort_stage(
            cohort.id,
            people[1],
            CohortStage::Dropped,
            day("2026-03-01"),
        )
        .expect("stage");
    let count = |stage| {
        c.counts
            .iter()
            .find(|s| s.stage == stage)
            .map(|s| (s.now, s.reached))
            .expect("stage")
    };
    assert_eq!(count(CohortStage::Applicant), (0, 4));
    assert_eq!(count(CohortStage::Accepted), (1, 3));
    assert_eq!(count(CohortStage::Certified), (1, 1));
    assert_eq!(count(CohortStage::Dropped), (1, 1));
    assert_eq!(count(CohortStage::Rejected), (1, 1));
    let first = c
        .members
        .iter()
        .find(|m| m.person.id == people[0])
        .expect("member");
    assert_eq!(first.stage, CohortStage::Certified);
    assert_eq!(first.since, day("2026-06-30"));
    assert_eq!(first.steps.len(), 3);

    let c = store
        .remove_cohort_member(cohort.id, people[3])
        .expect("removed");
    assert_eq!(c.members.len(), 3);
    assert_eq!(store.list_cohorts().expect("list").len(), 2);
}

#[test]
fn merging_two_people_keeps_their_attendance_and_undo_puts_it_back() {
    let (_dir, store) = temp_store();
    let kept = person(&store, "Awa", "Diallo");
    let twin = person(&store, "Awa", "Dialo");
    let a = store
        .create_event(draft("Atelier A", "2026-05-02T08:00:00Z"))
        .expect("a")
        .id;
    let b = store
        .create_event(draft("Atelier B", "2026-05-09T08:00:00Z"))
        .expect("b")
        .id;
    store
        .set_attendance(a, kept, Some(Attendance::Present))
        .expect("kept at a");
    store
        .set_attendance(b, twin, Some(Attendance::Present))
        .expect("twin at b");
    let cohort = store
        .create_cohort(CohortDraft {
            name: "P".into(),
            programme: "Formation".into(),
            starts_on: None,
        })
        .expect("cohort")
        .id;
    store
        .set_cohort_stage(cohort, twin, CohortStage::Applicant, day("2026-01-10"))
        .expect("stage");

    let merge = store.merge_persons(kept, twin).expect("merged");
    let events: Vec<Uuid> = store
        .person_events(kept)
        .expect("events")
        .iter()
        .map(|e| e.event.id)
        .collect();
    assert_eq!(events, vec![b, a], "both events, newest first");
    assert_eq!(
        store.get_cohort(cohort).expect("cohort").members[0]
            .person
            .id,
        kept
    );

    store.undo_merge(merge).expect("undone");
    assert_eq!(store.person_events(kept).expect("events").len(), 1);
    assert_eq!(store.person_events(twin).expect("events")[0].event.id, b);
    assert_eq!(
        store.get_cohort(cohort).expect("cohort").members[0]
            .person
            .id,
        twin
    );
}

#[test]
fn a_speaker_shows_their_role_on_their_page() {
    let (_dir, store) = temp_store();
    let karim = person(&store, "Karim", "Bensaïd");
    store
        .create_event(EventDraft {
            speakers: vec![karim],
            ..draft("Conférence", "2026-02-02T18:00:00Z")
        })
        .expect("event");
    let events = store.person_events(karim).expect("events");
    assert_eq!(events[0].role, Some(EventRole::Speaker));
    assert_eq!(events[0].status, None);
}

/// An independent count, in plain SQL on the database file.
fn count(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> u32 {
    conn.query_row(sql, params, |r| r.get(0)).expect("count")
}

#[test]
fn the_report_over_the_demo_data_matches_independent_sql_counts() {
    let (dir, store) = temp_store();
    crate::demo::seed(&store).expect("demo data");
    let today = Utc::now().date_naive();
    let from = today - chrono::Duration::days(365);
    let mut parts = Vec::new();
    let report = store
        .activity_report_with_progress(ReportQuery { from, to: today }, &mut |p| parts.push(p.done))
        .expect("report");
    assert_eq!(parts.first(), Some(&0));
    assert_eq!(parts.last(), Some(&6), "progress reaches the end");

    let conn = Connection::open(dir.path().join(DATABASE_FILE)).expect("raw");
    let start = super::report::local_midnight(from);
    let end = super::report::local_midnight(today + chrono::Duration::days(1));
    let (s, e) = (format_time(start), format_time(end));
    let t = report.totals;
    assert_eq!(
        t.events,
        count(
            &conn,
            "SELECT count(*) FROM event WHERE starts_at >= ?1 AND starts_at < ?2",
            &[&s, &e]
        )
    );
    assert!(t.events >= 6);
    assert_eq!(
        t.attendees_present,
        count(
            &conn,
            "SELECT (SELECT count(*) FROM attendance a JOIN event e ON e.id = a.event_id
                     WHERE a.status = 'present' AND e.starts_at >= ?1 AND e.starts_at < ?2)
                  + (SELECT coalesce(sum(unnamed_count), 0) FROM event WHERE starts_at >= ?1 AND starts_at < ?2)",
            &[&s, &e]
        )
    );
    assert_eq!(
        t.people_present,
        count(
            &conn,
            "SELECT count(DISTINCT a.person_id) FROM attendance a JOIN event e ON e.id = a.event_id
             WHERE a.status = 'present' AND e.starts_at >= ?1 AND e.starts_at < ?2",
            &[&s, &e]
        )
    );
    assert_eq!(
        t.sessions,
        count(
            &conn,
            "SELECT count(*) FROM session WHERE starts_at >= ?1 AND starts_at < ?2",
            &[&s, &e]
        )
    );
    assert!(t.sessions > 0);
    assert_eq!(
        t.engagements,
        count(
            &conn,
            "SELECT count(DISTINCT engagement_id) FROM session WHERE starts_at >= ?1 AND starts_at < ?2",
            &[&s, &e]
        )
    );
    assert_eq!(
        t.new_contacts,
        count(
            &conn,
            "SELECT count(*) FROM person WHERE created_at >= ?1 AND created_at < ?2",
            &[&s, &e]
        )
    );
    assert!(t.new_contacts > 30, "the demo people were all added today");
    assert_eq!(t.objectives_reached, report.objectives.len() as u32,);
    // Per series: each series' events and attendance, against SQL.
    for series in &report.series {
        let id = series.series.as_ref().map(|s| s.id.to_string());
        assert_eq!(
            series.events,
            count(
                &conn,
                "SELECT count(*) FROM event WHERE series_id IS ?3 AND starts_at >= ?1 AND starts_at < ?2",
                &[&s, &e, &id]
            )
        );
        assert_eq!(
            series
                .lines
                .iter()
                .map(|l| l.present + l.unnamed)
                .sum::<u32>(),
            series.attendees_present
        );
    }
    let evening = report
        .series
        .iter()
        .find(|s| {
            s.series
                .as_ref()
                .is_some_and(|r| r.name == "Soirée de la communauté")
        })
        .expect("the community evening");
    assert_eq!(
        evening.attendees_present, 75,
        "25 named and 50 counted at the door"
    );
    // Per cohort: who reached each stage.
    let cohort = report.cohorts.first().expect("the demo cohort");
    let reached = |stage: CohortStage| {
        cohort
            .stages
            .iter()
            .find(|s| s.stage == stage)
            .map_or(0, |s| s.count)
    };
    for stage in [
        CohortStage::Applicant,
        CohortStage::Accepted,
        CohortStage::Certified,
    ] {
        assert_eq!(
            reached(stage),
            count(
                &conn,
                "SELECT count(*) FROM cohort_step WHERE cohort_id = ?1 AND stage = ?2 AND on_date <= ?3",
                &[&cohort.id.to_string(), &stage.code(), &today.to_string()]
            )
        );
    }
    assert_eq!(
        (
            reached(CohortStage::Applicant),
            reached(CohortStage::Accepted),
            reached(CohortStage::Certified)
        ),
        (10, 10, 9)
    );
    // Engagements by collective: every session counted under a collective is one of the period's.
    for collective in &report.collectives {
        let n: u32 = collective.engagements.iter().map(|g| g.sessions).sum();
        assert_eq!(n, collective.sessions);
        assert_eq!(
            collective.sessions,
            count(
                &conn,
                "SELECT count(*) FROM session s WHERE s.starts_at >= ?1 AND s.starts_at < ?2 AND (
                   EXISTS (SELECT 1 FROM session_organization WHERE session_id = s.id AND organization_id = ?3)
                   OR (NOT EXISTS (SELECT 1 FROM session_organization WHERE session_id = s.id)
                       AND EXISTS (SELECT 1 FROM engagement_organization
                                   WHERE engagement_id = s.engagement_id AND organization_id = ?3)))",
                &[&s, &e, &collective.organization.id.to_string()]
            )
        );
    }
}

#[test]
fn a_reversed_period_is_refused() {
    let (_dir, store) = temp_store();
    assert!(matches!(
        store.activity_report(ReportQuery {
            from: day("2023-07-31"),
            to: day("2022-01-01")
        }),
        Err(Error::Invalid { .. })
    ));
}
