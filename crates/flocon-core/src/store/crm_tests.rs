//! Organisations, memberships, teams, interactions, filters and search, through a real SQLite
//! file in a temporary folder.

use super::test_support::{person, temp_store};
use super::*;
use crate::interaction::{InteractionDraft, OneToOne};
use crate::organization::{MembershipDraft, OrganizationDraft};
use crate::person::{Labeled, Profile};
use crate::store::search::SearchKind;
use crate::vocab::{Circle, CollectiveStatus, InteractionKind, OrganizationKind, Sector};
use chrono::NaiveDate;

fn collective(store: &Store, name: &str) -> Uuid {
    let mut draft = OrganizationDraft::new(name, OrganizationKind::Collective);
    draft.status = Some(CollectiveStatus::Supported);
    draft.city = Some("Montreuil".into());
    store.create_organization(draft).expect("created").id
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[test]
fn a_membership_shows_on_the_person_and_on_the_collective() {
    let (_dir, store) = temp_store();
    let elodie = person(&store, "Élodie", "Dupré");
    let org = collective(&store, "Collectif des Mères Solidaires");
    store
        .add_membership(MembershipDraft {
            person_id: elodie,
            organization_id: org,
            role: "Co-fondatrice".into(),
            since: Some(date("2024-09-01")),
            until: None,
            leadership: true,
        })
        .expect("added");

    let page = store.organization_page(org).expect("page");
    assert_eq!(page.members.len(), 1);
    assert_eq!(page.members[0].person_name, "Élodie Dupré");
    assert!(page.members[0].fields.leadership);
    let mine = store.person_page(elodie).expect("page").memberships;
    assert_eq!(mine[0].organization_name, "Collectif des Mères Solidaires");
    assert_eq!(mine[0].fields.role, "Co-fondatrice");
    let listed = store
        .list_organizations(&OrganizationQuery::default())
        .expect("list");
    assert_eq!(listed[0].member_count, 1);
}

#[test]
fn a_membership_ending_before_it_starts_or_for_an_unknown_person_is_refused() {
    let (_dir, store) = temp_store();
    let elodie = person(&store, "Élodie", "Dupré");
    let org = collective(&store, "Quartiers en Transition");
    let mut draft = MembershipDraft {
        person_id: elodie,
        organization_id: org,
        role: String::new(),
        since: Some(date("2025-01-01")),
        until: Some(date("2024-01-01")),
        leadership: false,
    };
    assert!(
        matches!(store.add_membership(draft.clone()), Err(Error::Invalid { ref field, .. }) if field == "until")
    );
    draft.until = None;
    draft.person_id = Uuid::now_v7();
    assert!(matches!(
        store.add_membership(draft),
        Err(Error::NotFound { .. })
    ));
    assert!(
        store
            .organization_page(org)
            .expect("page")
            .members
            .is_empty()
    );
}

#[test]
fn teams_form_a_tree_with_their_members() {
    let (_dir, store) = temp_store();
    let org = collective(&store, "Quartiers en Transition");
    let karim = person(&store, "Karim", "Bensaïd");
    let mael = person(&store, "Maëlys", "Lemoine");
    let coordination = store
        .add_team(org, None, "Équipe de coordination")
        .expect("team");
    let jardins = store
        .add_team(org, Some(coordination), "Jardins partagés")
        .expect("team");
    store
        .add_team(org, Some(jardins), "Potager de la Boissière")
        .expect("team");
    store
        .set_team_member(coordination, karim, "Coordinateur")
        .expect("member");
    store
        .set_team_member(jardins, mael, "Référente")
        .expect("member");

    let teams = store.organization_page(org).expect("page").teams;
    assert_eq!(teams.len(), 1);
    assert_eq!(teams[0].name, "Équipe de coordination");
    assert_eq!(teams[0].members[0].name, "Karim Bensaïd");
    assert_eq!(teams[0].children[0].name, "Jardins partagés");
    assert_eq!(teams[0].children[0].members[0].role, "Référente");
    assert_eq!(
        teams[0].children[0].children[0].name,
        "Potager de la Boissière"
    );

    let other = collective(&store, "Autre collectif");
    assert!(matches!(
        store.add_team(other, Some(coordination), "X"),
        Err(Error::Refused(_))
    ));
}

#[test]
fn a_status_belongs_to_collectives_only() {
    let (_dir, store) = temp_store();
    let mut draft = OrganizationDraft::new("Fondation Horizons", OrganizationKind::Foundation);
    draft.status = Some(CollectiveStatus::Partner);
    assert!(
        matches!(store.create_organization(draft), Err(Error::Invalid { ref field, .. }) if field == "status")
    );
    let empty = OrganizationDraft::new("  ", OrganizationKind::Media);
    assert!(
        matches!(store.create_organization(empty), Err(Error::Invalid { ref field, .. }) if field == "name")
    );
}

#[test]
fn organisations_filter_by_kind_status_tag_and_city() {
    let (_dir, store) = temp_store();
    collective(&store, "Quartiers en Transition");
    let mut media = OrganizationDraft::new("Le Média des Quartiers", OrganizationKind::Media);
    media.tags = vec!["presse".into()];
    media.city = Some("Saint-Denis".into());
    store.create_organization(media).expect("created");

    let names = |q: OrganizationQuery| -> Vec<String> {
        store
            .list_organizations(&q)
            .expect("list")
            .into_iter()
            .map(|o| o.name)
            .collect()
    };
    assert_eq!(
        names(OrganizationQuery {
            kind: Some(OrganizationKind::Collective),
            ..Default::default()
        }),
        ["Quartiers en Transition"]
    );
    assert_eq!(
        names(OrganizationQuery {
            tag: Some("Presse".into()),
            ..Default::default()
        }),
        ["Le Média des Quartiers"]
    );
    assert_eq!(
        names(OrganizationQuery {
            city: Some("saint denis".into()),
            ..Default::default()
        }),
        ["Le Média des Quartiers"]
    );
    assert_eq!(
        names(OrganizationQuery {
            status: Some(CollectiveStatus::Supported),
            ..Default::default()
        }),
        ["Quartiers en Transition"]
    );
    assert_eq!(
        names(OrganizationQuery {
            text: Some("media".into()),
            ..Default::default()
        }),
        ["Le Média des Quartiers"]
    );
}

#[test]
fn people_filter_by_sector_circle_tag_city_and_point_person() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Rousseau");
    let mut d = PersonDraft {
        first_name: "Chloé".into(),
        last_name: "Nguyen".into(),
        tags: vec!["presse".into()],
        ..PersonDraft::default()
    };
    d.profile = Profile {
        sectors: vec![Sector::Journalism, Sector::ArtsCulture],
        circles: vec![Circle::Media],
        city: Some("Montreuil".into()),
        point_person_id: Some(lea),
        ..Profile::default()
    };
    let chloe = store.create_person(d).expect("created");
    assert_eq!(
        chloe.profile.sectors,
        vec![Sector::Journalism, Sector::ArtsCulture]
    );

    let names = |q: PersonQuery| -> Vec<String> {
        store
            .list_persons(&q)
            .expect("list")
            .into_iter()
            .map(|p| p.first_name)
            .collect()
    };
    assert_eq!(
        names(PersonQuery {
            sector: Some(Sector::ArtsCulture),
            ..Default::default()
        }),
        ["Chloé"]
    );
    assert_eq!(
        names(PersonQuery {
            circle: Some(Circle::Media),
            ..Default::default()
        }),
        ["Chloé"]
    );
    assert_eq!(
        names(PersonQuery {
            tag: Some("PRESSE".into()),
            ..Default::default()
        }),
        ["Chloé"]
    );
    assert_eq!(
        names(PersonQuery {
            city: Some("montreuil".into()),
            ..Default::default()
        }),
        ["Chloé"]
    );
    assert_eq!(
        names(PersonQuery {
            point_person_id: Some(lea),
            ..Default::default()
        }),
        ["Chloé"]
    );
    assert_eq!(
        names(PersonQuery {
            circle: Some(Circle::Funder),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
}

#[test]
fn keyset_pages_walk_the_whole_list_in_order_without_overlap() {
    let (_dir, store) = temp_store();
    let drafts = (0..25)
        .map(|i| PersonDraft {
            first_name: format!("Personne {i:02}"),
            last_name: ["Éluard", "Dubois", "Eymard", "Martin", "Œuillet"][i % 5].into(),
            ..PersonDraft::default()
        })
        .collect();
    store.create_persons(drafts).expect("created");
    let all = store.list_persons(&PersonQuery::default()).expect("all");
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_persons(&PersonQuery {
                after,
                limit: Some(7),
                ..Default::default()
            })
            .expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|p| p.id);
        paged.extend(page);
    }
    assert_eq!(paged, all);
}

#[test]
fn search_finds_people_without_accents_by_prefix_and_groups_kinds() {
    let (_dir, store) = temp_store();
    let elodie = store
        .create_person(PersonDraft {
            first_name: "Élodie".into(),
            last_name: "Dupré".into(),
            emails: vec![Labeled::new("", "elodie@example.org")],
            notes: "Très engagée dans l'équipe de coordination.".into(),
            ..PersonDraft::default()
        })
        .expect("created");
    let org = collective(&store, "Équipe Climat du Plateau");

    let hits = store.search("dupre", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, elodie.id);
    assert_eq!(hits[0].kind, SearchKind::Person);
    assert!(
        hits[0].snippet.contains("\u{2}Dupré\u{3}"),
        "{:?}",
        hits[0].snippet
    );

    let prefix = store.search("dup", 10).expect("search");
    assert_eq!(prefix.first().map(|h| h.id), Some(elodie.id));

    let equipe = store.search("equipe", 10).expect("search");
    let kinds: Vec<SearchKind> = equipe.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&SearchKind::Person) && kinds.contains(&SearchKind::Organization),
        "{equipe:?}"
    );
    assert_eq!(equipe[0].id, org, "a title match ranks above a note match");
    let in_note = equipe
        .iter()
        .find(|h| h.kind == SearchKind::Person)
        .expect("the note matches");
    assert!(
        in_note.snippet.contains("\u{2}équipe\u{3}"),
        "{:?}",
        in_note.snippet
    );

    assert!(
        store
            .search("\"NEAR(", 10)
            .expect("no syntax error")
            .is_empty()
    );
    store.delete_person(elodie.id).expect("deleted");
    assert!(
        store.search("dupre", 10).expect("search").is_empty(),
        "deleted people leave the index"
    );
}

