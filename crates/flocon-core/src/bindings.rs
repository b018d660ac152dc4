//! The TypeScript types of the UI are generated from the Rust types that cross IPC, so the two
//! cannot drift apart. This test fails when `ui/src/lib/api/types.gen.ts` is stale; run it with
//! `FLOCON_UPDATE_TYPES=1` to rewrite the file.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::backup::{BackupInfo, BackupKind, IntegrityState, IntegrityStatus};
use crate::db::{SchemaChange, SchemaDifference, SchemaObject};
use crate::error::{Entity, ErrorKind, ErrorPayload, Problem};
use crate::event::{
    AttendanceCounts, AttendanceEntry, Cohort, CohortDraft, CohortMember, CohortSummary, Event,
    EventDraft, EventQuery, EventSeries, EventSummary, OrganizationEvent, PersonEvent,
    ProgrammeRef, SeriesRef, StageCount, StageStep,
};
use crate::gdpr::{
    ExportAction, ExportCohortStep, ExportEvent, ExportInteraction, ExportMembership, ExportMerge,
    ExportObjective, ExportSeminar, ExportSession, ExportTeam, GdprExportFiles, InteractionRole,
    LegalBasisFilter, NamedRef, PersonExport, RetentionRow,
};
use crate::interaction::{Interaction, InteractionDraft, OneToOne};
use crate::organization::{
    Membership, MembershipDraft, Organization, OrganizationDraft, OrganizationPage,
    OrganizationSummary, PersonRef, Team, TeamMember,
};
use crate::person::{Labeled, Person, PersonDraft, PersonSummary, Profile};
use crate::report::{
    ActivityReport, CohortActivity, CollectiveActivity, EngagementActivity, EventLine, FormatCount,
    ReportPart, ReportProgress, ReportQuery, ReportTotals, SectorCount, SeriesActivity, StageTally,
};
use crate::roadmap::{
    Axis, AxisColumn, CarriedObjective, Indicator, Objective, ObjectiveChain, ObjectiveDraft,
    ObjectivePatch, ObjectiveQuery, ObjectiveRef, ObjectiveStep, QuarterState, Review, ReviewDraft,
    ReviewOutcome, Roadmap, RoadmapDiff, Seminar, SeminarDraft,
};
use crate::session::{
    Action, ActionDraft, ActionQuery, ActionsByOwner, DecisionRef, Engagement, EngagementDraft,
    EngagementPage, EngagementRef, ObjectiveLink, OrgRef, OwnersBeyond, Progress, QuietEngagement,
    Session, SessionDraft, SessionRef, SessionSummary, SessionTemplate, SessionText, TemplateDraft,
    Week, WeekQuery,
};
use crate::store::SessionQuery;
use crate::store::search::{SearchHit, SearchKind};
use crate::store::{
    DuplicatePair, ImportEntry, ImportProgress, ImportReport, MatchReason, OrganizationQuery,
    PersonPage, PersonQuery, PersonSort, SkippedEntry,
};
use crate::store::{ErasedRows, ErasureReport, FlaggedRecord};
use crate::store::{TrashItem, TrashKind, TrashRestored};
use crate::sync::{
    Conflict, ConflictChoice, ConflictKind, ConflictVersion, DeviceInfo, FolderSize, HeldRecord,
    NewIdentity, RekeyReport, SkipReason, SkippedFile, SyncProgress, SyncReport, SyncSizes,
    SyncStatus, SyncStep,
};
use crate::vocab::{
    ActionStatus, Circle, CollectiveStatus, EngagementKind, EngagementStatus, InteractionKind,
    LegalBasis, ObjectiveStatus, OrganizationKind, ReviewDecision, Sector, SessionFormat,
};
use crate::vocab::{Attendance, CohortStage, EventRole};

