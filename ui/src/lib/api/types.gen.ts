// Generated from the Rust types in crates/flocon-core by the `generated_typescript_is_up_to_date`
// test. Do not edit: change the Rust type, then run
//   FLOCON_UPDATE_TYPES=1 cargo test -p flocon-core generated_typescript

export type Person = { 
/**
 * UUID v7: unique across every laptop, and ordered by creation time.
 */
id: string, first_name: string, last_name: string, 
/**
 * In the order the user gave them; the first one is the one lists show.
 */
emails: Array<Labeled>, phones: Array<Labeled>, 
/**
 * The organisation as free text (linked organisations come with memberships).
 */
organization: string | null, 
/**
 * Sorted accent- and case-insensitively; no two fold alike.
 */
tags: Array<string>, 
/**
 * Markdown, shown only after sanitising.
 */
notes: string, created_at: string, updated_at: string, pronouns: string | null, 
/**
 * Sorted, no duplicates.
 */
sectors: Array<Sector>, 
/**
 * Sorted, no duplicates.
 */
circles: Array<Circle>, languages: Array<string>, linkedin: string | null, instagram: string | null, website: string | null, 
/**
 * City or territory ("Montreuil", "Seine-Saint-Denis").
 */
city: string | null, 
/**
 * The team member who holds the relationship.
 */
point_person_id: string | null, 
/**
 * Who introduced this person: the referral chain.
 */
introduced_by_id: string | null, 
/**
 * Why the association may keep this person's data (GDPR art. 6); None until recorded.
 */
legal_basis: LegalBasis | null, 
/**
 * The day the basis was recorded or consent given; never in the future. (Read under its
 * old name too, so JSON exports of earlier versions import whole.)
 */
legal_basis_on: string | null, 
/**
 * Where the consent or the data came from ("formulaire bootcamp 2026"); may be empty.
 */
legal_basis_source: string, };

export type PersonSummary = { id: string, first_name: string, last_name: string, email: string | null, organization: string | null, city: string | null, sectors: Array<Sector>, tags: Array<string>, legal_basis: LegalBasis | null, };

export type PersonDraft = { first_name: string, last_name: string, emails: Array<Labeled>, phones: Array<Labeled>, organization: string | null, tags: Array<string>, notes: string, pronouns: string | null, 
/**
 * Sorted, no duplicates.
 */
sectors: Array<Sector>, 
/**
 * Sorted, no duplicates.
 */
circles: Array<Circle>, languages: Array<string>, linkedin: string | null, instagram: string | null, website: string | null, 
/**
 * City or territory ("Montreuil", "Seine-Saint-Denis").
 */
city: string | null, 
/**
 * The team member who holds the relationship.
 */
point_person_id: string | null, 
/**
 * Who introduced this person: the referral chain.
 */
introduced_by_id: string | null, 
/**
 * Why the association may keep this person's data (GDPR art. 6); None until recorded.
 */
legal_basis: LegalBasis | null, 
/**
 * The day the basis was recorded or consent given; never in the future. (Read under its
 * old name too, so JSON exports of earlier versions import whole.)
 */
legal_basis_on: string | null, 
/**
 * Where the consent or the data came from ("formulaire bootcamp 2026"); may be empty.
 */
legal_basis_source: string, };

export type PersonQuery = { 
/**
 * Words that must all appear in the name, an email, the organisation, the city or a tag;
 * accents and case are ignored.
 */
text: string | null, sector: Sector | null, circle: Circle | null, tag: string | null, city: string | null, point_person_id: string | null, 
/**
 * Only people with this legal basis, or with none recorded (`none`).
 */
legal_basis: LegalBasisFilter | null, 
/**
 * The order of the list; by name when absent.
 */
sort: PersonSort | null, 
/**
 * Continue after this person (keyset pagination: pass the last id of the previous page).
 */
after: string | null, limit: number | null, };

export type PersonSort = "name" | "recently_added";

export type Labeled = { 
/**
 * May be empty.
 */
label: string, value: string, };

export type Profile = { pronouns: string | null, 
/**
 * Sorted, no duplicates.
 */
sectors: Array<Sector>, 
/**
 * Sorted, no duplicates.
 */
circles: Array<Circle>, languages: Array<string>, linkedin: string | null, instagram: string | null, website: string | null, 
/**
 * City or territory ("Montreuil", "Seine-Saint-Denis").
 */
city: string | null, 
/**
 * The team member who holds the relationship.
 */
point_person_id: string | null, 
/**
 * Who introduced this person: the referral chain.
 */
introduced_by_id: string | null, 
/**
 * Why the association may keep this person's data (GDPR art. 6); None until recorded.
 */
legal_basis: LegalBasis | null, 
/**
 * The day the basis was recorded or consent given; never in the future. (Read under its
 * old name too, so JSON exports of earlier versions import whole.)
 */
legal_basis_on: string | null, 
/**
 * Where the consent or the data came from ("formulaire bootcamp 2026"); may be empty.
 */
legal_basis_source: string, };

