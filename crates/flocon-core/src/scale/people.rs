//! The team, everyone else and their memberships.

use std::collections::HashSet;

use chrono::Duration;

use super::words::{self, CITIES, FIRST_NAMES, LAST_NAMES};
use super::{Sizes, World, organizations};
use crate::error::Result;
use crate::organization::MembershipDraft;
use crate::person::{Labeled, PersonDraft, Profile};
use crate::store::Store;
use crate::text::fold;
use crate::vocab::{Circle, LegalBasis, Sector};

/// How many records one transaction writes: big enough to be fast, small enough that the
/// progress moves.
const BATCH: usize = 5_000;

/// Creates the team, the organisations (their point persons are in the team), everyone else
/// (their organisation named after their membership), then the memberships.
pub(super) fn create(
    store: &Store,
    w: &mut World,
    sizes: &Sizes,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let mut emails = HashSet::new();
    let team: Vec<PersonDraft> = (0..sizes.team)
        .map(|i| team_member(w, i, &mut emails))
        .collect();
    w.people.extend(store.create_persons(team)?);
    w.team = w.people.len();
    w.counts.team_members = w.team as u64;

    organizations::create(store, w, sizes.organizations)?;
    progress(&format!("{} organisations", w.organizations.len()));

    let memberships = plan_memberships(w, sizes);
    let mut organization_of = vec![None; sizes.people];
    for &(person, org) in memberships.iter().rev() {
        organization_of[person] = Some(org);
    }
    for start in (w.team..sizes.people).step_by(BATCH) {
        let end = (start + BATCH).min(sizes.people);
        let drafts = (start..end)
            .map(|i| person(w, i, organization_of[i], &mut emails))
            .collect();
        w.people.extend(store.create_persons(drafts)?);
        progress(&format!("{end}/{} contacts", sizes.people));
    }
    w.counts.people = w.people.len() as u64;

    for chunk in memberships.chunks(BATCH) {
        let drafts = chunk.iter().map(|&(p, o)| membership(w, p, o)).collect();
        w.counts.memberships += store.add_memberships(drafts)?.len() as u64;
    }
    progress(&format!("{} memberships", w.counts.memberships));
    Ok(())
}

fn team_member(w: &mut World, i: usize, emails: &mut HashSet<String>) -> PersonDraft {
    let first = w.rng.pick(FIRST_NAMES);
    let last = w.rng.pick(LAST_NAMES);
    w.first_names.push(first);
    let local = fold(&format!("{first} {last}")).replace(' ', ".");
    let email = unique_email(emails, local, "flocon.example.org", i);
    let notes = notes_of(w, i, first);
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        emails: vec![Labeled::new("travail", email)],
        phones: vec![Labeled::new("mobile", phone(w))],
        profile: Profile {
            circles: vec![Circle::Team],
            city: Some(w.rng.pick(&CITIES[..8]).into()),
            legal_basis: Some(LegalBasis::Contract),
            ..Profile::default()
        },
        tags: vec!["équipe".into()],
        notes,
        ..PersonDraft::default()
    }
}

/// Someone the association knows: person `i`, member of organisation `org` if any.
fn person(
    w: &mut World,
    i: usize,
    org: Option<usize>,
    emails: &mut HashSet<String>,
) -> PersonDraft {
    let first = w.rng.pick(FIRST_NAMES);
    let mut last = last_name(w);
    if w.rng.chance(20) {
        let second = last_name(w);
        if second != last {
            last = format!("{last}-{second}");
        }
    }
    w.first_names.push(first);
    let collective = org.and_then(|o| w.organizations[o].collective).is_some();
    let organization = match org {
        Some(o) => Some(w.organizations[o].name.clone()),
        None if w.rng.chance(25) => {
            let o = w.rng.below(w.organizations.len());
            w.organizations.get(o).map(|o| o.name.clone())
        }
        None => None,
    };
    let notes = notes_of(w, i, first);
    PersonDraft {
        emails: emails_of(w, first, &last, i, emails),
        phones: if w.rng.chance(60) {
            vec![Labeled::new("mobile", phone(w))]
        } else {
            Vec::new()
        },
        organization,
        profile: profile(w, collective),
        tags: w.tags(0, 3),
        notes,
        first_name: first.into(),
        last_name: last,
    }
}

/// A surname from the list (a third of the time: they are the usual ones), or one made of a
/// stem and an ending.
fn last_name(w: &mut World) -> String {
    if w.rng.chance(35) {
        return w.rng.pick(LAST_NAMES).to_string();
    }
    let stem = w.rng.pick(words::NAME_STEMS);
    format!("{stem}{}", w.rng.pick(words::NAME_ENDINGS))
}