#[test]
fn search_follows_edits() {
    let (_dir, store) = temp_store();
    let p = store
        .create_person(PersonDraft {
            first_name: "Théo".into(),
            last_name: "Lefèvre".into(),
            ..Default::default()
        })
        .expect("created");
    let mut d = PersonDraft::from(p.clone());
    d.last_name = "Lefort".into();
    store.update_person(p.id, d).expect("updated");
    assert!(store.search("lefevre", 5).expect("search").is_empty());
    assert_eq!(store.search("lefort", 5).expect("search").len(), 1);
}

#[test]
fn interactions_build_the_timeline_and_extend_the_referral_chain() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Rousseau");
    let aicha = person(&store, "Aïcha", "Benali");
    let mut d = PersonDraft::from(store.get_person(aicha).expect("found"));
    d.profile.introduced_by_id = Some(lea);
    store.update_person(aicha, d).expect("updated");
    let elodie = person(&store, "Élodie", "Dupré");
    let mut d = PersonDraft::from(store.get_person(elodie).expect("found"));
    d.profile.introduced_by_id = Some(aicha);
    store.update_person(elodie, d).expect("updated");
    let mel = person(&store, "Mélissa", "Traoré");

    let one = store
        .add_interaction(InteractionDraft {
            date: date("2026-10-02"),
            kind: InteractionKind::OneToOne,
            people: vec![elodie],
            team_member_id: Some(lea),
            notes: "Premier one-to-one au centre social.".into(),
            one_to_one: OneToOne {
                interests: "Refus scolaire, justice".into(),
                commitment_given: "Venir à la réunion de novembre".into(),
                ..OneToOne::default()
            },
            suggested: vec![mel],
        })
        .expect("added");
    assert_eq!(one.people[0].name, "Élodie Dupré");
    assert_eq!(
        one.team_member.as_ref().map(|t| t.name.as_str()),
        Some("Léa Rousseau")
    );

    let page = store.person_page(elodie).expect("page");
    assert_eq!(page.interactions.len(), 1);
    let chain: Vec<&str> = page.introduced_by.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(chain, ["Aïcha Benali", "Léa Rousseau"]);
    let introduced: Vec<&str> = page.introduced.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(introduced, ["Mélissa Traoré"]);
    let aicha_page = store.person_page(aicha).expect("page");
    assert_eq!(
        aicha_page
            .introduced
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Élodie Dupré"]
    );

    let hits = store.search("centre social", 5).expect("search");
    assert_eq!(hits[0].kind, SearchKind::Interaction);
}