export type PersonPage = { person: Person, point_person: PersonRef | null, 
/**
 * Who introduced them, who introduced that person, and so on up the chain.
 */
introduced_by: Array<PersonRef>, 
/**
 * The people they introduced or suggested meeting.
 */
introduced: Array<PersonRef>, memberships: Array<Membership>, 
/**
 * Their interactions, newest first.
 */
interactions: Array<Interaction>, 
/**
 * The sessions they took part in or facilitated, newest first.
 */
sessions: Array<SessionSummary>, };

export type PersonRef = { id: string, name: string, };

export type Organization = { id: string, created_at: string, updated_at: string, name: string, kind: OrganizationKind, city: string | null, website: string | null, 
/**
 * Markdown.
 */
description: string, 
/**
 * Causes and themes.
 */
tags: Array<string>, 
/**
 * Where a collective stands with the association; only collectives have one.
 */
status: CollectiveStatus | null, point_person_id: string | null, };

export type OrganizationDraft = { name: string, kind: OrganizationKind, city: string | null, website: string | null, 
/**
 * Markdown.
 */
description: string, 
/**
 * Causes and themes.
 */
tags: Array<string>, 
/**
 * Where a collective stands with the association; only collectives have one.
 */
status: CollectiveStatus | null, point_person_id: string | null, };

export type OrganizationSummary = { id: string, name: string, kind: OrganizationKind, city: string | null, status: CollectiveStatus | null, member_count: number, tags: Array<string>, };

export type OrganizationQuery = { text: string | null, kind: OrganizationKind | null, status: CollectiveStatus | null, tag: string | null, city: string | null, point_person_id: string | null, after: string | null, limit: number | null, };

export type OrganizationPage = { organization: Organization, point_person: PersonRef | null, 
/**
 * Current members first, then past ones; leadership first within each.
 */
members: Array<Membership>, 
/**
 * The teams tree: the roots, each with its sub-teams.
 */
teams: Array<Team>, 
/**
 * Interactions with its members, newest first.
 */
timeline: Array<Interaction>, 
/**
 * The sessions it attended, newest first.
 */
sessions: Array<SessionSummary>, };

export type Membership = { id: string, person_name: string, organization_name: string, person_id: string, organization_id: string, role: string, since: string | null, until: string | null, 
/**
 * Part of the collective's leadership team.
 */
leadership: boolean, };

export type MembershipDraft = { person_id: string, organization_id: string, role: string, since: string | null, until: string | null, 
/**
 * Part of the collective's leadership team.
 */
leadership: boolean, };

export type Team = { id: string, name: string, parent_id: string | null, members: Array<TeamMember>, children: Array<Team>, };

export type TeamMember = { person_id: string, name: string, role: string, };

export type Interaction = { id: string, date: string, kind: InteractionKind, people: Array<PersonRef>, team_member: PersonRef | null, notes: string, one_to_one: OneToOne, suggested: Array<PersonRef>, created_at: string, updated_at: string, };

export type InteractionDraft = { date: string, kind: InteractionKind, 
/**
 * The people met (at least one).
 */
people: Array<string>, 
/**
 * The team member who held the conversation.
 */
team_member_id: string | null, notes: string, one_to_one: OneToOne, 
/**
 * "Qui d'autre rencontrer": people suggested during the conversation.
 */
suggested: Array<string>, };

export type OneToOne = { 
/**
 * Interests and values.
 */
interests: string, story: string, resources: string, commitment_asked: string, commitment_given: string, };

export type SearchHit = { kind: SearchKind, id: string, title: string, 
/**
 * A short extract around the match; matches are wrapped in U+0002 … U+0003.
 */
snippet: string, };

export type DuplicatePair = { first: PersonSummary, second: PersonSummary, reasons: Array<MatchReason>, };

export type ImportReport = { 
/**
 * "vcard" or "csv".
 */
format: string, dry_run: boolean, created: Array<ImportEntry>, 
/**
 * Entries that matched a person and brought something new (an email, a phone, a tag…).
 */
merged: Array<ImportEntry>, 
/**
 * Entries that matched a person and brought nothing new: importing a file twice lands here.
 */
unchanged: Array<ImportEntry>, skipped: Array<SkippedEntry>, };

export type ImportProgress = { done: number, total: number, };

export type ImportEntry = { 
/**
 * 1-based line of the file where the entry starts.
 */
line: number, name: string, 
/**
 * The person created, or merged into.
 */
person_id: string | null, 
/**
 * Why it matched an existing person ("même e-mail", "même téléphone", "même nom").
 */
matched_by: MatchReason | null, };

export type MatchReason = "email" | "phone" | "name";

export type SkippedEntry = { line: number, reason: string, };

export type SearchKind = "person" | "organization" | "interaction" | "session" | "action" | "objective";

