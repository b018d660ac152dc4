//! Drafting the activity report of a period from the records, part by part, in one read
//! transaction (every figure comes from the same state of the data).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::events::stages_reached_by;
use super::{Store, format_time, parse_time, parse_uuid};
use crate::error::Result;
use crate::event::{ProgrammeRef, SeriesRef};
use crate::organization::PersonRef;
use crate::report::{
    ActivityReport, CohortActivity, CollectiveActivity, EngagementActivity, EventLine, FormatCount,
    ReportPart, ReportProgress, ReportQuery, ReportTotals, SectorCount, SeriesActivity, StageTally,
};
use crate::roadmap::Quarter;
use crate::session::{EngagementRef, OrgRef, SessionRef};
use crate::vocab::{EngagementKind, Sector, SessionFormat};

impl Store {
    /// The report of [from, to] (both days included, in this computer's time zone).
    pub fn activity_report(&self, query: ReportQuery) -> Result<ActivityReport> {
        self.activity_report_with_progress(query, &mut |_| {})
    }

    /// `activity_report`, calling `progress` as each part is read.
    pub fn activity_report_with_progress(
        &self,
        query: ReportQuery,
        progress: &mut dyn FnMut(ReportProgress),
    ) -> Result<ActivityReport> {
        let query = query.validate()?;
        let (start, end) = (
            local_midnight(query.from),
            local_midnight(query.to.succ_opt().unwrap_or(query.to)),
        );
        let total = ReportPart::ALL.len() as u32;
        let mut step = |done: u32, part: ReportPart| progress(ReportProgress { done, total, part });
        self.db
            .read(|c| {
                step(0, ReportPart::Sessions);
                let sessions = sessions_in(c, start, end)?;
                let collectives = by_collective(&sessions);
                step(1, ReportPart::Events);
                let (series, people_present) = events_in(c, start, end)?;
                step(2, ReportPart::Trainings);
                let trainings = trainings(&sessions);
                step(3, ReportPart::Cohorts);
                let cohorts = cohorts_in(c, query.from, query.to)?;
                step(4, ReportPart::Contacts);
                let new_contacts = new_contacts(c, start, end)?;
                step(5, ReportPart::Objectives);
                let objectives = objectives_reached(c, query.from, query.to)?;
                let engagements: BTreeSet<Uuid> = sessions
                    .iter()
                    .filter_map(|s| s.engagement.as_ref().map(|e| e.id))
                    .collect();
                let totals = ReportTotals {
                    events: series.iter().map(|s| s.events).sum(),
                    attendees_present: series.iter().map(|s| s.attendees_present).sum(),
                    people_present,
                    sessions: sessions.len() as u32,
                    engagements: engagements.len() as u32,
                    collectives: collectives.len() as u32,
                    new_contacts: distinct_people(&new_contacts),
                    cohorts: cohorts.len() as u32,
                    objectives_reached: objectives.len() as u32,
                };
                Ok(ActivityReport {
                    from: query.from,
                    to: query.to,
                    totals,
                    collectives,
                    series,
                    trainings,
                    cohorts,
                    new_contacts,
                    objectives,
                })
            })
            .inspect(|_| {
                progress(ReportProgress {
                    done: total,
                    total,
                    part: ReportPart::Objectives,
                })
            })
    }
}

