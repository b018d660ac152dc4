//! `flocon interactions …` and `flocon search`

use clap::Subcommand;
use flocon_core::person::parse_date;
use flocon_core::store::search::{MATCH_END, MATCH_START};
use flocon_core::{InteractionDraft, InteractionKind, OneToOne, Store, parse_id};

use crate::output::print_json;

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum InteractionsCommand {
    /// Log a conversation and print only its id
    Add {
        /// A person met (repeatable, at least one)
        #[arg(long = "person", value_name = "ID", required = true)]
        people: Vec<String>,
        /// one_to_one, call, email, meeting, other (or French name)
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        notes: String,
        /// The team member who held the conversation
        #[arg(long, value_name = "ID")]
        team_member: Option<String>,
        /// A person suggested to meet next (repeatable)
        #[arg(long = "suggest", value_name = "ID")]
        suggested: Vec<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        interests: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        story: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        resources: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        commitment_asked: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        commitment_given: String,
    },
    /// Interactions, newest first
    List {
        /// Only those with this person
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: InteractionsCommand) -> flocon_core::Result<()> {
    match command {
        InteractionsCommand::Add {
            people,
            kind,
            date,
            notes,
            team_member,
            suggested,
            interests,
            story,
            resources,
            commitment_asked,
            commitment_given,
        } => {
            let ids = |v: &[String]| {
                v.iter()
                    .map(|p| parse_id(p))
                    .collect::<flocon_core::Result<Vec<_>>>()
            };
            let interaction = store.add_interaction(InteractionDraft {
                date: parse_date("date", &date)?,
                kind: InteractionKind::parse(&kind)?,
                people: ids(&people)?,
                team_member_id: team_member.as_deref().map(parse_id).transpose()?,
                notes,
                one_to_one: OneToOne {
                    interests,
                    story,
                    resources,
                    commitment_asked,
                    commitment_given,
                },
                suggested: ids(&suggested)?,
            })?;
            say!("{}", interaction.id);
        }
        InteractionsCommand::List {
            person,
            limit,
            json,
        } => {
            let list =
                store.list_interactions(person.as_deref().map(parse_id).transpose()?, limit)?;
            if json {
                print_json(&list)?;
            } else {
                for i in list {
                    let names: Vec<&str> = i.people.iter().map(|p| p.name.as_str()).collect();
                    say!(
                        "{}  {}  {}  {}",
                        i.id,
                        i.date,
                        i.kind.label_fr(),
                        names.join(", ")
                    );
                }
            }
        }
    }
    Ok(())
}

/// `flocon search QUERY`: JSON keeps the snippet's match markers (U+0002, U+0003); text shows
/// them as [brackets].
pub fn search(store: &Store, query: &str, limit: u32, json: bool) -> flocon_core::Result<()> {
    let hits = store.search(query, limit)?;
    if json {
        return print_json(&hits);
    }
    for hit in hits {
        let snippet = hit
            .snippet
            .replace(MATCH_START, "[")
            .replace(MATCH_END, "]");
        say!(
            "{:<12}  {}  {}  {}",
            format!("{:?}", hit.kind).to_lowercase(),
            hit.id,
            hit.title,
            snippet
        );
    }
    Ok(())
}