export type Sector = "research" | "journalism" | "philanthropy" | "arts_culture" | "entrepreneurship" | "business" | "institution" | "ngo" | "collective";

export type Circle = "team" | "pro" | "community" | "partner" | "media" | "funder";

export type LegalBasis = "consent" | "legitimate_interest" | "contract" | "legal_obligation";

export type LegalBasisFilter = "consent" | "legitimate_interest" | "contract" | "legal_obligation" | "none";

export type RetentionRow = { person: PersonSummary, 
/**
 * The latest day something happened with them; None when nothing ever did (then their
 * creation day counts).
 */
last_activity: string | null, created_on: string, };

export type GdprExportFiles = { json_file: string, html_file: string, };

export type PersonExport = { exported_at: string, 
/**
 * Every field of the person: contact details, profile, legal basis, tags, notes.
 */
person: Person, 
/**
 * The team member who holds the relationship.
 */
point_person: NamedRef | null, 
/**
 * Who introduced them.
 */
introduced_by: NamedRef | null, 
/**
 * The people they introduced.
 */
introduced: Array<NamedRef>, 
/**
 * The people they hold the relationship with, as a team member.
 */
point_person_for: Array<NamedRef>, 
/**
 * The organisations they hold the relationship with, as a team member.
 */
point_person_for_organizations: Array<NamedRef>, memberships: Array<ExportMembership>, teams: Array<ExportTeam>, interactions: Array<ExportInteraction>, sessions: Array<ExportSession>, 
/**
 * Engagements (accompagnements) they lead.
 */
engagements_led: Array<NamedRef>, actions: Array<ExportAction>, events: Array<ExportEvent>, cohort_steps: Array<ExportCohortStep>, 
/**
 * Roadmap objectives they own.
 */
objectives: Array<ExportObjective>, 
/**
 * Roadmap seminars they took part in.
 */
seminars: Array<ExportSeminar>, 
/**
 * Merges of duplicates this person was part of (kept or merged into another).
 */
merges: Array<ExportMerge>, };

export type NamedRef = { id: string, name: string, };

export type ExportMembership = { organization: NamedRef, role: string, since: string | null, until: string | null, leadership: boolean, };

export type ExportTeam = { team: NamedRef, organization: NamedRef, role: string, };

export type InteractionRole = "participant" | "team_member" | "suggested";

export type ExportInteraction = { id: string, date: string, kind: InteractionKind, role: InteractionRole, 
/**
 * The people the conversation was with, by name.
 */
with: Array<string>, team_member: string | null, 
/**
 * The notes and one-to-one fields: only where the person took part (role participant).
 */
notes: string | null, interests: string | null, story: string | null, resources: string | null, commitment_asked: string | null, commitment_given: string | null, };

export type ExportSession = { id: string, title: string, starts_at: string, engagement: string | null, 
/**
 * participant, facilitator.
 */
roles: Array<string>, 
/**
 * The session notes, only where the person was a participant (see `store::gdpr`).
 */
notes: string | null, };

export type ExportAction = { id: string, text: string, status: ActionStatus, due_on: string | null, done_on: string | null, session: string | null, };

export type ExportEvent = { id: string, title: string, starts_at: string, place: string, attendance: Attendance | null, role: EventRole | null, };

export type ExportCohortStep = { cohort: NamedRef, programme: string, stage: CohortStage, on_date: string, };

export type ExportObjective = { id: string, title: string, quarter: string, };

export type ExportSeminar = { id: string, title: string, quarter: string, starts_on: string | null, };

export type ExportMerge = { merged_at: string, 
/**
 * kept: a duplicate was merged into this person; merged: this person's record was merged
 * into `other_id`.
 */
role: string, other_id: string, undone_at: string | null, };

export type OrganizationKind = "collective" | "association" | "foundation" | "media" | "company" | "institution" | "school" | "network";

export type CollectiveStatus = "prospect" | "supported" | "partner" | "alumni";

export type InteractionKind = "one_to_one" | "call" | "email" | "meeting" | "other";

export type ErrorPayload = { kind: ErrorKind, 
/**
 * English text, for logs and for a UI that has no better wording.
 */
message: string, field: string | null, problem: Problem | null, 
/**
 * How the file's schema differs from Flocon's, for `foreign_schema`.
 */
schema?: SchemaDifference, };

export type ErrorKind = "invalid" | "not_found" | "refused" | "malformed" | "database_too_new" | "not_a_flocon_database" | "damaged" | "foreign_schema" | "wrong_passphrase" | "passphrase_needed" | "sync_folder_missing" | "sync_folder_not_ready" | "sync_folder_in_use" | "sync_key_changed" | "sync_manifest_replaced" | "storage" | "internal";

export type SchemaDifference = { change: SchemaChange, object: SchemaObject, 
/**
 * The object's name, with control and invisible characters escaped, and cut when long:
 * it comes from the file, and is shown in a terminal and on screen.
 */
name: string, 
/**
 * How many other differences there are.
 */
others: number, };

