//! `Person`: a human being in the address book ("contact" in the UI), and the rules its fields
//! obey. Validation lives here, once, so the CLI and the desktop app refuse the same things.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::text::{clean_multiline_in, fold, tidy};
use crate::vocab::{Circle, LegalBasis, Sector};

pub const MAX_NAME_CHARS: u32 = 200;
pub const MAX_LABEL_CHARS: u32 = 60;
pub const MAX_TAG_CHARS: u32 = 80;
/// Tags of one person or organisation. An address book's groups are a handful; a file with
/// 80,000 CATEGORIES on one card is an attack on the tag list everyone browses.
pub const MAX_TAGS: u32 = 1_000;
/// Languages one person speaks, with room to spare.
pub const MAX_LANGUAGES: u32 = 100;
pub const MAX_ORGANIZATION_CHARS: u32 = 300;
/// Notes are Markdown typed by people; a megabyte is far beyond any real note and keeps a
/// pasted file from bloating every list query.
pub const MAX_NOTES_CHARS: u32 = 1_000_000;

/// A person as stored, with everything the contact page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    /// UUID v7: unique across every laptop, and ordered by creation time.
    #[ts(type = "string")]
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// In the order the user gave them; the first one is the one lists show.
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    /// The organisation as free text (linked organisations come with memberships).
    pub organization: Option<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub profile: Profile,
    /// Sorted accent- and case-insensitively; no two fold alike.
    pub tags: Vec<String>,
    /// Markdown, shown only after sanitising.
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a list of contacts: what the list needs, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub organization: Option<String>,
    pub city: Option<String>,
    pub sectors: Vec<Sector>,
    pub tags: Vec<String>,
    pub legal_basis: Option<LegalBasis>,
}

/// Who a person is to the association, beyond name and contact details. Shared as is by
/// `Person` and `PersonDraft`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Profile {
    pub pronouns: Option<String>,
    /// Sorted, no duplicates.
    pub sectors: Vec<Sector>,
    /// Sorted, no duplicates.
    pub circles: Vec<Circle>,
    pub languages: Vec<String>,
    pub linkedin: Option<String>,
    pub instagram: Option<String>,
    pub website: Option<String>,
    /// City or territory ("Montreuil", "Seine-Saint-Denis").
    pub city: Option<String>,
    /// The team member who holds the relationship.
    #[ts(type = "string | null")]
    pub point_person_id: Option<Uuid>,
    /// Who introduced this person: the referral chain.
    #[ts(type = "string | null")]
    pub introduced_by_id: Option<Uuid>,
    /// Why the association may keep this person's data (GDPR art. 6); None until recorded.
    pub legal_basis: Option<LegalBasis>,
    /// The day the basis was recorded or consent given; never in the future. (Read under its
    /// old name too, so JSON exports of earlier versions import whole.)
    #[serde(alias = "consent_date")]
    pub legal_basis_on: Option<NaiveDate>,
    /// Where the consent or the data came from ("formulaire bootcamp 2026"); may be empty.
    #[serde(alias = "consent_source", deserialize_with = "null_as_empty")]
    pub legal_basis_source: String,
}

/// Reads a missing text given as `null` (earlier versions wrote one) as the empty text.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// An email address or a phone number with the label the user gave it ("travail", "perso").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Labeled {
    /// May be empty.
    pub label: String,
    pub value: String,
}

impl Labeled {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Labeled {
            label: label.into(),
            value: value.into(),
        }
    }

    /// Reads the CLI's `[LABEL:]VALUE` form: "travail:elodie@example.org". A colon cannot
    /// appear in a valid unquoted email address, so the split is never ambiguous for emails;
    /// for phones, `tel:` URIs keep their scheme as the value.
    pub fn parse_cli(text: &str) -> Self {
        match text.split_once(':') {
            Some((label, value)) if !label.eq_ignore_ascii_case("tel") && !value.is_empty() => {
                Labeled::new(label, value)
            }
            _ => Labeled::new("", text),
        }
    }
}

/// What a user types to create a person or to replace all of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonDraft {
    pub first_name: String,
    pub last_name: String,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    pub organization: Option<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub profile: Profile,
    pub tags: Vec<String>,
    pub notes: String,
}

impl From<Person> for PersonDraft {
    fn from(p: Person) -> Self {
        PersonDraft {
            first_name: p.first_name,
            last_name: p.last_name,
            emails: p.emails,
            phones: p.phones,
            organization: p.organization,
            profile: p.profile,
            tags: p.tags,
            notes: p.notes,
        }
    }
}

