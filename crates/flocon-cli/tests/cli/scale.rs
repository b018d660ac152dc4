//! `flocon demo --scale`: realistic data at scale, the same for the same seed.

use serde_json::Value;

use crate::support::{flocon, json, stderr};

/// The first page of contacts without their ids (new on every run).
fn first_page(dir: &std::path::Path) -> Vec<Value> {
    let list = json(dir, &["contacts", "list", "--limit", "50", "--json"]);
    list.as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.as_object_mut().expect("an object").remove("id");
            p
        })
        .collect()
}

#[test]
fn demo_at_small_scale_fills_an_empty_database_the_same_way_for_the_same_seed() {
    let (one, two) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    let args = ["demo", "--scale", "small", "--seed", "7", "--json"];
    let counts = json(one.path(), &args);
    for (field, expected) in [
        ("people", 10_000),
        ("organizations", 200),
        ("memberships", 1_000),
        ("sessions", 5_000),
        ("actions", 2_000),
        ("engagements", 30),
    ] {
        assert_eq!(counts[field], expected, "{field} in {counts}");
    }
    for field in ["collectives", "actions_done", "actions_overdue", "reviews"] {
        assert!(counts[field].as_u64() > Some(0), "{field} in {counts}");
    }
    assert_eq!(json(two.path(), &args), counts);
    let page = first_page(one.path());
    assert_eq!(page.len(), 50);
    assert_eq!(page, first_page(two.path()));

    let again = flocon(one.path(), &["demo", "--scale", "small"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("empty database"),
        "{}",
        stderr(&again)
    );
}