export type SchemaChange = "unknown" | "altered" | "missing";

export type SchemaObject = "table" | "index" | "view" | "trigger" | "other";

export type BackupKind = "automatic" | "manual" | "before_restore";

export type BackupInfo = { 
/**
 * Full path.
 */
file: string, 
/**
 * File name.
 */
name: string, taken_at: string, size_bytes: number, kind: BackupKind, };

export type IntegrityState = "pending" | "ok" | "damaged";

export type IntegrityStatus = { state: IntegrityState, 
/**
 * What is wrong, in English (for a damaged database).
 */
detail: string | null, latest_backup: BackupInfo | null, };

export type Problem = { "code": "name_required" } | { "code": "invalid_email", value: string, } | { "code": "invalid_phone", value: string, } | { "code": "unknown_value", value: string, expected: string, } | { "code": "invalid_date", value: string, } | { "code": "required" } | { "code": "only_for_collectives" } | { "code": "ends_before_start" } | { "code": "self_reference" } | { "code": "invalid_id", value: string, } | { "code": "too_long", max: number, } | { "code": "invalid_date_time", value: string, } | { "code": "invalid_quarter", value: string, } | { "code": "out_of_range", min: number, max: number, } | { "code": "date_in_future", value: string, };

export type Entity = "person" | "organization" | "membership" | "team" | "interaction" | "engagement" | "session" | "action" | "template" | "axis" | "objective" | "seminar" | "conflict" | "event" | "series" | "cohort" | "trash_item";

export type OrgRef = { id: string, name: string, };

export type Engagement = { id: string, title: string, organizations: Array<OrgRef>, kinds: Array<EngagementKind>, goals: string, starts_on: string | null, ends_on: string | null, cadence: string, funder: OrgRef | null, status: EngagementStatus, leads: Array<PersonRef>, 
/**
 * When its latest session started (or will start).
 */
last_session_at: string | null, session_count: number, created_at: string, updated_at: string, };

export type EngagementDraft = { title: string, 
/**
 * The collectives accompanied (at least one).
 */
organizations: Array<string>, kinds: Array<EngagementKind>, 
/**
 * The goals, in Markdown; task-list items (`- [ ]` / `- [x]`) measure progress.
 */
goals: string, starts_on: string | null, ends_on: string | null, 
/**
 * E.g. "bilatérale mensuelle + collective mensuelle".
 */
cadence: string, 
/**
 * The funder or partner organisation.
 */
funder_id: string | null, status: EngagementStatus, 
/**
 * The team members leading it.
 */
leads: Array<string>, };

export type EngagementPage = { engagement: Engagement, 
/**
 * The goals rendered to sanitized HTML.
 */
goals_html: string, progress: Progress, 
/**
 * Its sessions, oldest first.
 */
sessions: Array<SessionSummary>, 
/**
 * Every decision across its sessions, in session order.
 */
decisions: Array<DecisionRef>, 
/**
 * Every action that came out of its sessions, open ones first.
 */
actions: Array<Action>, };

export type EngagementRef = { id: string, title: string, };

export type Progress = { goals_done: number, goals_total: number, actions_done: number, 
/**
 * Actions not dropped.
 */
actions_total: number, };

export type DecisionRef = { text: string, session: SessionRef, };

export type Session = { id: string, title: string, engagement: EngagementRef | null, organizations: Array<OrgRef>, starts_at: string, duration_minutes: number, place: string, format: SessionFormat, participants: Array<PersonRef>, facilitators: Array<PersonRef>, preparation: string, notes: string, decisions: Array<string>, next_session_on: string | null, 
/**
 * The actions decided in this session.
 */
actions: Array<Action>, 
/**
 * Open actions of earlier sessions, carried into this one's preparation.
 */
carried_actions: Array<Action>, created_at: string, updated_at: string, };

export type SessionDraft = { title: string, engagement_id: string | null, 
/**
 * The collectives present.
 */
organizations: Array<string>, starts_at: string, duration_minutes: number, 
/**
 * A place, or a video link.
 */
place: string, format: SessionFormat, participants: Array<string>, 
/**
 * The team members facilitating.
 */
facilitators: Array<string>, 
/**
 * Agenda and questions, in Markdown.
 */
preparation: string, notes: string, decisions: Array<string>, next_session_on: string | null, };

export type SessionSummary = { id: string, title: string, starts_at: string, duration_minutes: number, place: string, format: SessionFormat, engagement: EngagementRef | null, organizations: Array<OrgRef>, 
/**
 * Actions decided there and still to do.
 */
open_actions: number, };

export type SessionRef = { id: string, title: string, starts_at: string, };

