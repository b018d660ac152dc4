//! The organisations: mostly collectives, with a status and often a point person in the team;
//! then associations, funders, media, institutions, schools and networks.

use std::collections::HashSet;

use super::words::{self, CITIES, FIRST_NAMES};
use super::{Org, World};
use crate::error::Result;
use crate::organization::OrganizationDraft;
use crate::store::Store;
use crate::text::fold;
use crate::vocab::{CollectiveStatus, OrganizationKind};

/// The share of organisations that are collectives, in percent.
const COLLECTIVES_PERCENT: usize = 80;

pub(super) fn create(store: &Store, w: &mut World, count: usize) -> Result<()> {
    let mut names = HashSet::new();
    let mut planned = Vec::with_capacity(count);
    let mut drafts = Vec::with_capacity(count);
    for i in 0..count {
        let draft = if i * 100 < count * COLLECTIVES_PERCENT {
            collective(w, &mut names)
        } else {
            other_organization(w, &mut names)
        };
        planned.push((
            draft.name.clone(),
            draft.status,
            draft.kind == OrganizationKind::Foundation,
        ));
        drafts.push(draft);
    }
    let ids = store.create_organizations(drafts)?;
    for (id, (name, collective, funder)) in ids.into_iter().zip(planned) {
        w.organizations.push(Org {
            id,
            name,
            collective,
            funder,
        });
    }
    w.members = vec![Vec::new(); w.organizations.len()];
    w.counts.organizations = w.organizations.len() as u64;
    w.counts.collectives = w
        .organizations
        .iter()
        .filter(|o| o.collective.is_some())
        .count() as u64;
    Ok(())
}

fn collective(w: &mut World, names: &mut HashSet<String>) -> OrganizationDraft {
    let head = w.rng.pick(words::COLLECTIVE_HEADS);
    let cause = w.rng.pick(words::COLLECTIVE_CAUSES);
    let place = w.rng.pick(words::NEIGHBOURHOODS);
    let name = unique_name(names, format!("{head} {cause} {place}"), w);
    let mut draft = OrganizationDraft::new(name, OrganizationKind::Collective);
    let status = match w.rng.below(100) {
        0..30 => CollectiveStatus::Prospect,
        30..65 => CollectiveStatus::Supported,
        65..80 => CollectiveStatus::Partner,
        _ => CollectiveStatus::Alumni,
    };
    draft.status = Some(status);
    draft.city = Some(w.rng.pick(CITIES).into());
    draft.tags = w.tags(1, 2);
    if w.rng.chance(50) {
        let year = w.rng.between(2005, 2025);
        let (founder, other) = (w.rng.pick(FIRST_NAMES), w.rng.pick(FIRST_NAMES));
        draft.description = format!(
            "Collectif né en {year} {place}.\n\n{}",
            w.sentence(founder, other)
        );
    }
    if w.rng.chance(20) {
        draft.website = Some(format!(
            "https://{}.example.org",
            fold(&draft.name).replace(' ', "-")
        ));
    }
    if matches!(
        status,
        CollectiveStatus::Supported | CollectiveStatus::Partner
    ) {
        draft.point_person_id = Some(w.team_id());
    }
    draft
}

fn other_organization(w: &mut World, names: &mut HashSet<String>) -> OrganizationDraft {
    let (kind, list) = match w.rng.below(100) {
        0..30 => (OrganizationKind::Association, words::ASSOCIATION_NAMES),
        30..45 => (OrganizationKind::Foundation, words::FOUNDATION_NAMES),
        45..60 => (OrganizationKind::Media, words::MEDIA_NAMES),
        60..70 => (OrganizationKind::Company, words::COMPANY_NAMES),
        70..85 => (OrganizationKind::Institution, words::INSTITUTION_NAMES),
        85..95 => (OrganizationKind::School, words::SCHOOL_NAMES),
        _ => (OrganizationKind::Network, words::NETWORK_NAMES),
    };
    let base = w.rng.pick(list);
    let city = w.rng.pick(CITIES);
    // Institutions and schools are "… de <city>"; the others are named once, then per city.
    let name = match base.strip_suffix(" de") {
        Some(stem) => format!("{stem} {}", of_city(city)),
        None if !names.contains(&fold(base)) => base.to_string(),
        None => format!("{base} — {city}"),
    };
    let mut draft = OrganizationDraft::new(unique_name(names, name, w), kind);
    draft.city = Some(city.into());
    draft
}

/// "de Montreuil", "d'Épinay-sur-Seine".
fn of_city(city: &str) -> String {
    match city.chars().next() {
        Some('A' | 'E' | 'É' | 'I' | 'O' | 'U') => format!("d'{city}"),
        _ => format!("de {city}"),
    }
}

/// `name`, or `name` with a number when an organisation has that name already.
fn unique_name(names: &mut HashSet<String>, name: String, w: &mut World) -> String {
    if names.insert(fold(&name)) {
        return name;
    }
    loop {
        let numbered = format!("{name} {}", w.rng.between(2, 99));
        if names.insert(fold(&numbered)) {
            return numbered;
        }
    }
}
