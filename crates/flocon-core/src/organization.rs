//! `Organization` ("structure" in the UI): any organisation, and the collectives the association
//! supports (kind `collective`); memberships link people to them, and a collective's nested
//! teams (the snowflake) hang from it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::person::{
    MAX_NAME_CHARS, MAX_ORGANIZATION_CHARS, check_len, check_long_text, tidy_tags,
};
use crate::text::tidy;
use crate::vocab::{CollectiveStatus, OrganizationKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Organization {
    #[ts(type = "string")]
    pub id: Uuid,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: OrganizationDraft,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a user types to create an organisation or to replace its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganizationDraft {
    pub name: String,
    pub kind: OrganizationKind,
    pub city: Option<String>,
    pub website: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// Causes and themes.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where a collective stands with the association; only collectives have one.
    pub status: Option<CollectiveStatus>,
    #[ts(type = "string | null")]
    pub point_person_id: Option<Uuid>,
}

impl OrganizationDraft {
    pub fn new(name: impl Into<String>, kind: OrganizationKind) -> Self {
        OrganizationDraft {
            name: name.into(),
            kind,
            city: None,
            website: None,
            description: String::new(),
            tags: Vec::new(),
            status: None,
            point_person_id: None,
        }
    }

    pub fn validate(mut self) -> Result<OrganizationDraft> {
        let name = tidy(&self.name);
        if name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        check_len("name", &name, MAX_ORGANIZATION_CHARS)?;
        let short = |field: &str, v: Option<String>| -> Result<Option<String>> {
            let v = v.map(|v| tidy(&v)).filter(|v| !v.is_empty());
            if let Some(v) = &v {
                check_len(field, v, MAX_ORGANIZATION_CHARS)?;
            }
            Ok(v)
        };
        check_long_text("description", &mut self.description)?;
        if self.status.is_some() && self.kind != OrganizationKind::Collective {
            return Err(Error::invalid("status", Problem::OnlyForCollectives));
        }
        Ok(OrganizationDraft {
            name,
            kind: self.kind,
            city: short("city", self.city)?,
            website: short("website", self.website)?,
            description: self.description,
            tags: tidy_tags(self.tags)?,
            status: self.status,
            point_person_id: self.point_person_id,
        })
    }
}

/// One line of a list of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganizationSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    pub kind: OrganizationKind,
    pub city: Option<String>,
    pub status: Option<CollectiveStatus>,
    pub member_count: u32,
    pub tags: Vec<String>,
}

/// A person named in a page, with just what a link to them needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
}

/// A person's role in an organisation, over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MembershipDraft {
    #[ts(type = "string")]
    pub person_id: Uuid,
    #[ts(type = "string")]
    pub organization_id: Uuid,
    #[serde(default)]
    pub role: String,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Part of the collective's leadership team.
    #[serde(default)]
    pub leadership: bool,
}

impl MembershipDraft {
    pub fn validate(self) -> Result<MembershipDraft> {
        let role = tidy(&self.role);
        check_len("role", &role, MAX_NAME_CHARS)?;
        if let (Some(since), Some(until)) = (self.since, self.until)
            && until < since
        {
            return Err(Error::invalid("until", Problem::EndsBeforeStart));
        }
        Ok(MembershipDraft { role, ..self })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Membership {
    #[ts(type = "string")]
    pub id: Uuid,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: MembershipDraft,
    pub person_name: String,
    pub organization_name: String,
}

/// A team of a collective, with its members and its sub-teams: one node of the snowflake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Team {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    #[ts(type = "string | null")]
    pub parent_id: Option<Uuid>,
    pub members: Vec<TeamMember>,
    pub children: Vec<Team>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamMember {
    #[ts(type = "string")]
    pub person_id: Uuid,
    pub name: String,
    pub role: String,
}

/// Everything the organisation page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganizationPage {
    pub organization: Organization,
    pub point_person: Option<PersonRef>,
    /// Current members first, then past ones; leadership first within each.
    pub members: Vec<Membership>,
    /// The teams tree: the roots, each with its sub-teams.
    pub teams: Vec<Team>,
    /// Interactions with its members, newest first.
    pub timeline: Vec<crate::interaction::Interaction>,
    /// The sessions it attended, newest first.
    pub sessions: Vec<crate::session::SessionSummary>,
}