export type SessionQuery = { engagement_id: string | null, organization_id: string | null, 
/**
 * Sessions this person took part in or facilitated.
 */
person_id: string | null, 
/**
 * Sessions starting at or after this instant.
 */
from: string | null, 
/**
 * Sessions starting before this instant.
 */
to: string | null, 
/**
 * Newest first instead of oldest first.
 */
newest_first: boolean, limit: number | null, };

export type SessionText = "preparation" | "notes";

export type Action = { id: string, text: string, owner: PersonRef | null, due_on: string | null, status: ActionStatus, done_on: string | null, 
/**
 * The session it was decided in.
 */
session: SessionRef | null, 
/**
 * The roadmap objective it serves.
 */
objective: ObjectiveLink | null, created_at: string, updated_at: string, };

export type ActionDraft = { text: string, owner_id: string | null, due_on: string | null, 
/**
 * The session it was decided in.
 */
session_id: string | null, 
/**
 * The roadmap objective it serves.
 */
objective_id: string | null, };

export type ActionQuery = { owner_id: string | null, 
/**
 * Only open actions due before this day.
 */
overdue_on: string | null, 
/**
 * Only actions in this status.
 */
status: ActionStatus | null, limit: number | null, };

export type ActionsByOwner = { 
/**
 * None for actions nobody owns yet.
 */
owner: PersonRef | null, 
/**
 * The most urgent first; only the first `actions_per_owner` when the query had a limit.
 */
actions: Array<Action>, 
/**
 * How many open actions the group has in all.
 */
total: number, };

export type OwnersBeyond = { owners: number, actions: number, };

export type SessionTemplate = { id: string, name: string, 
/**
 * The preparation it starts from, in Markdown.
 */
body: string, updated_at: string, };

export type TemplateDraft = { name: string, body: string, };

export type Week = { today: Array<SessionSummary>, 
/**
 * This week's other sessions.
 */
this_week: Array<SessionSummary>, 
/**
 * Open actions due before today, by owner.
 */
overdue: Array<ActionsByOwner>, 
/**
 * Open actions due from today to two weeks ahead, by owner.
 */
upcoming: Array<ActionsByOwner>, quiet_engagements: Array<QuietEngagement>, 
/**
 * The owners of late actions left out by `owners_per_section`.
 */
overdue_beyond: OwnersBeyond, 
/**
 * The owners of coming actions left out by `owners_per_section`.
 */
upcoming_beyond: OwnersBeyond, };

export type WeekQuery = { today: string, day_start: string, day_end: string, week_start: string, week_end: string, 
/**
 * Engagements in progress with no session for more than this many weeks are flagged.
 */
stale_after_weeks: number, 
/**
 * At most this many actions per owner in each list (the most urgent); all when absent.
 * The home screen asks for a few and the rest when a person unfolds a group.
 */
actions_per_owner?: number, 
/**
 * At most this many owners in each list, the first by name; the others are only counted
 * (`Week::overdue_beyond`, `upcoming_beyond`). All when absent.
 */
owners_per_section?: number, };

export type QuietEngagement = { engagement: EngagementRef, organizations: Array<OrgRef>, 
/**
 * Its latest session; None when it never had one.
 */
last_session_at: string | null, };

export type EngagementKind = "team_coaching" | "organizing_training" | "distributed_leadership" | "storytelling" | "crisis" | "media" | "data_tools";

export type EngagementStatus = "preparing" | "active" | "finished" | "suspended";

export type SessionFormat = "bilateral" | "collective" | "individual" | "training";

export type ActionStatus = "todo" | "done" | "dropped";

export type ObjectiveLink = { id: string, title: string, 
/**
 * Its quarter, as `2026-T4`.
 */
quarter: string, };

export type Quarter = string;

export type Axis = { id: string, name: string, position: number, };

export type AxisColumn = { axis: Axis, objectives: Array<Objective>, };

export type Indicator = { name: string, target: number | null, current: number | null, };

export type Objective = { id: string, quarter: Quarter, axis: Axis, title: string, description: string, owners: Array<PersonRef>, status: ObjectiveStatus, progress: number, target: number | null, 
/**
 * `progress` as a percentage of `target` (capped at 100), or `progress` itself.
 */
percent: number, indicators: Array<Indicator>, organizations: Array<OrgRef>, engagements: Array<EngagementRef>, 
/**
 * The objective of an earlier quarter this one continues.
 */
carried_from: ObjectiveRef | null, 
/**
 * The objective of the next quarter that continues this one.
 */
carried_to: ObjectiveRef | null, review: Review | null, 
/**
 * Actions that came from this objective and are still to do.
 */
open_actions: number, created_at: string, updated_at: string, };

export type ObjectiveDraft = { quarter: Quarter, axis_id: string, title: string, description: string, owners: Array<string>, status: ObjectiveStatus, 
/**
 * A percentage without a target; a count towards the target with one.
 */
progress: number, target: number | null, indicators: Array<Indicator>, 
/**
 * Collectives the objective concerns.
 */
organizations: Array<string>, engagements: Array<string>, };

