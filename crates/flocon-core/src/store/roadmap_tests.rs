//! The quarterly roadmap through a real SQLite file: axes, objectives, reviews carrying
//! objectives into the next quarter, the diff and the timeline.

use super::test_support::{person, temp_store};
use super::*;
use crate::export::{diff_markdown, roadmap_html, roadmap_markdown};
use crate::roadmap::{
    Indicator, ObjectiveDraft, ObjectivePatch, ObjectiveQuery, Quarter, QuarterState, ReviewDraft,
};
use crate::store::search::SearchKind;
use crate::vocab::{ObjectiveStatus, ReviewDecision};

fn q(text: &str) -> Quarter {
    Quarter::parse("quarter", text).expect("a quarter")
}

fn objective(store: &Store, quarter: &str, axis: &str, title: &str, owners: Vec<Uuid>) -> Uuid {
    let axis = store.find_axis(axis).expect("find").expect("the axis");
    store
        .create_objective(ObjectiveDraft {
            quarter: q(quarter),
            axis_id: axis.id,
            title: title.into(),
            description: "Pourquoi : **le pouvoir se construit**.".into(),
            owners,
            status: ObjectiveStatus::InProgress,
            progress: 12.0,
            target: Some(40.0),
            indicators: vec![Indicator {
                name: "Membres actifs".into(),
                target: Some(40.0),
                current: Some(12.0),
            }],
            organizations: vec![],
            engagements: vec![],
        })
        .expect("objective created")
        .id
}

fn review(decision: ReviewDecision, target: Option<f64>) -> ReviewDraft {
    ReviewDraft {
        decision,
        comment: format!("Décision : {}", decision.label_fr()),
        new_target: target,
        seminar_id: None,
    }
}

#[test]
fn the_three_axes_are_there_and_more_can_be_added_but_not_twice() {
    let (_dir, store) = temp_store();
    let names: Vec<String> = store
        .list_axes()
        .expect("axes")
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(
        names,
        vec![
            "Culture inclusive : empathie et courage",
            "Alignement vision, valeurs, mission, objectifs",
            "Construction de pouvoir collectif",
        ]
    );
    let added = store.add_axis("Finances durables").expect("added");
    assert_eq!(added.position, 4);
    assert!(matches!(
        store.add_axis("finances  DURABLES"),
        Err(Error::Refused(_))
    ));
    assert!(
        store
            .find_axis("construction de pouvoir collectif")
            .expect("find")
            .is_some()
    );
}