impl PersonDraft {
    /// Tidies every field and checks every rule, naming the first field that breaks one.
    /// Returns the draft as it will be stored: names trimmed, empty emails and phones dropped,
    /// tags de-duplicated and sorted.
    pub fn validate(self) -> Result<PersonDraft> {
        let first_name = tidy(&self.first_name);
        let last_name = tidy(&self.last_name);
        if first_name.is_empty() && last_name.is_empty() {
            return Err(Error::invalid("first_name", Problem::NameRequired));
        }
        check_len("first_name", &first_name, MAX_NAME_CHARS)?;
        check_len("last_name", &last_name, MAX_NAME_CHARS)?;

        let emails = tidy_labeled("emails", self.emails, |value| {
            let value = value.trim().to_string();
            if is_valid_email(&value) {
                Ok(value)
            } else {
                Err(Problem::InvalidEmail { value })
            }
        })?;
        let phones = tidy_labeled("phones", self.phones, |value| {
            let value = tidy(value);
            if is_valid_phone(&value) {
                Ok(value)
            } else {
                Err(Problem::InvalidPhone { value })
            }
        })?;

        let organization = self
            .organization
            .map(|o| tidy(&o))
            .filter(|o| !o.is_empty());
        if let Some(o) = &organization {
            check_len("organization", o, MAX_ORGANIZATION_CHARS)?;
        }
        let mut notes = self.notes;
        check_long_text("notes", &mut notes)?;

        Ok(PersonDraft {
            first_name,
            last_name,
            emails,
            phones,
            organization,
            profile: self.profile.validate()?,
            tags: tidy_tags(self.tags)?,
            notes,
        })
    }
}

impl Profile {
    fn validate(self) -> Result<Profile> {
        let short = |field: &str, v: Option<String>| -> Result<Option<String>> {
            let v = v.map(|v| tidy(&v)).filter(|v| !v.is_empty());
            if let Some(v) = &v {
                check_len(field, v, MAX_ORGANIZATION_CHARS)?;
            }
            Ok(v)
        };
        let mut sectors = self.sectors;
        sectors.sort();
        sectors.dedup();
        let mut circles = self.circles;
        circles.sort();
        circles.dedup();
        // A set of folded keys: comparing each language with every one kept before took
        // 28 s for a file's person with 8,000 of them.
        let mut languages: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for language in self
            .languages
            .iter()
            .map(|l| tidy(l))
            .filter(|l| !l.is_empty())
        {
            check_len("languages", &language, MAX_TAG_CHARS)?;
            if seen.insert(fold(&language)) {
                languages.push(language);
                check_count("languages", languages.len(), MAX_LANGUAGES)?;
            }
        }
        Ok(Profile {
            pronouns: short("pronouns", self.pronouns)?,
            sectors,
            circles,
            languages,
            linkedin: short("linkedin", self.linkedin)?,
            instagram: short("instagram", self.instagram)?,
            website: short("website", self.website)?,
            city: short("city", self.city)?,
            point_person_id: self.point_person_id,
            introduced_by_id: self.introduced_by_id,
            legal_basis: self.legal_basis,
            legal_basis_on: check_not_future("legal_basis_on", self.legal_basis_on)?,
            legal_basis_source: {
                let source = tidy(&self.legal_basis_source);
                check_len("legal_basis_source", &source, MAX_ORGANIZATION_CHARS)?;
                source
            },
        })
    }
}

/// Refuses a day after today (on this laptop's calendar): a basis cannot be recorded ahead.
fn check_not_future(field: &str, day: Option<NaiveDate>) -> Result<Option<NaiveDate>> {
    match day {
        Some(d) if d > chrono::Local::now().date_naive() => Err(Error::invalid(
            field,
            Problem::DateInFuture {
                value: d.to_string(),
            },
        )),
        other => Ok(other),
    }
}

/// Reads a date typed as YYYY-MM-DD (or DD/MM/YYYY, as French users write it), naming
/// `field` when it is not one.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| {
            Error::invalid(
                field,
                Problem::InvalidDate {
                    value: text.to_string(),
                },
            )
        })
}