export type ObjectivePatch = { status: ObjectiveStatus | null, axis_id: string | null, progress: number | null, };

export type ObjectiveQuery = { quarter: Quarter | null, owner_id: string | null, status: ObjectiveStatus | null, };

export type ObjectiveRef = { id: string, quarter: Quarter, title: string, axis: string, status: ObjectiveStatus, 
/**
 * Progress as a percentage of the target (or the percentage itself).
 */
percent: number, target: number | null, };

export type ObjectiveChain = { title: string, axis: string, 
/**
 * Oldest first.
 */
steps: Array<ObjectiveStep>, };

export type ObjectiveStep = { id: string, quarter: Quarter, status: ObjectiveStatus, percent: number, decision: ReviewDecision | null, };

export type QuarterState = "open" | "in_review" | "closed";

export type Review = { decision: ReviewDecision, comment: string, new_target: number | null, seminar_id: string | null, reviewed_at: string, };

export type ReviewDraft = { decision: ReviewDecision, comment: string, 
/**
 * Required when the decision is to adjust.
 */
new_target: number | null, seminar_id: string | null, };

export type ReviewOutcome = { objective: Objective, 
/**
 * The objective created in the next quarter (maintained, adjusted or carried).
 */
successor: Objective | null, state: QuarterState, };

export type Roadmap = { quarter: Quarter, axes: Array<AxisColumn>, state: QuarterState, reviewed: number, total: number, seminars: Array<Seminar>, };

export type RoadmapDiff = { from: Quarter, to: Quarter, 
/**
 * New in `to`, continuing nothing of `from`.
 */
added: Array<ObjectiveRef>, 
/**
 * Closed as achieved in `from`.
 */
closed: Array<ObjectiveRef>, 
/**
 * Abandoned in `from`.
 */
dropped: Array<ObjectiveRef>, 
/**
 * Continued from `from` into `to`, with their changes.
 */
carried: Array<CarriedObjective>, 
/**
 * Objectives of `from` neither reviewed nor continued.
 */
unreviewed: Array<ObjectiveRef>, };

export type CarriedObjective = { before: ObjectiveRef, after: ObjectiveRef, decision: ReviewDecision | null, comment: string, };

export type Seminar = { id: string, quarter: Quarter, title: string, starts_on: string | null, ends_on: string | null, place: string, participants: Array<PersonRef>, agenda: string, notes: string, };

export type SeminarDraft = { quarter: Quarter, title: string, starts_on: string | null, ends_on: string | null, place: string, participants: Array<string>, agenda: string, notes: string, };

export type ObjectiveStatus = "not_started" | "in_progress" | "achieved" | "late" | "dropped";

export type ReviewDecision = "keep" | "adjust" | "carry" | "close" | "drop";

export type SyncReport = { device_id: string, folder: string, 
/**
 * Our own change batches written to the folder this time.
 */
sent_commits: number, 
/**
 * The field changes in them.
 */
sent_changes: number, files_written: number, 
/**
 * Change batches from other laptops applied this time.
 */
received_commits: number, received_changes: number, 
/**
 * Texts edited on two laptops at once whose edits were merged without collision.
 */
merged_texts: number, 
/**
 * Conflicts this sync found (also in the conflict history).
 */
new_conflicts: Array<Conflict>, 
/**
 * Files that were not used, and why; read again at the next sync.
 */
skipped: Array<SkippedFile>, 
/**
 * Copies of files already read ("conflicted copy" files of sync tools…), ignored.
 */
duplicates: number, 
/**
 * Changes held back until an earlier file they depend on arrives.
 */
waiting: number, 
/**
 * Changes written by a newer Flocon, kept until this one is updated.
 */
needs_update: number, 
/**
 * Records that could not be written here, held aside (everything else applied); tried
 * again at every sync.
 */
held: Array<HeldRecord>, devices: Array<DeviceInfo>, 
/**
 * Set when this sync found that another laptop writes under this laptop's id (its data
 * folder was copied from this one, or this one was restored from a system backup): this
 * laptop took a new id before writing anything, and its own changes since the two
 * parted moved to it.
 */
new_identity: NewIdentity | null, 
/**
 * How big the folder and the history are once this sync is done.
 */
sizes: SyncSizes, finished_at: string, };

export type NewIdentity = { 
/**
 * The id it shared with another laptop: that laptop's from now on.
 */
old_device_id: string, new_device_id: string, 
/**
 * Its change batches made since the two laptops parted, now under the new id.
 */
moved_commits: number, };

export type SyncStatus = { device_id: string, device_name: string, 
/**
 * The shared folder chosen, if any.
 */
folder: string | null, last_sync: string | null, 
/**
 * Records changed here and not yet sent.
 */
pending_records: number, devices: Array<DeviceInfo>, open_conflicts: number, waiting: number, needs_update: number, 
/**
 * Records held aside (see `HeldRecord`).
 */
held: number, 
/**
 * A sync met a new team passphrase (changed on another laptop): the new one is needed.
 */
key_changed: boolean, 
/**
 * How big the folder and the history are now.
 */
sizes: SyncSizes, };

