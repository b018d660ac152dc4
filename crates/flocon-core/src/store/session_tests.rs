//! Engagements, sessions, actions, templates and "Ma semaine", through a real SQLite file in
//! a temporary folder.

use super::test_support::{person, temp_store};
use super::*;
use crate::organization::OrganizationDraft;
use crate::session::{
    ActionDraft, ActionQuery, EngagementDraft, OwnersBeyond, SessionDraft, SessionText,
    TemplateDraft, WeekQuery,
};
use crate::store::search::SearchKind;
use crate::vocab::{
    ActionStatus, EngagementKind, EngagementStatus, OrganizationKind, SessionFormat,
};
use chrono::{DateTime, NaiveDate};

fn collective(store: &Store, name: &str) -> Uuid {
    store
        .create_organization(OrganizationDraft::new(name, OrganizationKind::Collective))
        .expect("created")
        .id
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an instant")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn engagement(store: &Store, title: &str, orgs: Vec<Uuid>) -> Uuid {
    store
        .create_engagement(EngagementDraft {
            title: title.into(),
            organizations: orgs,
            kinds: vec![EngagementKind::TeamCoaching],
            goals: "- [x] Former deux porte-parole\n- [ ] Tenir une assemblée publique".into(),
            starts_on: Some(day("2026-09-01")),
            ends_on: Some(day("2027-06-30")),
            cadence: "bilatérale mensuelle".into(),
            funder_id: None,
            status: EngagementStatus::Active,
            leads: vec![],
        })
        .expect("engagement created")
        .id
}

fn session_draft(title: &str, start: &str) -> SessionDraft {
    SessionDraft {
        title: title.into(),
        engagement_id: None,
        organizations: vec![],
        starts_at: at(start),
        duration_minutes: 90,
        place: "Maison de quartier".into(),
        format: SessionFormat::Collective,
        participants: vec![],
        facilitators: vec![],
        preparation: String::new(),
        notes: String::new(),
        decisions: vec![],
        next_session_on: None,
    }
}

fn action(store: &Store, text: &str, owner: Option<Uuid>, due: &str, session: Uuid) -> Uuid {
    store
        .add_action(ActionDraft {
            text: text.into(),
            owner_id: owner,
            due_on: Some(day(due)),
            session_id: Some(session),
            objective_id: None,
        })
        .expect("action added")
        .id
}

#[test]
fn open_actions_of_the_previous_session_are_carried_until_done() {
    let (_dir, store) = temp_store();
    let karim = person(&store, "Karim", "Haddad");
    let org = collective(&store, "Quartiers en Transition");
    let eng = engagement(&store, "Accompagnement 2026-2027", vec![org]);
    let draft = |title: &str, start: &str| SessionDraft {
        engagement_id: Some(eng),
        organizations: vec![org],
        ..session_draft(title, start)
    };

    let first = store
        .create_session(draft("Séance 1", "2026-10-06T16:00:00Z"), None)
        .expect("first");
    assert!(first.carried_actions.is_empty());
    let open = action(
        &store,
        "Relancer la mairie",
        Some(karim),
        "2026-10-20",
        first.id,
    );
    let done = action(
        &store,
        "Réserver la salle",
        Some(karim),
        "2026-10-10",
        first.id,
    );
    store
        .set_action_status(done, ActionStatus::Done, day("2026-10-09"))
        .expect("done");

    let second = store
        .create_session(draft("Séance 2", "2026-11-03T17:00:00Z"), None)
        .expect("second");
    let carried: Vec<Uuid> = second.carried_actions.iter().map(|a| a.id).collect();
    assert_eq!(carried, vec![open], "only the open action is carried");
    assert_eq!(
        second.carried_actions[0].session.as_ref().map(|s| s.id),
        Some(first.id),
        "a carried action keeps its origin"
    );

    // Still open at the third session: carried again, from the second's carried list.
    let third = store
        .create_session(draft("Séance 3", "2026-12-01T17:00:00Z"), None)
        .expect("third");
    assert_eq!(third.carried_actions.len(), 1);
    store
        .set_action_status(open, ActionStatus::Done, day("2026-12-01"))
        .expect("done");
    let fourth = store
        .create_session(draft("Séance 4", "2027-01-05T17:00:00Z"), None)
        .expect("fourth");
    assert!(
        fourth.carried_actions.is_empty(),
        "a done action is not carried"
    );
    let done = store.get_action(open).expect("action");
    assert_eq!(done.done_on, Some(day("2026-12-01")));
}