#[test]
fn a_person_cannot_introduce_themself_or_point_at_a_stranger() {
    let (_dir, store) = temp_store();
    let p = store
        .create_person(PersonDraft {
            first_name: "Zoé".into(),
            ..Default::default()
        })
        .expect("created");
    let mut d = PersonDraft::from(p.clone());
    d.profile.introduced_by_id = Some(p.id);
    assert!(matches!(
        store.update_person(p.id, d.clone()),
        Err(Error::Invalid {
            problem: Problem::SelfReference,
            ..
        })
    ));
    d.profile.introduced_by_id = Some(Uuid::now_v7());
    assert!(matches!(
        store.update_person(p.id, d),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.get_person(p.id).expect("found"), p);
}

#[test]
fn an_interaction_needs_someone_met() {
    let (_dir, store) = temp_store();
    let err = store
        .add_interaction(InteractionDraft {
            date: date("2026-10-02"),
            kind: InteractionKind::Call,
            people: vec![],
            team_member_id: None,
            notes: String::new(),
            one_to_one: OneToOne::default(),
            suggested: vec![],
        })
        .expect_err("refused");
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "people"));
}

const VCARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dupré;Élodie;;;\r\nFN:Élodie Dupré\r\nEMAIL;TYPE=WORK:elodie@example.org\r\nTEL;TYPE=CELL:06 12 34 56 78\r\nORG:Collectif des Mères Solidaires\r\nCATEGORIES:refus scolaire\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Théo Lefèvre\r\nN:Lefèvre;Théo;;;\r\nEMAIL:theo@example.fr\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:rien d'utile\r\nEND:VCARD\r\n";