/// Midnight of `day` here, as an instant (the earlier one when clocks go back).
pub(crate) fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&naive)
        .earliest()
        // Midnight skipped by a clock change: the day starts an hour later.
        .or_else(|| {
            Local
                .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

struct SessionRow {
    reference: SessionRef,
    format: SessionFormat,
    engagement: Option<EngagementRef>,
    kinds: Vec<EngagementKind>,
    /// The session's collectives, or else its engagement's.
    organizations: Vec<OrgRef>,
}

fn sessions_in(
    c: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<SessionRow>> {
    let mut stmt = c.prepare_cached(
        "SELECT s.id, s.title, s.starts_at, s.format, s.engagement_id, e.title
         FROM session s LEFT JOIN engagement e ON e.id = s.engagement_id
         WHERE s.starts_at >= ?1 AND s.starts_at < ?2 ORDER BY s.starts_at, s.id",
    )?;
    let rows = stmt
        .query_map(params![format_time(start), format_time(end)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Each engagement's kinds and collectives, read once however many sessions it had.
    let mut engagements: BTreeMap<String, (Vec<EngagementKind>, Vec<OrgRef>)> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (id, title, starts, format, engagement_id, engagement_title) in rows {
        let mut organizations = orgs(
            c,
            "SELECT o.id, o.name FROM session_organization x JOIN organization o ON o.id = x.organization_id
             WHERE x.session_id = ?1 ORDER BY o.sort_key",
            &id,
        )?;
        let engagement = match (&engagement_id, engagement_title) {
            (Some(eid), Some(t)) => Some(EngagementRef {
                id: parse_uuid(eid)?,
                title: t,
            }),
            _ => None,
        };
        let mut kinds = Vec::new();
        if let Some(eid) = &engagement_id {
            if !engagements.contains_key(eid) {
                engagements.insert(eid.clone(), engagement_facts(c, eid)?);
            }
            let (engagement_kinds, engagement_orgs) = &engagements[eid];
            kinds = engagement_kinds.clone();
            if organizations.is_empty() {
                organizations = engagement_orgs.clone();
            }
        }
        out.push(SessionRow {
            reference: SessionRef {
                id: parse_uuid(&id)?,
                title,
                starts_at: parse_time(&starts)?,
            },
            format: SessionFormat::from_code(&format)?,
            engagement,
            kinds,
            organizations,
        });
    }
    Ok(out)
}

/// An engagement's kinds (in order) and collectives.
fn engagement_facts(c: &Connection, id: &str) -> Result<(Vec<EngagementKind>, Vec<OrgRef>)> {
    let mut kinds = c
        .prepare_cached("SELECT kind FROM engagement_kind WHERE engagement_id = ?1")?
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .map(|k| EngagementKind::from_code(k))
        .collect::<Result<Vec<_>>>()?;
    kinds.sort();
    let organizations = orgs(
        c,
        "SELECT o.id, o.name FROM engagement_organization x
         JOIN organization o ON o.id = x.organization_id
         WHERE x.engagement_id = ?1 ORDER BY o.sort_key",
        id,
    )?;
    Ok((kinds, organizations))
}

fn orgs(c: &Connection, sql: &str, id: &str) -> Result<Vec<OrgRef>> {
    Ok(super::id_name_pairs(c, sql, id)?
        .into_iter()
        .map(|(id, name)| OrgRef { id, name })
        .collect())
}

/// Sessions grouped by engagement (None last), each group's formats counted.
fn activities<'a>(sessions: impl Iterator<Item = &'a SessionRow>) -> Vec<EngagementActivity> {
    let mut groups: Vec<EngagementActivity> = Vec::new();
    for s in sessions {
        let key = s.engagement.as_ref().map(|e| e.id);
        let group = match groups
            .iter()
            .position(|g| g.engagement.as_ref().map(|e| e.id) == key)
        {
            Some(i) => &mut groups[i],
            None => {
                groups.push(EngagementActivity {
                    engagement: s.engagement.clone(),
                    kinds: s.kinds.clone(),
                    organizations: Vec::new(),
                    sessions: 0,
                    formats: Vec::new(),
                    session_list: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        group.sessions += 1;
        group.session_list.push(s.reference.clone());
        for o in &s.organizations {
            if !group.organizations.contains(o) {
                group.organizations.push(o.clone());
            }
        }
        match group.formats.iter_mut().find(|f| f.format == s.format) {
            Some(f) => f.count += 1,
            None => group.formats.push(FormatCount {
                format: s.format,
                count: 1,
            }),
        }
    }
    for g in &mut groups {
        g.formats.sort_by_key(|f| f.format);
    }
    groups.sort_by(|a, b| match (&a.engagement, &b.engagement) {
        (Some(x), Some(y)) => crate::text::fold(&x.title).cmp(&crate::text::fold(&y.title)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    groups
}

fn by_collective(sessions: &[SessionRow]) -> Vec<CollectiveActivity> {
    let mut collectives: BTreeMap<(String, Uuid), OrgRef> = BTreeMap::new();
    for s in sessions {
        for o in &s.organizations {
            collectives.insert((crate::text::fold(&o.name), o.id), o.clone());
        }
    }
    collectives
        .into_values()
        .map(|org| {
            let mine: Vec<&SessionRow> = sessions
                .iter()
                .filter(|s| s.organizations.contains(&org))
                .collect();
            CollectiveActivity {
                sessions: mine.len() as u32,
                engagements: activities(mine.into_iter()),
                organization: org,
            }
        })
        .collect()
}

fn trainings(sessions: &[SessionRow]) -> Vec<EngagementActivity> {
    activities(
        sessions
            .iter()
            .filter(|s| s.kinds.contains(&EngagementKind::OrganizingTraining)),
    )
}

/// Events by series (series by name, events outside any series last), and how many different
/// people were marked present.
fn events_in(
    c: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(Vec<SeriesActivity>, u32)> {
    let mut stmt = c.prepare_cached(
        "SELECT e.id, e.title, e.starts_at, e.unnamed_count, e.series_id, s.name,
                (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'present'),
                (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'registered')
         FROM event e LEFT JOIN event_series s ON s.id = e.series_id
         WHERE e.starts_at >= ?1 AND e.starts_at < ?2
         ORDER BY s.name_key IS NULL, s.name_key, e.starts_at, e.id",
    )?;
    let rows = stmt
        .query_map(params![format_time(start), format_time(end)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, u32>(6)?,
                r.get::<_, u32>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut series: Vec<SeriesActivity> = Vec::new();
    for (id, title, starts, unnamed, sid, sname, present, registered) in rows {
        let reference = match (sid, sname) {
            (Some(id), Some(name)) => Some(SeriesRef {
                id: parse_uuid(&id)?,
                name,
            }),
            _ => None,
        };
        if series.last().is_none_or(|s| s.series != reference) {
            series.push(SeriesActivity {
                series: reference,
                events: 0,
                attendees_present: 0,
                lines: Vec::new(),
            });
        }
        let Some(group) = series.last_mut() else {
            continue;
        };
        group.events += 1;
        group.attendees_present += present + unnamed;
        group.lines.push(EventLine {
            id: parse_uuid(&id)?,
            title,
            starts_at: parse_time(&starts)?,
            present,
            unnamed,
            registered,
        });
    }
    let people: u32 = c
        .prepare_cached(
            "SELECT count(DISTINCT a.person_id) FROM attendance a JOIN event e ON e.id = a.event_id
             WHERE a.status = 'present' AND e.starts_at >= ?1 AND e.starts_at < ?2",
        )?
        .query_row(params![format_time(start), format_time(end)], |r| r.get(0))?;
    Ok((series, people))
}

/// Cohorts with a step in the period, with who had reached each stage by its end.
fn cohorts_in(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<CohortActivity>> {
    let mut stmt = c.prepare_cached(
        "SELECT c.id, c.name, p.id, p.name FROM cohort c JOIN programme p ON p.id = c.programme_id
         WHERE EXISTS (SELECT 1 FROM cohort_step WHERE cohort_id = c.id
                       AND on_date >= ?1 AND on_date <= ?2)
         ORDER BY p.name_key, c.name, c.id",
    )?;
    let rows = stmt
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, String, String)>>>()?;
    rows.into_iter()
        .map(|(id, name, pid, pname)| {
            let id = parse_uuid(&id)?;
            let stages = stages_reached_by(c, id, to)?
                .into_iter()
                .filter(|(_, people)| !people.is_empty())
                .map(|(stage, people)| StageTally {
                    stage,
                    count: people.len() as u32,
                    people,
                })
                .collect();
            Ok(CohortActivity {
                id,
                name,
                programme: ProgrammeRef {
                    id: parse_uuid(&pid)?,
                    name: pname,
                },
                stages,
            })
        })
        .collect()
}

/// Contacts added in the period, by sector (no sector last).
fn new_contacts(
    c: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<SectorCount>> {
    let mut stmt = c.prepare_cached(
        "SELECT p.id, trim(p.first_name || ' ' || p.last_name), x.sector FROM person p
         LEFT JOIN person_sector x ON x.person_id = p.id
         WHERE p.created_at >= ?1 AND p.created_at < ?2 ORDER BY p.sort_key, p.id",
    )?;
    let rows = stmt
        .query_map(params![format_time(start), format_time(end)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut by: BTreeMap<Option<Sector>, Vec<PersonRef>> = BTreeMap::new();
    for (id, name, sector) in rows {
        let sector = sector.as_deref().map(Sector::from_code).transpose()?;
        by.entry(sector).or_default().push(PersonRef {
            id: parse_uuid(&id)?,
            name,
        });
    }
    let mut out: Vec<SectorCount> = by
        .into_iter()
        .map(|(sector, people)| SectorCount {
            sector,
            count: people.len() as u32,
            people,
        })
        .collect();
    // (None sorts first in a BTreeMap; people with no sector go last.)
    let none_first = out.first().is_some_and(|s| s.sector.is_none());
    out.rotate_left(usize::from(none_first));
    Ok(out)
}

fn distinct_people(sectors: &[SectorCount]) -> u32 {
    sectors
        .iter()
        .flat_map(|s| s.people.iter().map(|p| p.id))
        .collect::<BTreeSet<_>>()
        .len() as u32
}

/// Objectives of the quarters the period touches, marked reached.
fn objectives_reached(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::roadmap::ObjectiveRef>> {
    let mut quarters = Vec::new();
    let mut q = Quarter::of(from);
    while q <= Quarter::of(to) {
        quarters.push(q.to_string());
        q = q.next();
    }
    let list = serde_json::Value::from(quarters).to_string();
    let ids = c
        .prepare_cached(
            "SELECT o.id FROM objective o JOIN roadmap_axis a ON a.id = o.axis_id
             WHERE o.status = 'achieved' AND o.quarter IN (SELECT value FROM json_each(?1))
             ORDER BY o.quarter, a.position, o.title, o.id",
        )?
        .query_map([list], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter()
        .map(|id| super::roadmap::reference_of(c, parse_uuid(id)?))
        .collect()
}