#[test]
fn without_an_engagement_the_previous_session_of_the_same_collective_counts() {
    let (_dir, store) = temp_store();
    let jardins = collective(&store, "Jardins Partagés du Bas-Montreuil");
    let other = collective(&store, "Locataires Solidaires");
    let earlier = store
        .create_session(
            SessionDraft {
                organizations: vec![jardins],
                ..session_draft("Bilatérale", "2026-10-01T08:00:00Z")
            },
            None,
        )
        .expect("created");
    let mine = action(&store, "Écrire au bailleur", None, "2026-10-15", earlier.id);
    let elsewhere = store
        .create_session(
            SessionDraft {
                organizations: vec![other],
                ..session_draft("Autre collectif", "2026-10-05T08:00:00Z")
            },
            None,
        )
        .expect("created");
    action(&store, "Pas la nôtre", None, "2026-10-15", elsewhere.id);

    let next = store
        .create_session(
            SessionDraft {
                organizations: vec![jardins],
                ..session_draft("Suite", "2026-10-20T08:00:00Z")
            },
            None,
        )
        .expect("created");
    let carried: Vec<Uuid> = next.carried_actions.iter().map(|a| a.id).collect();
    assert_eq!(carried, vec![mine]);
}

#[test]
fn a_template_fills_an_empty_preparation_and_templates_are_editable() {
    let (_dir, store) = temp_store();
    let templates = store.list_templates().expect("templates");
    let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Bilan trimestriel d'accompagnement",
            "Séance de coaching d'équipe"
        ]
    );
    let coaching = templates[1].id;
    let session = store
        .create_session(
            session_draft("Coaching", "2026-11-26T09:00:00Z"),
            Some(coaching),
        )
        .expect("created");
    assert!(session.preparation.starts_with("## Ordre du jour"));

    let edited = store
        .update_template(
            coaching,
            TemplateDraft {
                name: "Coaching d'équipe".into(),
                body: "## Météo\n".into(),
            },
        )
        .expect("updated");
    assert_eq!(edited.name, "Coaching d'équipe");
    let mine = SessionDraft {
        preparation: "Mon ordre du jour".into(),
        ..session_draft("Autre", "2026-11-27T09:00:00Z")
    };
    let kept = store.create_session(mine, Some(coaching)).expect("created");
    assert_eq!(kept.preparation, "Mon ordre du jour", "typed text wins");
    store.delete_template(coaching).expect("deleted");
    assert!(
        store
            .create_session(session_draft("X", "2026-11-28T09:00:00Z"), Some(coaching))
            .is_err()
    );
    assert_eq!(
        store
            .list_sessions(&SessionQuery::default())
            .expect("list")
            .len(),
        2
    );
}

#[test]
fn control_characters_are_dropped_from_session_texts_and_decisions() {
    let (_dir, store) = temp_store();
    let mut draft = session_draft("Séance\u{1b}[2J", "2026-09-15T16:00:00Z");
    draft.place = "Salle\u{0} 2".into();
    let s = store.create_session(draft, None).expect("created");
    store
        .save_session_text(s.id, SessionText::Notes, "a\u{1b}]0;t\u{7}b\r\nc\td")
        .expect("saved");
    store
        .set_session_decisions(s.id, vec!["Voter\u{9b}1m le budget".into()])
        .expect("decided");
    let back = store.get_session(s.id).expect("read");
    assert_eq!(back.title, "Séance[2J");
    assert_eq!(back.place, "Salle 2");
    assert_eq!(back.notes, "a]0;tb\nc\td");
    assert_eq!(back.decisions, vec!["Voter1m le budget"]);
}