fn generated() -> String {
    let cfg = Config::new();
    let decls = [
        Person::decl(&cfg),
        PersonSummary::decl(&cfg),
        PersonDraft::decl(&cfg),
        PersonQuery::decl(&cfg),
        PersonSort::decl(&cfg),
        Labeled::decl(&cfg),
        Profile::decl(&cfg),
        PersonPage::decl(&cfg),
        PersonRef::decl(&cfg),
        Organization::decl(&cfg),
        OrganizationDraft::decl(&cfg),
        OrganizationSummary::decl(&cfg),
        OrganizationQuery::decl(&cfg),
        OrganizationPage::decl(&cfg),
        Membership::decl(&cfg),
        MembershipDraft::decl(&cfg),
        Team::decl(&cfg),
        TeamMember::decl(&cfg),
        Interaction::decl(&cfg),
        InteractionDraft::decl(&cfg),
        OneToOne::decl(&cfg),
        SearchHit::decl(&cfg),
        DuplicatePair::decl(&cfg),
        ImportReport::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportEntry::decl(&cfg),
        MatchReason::decl(&cfg),
        SkippedEntry::decl(&cfg),
        SearchKind::decl(&cfg),
        Sector::decl(&cfg),
        Circle::decl(&cfg),
        LegalBasis::decl(&cfg),
        LegalBasisFilter::decl(&cfg),
        RetentionRow::decl(&cfg),
        GdprExportFiles::decl(&cfg),
        PersonExport::decl(&cfg),
        NamedRef::decl(&cfg),
        ExportMembership::decl(&cfg),
        ExportTeam::decl(&cfg),
        InteractionRole::decl(&cfg),
        ExportInteraction::decl(&cfg),
        ExportSession::decl(&cfg),
        ExportAction::decl(&cfg),
        ExportEvent::decl(&cfg),
        ExportCohortStep::decl(&cfg),
        ExportObjective::decl(&cfg),
        ExportSeminar::decl(&cfg),
        ExportMerge::decl(&cfg),
        OrganizationKind::decl(&cfg),
        CollectiveStatus::decl(&cfg),
        InteractionKind::decl(&cfg),
        ErrorPayload::decl(&cfg),
        ErrorKind::decl(&cfg),
        SchemaDifference::decl(&cfg),
        SchemaChange::decl(&cfg),
        SchemaObject::decl(&cfg),
        BackupKind::decl(&cfg),
        BackupInfo::decl(&cfg),
        IntegrityState::decl(&cfg),
        IntegrityStatus::decl(&cfg),
        Problem::decl(&cfg),
        Entity::decl(&cfg),
        OrgRef::decl(&cfg),
        Engagement::decl(&cfg),
        EngagementDraft::decl(&cfg),
        EngagementPage::decl(&cfg),
        EngagementRef::decl(&cfg),
        Progress::decl(&cfg),
        DecisionRef::decl(&cfg),
        Session::decl(&cfg),
        SessionDraft::decl(&cfg),
        SessionSummary::decl(&cfg),
        SessionRef::decl(&cfg),
        SessionQuery::decl(&cfg),
        SessionText::decl(&cfg),
        Action::decl(&cfg),
        ActionDraft::decl(&cfg),
        ActionQuery::decl(&cfg),
        ActionsByOwner::decl(&cfg),
        OwnersBeyond::decl(&cfg),
        SessionTemplate::decl(&cfg),
        TemplateDraft::decl(&cfg),
        Week::decl(&cfg),
        WeekQuery::decl(&cfg),
        QuietEngagement::decl(&cfg),
        EngagementKind::decl(&cfg),
        EngagementStatus::decl(&cfg),
        SessionFormat::decl(&cfg),
        ActionStatus::decl(&cfg),
        ObjectiveLink::decl(&cfg),
        crate::roadmap::Quarter::decl(&cfg),
        Axis::decl(&cfg),
        AxisColumn::decl(&cfg),
        Indicator::decl(&cfg),
        Objective::decl(&cfg),
        ObjectiveDraft::decl(&cfg),
        ObjectivePatch::decl(&cfg),
        ObjectiveQuery::decl(&cfg),
        ObjectiveRef::decl(&cfg),
        ObjectiveChain::decl(&cfg),
        ObjectiveStep::decl(&cfg),
        QuarterState::decl(&cfg),
        Review::decl(&cfg),
        ReviewDraft::decl(&cfg),
        ReviewOutcome::decl(&cfg),
        Roadmap::decl(&cfg),
        RoadmapDiff::decl(&cfg),
        CarriedObjective::decl(&cfg),
        Seminar::decl(&cfg),
        SeminarDraft::decl(&cfg),
        ObjectiveStatus::decl(&cfg),
        ReviewDecision::decl(&cfg),
        SyncReport::decl(&cfg),
        NewIdentity::decl(&cfg),
        SyncStatus::decl(&cfg),
        SyncSizes::decl(&cfg),
        FolderSize::decl(&cfg),
        RekeyReport::decl(&cfg),
        SkipReason::decl(&cfg),
        SkippedFile::decl(&cfg),
        HeldRecord::decl(&cfg),
        DeviceInfo::decl(&cfg),
        Conflict::decl(&cfg),
        ConflictKind::decl(&cfg),
        ConflictVersion::decl(&cfg),
        ConflictChoice::decl(&cfg),
        SyncProgress::decl(&cfg),
        SyncStep::decl(&cfg),
        Attendance::decl(&cfg),
        EventRole::decl(&cfg),
        CohortStage::decl(&cfg),
        EventSeries::decl(&cfg),
        SeriesRef::decl(&cfg),
        EventDraft::decl(&cfg),
        AttendanceCounts::decl(&cfg),
        AttendanceEntry::decl(&cfg),
        Event::decl(&cfg),
        EventSummary::decl(&cfg),
        EventQuery::decl(&cfg),
        PersonEvent::decl(&cfg),
        OrganizationEvent::decl(&cfg),
        ProgrammeRef::decl(&cfg),
        CohortDraft::decl(&cfg),
        StageStep::decl(&cfg),
        CohortMember::decl(&cfg),
        StageCount::decl(&cfg),
        Cohort::decl(&cfg),
        CohortSummary::decl(&cfg),
        ReportQuery::decl(&cfg),
        ReportTotals::decl(&cfg),
        FormatCount::decl(&cfg),
        EngagementActivity::decl(&cfg),
        CollectiveActivity::decl(&cfg),
        EventLine::decl(&cfg),
        SeriesActivity::decl(&cfg),
        StageTally::decl(&cfg),
        CohortActivity::decl(&cfg),
        SectorCount::decl(&cfg),
        ActivityReport::decl(&cfg),
        ReportProgress::decl(&cfg),
        ReportPart::decl(&cfg),
        TrashKind::decl(&cfg),
        TrashItem::decl(&cfg),
        TrashRestored::decl(&cfg),
        ErasedRows::decl(&cfg),
        FlaggedRecord::decl(&cfg),
        ErasureReport::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/flocon-core by the `generated_typescript_is_up_to_date`\n\
         // test. Do not edit: change the Rust type, then run\n\
         //   FLOCON_UPDATE_TYPES=1 cargo test -p flocon-core generated_typescript\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn generated_typescript_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/types.gen.ts");
    let expected = generated();
    if std::env::var_os("FLOCON_UPDATE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().expect("the path has a parent"))
            .expect("create the api folder");
        std::fs::write(&path, &expected).expect("write the generated types");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `FLOCON_UPDATE_TYPES=1 cargo test -p flocon-core generated_typescript` and commit the result",
        path.display()
    );
}
