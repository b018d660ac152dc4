//! `Interaction` ("échange"): a logged conversation. A one-to-one relational meeting also
//! records what the organiser learnt and the people suggested, which extends the referral chain.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::organization::PersonRef;
use crate::person::check_long_text;
use crate::vocab::InteractionKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionDraft {
    pub date: NaiveDate,
    pub kind: InteractionKind,
    /// The people met (at least one).
    #[ts(type = "Array<string>")]
    pub people: Vec<Uuid>,
    /// The team member who held the conversation.
    #[ts(type = "string | null")]
    pub team_member_id: Option<Uuid>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub one_to_one: OneToOne,
    /// "Qui d'autre rencontrer": people suggested during the conversation.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub suggested: Vec<Uuid>,
}

/// What a one-to-one relational meeting brings to light.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OneToOne {
    /// Interests and values.
    pub interests: String,
    pub story: String,
    pub resources: String,
    pub commitment_asked: String,
    pub commitment_given: String,
}

impl InteractionDraft {
    pub fn validate(mut self) -> Result<InteractionDraft> {
        self.people.sort();
        self.people.dedup();
        if self.people.is_empty() {
            return Err(Error::invalid("people", Problem::Required));
        }
        self.suggested.sort();
        self.suggested.dedup();
        let o = &mut self.one_to_one;
        for (field, text) in [
            ("notes", &mut self.notes),
            ("interests", &mut o.interests),
            ("story", &mut o.story),
            ("resources", &mut o.resources),
            ("commitment_asked", &mut o.commitment_asked),
            ("commitment_given", &mut o.commitment_given),
        ] {
            check_long_text(field, text)?;
        }
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Interaction {
    #[ts(type = "string")]
    pub id: Uuid,
    pub date: NaiveDate,
    pub kind: InteractionKind,
    pub people: Vec<PersonRef>,
    pub team_member: Option<PersonRef>,
    pub notes: String,
    pub one_to_one: OneToOne,
    pub suggested: Vec<PersonRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