/// The key a person sorts by: last name then first name, folded so accents and case do not
/// count. A person with only a first name sorts by it, as a reader of the list would expect.
pub fn sort_key(first_name: &str, last_name: &str) -> String {
    let (first, last) = (fold(first_name), fold(last_name));
    if last.is_empty() {
        format!("{first}\u{1}")
    } else {
        format!("{last}\u{1}{first}")
    }
}

/// Cleans a long text as it is stored (see `text::clean_multiline`), then checks its length.
pub(crate) fn check_long_text(field: &str, text: &mut String) -> Result<()> {
    clean_multiline_in(text);
    check_len(field, text, MAX_NOTES_CHARS)
}

/// Refuses a list of `count` items when more than `max` are allowed.
pub(crate) fn check_count(field: &str, count: usize, max: u32) -> Result<()> {
    if count > max as usize {
        return Err(Error::invalid(field, Problem::OutOfRange { min: 0, max }));
    }
    Ok(())
}

pub(crate) fn check_len(field: &str, value: &str, max: u32) -> Result<()> {
    if value.chars().count() > max as usize {
        return Err(Error::invalid(field, Problem::TooLong { max }));
    }
    Ok(())
}

fn tidy_labeled(
    field: &str,
    items: Vec<Labeled>,
    check: impl Fn(&str) -> std::result::Result<String, Problem>,
) -> Result<Vec<Labeled>> {
    let mut kept = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        if item.value.trim().is_empty() {
            continue;
        }
        let value =
            check(&item.value).map_err(|p| Error::invalid(format!("{field}.{index}"), p))?;
        let label = tidy(&item.label);
        check_len(&format!("{field}.{index}.label"), &label, MAX_LABEL_CHARS)?;
        kept.push(Labeled { label, value });
    }
    Ok(kept)
}

pub(crate) fn tidy_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut kept: Vec<(String, String)> = Vec::with_capacity(tags.len());
    let mut seen: HashSet<String> = HashSet::with_capacity(tags.len());
    for tag in tags {
        let tag = tidy(&tag);
        if tag.is_empty() {
            continue;
        }
        check_len("tags", &tag, MAX_TAG_CHARS)?;
        let key = fold(&tag);
        if seen.insert(key.clone()) {
            kept.push((key, tag));
            check_count("tags", kept.len(), MAX_TAGS)?;
        }
    }
    kept.sort();
    Ok(kept.into_iter().map(|(_, tag)| tag).collect())
}