fn profile(w: &mut World, collective: bool) -> Profile {
    let sectors = if collective {
        vec![Sector::Collective]
    } else if w.rng.chance(50) {
        vec![w.rng.pick(Sector::ALL)]
    } else {
        Vec::new()
    };
    let circle = match w.rng.below(100) {
        0..40 => Some(Circle::Community),
        40..45 => Some(Circle::Pro),
        45..50 => Some(Circle::Partner),
        50..53 => Some(Circle::Media),
        53..55 => Some(Circle::Funder),
        _ => None,
    };
    let consent = w.rng.chance(25);
    let known_for = w.rng.between(1, 3 * 365);
    Profile {
        sectors,
        circles: circle.into_iter().collect(),
        languages: if w.rng.chance(15) {
            vec![w.rng.pick(words::LANGUAGES).into()]
        } else {
            Vec::new()
        },
        city: w.rng.chance(85).then(|| w.rng.pick(CITIES).into()),
        point_person_id: w.rng.chance(30).then(|| w.team_id()),
        introduced_by_id: (w.people.len() > w.team && w.rng.chance(8)).then(|| {
            let known = w.team + w.rng.below(w.people.len() - w.team);
            w.people[known]
        }),
        legal_basis: Some(if consent {
            LegalBasis::Consent
        } else {
            LegalBasis::LegitimateInterest
        }),
        legal_basis_on: consent.then(|| w.day(-known_for)),
        legal_basis_source: if consent {
            let year = (w.today - Duration::days(known_for)).format("%Y");
            format!("formulaire de la fête de quartier {year}")
        } else {
            String::new()
        },
        ..Profile::default()
    }
}

fn emails_of(
    w: &mut World,
    first: &str,
    last: &str,
    i: usize,
    taken: &mut HashSet<String>,
) -> Vec<Labeled> {
    let (first, last) = (fold(first).replace(' ', "-"), fold(last).replace(' ', ""));
    let local = match w.rng.below(3) {
        0 => format!("{first}.{last}"),
        1 => format!("{}{last}", &first[..1]),
        _ => format!("{first}.{last}{}", w.rng.between(50, 99)),
    };
    let domain = w
        .rng
        .pick(&["example.org", "example.fr", "example.net", "example.com"]);
    let mut emails = vec![Labeled::new(
        if w.rng.chance(30) { "travail" } else { "" },
        unique_email(taken, local, domain, i),
    )];
    if w.rng.chance(10) {
        let perso = format!("{first}.{last}.perso");
        emails.push(Labeled::new(
            "perso",
            unique_email(taken, perso, "example.net", i),
        ));
    }
    emails
}

/// `local@domain`, with the person's number added when someone has that address already.
fn unique_email(taken: &mut HashSet<String>, local: String, domain: &str, i: usize) -> String {
    let email = format!("{local}@{domain}");
    if taken.insert(email.clone()) {
        return email;
    }
    let email = format!("{local}.{i}@{domain}");
    taken.insert(email.clone());
    email
}

fn phone(w: &mut World) -> String {
    format!(
        "0{} {:02} {:02} {:02} {:02}",
        w.rng.pick(&[6, 7]),
        w.rng.below(100),
        w.rng.below(100),
        w.rng.below(100),
        w.rng.below(100)
    )
}

/// Every other person has about 2 KB of notes.
fn notes_of(w: &mut World, i: usize, first: &str) -> String {
    if !i.is_multiple_of(2) {
        return String::new();
    }
    w.counts.people_with_notes += 1;
    let met = w.rng.pick(FIRST_NAMES);
    long_notes(w, first, met)
}

/// About 2 KB of Markdown notes about someone.
fn long_notes(w: &mut World, name: &str, other: &str) -> String {
    let mut notes = String::with_capacity(2_200);
    notes.push_str("## Rencontre\n\n");
    notes.push_str(&w.sentence(name, other));
    notes.push_str("\n\n## Suivi\n\n");
    while notes.len() < 2_000 {
        notes.push_str("- ");
        notes.push_str(&w.sentence(name, other));
        notes.push('\n');
    }
    notes
}

/// (person, organisation) pairs, each person at most once per organisation: mostly members of
/// collectives, and no one from the team.
fn plan_memberships(w: &mut World, sizes: &Sizes) -> Vec<(usize, usize)> {
    let collectives: Vec<usize> = (0..w.organizations.len())
        .filter(|&o| w.organizations[o].collective.is_some())
        .collect();
    let all: Vec<usize> = (0..w.organizations.len()).collect();
    let others = sizes.people.saturating_sub(w.team);
    let mut seen = HashSet::new();
    let mut planned = Vec::with_capacity(sizes.memberships);
    if all.is_empty() || others == 0 {
        return planned;
    }
    while planned.len() < sizes.memberships.min(others * all.len()) {
        let person = w.team + w.rng.below(others);
        let org = if w.rng.chance(90) && !collectives.is_empty() {
            w.rng.pick(&collectives)
        } else {
            w.rng.pick(&all)
        };
        if seen.insert((person, org)) {
            w.members[org].push(person);
            planned.push((person, org));
        }
    }
    planned
}

fn membership(w: &mut World, person: usize, org: usize) -> MembershipDraft {
    let ago = w.rng.between(30, 8 * 365);
    let since = w.day(-ago);
    let until = if w.rng.chance(10) {
        Some(since + Duration::days(w.rng.between(30, 700))).filter(|&d| d < w.today)
    } else {
        None
    };
    MembershipDraft {
        person_id: w.people[person],
        organization_id: w.organizations[org].id,
        role: w.rng.pick(words::ROLES).into(),
        since: Some(since),
        until,
        leadership: w.rng.chance(20),
    }
}