#[test]
fn a_seminar_review_carries_objectives_into_the_next_quarter_and_closes_the_quarter() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Martin");
    let keep = objective(
        &store,
        "2026-T3",
        "Construction de pouvoir collectif",
        "Former dix leaders",
        vec![lea],
    );
    let adjust = objective(
        &store,
        "2026-T3",
        "Construction de pouvoir collectif",
        "Mener 40 one-to-ones",
        vec![lea],
    );
    let carry = objective(
        &store,
        "2026-T3",
        "Culture inclusive : empathie et courage",
        "Charte de la bienveillance",
        vec![],
    );
    let close = objective(
        &store,
        "2026-T3",
        "Alignement vision, valeurs, mission, objectifs",
        "Réécrire la mission",
        vec![],
    );
    let drop = objective(
        &store,
        "2026-T3",
        "Alignement vision, valeurs, mission, objectifs",
        "Nouveau logo",
        vec![],
    );

    let before = store
        .roadmap(q("2026-T3"), &ObjectiveQuery::default())
        .expect("roadmap");
    assert_eq!((before.state, before.total), (QuarterState::Open, 5));

    let kept = store
        .review_objective(keep, review(ReviewDecision::Keep, None))
        .expect("kept");
    assert_eq!(kept.state, QuarterState::InReview);
    let next = kept.successor.expect("continued in T4");
    assert_eq!(next.quarter, q("2026-T4"));
    assert_eq!(next.carried_from.as_ref().map(|f| f.id), Some(keep));
    assert_eq!(
        next.owners.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![lea]
    );
    assert_eq!(next.indicators.len(), 1);

    let adjusted = store
        .review_objective(adjust, review(ReviewDecision::Adjust, Some(60.0)))
        .expect("adjusted");
    assert_eq!(adjusted.successor.expect("continued").target, Some(60.0));
    assert!(
        store
            .review_objective(carry, review(ReviewDecision::Adjust, None))
            .is_err(),
        "adjusting needs a new target"
    );
    store
        .review_objective(carry, review(ReviewDecision::Carry, None))
        .expect("carried");
    let closed = store
        .review_objective(close, review(ReviewDecision::Close, None))
        .expect("closed");
    assert_eq!(closed.objective.status, ObjectiveStatus::Achieved);
    assert!(closed.successor.is_none());
    let dropped = store
        .review_objective(drop, review(ReviewDecision::Drop, None))
        .expect("dropped");
    assert_eq!(dropped.objective.status, ObjectiveStatus::Dropped);
    assert_eq!(
        dropped.state,
        QuarterState::Closed,
        "every objective reviewed"
    );

    let t4 = store
        .list_objectives(&ObjectiveQuery {
            quarter: Some(q("2026-T4")),
            ..ObjectiveQuery::default()
        })
        .expect("T4");
    let titles: Vec<&str> = t4.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Charte de la bienveillance",
            "Former dix leaders",
            "Mener 40 one-to-ones"
        ]
    );

    // A new T4 objective, and some progress on a carried one, for the diff.
    objective(
        &store,
        "2026-T4",
        "Construction de pouvoir collectif",
        "Campagne logement",
        vec![],
    );
    let carried_next = t4
        .iter()
        .find(|o| o.title == "Former dix leaders")
        .expect("carried");
    store
        .patch_objective(
            carried_next.id,
            ObjectivePatch {
                progress: Some(30.0),
                status: Some(ObjectiveStatus::Late),
                axis_id: None,
            },
        )
        .expect("patched");

    let diff = store
        .roadmap_diff(q("2026-T3"), q("2026-T4"))
        .expect("diff");
    let names =
        |v: &[crate::roadmap::ObjectiveRef]| v.iter().map(|o| o.title.clone()).collect::<Vec<_>>();
    assert_eq!(names(&diff.added), vec!["Campagne logement"]);
    assert_eq!(names(&diff.closed), vec!["Réécrire la mission"]);
    assert_eq!(names(&diff.dropped), vec!["Nouveau logo"]);
    assert!(diff.unreviewed.is_empty());
    assert_eq!(diff.carried.len(), 3);
    let leaders = diff
        .carried
        .iter()
        .find(|c| c.after.title == "Former dix leaders")
        .expect("in diff");
    assert_eq!(leaders.decision, Some(ReviewDecision::Keep));
    assert_eq!(
        (leaders.before.percent, leaders.after.percent),
        (30.0, 75.0)
    );
    assert_eq!(leaders.after.status, ObjectiveStatus::Late);
    let one_to_ones = diff
        .carried
        .iter()
        .find(|c| c.after.title == "Mener 40 one-to-ones")
        .expect("in diff");
    assert_eq!(
        (one_to_ones.before.target, one_to_ones.after.target),
        (Some(40.0), Some(60.0))
    );

    let md = diff_markdown(&diff);
    assert!(md.contains("## Nouveaux objectifs (1)"), "{md}");
    assert!(md.contains("statut En cours → En retard"), "{md}");
    assert!(md.contains("cible 40 → 60"), "{md}");

    let chains = store
        .roadmap_timeline(q("2026-T3"), q("2026-T4"))
        .expect("timeline");
    let leaders = chains
        .iter()
        .find(|c| c.title == "Former dix leaders")
        .expect("a chain");
    assert_eq!(
        leaders
            .steps
            .iter()
            .map(|s| s.quarter.to_string())
            .collect::<Vec<_>>(),
        vec!["2026-T3", "2026-T4"]
    );
    assert_eq!(
        chains.len(),
        6,
        "five T3 objectives (three continued) and one new in T4"
    );
}

#[test]
fn a_decision_can_be_taken_back_until_it_is_followed_up() {
    let (_dir, store) = temp_store();
    let id = objective(
        &store,
        "2026-T3",
        "Construction de pouvoir collectif",
        "Former dix leaders",
        vec![],
    );
    let outcome = store
        .review_objective(id, review(ReviewDecision::Carry, None))
        .expect("carried");
    let next = outcome.successor.expect("successor").id;

    // Changing one's mind replaces the decision and removes the carried copy.
    let closed = store
        .review_objective(id, review(ReviewDecision::Close, None))
        .expect("closed");
    assert!(closed.successor.is_none());
    assert!(store.get_objective(next).is_err(), "the copy in T4 is gone");
    let undone = store.undo_review(id).expect("undone");
    assert_eq!(undone.status, ObjectiveStatus::InProgress);
    assert_eq!(undone.progress, 12.0, "the progress before the decision");
    assert!(undone.review.is_none());

    // Once the next quarter reviewed the continuation, the first decision is settled.
    let next = store
        .review_objective(id, review(ReviewDecision::Keep, None))
        .expect("kept")
        .successor
        .expect("next");
    store
        .review_objective(next.id, review(ReviewDecision::Close, None))
        .expect("closed in T4");
    assert!(matches!(store.undo_review(id), Err(Error::Refused(_))));
}