#[test]
fn importing_the_same_file_twice_creates_nothing_new() {
    let (_dir, store) = temp_store();
    let first = store.import(VCARDS.as_bytes(), false).expect("imported");
    assert_eq!(first.format, "vcard");
    assert_eq!(first.created.len(), 2);
    assert_eq!(first.skipped.len(), 1);
    assert_eq!(
        first.skipped[0].line, 16,
        "the skipped entry is named by its BEGIN line"
    );
    let again = store.import(VCARDS.as_bytes(), false).expect("imported");
    assert!(
        again.created.is_empty() && again.merged.is_empty(),
        "{again:?}"
    );
    assert_eq!(again.unchanged.len(), 2);
    assert_eq!(store.count_persons().expect("count"), 2);
    let elodie = store
        .get_person(first.created[0].person_id.expect("id"))
        .expect("found");
    assert_eq!(
        elodie.emails[0],
        Labeled::new("travail", "elodie@example.org")
    );
    assert_eq!(
        elodie.organization.as_deref(),
        Some("Collectif des Mères Solidaires")
    );
    assert_eq!(
        store.search("dupre", 5).expect("search").len(),
        1,
        "imported people are searchable"
    );
}

#[test]
fn a_dry_run_reports_what_would_happen_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let preview = store.import(VCARDS.as_bytes(), true).expect("previewed");
    assert!(preview.dry_run);
    assert_eq!(preview.created.len(), 2);
    assert_eq!(store.count_persons().expect("count"), 0);
    let real = store.import(VCARDS.as_bytes(), false).expect("imported");
    assert_eq!(
        real.created.iter().map(|e| &e.name).collect::<Vec<_>>(),
        preview.created.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
}