/// The address form a browser's `<input type="email">` accepts (the WHATWG rule), which is
/// what people mean by a well-formed address, plus a dot in the domain: "x@localhost" is
/// valid to a browser but never a contact's address.
pub fn is_valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// A phone number as people write it: digits with spaces, dots, dashes, slashes or brackets,
/// an optional leading `+`, or a `tel:` URI. At least three digits.
pub fn is_valid_phone(number: &str) -> bool {
    let body = number.strip_prefix("tel:").unwrap_or(number);
    let body = body.strip_prefix('+').unwrap_or(body);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " .-/()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(first: &str, last: &str) -> PersonDraft {
        PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            ..PersonDraft::default()
        }
    }

    #[test]
    fn the_legal_basis_date_cannot_be_in_the_future_and_old_json_names_still_read() {
        let mut d = draft("Awa", "Diallo");
        d.profile.legal_basis_source = "  formulaire   papier ".into();
        d.profile.legal_basis_on = Some(chrono::Local::now().date_naive());
        let ok = d.clone().validate().expect("today is fine");
        assert_eq!(ok.profile.legal_basis_source, "formulaire papier");
        d.profile.legal_basis_on = Some(chrono::Local::now().date_naive() + chrono::Days::new(1));
        let (field, problem) = field_of(d.validate());
        assert_eq!(field, "legal_basis_on");
        assert!(matches!(problem, Problem::DateInFuture { .. }));

        let old: PersonDraft = serde_json::from_str(
            r#"{"first_name":"Awa","legal_basis":"consent","consent_date":"2026-09-15","consent_source":null}"#,
        )
        .expect("an old export reads");
        assert_eq!(old.profile.legal_basis, Some(LegalBasis::Consent));
        assert_eq!(
            old.profile.legal_basis_on.map(|d| d.to_string()).as_deref(),
            Some("2026-09-15")
        );
        assert_eq!(old.profile.legal_basis_source, "");
    }

    fn field_of(result: Result<PersonDraft>) -> (String, Problem) {
        match result {
            Err(Error::Invalid { field, problem }) => (field, problem),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_first_or_a_last_name_is_required() {
        assert!(draft("Élodie", "").validate().is_ok());
        assert!(draft("", "Dupré").validate().is_ok());
        let (field, problem) = field_of(draft("  ", "\t").validate());
        assert_eq!(field, "first_name");
        assert_eq!(problem, Problem::NameRequired);
    }

    #[test]
    fn a_malformed_email_is_refused_and_named_by_its_position() {
        let mut d = draft("Élodie", "Dupré");
        d.emails = vec![
            Labeled::new("travail", "elodie@example.org"),
            Labeled::new("", "not-an-email"),
        ];
        let (field, problem) = field_of(d.validate());
        assert_eq!(field, "emails.1");
        assert_eq!(
            problem,
            Problem::InvalidEmail {
                value: "not-an-email".into()
            }
        );
    }

    #[test]
    fn email_rule_accepts_real_addresses_and_refuses_broken_ones() {
        for ok in [
            "elodie@example.org",
            "jean-luc.o'neil+flocon@asso-quartiers.fr",
            "a@b.co",
        ] {
            assert!(is_valid_email(ok), "{ok} should be valid");
        }
        for bad in [
            "",
            "elodie",
            "@example.org",
            "elodie@",
            "elodie@example",
            "elodie@@example.org",
            "élodie@example.org",
            "elodie@exa mple.org",
            "elodie@-example.org",
            "elodie@example..org",
        ] {
            assert!(!is_valid_email(bad), "{bad} should be refused");
        }
    }

    #[test]
    fn phone_rule_accepts_french_and_international_forms() {
        for ok in [
            "06 12 34 56 78",
            "+33 6 12 34 56 78",
            "01.23.45.67.89",
            "tel:+33612345678",
            "(0)1 23",
        ] {
            assert!(is_valid_phone(ok), "{ok} should be valid");
        }
        for bad in ["", "12", "appelle-moi", "06 12 34 56 78 poste 4"] {
            assert!(!is_valid_phone(bad), "{bad} should be refused");
        }
    }

    #[test]
    fn validation_tidies_fields_and_drops_empty_entries() {
        let mut d = draft("  Jean   Luc ", " Le Goff ");
        d.emails = vec![
            Labeled::new(" perso ", " jl@example.org "),
            Labeled::new("", "  "),
        ];
        d.tags = vec![
            "Éducation".into(),
            "education".into(),
            " ".into(),
            "Climat".into(),
        ];
        d.organization = Some("   ".into());
        let d = d.validate().expect("valid draft");
        assert_eq!(d.first_name, "Jean Luc");
        assert_eq!(d.last_name, "Le Goff");
        assert_eq!(d.emails, vec![Labeled::new("perso", "jl@example.org")]);
        assert_eq!(d.tags, vec!["Climat".to_string(), "Éducation".to_string()]);
        assert_eq!(d.organization, None);
    }

    #[test]
    fn over_long_fields_are_refused_with_their_name() {
        let d = draft(&"a".repeat(201), "Dupré");
        let (field, problem) = field_of(d.validate());
        assert_eq!(field, "first_name");
        assert_eq!(problem, Problem::TooLong { max: 200 });
    }

    #[test]
    fn sort_keys_order_accented_names_like_a_french_reader() {
        let mut names = vec![
            ("Paul", "Eymard"),
            ("Paul", "Éluard"),
            ("Anne", "Dubois"),
            ("Zoé", ""),
        ];
        names.sort_by_key(|(f, l)| sort_key(f, l));
        assert_eq!(
            names,
            vec![
                ("Anne", "Dubois"),
                ("Paul", "Éluard"),
                ("Paul", "Eymard"),
                ("Zoé", "")
            ]
        );
        assert!(sort_key("Émile", "Martin") < sort_key("Étienne", "Martin"));
        assert!(sort_key("Zoé", "Martin") < sort_key("Ali", "Martinez"));
    }

    #[test]
    fn cli_labels_split_on_the_first_colon_but_keep_tel_uris_whole() {
        assert_eq!(
            Labeled::parse_cli("travail:e@x.org"),
            Labeled::new("travail", "e@x.org")
        );
        assert_eq!(Labeled::parse_cli("e@x.org"), Labeled::new("", "e@x.org"));
        assert_eq!(
            Labeled::parse_cli("tel:+33612"),
            Labeled::new("", "tel:+33612")
        );
    }
}
