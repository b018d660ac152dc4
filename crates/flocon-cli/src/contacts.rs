//! `flocon contacts …`

use clap::{Args, Subcommand};
use flocon_core::{Labeled, Person, PersonDraft, PersonQuery, Sector, Store, parse_id};

use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// Create a contact and print only its id
    Add(Fields),
    /// List contacts, sorted by last name then first name
    List {
        /// Only contacts whose name, email, organisation or tags contain every word
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        #[arg(long)]
        json: bool,
    },
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
    /// Sector: research, journalism, philanthropy, arts_culture, entrepreneurship, business,
    /// institution, ngo, collective (or its French name)
    #[arg(long, value_name = "SECTOR")]
    sector: Option<String>,
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
        if let Some(v) = self.sector {
            draft.sector = if v.trim().is_empty() {
                None
            } else {
                Some(Sector::parse(&v)?)
            };
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
            println!("{}", person.id);
        }
        ContactsCommand::List { filter, json } => {
            let people = store.list_persons(&PersonQuery {
                text: filter,
                limit: None,
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
            "sector".into(),
            p.sector
                .map(|s| s.label_fr().to_string())
                .unwrap_or_default(),
        ],
        vec!["tags".into(), p.tags.join(", ")],
        vec!["created".into(), p.created_at.to_rfc3339()],
        vec!["updated".into(), p.updated_at.to_rfc3339()],
    ];
    print_table(&rows);
    if !p.notes.is_empty() {
        println!("\n{}", p.notes);
    }
}