#[test]
fn an_entry_matching_by_email_or_phone_merges_what_is_new() {
    let (_dir, store) = temp_store();
    let existing = store
        .create_person(PersonDraft {
            first_name: "Élodie".into(),
            last_name: "Dupré-Martin".into(),
            phones: vec![Labeled::new("", "+33 6 12 34 56 78")],
            ..PersonDraft::default()
        })
        .expect("created");
    let report = store.import(VCARDS.as_bytes(), false).expect("imported");
    assert_eq!(report.merged.len(), 1);
    assert_eq!(report.merged[0].matched_by, Some(MatchReason::Phone));
    assert_eq!(report.merged[0].person_id, Some(existing.id));
    let merged = store.get_person(existing.id).expect("found");
    assert_eq!(
        merged.last_name, "Dupré-Martin",
        "names are never overwritten"
    );
    assert_eq!(merged.phones.len(), 1, "the same number is not added twice");
    assert_eq!(merged.emails[0].value, "elodie@example.org");
    assert_eq!(merged.tags, vec!["refus scolaire"]);
}

#[test]
fn a_malformed_file_is_refused_with_its_line_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let broken = "BEGIN:VCARD\nVERSION:3.0\nFN:Théo Lefèvre\nEMAIL:theo@example.fr\nEND:VCARD\nBEGIN:VCARD\nFN:Sans Fin\n";
    match store.import(broken.as_bytes(), false) {
        Err(Error::Malformed { line, .. }) => assert_eq!(line, 6),
        other => panic!("expected a malformed file, got {other:?}"),
    }
    assert_eq!(store.count_persons().expect("count"), 0);
}

#[test]
fn an_entry_with_an_invalid_email_is_skipped_with_its_reason_not_the_whole_file() {
    let (_dir, store) = temp_store();
    let csv =
        "Prénom;Nom;Courriel\nÉlodie;Dupré;elodie@example.org\nThéo;Lefèvre;pas-une-adresse\n";
    let report = store.import(csv.as_bytes(), false).expect("imported");
    assert_eq!(report.format, "csv");
    assert_eq!(report.created.len(), 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].line, 3);
    assert!(
        report.skipped[0].reason.contains("pas-une-adresse"),
        "{:?}",
        report.skipped
    );
}

#[test]
fn duplicates_are_found_by_email_phone_and_near_identical_names() {
    let (_dir, store) = temp_store();
    let mk = |first: &str, last: &str, email: &str, phone: &str| {
        store
            .create_person(PersonDraft {
                first_name: first.into(),
                last_name: last.into(),
                emails: if email.is_empty() {
                    vec![]
                } else {
                    vec![Labeled::new("", email)]
                },
                phones: if phone.is_empty() {
                    vec![]
                } else {
                    vec![Labeled::new("", phone)]
                },
                ..PersonDraft::default()
            })
            .expect("created")
            .id
    };
    let a = mk("Élodie", "Dupré", "elodie@example.org", "");
    let b = mk("Elodie", "Duprée", "ELODIE@example.org", "");
    let c = mk("Théo", "Lefèvre", "", "06 12 34 56 78");
    let d = mk("T.", "Lefevre", "", "+33 6 12 34 56 78");
    mk("Zoé", "Lambert", "zoe@example.org", "");

    let pairs = store.find_duplicates().expect("found");
    let ids: Vec<(Uuid, Uuid, Vec<MatchReason>)> = pairs
        .iter()
        .map(|p| (p.first.id, p.second.id, p.reasons.clone()))
        .collect();
    assert!(
        ids.contains(&(a, b, vec![MatchReason::Email, MatchReason::Name])),
        "{ids:?}"
    );
    assert!(ids.contains(&(c, d, vec![MatchReason::Phone])), "{ids:?}");
    assert_eq!(ids.len(), 2, "Zoé has no double");
}

