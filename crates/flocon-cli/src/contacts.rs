//! `flocon contacts …`

use clap::{Args, Subcommand};
use flocon_core::gdpr::LegalBasisFilter;
use flocon_core::person::parse_date;
use flocon_core::{
    Circle, Labeled, LegalBasis, Person, PersonDraft, PersonQuery, PersonSort, Sector, Store,
    parse_id,
};

use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// Create a contact and print only its id
    Add(Fields),
    /// List contacts, sorted by last name then first name
    List {
        /// Only contacts whose name, email, organisation, city or tags contain every word
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        #[arg(long, value_name = "SECTOR")]
        sector: Option<String>,
        #[arg(long, value_name = "CIRCLE")]
        circle: Option<String>,
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        #[arg(long, value_name = "CITY")]
        city: Option<String>,
        /// Only contacts held by this team member
        #[arg(long, value_name = "ID")]
        point_person: Option<String>,
        /// Only contacts with this GDPR legal basis, or `none` for those with none recorded
        #[arg(long, value_name = "BASIS")]
        legal_basis: Option<String>,
        /// Order: name (default) or recent (newest first)
        #[arg(long, value_enum, default_value_t = SortArg::Name)]
        sort: SortArg,
        /// Continue after this contact id (keyset pagination)
        #[arg(long, value_name = "ID")]
        after: Option<String>,
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Show a contact with memberships, interactions and referral chain (as JSON)
    Page { id: String },
    /// Show one contact
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a contact: each field given replaces the old value (an empty value clears it)
    Update {
        id: String,
        #[command(flatten)]
        fields: Fields,
    },
    /// Delete a contact
    Delete { id: String },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum SortArg {
    Name,
    Recent,
}

#[derive(Args)]
pub struct Fields {
    #[arg(long, value_name = "NAME")]
    first_name: Option<String>,
    #[arg(long, value_name = "NAME")]
    last_name: Option<String>,
    /// Email address, optionally labelled: travail:elodie@example.org (repeatable)
    #[arg(long = "email", value_name = "[LABEL:]ADDRESS")]
    emails: Vec<String>,
    /// Phone number, optionally labelled: mobile:06 12 34 56 78 (repeatable)
    #[arg(long = "phone", value_name = "[LABEL:]NUMBER")]
    phones: Vec<String>,
    /// Organisation, as free text
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
    /// Sector (repeatable): research, journalism, philanthropy, arts_culture,
    /// entrepreneurship, business, institution, ngo, collective (or its French name)
    #[arg(long = "sector", value_name = "SECTOR")]
    sectors: Vec<String>,
    /// Circle (repeatable): team, pro, community, partner, media, funder (or French name)
    #[arg(long = "circle", value_name = "CIRCLE")]
    circles: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pronouns: Option<String>,
    /// City or territory
    #[arg(long, value_name = "CITY")]
    city: Option<String>,
    /// Language spoken (repeatable)
    #[arg(long = "language", value_name = "LANGUAGE")]
    languages: Vec<String>,
    #[arg(long, value_name = "URL")]
    linkedin: Option<String>,
    #[arg(long, value_name = "URL")]
    instagram: Option<String>,
    #[arg(long, value_name = "URL")]
    website: Option<String>,
    /// The team member who holds the relationship (a contact id; empty clears it)
    #[arg(long, value_name = "ID")]
    point_person: Option<String>,
    /// Who introduced this person (a contact id; empty clears it)
    #[arg(long, value_name = "ID")]
    introduced_by: Option<String>,
    /// GDPR legal basis: consent, legitimate-interest, contract, legal-obligation (or the
    /// French word: consentement, intérêt légitime…; empty clears it)
    #[arg(long, value_name = "BASIS")]
    legal_basis: Option<String>,
    /// The day the basis was recorded or consent given, YYYY-MM-DD (not in the future)
    #[arg(long, alias = "consent-date", value_name = "DATE")]
    legal_basis_on: Option<String>,
    /// Where the basis comes from ("formulaire papier, soirée du 12 mars")
    #[arg(long, alias = "consent-source", value_name = "TEXT")]
    legal_basis_source: Option<String>,
    /// Tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Notes, in Markdown
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
}

impl Fields {
    /// Applies the fields that were given on top of `draft`.
    fn apply(self, mut draft: PersonDraft) -> flocon_core::Result<PersonDraft> {
        if let Some(v) = self.first_name {
            draft.first_name = v;
        }
        if let Some(v) = self.last_name {
            draft.last_name = v;
        }
        if !self.emails.is_empty() {
            draft.emails = self.emails.iter().map(|e| Labeled::parse_cli(e)).collect();
        }
        if !self.phones.is_empty() {
            draft.phones = self.phones.iter().map(|p| Labeled::parse_cli(p)).collect();
        }
        if let Some(v) = self.org {
            draft.organization = Some(v);
        }
        let p = &mut draft.profile;
        if !self.sectors.is_empty() {
            p.sectors = parse_all(&self.sectors, Sector::parse)?;
        }
        if !self.circles.is_empty() {
            p.circles = parse_all(&self.circles, Circle::parse)?;
        }
        if !self.languages.is_empty() {
            p.languages = self.languages;
        }
        for (slot, given) in [
            (&mut p.pronouns, self.pronouns),
            (&mut p.city, self.city),
            (&mut p.linkedin, self.linkedin),
            (&mut p.instagram, self.instagram),
            (&mut p.website, self.website),
        ] {
            if let Some(v) = given {
                *slot = Some(v);
            }
        }
        if let Some(v) = self.point_person {
            p.point_person_id = optional(&v, parse_id)?;
        }
        if let Some(v) = self.introduced_by {
            p.introduced_by_id = optional(&v, parse_id)?;
        }
        if let Some(v) = self.legal_basis {
            p.legal_basis = optional(&v, LegalBasis::parse)?;
        }
        if let Some(v) = self.legal_basis_on {
            p.legal_basis_on = optional(&v, |d| parse_date("legal_basis_on", d))?;
        }
        if let Some(v) = self.legal_basis_source {
            p.legal_basis_source = v;
        }
        if !self.tags.is_empty() {
            draft.tags = self.tags;
        }
        if let Some(v) = self.notes {
            draft.notes = v;
        }
        Ok(draft)
    }
}

pub fn run(store: &Store, command: ContactsCommand) -> flocon_core::Result<()> {
    match command {
        ContactsCommand::Add(fields) => {
            let person = store.create_person(fields.apply(PersonDraft::default())?)?;
            say!("{}", person.id);
        }
        ContactsCommand::List {
            filter,
            sector,
            circle,
            tag,
            city,
            point_person,
            legal_basis,
            sort,
            after,
            limit,
            json,
        } => {
            let people = store.list_persons(&PersonQuery {
                text: filter,
                sector: sector.as_deref().map(Sector::parse).transpose()?,
                circle: circle.as_deref().map(Circle::parse).transpose()?,
                tag,
                city,
                point_person_id: point_person.as_deref().map(parse_id).transpose()?,
                legal_basis: legal_basis
                    .as_deref()
                    .map(LegalBasisFilter::parse)
                    .transpose()?,
                sort: Some(match sort {
                    SortArg::Name => PersonSort::Name,
                    SortArg::Recent => PersonSort::RecentlyAdded,
                }),
                after: after.as_deref().map(parse_id).transpose()?,
                limit,
            })?;
            if json {
                print_json(&people)?;
            } else {
                let rows: Vec<Vec<String>> = people
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.to_string(),
                            full_name(&p.first_name, &p.last_name),
                            p.email.clone().unwrap_or_default(),
                            p.organization.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                print_table(&rows);
            }
        }
        ContactsCommand::Show { id, json } => {
            let person = store.get_person(parse_id(&id)?)?;
            if json {
                print_json(&person)?;
            } else {
                print_person(&person);
            }
        }
        ContactsCommand::Page { id } => print_json(&store.person_page(parse_id(&id)?)?)?,
        ContactsCommand::Update { id, fields } => {
            let id = parse_id(&id)?;
            let current = store.get_person(id)?;
            store.update_person(id, fields.apply(current.into())?)?;
        }
        ContactsCommand::Delete { id } => store.delete_person(parse_id(&id)?)?,
    }
    Ok(())
}

fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

fn print_person(p: &Person) {
    let labeled = |items: &[Labeled]| {
        items
            .iter()
            .map(|i| {
                if i.label.is_empty() {
                    i.value.clone()
                } else {
                    format!("{} ({})", i.value, i.label)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = vec![
        vec!["id".into(), p.id.to_string()],
        vec!["name".into(), full_name(&p.first_name, &p.last_name)],
        vec!["emails".into(), labeled(&p.emails)],
        vec!["phones".into(), labeled(&p.phones)],
        vec![
            "organization".into(),
            p.organization.clone().unwrap_or_default(),
        ],
        vec![
            "sectors".into(),
            labels(&p.profile.sectors, |s| s.label_fr()),
        ],
        vec![
            "circles".into(),
            labels(&p.profile.circles, |c| c.label_fr()),
        ],
        vec!["city".into(), p.profile.city.clone().unwrap_or_default()],
        vec!["tags".into(), p.tags.join(", ")],
        vec!["created".into(), p.created_at.to_rfc3339()],
        vec!["updated".into(), p.updated_at.to_rfc3339()],
    ];
    print_table(&rows);
    if !p.notes.is_empty() {
        say!("\n{}", p.notes);
    }
}

/// Parses every value, failing on the first unknown one.
pub fn parse_all<T>(
    values: &[String],
    parse: impl Fn(&str) -> flocon_core::Result<T>,
) -> flocon_core::Result<Vec<T>> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse(v))
        .collect()
}

/// An empty value clears an optional field; anything else must parse.
pub fn optional<T>(
    value: &str,
    parse: impl Fn(&str) -> flocon_core::Result<T>,
) -> flocon_core::Result<Option<T>> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

pub fn labels<T: Copy>(items: &[T], label: impl Fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|i| label(*i))
        .collect::<Vec<_>>()
        .join(", ")
}