#[test]
fn autosaved_notes_decisions_and_actions_are_found_by_search() {
    let (_dir, store) = temp_store();
    let s = store
        .create_session(
            session_draft("Séance de rentrée", "2026-09-15T16:00:00Z"),
            None,
        )
        .expect("created");
    let saved = store
        .save_session_text(
            s.id,
            SessionText::Notes,
            "Le bailleur refuse la réunion publique",
        )
        .expect("saved");
    assert_eq!(
        store.get_session(s.id).expect("read").updated_at,
        saved,
        "autosave answers the time it stored"
    );
    store
        .save_session_text(s.id, SessionText::Preparation, "Questions sur la pétition")
        .expect("saved");
    store
        .set_session_decisions(s.id, vec!["Organiser une marche exploratoire".into()])
        .expect("decided");
    action(&store, "Cartographier les alliés", None, "2026-10-01", s.id);

    let back = store.get_session(s.id).expect("read");
    assert_eq!(back.notes, "Le bailleur refuse la réunion publique");
    for (query, kind) in [
        ("bailleur", SearchKind::Session),
        ("petition", SearchKind::Session),
        ("marche explo", SearchKind::Session),
        ("cartographier", SearchKind::Action),
    ] {
        let hits = store.search(query, 10).expect("search");
        assert!(
            hits.iter().any(|h| h.kind == kind),
            "{query:?} should find a {kind:?}: {hits:?}"
        );
    }
    store.delete_session(s.id).expect("deleted");
    assert!(store.search("bailleur", 10).expect("search").is_empty());
    let orphan = store
        .list_actions(&ActionQuery::default())
        .expect("actions");
    assert_eq!(orphan.len(), 1, "an action outlives its session");
    assert!(orphan[0].session.is_none());
}