#[test]
fn the_board_filters_by_owner_and_status_and_exports_harmlessly() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Martin");
    let theo = person(&store, "Théo", "Bernard");
    let mine = objective(
        &store,
        "2026-T4",
        "Construction de pouvoir collectif",
        "Former dix leaders",
        vec![lea],
    );
    let theirs = objective(
        &store,
        "2026-T4",
        "Culture inclusive : empathie et courage",
        "<script>alert(1)</script>",
        vec![theo],
    );
    store
        .patch_objective(
            theirs,
            ObjectivePatch {
                status: Some(ObjectiveStatus::Late),
                ..ObjectivePatch::default()
            },
        )
        .expect("late");

    let by_lea = store
        .roadmap(
            q("2026-T4"),
            &ObjectiveQuery {
                owner_id: Some(lea),
                ..ObjectiveQuery::default()
            },
        )
        .expect("roadmap");
    let ids: Vec<Uuid> = by_lea
        .axes
        .iter()
        .flat_map(|a| a.objectives.iter().map(|o| o.id))
        .collect();
    assert_eq!(ids, vec![mine]);
    assert_eq!(by_lea.axes.len(), 3, "every axis shows, even empty");
    let late = store
        .roadmap(
            q("2026-T4"),
            &ObjectiveQuery {
                status: Some(ObjectiveStatus::Late),
                ..ObjectiveQuery::default()
            },
        )
        .expect("roadmap");
    assert_eq!(
        late.axes.iter().map(|a| a.objectives.len()).sum::<usize>(),
        1
    );

    // Dragging to another axis.
    let other_axis = store
        .find_axis("Alignement vision, valeurs, mission, objectifs")
        .expect("find")
        .expect("axis");
    let moved = store
        .patch_objective(
            mine,
            ObjectivePatch {
                axis_id: Some(other_axis.id),
                ..ObjectivePatch::default()
            },
        )
        .expect("moved");
    assert_eq!(moved.axis.id, other_axis.id);
    assert!(
        store
            .patch_objective(
                mine,
                ObjectivePatch {
                    progress: Some(-3.0),
                    ..ObjectivePatch::default()
                }
            )
            .is_err()
    );

    let roadmap = store
        .roadmap(q("2026-T4"), &ObjectiveQuery::default())
        .expect("roadmap");
    let md = roadmap_markdown(&roadmap);
    assert!(md.starts_with("# Feuille de route 2026-T4"), "{md}");
    assert!(md.contains("- **Avancement :** 30 % (12 sur 40)"), "{md}");
    let html = roadmap_html(&roadmap);
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");

    let hits = store.search("leaders", 10).expect("search");
    assert!(
        hits.iter()
            .any(|h| h.kind == SearchKind::Objective && h.id == mine),
        "{hits:?}"
    );
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let axis = store.list_axes().expect("axes")[0].id;
    let draft = |progress: f64, target: Option<f64>| ObjectiveDraft {
        quarter: q("2026-T4"),
        axis_id: axis,
        title: "Objectif".into(),
        description: String::new(),
        owners: vec![],
        status: ObjectiveStatus::NotStarted,
        progress,
        target,
        indicators: vec![],
        organizations: vec![],
        engagements: vec![],
    };
    assert!(
        store.create_objective(draft(150.0, None)).is_err(),
        "a percentage above 100"
    );
    assert!(
        store.create_objective(draft(3.0, Some(0.0))).is_err(),
        "a zero target"
    );
    assert!(
        store
            .create_objective(ObjectiveDraft {
                owners: vec![Uuid::now_v7()],
                ..draft(0.0, None)
            })
            .is_err()
    );
    assert!(
        store
            .create_objective(ObjectiveDraft {
                axis_id: Uuid::now_v7(),
                ..draft(0.0, None)
            })
            .is_err()
    );
    assert!(
        store
            .list_objectives(&ObjectiveQuery::default())
            .expect("list")
            .is_empty()
    );
    assert!(store.roadmap_diff(q("2026-T4"), q("2026-T3")).is_err());
}

#[test]
fn the_seeded_axes_are_keyed_as_the_code_folds_their_names() {
    let (_dir, store) = temp_store();
    for axis in store.list_axes().expect("axes") {
        let found = store.find_axis(&axis.name).expect("find");
        assert_eq!(found.map(|a| a.id), Some(axis.id), "{}", axis.name);
    }
}