#[test]
fn merging_carries_everything_and_undo_puts_both_back() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Rousseau");
    let keep = store
        .create_person(PersonDraft {
            first_name: "Élodie".into(),
            last_name: "Dupré".into(),
            emails: vec![Labeled::new("", "elodie@example.org")],
            tags: vec!["leadership".into()],
            ..PersonDraft::default()
        })
        .expect("created");
    let mut other_draft = PersonDraft {
        first_name: "Elodie".into(),
        last_name: "Dupre".into(),
        emails: vec![Labeled::new("perso", "elodie.d@example.net")],
        phones: vec![Labeled::new("mobile", "06 12 34 56 78")],
        tags: vec!["refus scolaire".into()],
        ..PersonDraft::default()
    };
    other_draft.profile.introduced_by_id = Some(lea);
    let other = store.create_person(other_draft).expect("created");
    let org = collective(&store, "Collectif des Mères Solidaires");
    store
        .add_membership(MembershipDraft {
            person_id: other.id,
            organization_id: org,
            role: "Membre".into(),
            since: None,
            until: None,
            leadership: false,
        })
        .expect("membership");
    let team = store.add_team(org, None, "Coordination").expect("team");
    store
        .set_team_member(team, other.id, "Référente")
        .expect("role");
    let interaction = store
        .add_interaction(InteractionDraft {
            date: date("2026-10-02"),
            kind: InteractionKind::OneToOne,
            people: vec![other.id],
            team_member_id: Some(lea),
            notes: "Premier échange".into(),
            one_to_one: OneToOne::default(),
            suggested: vec![],
        })
        .expect("interaction");

    let merge = store.merge_persons(keep.id, other.id).expect("merged");
    assert!(matches!(
        store.get_person(other.id),
        Err(Error::NotFound { .. })
    ));
    let page = store.person_page(keep.id).expect("page");
    let p = &page.person;
    assert_eq!(
        (p.first_name.as_str(), p.last_name.as_str()),
        ("Élodie", "Dupré")
    );
    assert_eq!(p.emails.len(), 2);
    assert_eq!(p.phones[0].value, "06 12 34 56 78");
    assert_eq!(p.tags, vec!["leadership", "refus scolaire"]);
    assert_eq!(p.profile.introduced_by_id, Some(lea));
    assert_eq!(page.memberships.len(), 1);
    assert_eq!(page.interactions[0].id, interaction.id);
    let teams = store.organization_page(org).expect("org").teams;
    assert_eq!(teams[0].members[0].person_id, keep.id);
    let people_found = store
        .search("dupre", 5)
        .expect("search")
        .into_iter()
        .filter(|h| h.kind == SearchKind::Person)
        .count();
    assert_eq!(people_found, 1, "the merged person left the index");

    store.undo_merge(merge).expect("undone");
    assert_eq!(store.get_person(keep.id).expect("kept"), {
        let mut k = store.get_person(keep.id).expect("kept");
        k.updated_at = keep.updated_at;
        assert_eq!(
            PersonDraft::from(k.clone()),
            PersonDraft::from(keep.clone()),
            "the kept person is as before"
        );
        store.get_person(keep.id).expect("kept")
    });
    let back = store
        .person_page(other.id)
        .expect("the merged person is back");
    assert_eq!(
        PersonDraft::from(back.person.clone()),
        PersonDraft::from(other.clone())
    );
    assert_eq!(back.person.created_at, other.created_at);
    assert_eq!(back.memberships.len(), 1);
    assert_eq!(back.interactions.len(), 1);
    assert!(
        store
            .person_page(keep.id)
            .expect("page")
            .memberships
            .is_empty()
    );
    let teams = store.organization_page(org).expect("org").teams;
    assert_eq!(teams[0].members[0].person_id, other.id);
    assert!(
        matches!(store.undo_merge(merge), Err(Error::Refused(_))),
        "undo happens once"
    );
    assert!(matches!(
        store.merge_persons(keep.id, keep.id),
        Err(Error::Refused(_))
    ));
}