export type SyncSizes = { 
/**
 * The laptops' files in the shared folder (everything under its `devices/`); None when no
 * folder is chosen or it cannot be read (a USB key unplugged, a share offline).
 */
folder: FolderSize | null, 
/**
 * What sync's own tables (`sync_*`: every version of every field, the commits, the
 * conflict history…) and their indexes take in this laptop's database, in bytes.
 */
history_bytes: number, 
/**
 * The whole database (its pages, the write-ahead log aside), for comparison.
 */
database_bytes: number, };

export type FolderSize = { 
/**
 * Their sizes added up.
 */
bytes: number, files: number, };

export type RekeyReport = { 
/**
 * The sync made first, with the old key, so that this laptop held everything readable.
 */
sync: SyncReport, 
/**
 * The folder's key generation now (one more than before).
 */
key_generation: number, 
/**
 * Commits written again under the new key, in one snapshot.
 */
commits: number, 
/**
 * Files of the old key removed from the folder (this laptop's and the others').
 */
files_removed: number, };

export type SkipReason = "incomplete" | "damaged" | "newer_format" | "clash" | "unreadable";

export type SkippedFile = { path: string, reason: SkipReason, };

export type HeldRecord = { 
/**
 * The table: `person`, `session_person`…
 */
entity: string, 
/**
 * The record's key, as JSON.
 */
key: string, 
/**
 * The laptop that wrote its latest version.
 */
device_id: string, device_name: string, reason: string, since: string, };

export type DeviceInfo = { id: string, 
/**
 * The name it gave itself (its host name unless set).
 */
name: string, 
/**
 * The time of its latest change we have.
 */
last_change_at: string | null, 
/**
 * How many change batches of it we have.
 */
commits: number, this_device: boolean, };

export type Conflict = { id: string, 
/**
 * The kind of record: `person`, `session`, `objective`… (the table's name).
 */
entity: string, record_id: string, 
/**
 * A readable name for the record ("Séance du 12 mars", "Awa Diallo").
 */
label: string, 
/**
 * The field ("notes"), or "" for a deletion.
 */
field: string, kind: ConflictKind, 
/**
 * False once someone chose, or edited the field after seeing both versions.
 */
open: boolean, kept: ConflictVersion, other: ConflictVersion, };

export type ConflictKind = "edit" | "text" | "deleted";

export type ConflictVersion = { device_id: string, device_name: string, at: string, 
/**
 * The value as text ("" for none); for a deletion, empty.
 */
text: string, deleted: boolean, };

export type ConflictChoice = { "keep": "kept" } | { "keep": "other" } | { "keep": "combined", text: string, };

export type SyncProgress = { step: SyncStep, done: number, total: number, };

export type SyncStep = "reading" | "sending" | "applying" | "settling";

export type Attendance = "invited" | "registered" | "present" | "absent" | "excused";

export type EventRole = "speaker" | "guest";

export type CohortStage = "interested" | "applicant" | "accepted" | "certified" | "rejected" | "dropped";

export type EventSeries = { id: string, name: string, 
/**
 * How many events it has.
 */
events: number, };

export type SeriesRef = { id: string, name: string, };

export type EventDraft = { title: string, series_id: string | null, starts_at: string, ends_at: string | null, 
/**
 * A place, or a video link.
 */
place: string, speakers: Array<string>, guests: Array<string>, 
/**
 * The organisations involved (hosts, partners, collectives taking part).
 */
organizations: Array<string>, 
/**
 * Markdown.
 */
description: string, 
/**
 * Markdown.
 */
notes: string, 
/**
 * People who came but whose names were not taken.
 */
unnamed_count: number, };

export type AttendanceCounts = { invited: number, registered: number, present: number, absent: number, excused: number, unnamed: number, };

export type AttendanceEntry = { person: PersonRef, status: Attendance, updated_at: string, };

export type Event = { id: string, title: string, series: SeriesRef | null, starts_at: string, ends_at: string | null, place: string, speakers: Array<PersonRef>, guests: Array<PersonRef>, organizations: Array<OrgRef>, description: string, notes: string, unnamed_count: number, 
/**
 * By name.
 */
attendance: Array<AttendanceEntry>, counts: AttendanceCounts, created_at: string, updated_at: string, };

export type EventSummary = { id: string, title: string, series: SeriesRef | null, starts_at: string, ends_at: string | null, place: string, counts: AttendanceCounts, };

export type EventQuery = { from?: string, to?: string, series_id?: string, };

export type PersonEvent = { event: EventSummary, 
/**
 * Their answer; None when they only spoke or were a guest of honour.
 */
status: Attendance | null, role: EventRole | null, };

