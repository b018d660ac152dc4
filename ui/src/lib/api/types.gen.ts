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
organization: string | null, sector: Sector | null, 
/**
 * Sorted accent- and case-insensitively; no two fold alike.
 */
tags: Array<string>, 
/**
 * Markdown, shown only after sanitising.
 */
notes: string, created_at: string, updated_at: string, };

export type PersonSummary = { id: string, first_name: string, last_name: string, email: string | null, organization: string | null, sector: Sector | null, tags: Array<string>, };

export type PersonDraft = { first_name: string, last_name: string, emails: Array<Labeled>, phones: Array<Labeled>, organization: string | null, sector: Sector | null, tags: Array<string>, notes: string, };

export type PersonQuery = { 
/**
 * Words that must all appear in the name, an email, the organisation or a tag; accents
 * and case are ignored.
 */
text: string | null, limit: number | null, };

export type Labeled = { 
/**
 * May be empty.
 */
label: string, value: string, };

export type Sector = "research" | "journalism" | "philanthropy" | "arts_culture" | "entrepreneurship" | "business" | "institution" | "ngo" | "collective";

export type ErrorPayload = { kind: ErrorKind, 
/**
 * English text, for logs and for a UI that has no better wording.
 */
message: string, field: string | null, problem: Problem | null, };

export type ErrorKind = "invalid" | "not_found" | "refused" | "database_too_new" | "not_a_flocon_database" | "storage" | "internal";

export type Problem = { "code": "name_required" } | { "code": "invalid_email", value: string, } | { "code": "invalid_phone", value: string, } | { "code": "unknown_sector", value: string, } | { "code": "invalid_id", value: string, } | { "code": "too_long", max: number, };

export type Entity = "person";