#[test]
fn recently_added_lists_newest_first_and_pages_by_keyset() {
    let (_dir, store) = temp_store();
    let ids: Vec<Uuid> = ["Aïcha", "Bruno", "Chloé", "Dénis", "Élise"]
        .iter()
        .map(|f| person(&store, f, "Martin"))
        .collect();
    let first = store
        .list_persons(&PersonQuery {
            sort: Some(PersonSort::RecentlyAdded),
            limit: Some(3),
            ..Default::default()
        })
        .expect("page");
    assert_eq!(
        first.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ids[4], ids[3], ids[2]]
    );
    let next = store
        .list_persons(&PersonQuery {
            sort: Some(PersonSort::RecentlyAdded),
            after: first.last().map(|p| p.id),
            ..Default::default()
        })
        .expect("page");
    assert_eq!(
        next.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ids[1], ids[0]]
    );
}

#[test]
fn an_organisation_timeline_holds_its_members_interactions() {
    let (_dir, store) = temp_store();
    let org = collective(&store, "Quartiers en Transition");
    let karim = person(&store, "Karim", "Bensaïd");
    let outsider = person(&store, "Zoé", "Lambert");
    store
        .add_membership(MembershipDraft {
            person_id: karim,
            organization_id: org,
            role: String::new(),
            since: None,
            until: None,
            leadership: false,
        })
        .expect("membership");
    for (who, day) in [
        (karim, "2026-10-01"),
        (outsider, "2026-10-02"),
        (karim, "2026-11-03"),
    ] {
        store
            .add_interaction(InteractionDraft {
                date: date(day),
                kind: InteractionKind::Call,
                people: vec![who],
                team_member_id: None,
                notes: String::new(),
                one_to_one: OneToOne::default(),
                suggested: vec![],
            })
            .expect("interaction");
    }
    let timeline = store.organization_page(org).expect("page").timeline;
    let dates: Vec<String> = timeline.iter().map(|i| i.date.to_string()).collect();
    assert_eq!(dates, ["2026-11-03", "2026-10-01"]);
}

#[test]
fn an_import_reports_its_progress_up_to_the_total() {
    let (_dir, store) = temp_store();
    let mut csv = String::from("Prénom;Nom;Courriel\n");
    for i in 0..600 {
        csv.push_str(&format!("Personne{i};Martin;p{i}@example.org\n"));
    }
    let mut seen = Vec::new();
    let report = store
        .import_with_progress(csv.as_bytes(), false, &mut |p| seen.push((p.done, p.total)))
        .expect("imported");
    assert_eq!(report.created.len(), 600);
    assert_eq!(seen, vec![(250, 600), (500, 600), (600, 600)]);
}