#[test]
fn ma_semaine_gathers_sessions_actions_by_owner_and_quiet_engagements() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Martin");
    let theo = person(&store, "Théo", "Bernard");
    let org = collective(&store, "Collectif des Mères Solidaires");
    let busy = engagement(&store, "Accompagnement actif", vec![org]);
    let quiet = engagement(&store, "Accompagnement silencieux", vec![org]);
    let with = |title: &str, start: &str, e: Uuid| SessionDraft {
        engagement_id: Some(e),
        ..session_draft(title, start)
    };
    // Week of Monday 23 November 2026 (UTC here, for simplicity); today is Wednesday 25.
    let old = store
        .create_session(
            with("Il y a longtemps", "2026-09-01T08:00:00Z", quiet),
            None,
        )
        .expect("old");
    let today = store
        .create_session(with("Aujourd'hui", "2026-11-25T14:00:00Z", busy), None)
        .expect("today");
    store
        .create_session(with("Vendredi", "2026-11-27T09:00:00Z", busy), None)
        .expect("friday");
    store
        .create_session(
            with("Semaine prochaine", "2026-12-01T09:00:00Z", busy),
            None,
        )
        .expect("next week");
    let late_lea = action(
        &store,
        "Envoyer le compte rendu",
        Some(lea),
        "2026-11-20",
        old.id,
    );
    action(
        &store,
        "Appeler la mairie",
        Some(theo),
        "2026-11-24",
        today.id,
    );
    action(
        &store,
        "Préparer le bilan",
        Some(lea),
        "2026-12-02",
        today.id,
    );
    action(&store, "Plus tard", Some(lea), "2027-02-01", today.id);
    let done = action(&store, "Déjà fait", Some(theo), "2026-11-01", today.id);
    store
        .set_action_status(done, ActionStatus::Done, day("2026-11-02"))
        .expect("done");

    let week = store
        .week(&WeekQuery {
            today: day("2026-11-25"),
            day_start: at("2026-11-25T00:00:00Z"),
            day_end: at("2026-11-26T00:00:00Z"),
            week_start: at("2026-11-23T00:00:00Z"),
            week_end: at("2026-11-30T00:00:00Z"),
            stale_after_weeks: 6,
            actions_per_owner: None,
            owners_per_section: None,
        })
        .expect("week");
    let titles = |v: &[crate::session::SessionSummary]| {
        v.iter().map(|s| s.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(titles(&week.today), vec!["Aujourd'hui"]);
    assert_eq!(titles(&week.this_week), vec!["Vendredi"]);
    let overdue: Vec<(String, Vec<String>)> = week
        .overdue
        .iter()
        .map(|g| {
            (
                g.owner.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                g.actions.iter().map(|a| a.text.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        overdue,
        vec![
            (
                "Léa Martin".to_string(),
                vec!["Envoyer le compte rendu".to_string()]
            ),
            (
                "Théo Bernard".to_string(),
                vec!["Appeler la mairie".to_string()]
            ),
        ]
    );
    assert_eq!(week.upcoming.len(), 1);
    assert_eq!(week.upcoming[0].actions[0].text, "Préparer le bilan");
    let quiet_titles: Vec<&str> = week
        .quiet_engagements
        .iter()
        .map(|q| q.engagement.title.as_str())
        .collect();
    assert_eq!(quiet_titles, vec!["Accompagnement silencieux"]);

    let overdue_lea = store
        .list_actions(&ActionQuery {
            owner_id: Some(lea),
            overdue_on: Some(day("2026-11-25")),
            ..ActionQuery::default()
        })
        .expect("list");
    assert_eq!(
        overdue_lea.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![late_lea]
    );
}

#[test]
fn ma_semaine_can_show_only_the_most_urgent_actions_of_each_owner_with_their_count() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Martin");
    let theo = person(&store, "Théo", "Bernard");
    let session = store
        .create_session(session_draft("Bilan", "2026-10-01T08:00:00Z"), None)
        .expect("session");
    for d in 1..=8 {
        action(
            &store,
            &format!("Relance {d}"),
            Some(lea),
            &format!("2026-11-{:02}", 10 + d),
            session.id,
        );
    }
    action(
        &store,
        "Appeler la mairie",
        Some(theo),
        "2026-11-02",
        session.id,
    );
    let query = |limit| WeekQuery {
        today: day("2026-11-25"),
        day_start: at("2026-11-25T00:00:00Z"),
        day_end: at("2026-11-26T00:00:00Z"),
        week_start: at("2026-11-23T00:00:00Z"),
        week_end: at("2026-11-30T00:00:00Z"),
        stale_after_weeks: 6,
        actions_per_owner: limit,
        owners_per_section: None,
    };
    let shown = |limit| -> Vec<(String, Vec<String>, u32)> {
        store
            .week(&query(limit))
            .expect("week")
            .overdue
            .iter()
            .map(|g| {
                (
                    g.owner.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                    g.actions.iter().map(|a| a.text.clone()).collect(),
                    g.total,
                )
            })
            .collect()
    };
    let relances = |n: u32| (1..=n).map(|d| format!("Relance {d}")).collect::<Vec<_>>();
    assert_eq!(
        shown(Some(3)),
        vec![
            ("Léa Martin".to_string(), relances(3), 8),
            (
                "Théo Bernard".to_string(),
                vec!["Appeler la mairie".to_string()],
                1
            ),
        ],
        "the three most overdue of Léa's eight, and the count"
    );
    assert_eq!(shown(None)[0], ("Léa Martin".to_string(), relances(8), 8));

    // One owner per list: Léa (first by name) stays, Théo and his action are only counted.
    let week = store
        .week(&WeekQuery {
            owners_per_section: Some(1),
            ..query(Some(3))
        })
        .expect("week");
    assert_eq!(week.overdue.len(), 1);
    assert_eq!(week.overdue[0].total, 8);
    assert_eq!(
        week.overdue_beyond,
        OwnersBeyond {
            owners: 1,
            actions: 1
        }
    );
    assert_eq!(week.upcoming_beyond, OwnersBeyond::default());
}

#[test]
fn the_engagement_page_shows_sessions_decisions_actions_and_progress() {
    let (_dir, store) = temp_store();
    let org = collective(&store, "Quartiers en Transition");
    let eng = engagement(&store, "Accompagnement", vec![org]);
    let mut ids = Vec::new();
    for (title, start, decision) in [
        ("Deuxième", "2026-10-10T08:00:00Z", "Lancer la pétition"),
        ("Première", "2026-09-10T08:00:00Z", "Choisir un nom"),
    ] {
        let s = store
            .create_session(
                SessionDraft {
                    engagement_id: Some(eng),
                    decisions: vec![decision.into()],
                    ..session_draft(title, start)
                },
                None,
            )
            .expect("created");
        ids.push(s.id);
    }
    let a = action(&store, "Imprimer les tracts", None, "2026-10-20", ids[0]);
    action(&store, "Trouver une salle", None, "2026-10-25", ids[0]);
    store
        .set_action_status(a, ActionStatus::Done, day("2026-10-18"))
        .expect("done");

    let page = store.engagement_page(eng).expect("page");
    let order: Vec<&str> = page.sessions.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(order, vec!["Première", "Deuxième"]);
    let decisions: Vec<&str> = page.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(decisions, vec!["Choisir un nom", "Lancer la pétition"]);
    assert_eq!(
        page.actions[0].text, "Trouver une salle",
        "open actions first"
    );
    assert_eq!(
        (page.progress.goals_done, page.progress.goals_total),
        (1, 2)
    );
    assert_eq!(
        (page.progress.actions_done, page.progress.actions_total),
        (1, 2)
    );
    assert!(page.goals_html.contains("checkbox"));
    assert_eq!(page.engagement.session_count, 2);
    assert_eq!(
        page.engagement.last_session_at,
        Some(at("2026-10-10T08:00:00Z"))
    );
}

#[test]
fn people_and_collectives_show_their_sessions() {
    let (_dir, store) = temp_store();
    let aicha = person(&store, "Aïcha", "Benali");
    let lea = person(&store, "Léa", "Martin");
    let org = collective(&store, "Collectif des Mères Solidaires");
    let s = store
        .create_session(
            SessionDraft {
                organizations: vec![org],
                participants: vec![aicha],
                facilitators: vec![lea],
                ..session_draft("Séance collective", "2026-11-20T17:00:00Z")
            },
            None,
        )
        .expect("created");
    assert_eq!(s.participants[0].name, "Aïcha Benali");
    assert_eq!(s.facilitators[0].name, "Léa Martin");
    for page_sessions in [
        store.person_page(aicha).expect("page").sessions,
        store.person_page(lea).expect("page").sessions,
        store.organization_page(org).expect("page").sessions,
    ] {
        assert_eq!(page_sessions.len(), 1);
        assert_eq!(page_sessions[0].id, s.id);
    }
}

#[test]
fn bad_links_and_bad_values_are_refused_and_change_nothing() {
    let (_dir, store) = temp_store();
    let stranger = Uuid::now_v7();
    for draft in [
        SessionDraft {
            engagement_id: Some(stranger),
            ..session_draft("X", "2026-11-20T17:00:00Z")
        },
        SessionDraft {
            organizations: vec![stranger],
            ..session_draft("X", "2026-11-20T17:00:00Z")
        },
        SessionDraft {
            participants: vec![stranger],
            ..session_draft("X", "2026-11-20T17:00:00Z")
        },
        SessionDraft {
            duration_minutes: 0,
            ..session_draft("X", "2026-11-20T17:00:00Z")
        },
    ] {
        assert!(store.create_session(draft, None).is_err());
    }
    assert!(
        store
            .add_action(ActionDraft {
                text: "Sans porteur".into(),
                owner_id: Some(stranger),
                due_on: None,
                session_id: None,
                objective_id: None,
            })
            .is_err()
    );
    assert!(
        store
            .save_session_text(stranger, SessionText::Notes, "perdu ?")
            .is_err()
    );
    assert!(
        store
            .list_sessions(&SessionQuery::default())
            .expect("list")
            .is_empty()
    );
    assert!(
        store
            .list_actions(&ActionQuery::default())
            .expect("list")
            .is_empty()
    );
}

#[test]
fn merging_two_people_moves_their_sessions_and_actions_and_undo_puts_them_back() {
    let (_dir, store) = temp_store();
    let keep = person(&store, "Aïcha", "Benali");
    let twin = person(&store, "Aicha", "Benali");
    let s = store
        .create_session(
            SessionDraft {
                participants: vec![twin],
                ..session_draft("Séance", "2026-11-20T17:00:00Z")
            },
            None,
        )
        .expect("created");
    let a = action(&store, "Appeler la mairie", Some(twin), "2026-12-01", s.id);

    let merge = store.merge_persons(keep, twin).expect("merged");
    let after = store.get_session(s.id).expect("session");
    assert_eq!(
        after.participants.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![keep]
    );
    assert_eq!(
        store.get_action(a).expect("action").owner.map(|o| o.id),
        Some(keep)
    );

    store.undo_merge(merge).expect("undone");
    let back = store.get_session(s.id).expect("session");
    assert_eq!(
        back.participants.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![twin]
    );
    assert_eq!(
        store.get_action(a).expect("action").owner.map(|o| o.id),
        Some(twin)
    );
}

#[test]
fn create_sessions_writes_every_draft_or_none_and_carries_open_actions_in_order() {
    let (_dir, store) = temp_store();
    let org = collective(&store, "Collectif des Mères Solidaires");
    let e = engagement(&store, "Accompagnement 2026", vec![org]);
    let draft = |title: &str, start: &str| SessionDraft {
        engagement_id: Some(e),
        organizations: vec![org],
        ..session_draft(title, start)
    };
    let too_short = SessionDraft {
        duration_minutes: 0,
        ..draft("Deuxième", "2026-11-20T17:00:00Z")
    };
    let err = store
        .create_sessions(vec![draft("Première", "2026-10-20T17:00:00Z"), too_short])
        .expect_err("refused");
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "sessions.1.duration_minutes"),
        "{err:?}"
    );
    assert!(
        store
            .list_sessions(&SessionQuery::default())
            .expect("listed")
            .is_empty()
    );

    let first = store
        .create_sessions(vec![draft("Première", "2026-10-20T17:00:00Z")])
        .expect("created")[0];
    let open = action(&store, "Écrire au principal", None, "2026-11-01", first);
    let later = store
        .create_sessions(vec![
            draft("Deuxième", "2026-11-20T17:00:00Z"),
            draft("Troisième", "2026-12-18T17:00:00Z"),
        ])
        .expect("created");
    for id in later {
        let carried = store.get_session(id).expect("session").carried_actions;
        assert_eq!(carried.iter().map(|a| a.id).collect::<Vec<_>>(), vec![open]);
    }
    let hits = store.search("troisieme", 10).expect("searched");
    assert_eq!(hits.len(), 1);
}

#[test]
fn add_actions_and_set_action_statuses_write_every_change_or_none() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Rousseau");
    let draft = |text: &str| ActionDraft {
        text: text.into(),
        owner_id: Some(lea),
        due_on: Some(day("2026-12-01")),
        session_id: None,
        objective_id: None,
    };
    let err = store
        .add_actions(vec![draft("Appeler la mairie"), draft("  ")])
        .expect_err("refused");
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "actions.1.text"),
        "{err:?}"
    );
    let orphan = ActionDraft {
        session_id: Some(Uuid::now_v7()),
        ..draft("Relancer la fondation")
    };
    assert!(matches!(
        store.add_actions(vec![draft("Appeler la mairie"), orphan]),
        Err(Error::NotFound { .. })
    ));
    let everything = ActionQuery::default();
    assert!(store.list_actions(&everything).expect("listed").is_empty());

    let ids = store
        .add_actions(vec![draft("Appeler la mairie"), draft("Réserver la salle")])
        .expect("added");
    let done = (ids[0], ActionStatus::Done, day("2026-11-28"));
    let missing = (Uuid::now_v7(), ActionStatus::Dropped, day("2026-11-28"));
    assert!(matches!(
        store.set_action_statuses(&[done, missing]),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        store.get_action(ids[0]).expect("action").status,
        ActionStatus::Todo
    );

    let dropped = (ids[1], ActionStatus::Dropped, day("2026-11-29"));
    store.set_action_statuses(&[done, dropped]).expect("set");
    let first = store.get_action(ids[0]).expect("action");
    assert_eq!(
        (first.status, first.done_on),
        (ActionStatus::Done, Some(day("2026-11-28")))
    );
    let second = store.get_action(ids[1]).expect("action");
    assert_eq!(
        (second.status, second.done_on),
        (ActionStatus::Dropped, None)
    );
}