export type OrganizationEvent = { event: EventSummary, 
/**
 * The organisation is named on the event.
 */
involved: boolean, 
/**
 * How many of its members came.
 */
members_present: number, };

export type ProgrammeRef = { id: string, name: string, };

export type CohortDraft = { name: string, 
/**
 * The programme's name: found (accents and case aside) or created.
 */
programme: string, starts_on: string | null, };

export type StageStep = { stage: CohortStage, on: string, };

export type CohortMember = { person: PersonRef, 
/**
 * Where they stand now: their latest step.
 */
stage: CohortStage, since: string, 
/**
 * Every step, oldest first.
 */
steps: Array<StageStep>, };

export type StageCount = { stage: CohortStage, now: number, reached: number, };

export type Cohort = { id: string, name: string, programme: ProgrammeRef, starts_on: string | null, 
/**
 * By stage, then name.
 */
members: Array<CohortMember>, 
/**
 * Every stage, in the order of the way through.
 */
counts: Array<StageCount>, };

export type CohortSummary = { id: string, name: string, programme: ProgrammeRef, starts_on: string | null, members: number, };

export type ReportQuery = { from: string, to: string, };

export type ReportTotals = { events: number, 
/**
 * Everyone who came to the period's events: marked present, or counted without a name.
 */
attendees_present: number, 
/**
 * Different people marked present at least once.
 */
people_present: number, sessions: number, 
/**
 * Engagements with at least one session in the period.
 */
engagements: number, 
/**
 * Collectives with at least one session in the period.
 */
collectives: number, 
/**
 * Contacts added in the period.
 */
new_contacts: number, cohorts: number, objectives_reached: number, };

export type FormatCount = { format: SessionFormat, count: number, };

export type EngagementActivity = { 
/**
 * None for sessions held outside any engagement.
 */
engagement: EngagementRef | null, kinds: Array<EngagementKind>, organizations: Array<OrgRef>, sessions: number, formats: Array<FormatCount>, 
/**
 * The sessions counted, in order.
 */
session_list: Array<SessionRef>, };

export type CollectiveActivity = { organization: OrgRef, sessions: number, engagements: Array<EngagementActivity>, };

export type EventLine = { id: string, title: string, starts_at: string, 
/**
 * Marked present by name.
 */
present: number, 
/**
 * Came, counted without a name.
 */
unnamed: number, registered: number, };

export type SeriesActivity = { 
/**
 * None for events outside any series.
 */
series: SeriesRef | null, events: number, 
/**
 * Everyone who came (named and unnamed), over its events.
 */
attendees_present: number, lines: Array<EventLine>, };

export type StageTally = { stage: CohortStage, count: number, people: Array<PersonRef>, };

export type CohortActivity = { id: string, name: string, programme: ProgrammeRef, 
/**
 * Stages with at least one person, in the order of the way through.
 */
stages: Array<StageTally>, };

export type SectorCount = { 
/**
 * None for contacts with no sector.
 */
sector: Sector | null, count: number, people: Array<PersonRef>, };

export type ActivityReport = { from: string, to: string, totals: ReportTotals, 
/**
 * Engagements by collective: number and formats of sessions.
 */
collectives: Array<CollectiveActivity>, 
/**
 * Events by series, with attendance.
 */
series: Array<SeriesActivity>, 
/**
 * Training engagements (community organizing trainings) and their sessions.
 */
trainings: Array<EngagementActivity>, cohorts: Array<CohortActivity>, new_contacts: Array<SectorCount>, 
/**
 * Roadmap objectives of the period's quarters marked reached.
 */
objectives: Array<ObjectiveRef>, };

export type ReportProgress = { done: number, total: number, part: ReportPart, };

export type ReportPart = "sessions" | "events" | "trainings" | "cohorts" | "contacts" | "objectives";

export type TrashKind = "person" | "organization" | "engagement" | "session" | "action" | "event" | "objective";

export type TrashItem = { id: string, kind: TrashKind, record_id: string, label: string, deleted_at: string, 
/**
 * When it will be removed for good: `deleted_at` + 30 days.
 */
expires_at: string, };

export type TrashRestored = { kind: TrashKind, record_id: string, label: string, 
/**
 * Rows that could not come back because what they point at no longer exists (a
 * membership of an organisation deleted since): left out, the rest restored.
 */
left_out: number, };

export type ErasedRows = { table: string, rows: number, };

export type FlaggedRecord = { 
/**
 * person, organization, interaction, engagement, session, event, objective, seminar
 */
kind: string, id: string, title: string, };

export type ErasureReport = { person_id: string, erased_at: string, 
/**
 * Rows removed, per table (the person's own row included).
 */
removed: Array<ErasedRows>, 
/**
 * Rows that stay with their reference to the person emptied (an action they owned).
 */
unlinked: Array<ErasedRows>, 
/**
 * Records whose texts mention the person's name: not changed, to be reread.
 */
flagged: Array<FlaggedRecord>, };