#[test]
fn a_json_export_reimports_completely_elsewhere_and_adds_nothing_here() {
    let (_dir, store) = temp_store();
    let lea = person(&store, "Léa", "Rousseau");
    let mut d = PersonDraft {
        first_name: "Élodie".into(),
        last_name: "Dupré".into(),
        emails: vec![Labeled::new("travail", "elodie@example.org")],
        notes: "Très engagée.\nDeuxième ligne.".into(),
        tags: vec!["refus scolaire".into()],
        ..PersonDraft::default()
    };
    d.profile = Profile {
        sectors: vec![Sector::Collective],
        circles: vec![Circle::Community],
        city: Some("Montreuil".into()),
        introduced_by_id: Some(lea),
        legal_basis_on: Some(date("2026-09-15")),
        legal_basis: Some(crate::vocab::LegalBasis::Consent),
        ..Profile::default()
    };
    store.create_person(d.clone()).expect("created");
    let json = crate::export::to_json(&store.all_persons().expect("all")).expect("exported");

    let again = store.import(json.as_bytes(), false).expect("reimported");
    assert_eq!(again.format, "json");
    assert_eq!((again.created.len(), again.unchanged.len()), (0, 2));

    let (_other_dir, other) = temp_store();
    let report = other.import(json.as_bytes(), false).expect("imported");
    assert_eq!(report.created.len(), 2);
    let elodie = other
        .all_persons()
        .expect("all")
        .into_iter()
        .find(|p| p.last_name == "Dupré")
        .expect("imported");
    let lea_there = other
        .all_persons()
        .expect("all")
        .into_iter()
        .find(|p| p.last_name == "Rousseau")
        .expect("lea");
    let mut expected = d.clone();
    // Léa is imported before Élodie (list order), so the referral points at her copy.
    expected.profile.introduced_by_id = Some(lea_there.id);
    assert_eq!(
        PersonDraft::from(elodie),
        expected.validate().expect("valid")
    );

    match other.import(b"[{\"first_name\": ", false) {
        Err(Error::Malformed { line, .. }) => assert_eq!(line, 1),
        other => panic!("expected a malformed file, got {other:?}"),
    }
}

#[test]
fn create_organizations_writes_every_draft_or_none_and_indexes_them() {
    let (_dir, store) = temp_store();
    let batch = |second: &str| {
        vec![
            OrganizationDraft::new(
                "Collectif des Mères Solidaires",
                OrganizationKind::Collective,
            ),
            OrganizationDraft::new(second, OrganizationKind::Foundation),
        ]
    };
    let err = store.create_organizations(batch(" ")).expect_err("refused");
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "organizations.1.name"),
        "{err:?}"
    );
    let all = OrganizationQuery::default();
    assert!(store.list_organizations(&all).expect("listed").is_empty());

    let ids = store
        .create_organizations(batch("Fondation Horizons Solidaires"))
        .expect("created");
    assert_eq!(ids.len(), 2);
    assert_eq!(store.list_organizations(&all).expect("listed").len(), 2);
    let hits = store.search("horizons", 10).expect("searched");
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![ids[1]]);
}

#[test]
fn add_memberships_writes_every_draft_or_none() {
    let (_dir, store) = temp_store();
    let elodie = person(&store, "Élodie", "Dupré");
    let org = collective(&store, "Collectif des Mères Solidaires");
    let draft = |organization_id| MembershipDraft {
        person_id: elodie,
        organization_id,
        role: "Membre".into(),
        since: Some(date("2024-09-01")),
        until: None,
        leadership: false,
    };
    let backwards = MembershipDraft {
        until: Some(date("2024-01-01")),
        ..draft(org)
    };
    let err = store
        .add_memberships(vec![draft(org), backwards])
        .expect_err("refused");
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "memberships.1.until"),
        "{err:?}"
    );
    assert!(matches!(
        store.add_memberships(vec![draft(org), draft(Uuid::now_v7())]),
        Err(Error::NotFound { .. })
    ));
    assert!(
        store
            .memberships_of_person(elodie)
            .expect("read")
            .is_empty()
    );

    let other = collective(&store, "Quartiers en Transition");
    let ids = store
        .add_memberships(vec![draft(org), draft(other)])
        .expect("added");
    let mut stored: Vec<Uuid> = store
        .memberships_of_person(elodie)
        .expect("read")
        .iter()
        .map(|m| m.id)
        .collect();
    stored.sort();
    assert_eq!(stored, ids);
}
