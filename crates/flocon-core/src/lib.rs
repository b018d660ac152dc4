//! Flocon's core: the domain (people, and soon organisations, sessions, roadmaps), the rules
//! they obey, and the SQLite store. It depends on no GUI library: the `flocon` CLI and the
//! desktop shell are both thin layers over it.

pub mod backup;
pub mod data_dir;
pub mod db;
pub mod demo;
pub mod error;
pub mod event;
pub mod export;
/// Entry points for the fuzzers and their regression test.
pub mod fuzzing;
pub mod gdpr;
pub mod import;
pub mod interaction;
pub mod markdown;
pub mod organization;
pub mod person;
pub mod report;
pub mod roadmap;
pub mod scale;
pub mod session;
pub mod store;
pub mod sync;
pub mod text;
pub mod vocab;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod xss_tests;

pub use error::{Error, ErrorKind, ErrorPayload, Problem, Result};
pub use person::{Labeled, Person, PersonDraft, PersonSummary};
pub use roadmap::{
    Axis, AxisColumn, CarriedObjective, Indicator, Objective, ObjectiveChain, ObjectiveDraft,
    ObjectivePatch, ObjectiveQuery, ObjectiveRef, ObjectiveStep, Quarter, QuarterState, Review,
    ReviewDraft, ReviewOutcome, Roadmap, RoadmapDiff, Seminar, SeminarDraft,
};
pub use vocab::{
    ActionStatus, Circle, CollectiveStatus, EngagementKind, EngagementStatus, InteractionKind,
    LegalBasis, ObjectiveStatus, OrganizationKind, ReviewDecision, Sector, SessionFormat,
};

/// Kept for code written before the vocabularies moved to `vocab`.
pub mod sector {
    pub use crate::vocab::Sector;
}
pub use interaction::{Interaction, InteractionDraft, OneToOne};
pub use organization::{
    Membership, MembershipDraft, Organization, OrganizationDraft, OrganizationPage,
    OrganizationSummary, PersonRef, Team, TeamMember,
};
pub use person::Profile;
pub use session::{
    Action, ActionDraft, ActionQuery, ActionsByOwner, DecisionRef, Engagement, EngagementDraft,
    EngagementPage, EngagementRef, ObjectiveLink, OrgRef, OwnersBeyond, Progress, QuietEngagement,
    Session, SessionDraft, SessionRef, SessionSummary, SessionTemplate, SessionText, TemplateDraft,
    Week, WeekQuery,
};
pub use store::search::{SearchHit, SearchKind};
pub use store::{
    DuplicatePair, ImportEntry, ImportProgress, ImportReport, MatchReason, OrganizationQuery,
    PersonPage, PersonQuery, PersonSort, SessionQuery, SkippedEntry, Store, parse_id,
};
pub use store::{TrashItem, TrashKind, TrashRestored};
