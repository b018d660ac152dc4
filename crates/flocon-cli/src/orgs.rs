//! `flocon orgs …`, `flocon memberships …` and `flocon teams …`

use clap::{Args, Subcommand};
use flocon_core::person::parse_date;
use flocon_core::{
    CollectiveStatus, MembershipDraft, OrganizationDraft, OrganizationKind, OrganizationQuery,
    Store, parse_id,
};

use crate::contacts::optional;
use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum OrgsCommand {
    /// Create an organisation and print only its id
    Add(OrgFields),
    /// List organisations, by name
    List {
        /// Only organisations whose name contains every word
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        #[arg(long, value_name = "CITY")]
        city: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an organisation with its members and teams
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an organisation: each field given replaces the old value
    Update {
        id: String,
        #[command(flatten)]
        fields: OrgFields,
    },
    /// Delete an organisation with its memberships and teams
    Delete { id: String },
}

#[derive(Args)]
pub struct OrgFields {
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// collective, association, foundation, media, company, institution, school, network
    /// (or French name) [default for a new one: association]
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// For collectives: prospect, supported, partner, alumni (or French name)
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    #[arg(long, value_name = "CITY")]
    city: Option<String>,
    #[arg(long, value_name = "URL")]
    website: Option<String>,
    /// Markdown
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// Cause or theme (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The team member who holds the relationship (a contact id)
    #[arg(long, value_name = "ID")]
    point_person: Option<String>,
}

impl OrgFields {
    fn apply(self, mut d: OrganizationDraft) -> flocon_core::Result<OrganizationDraft> {
        if let Some(v) = self.name {
            d.name = v;
        }
        if let Some(v) = self.kind {
            d.kind = OrganizationKind::parse(&v)?;
        }
        if let Some(v) = self.status {
            d.status = optional(&v, CollectiveStatus::parse)?;
        }
        if let Some(v) = self.city {
            d.city = Some(v);
        }
        if let Some(v) = self.website {
            d.website = Some(v);
        }
        if let Some(v) = self.description {
            d.description = v;
        }
        if !self.tags.is_empty() {
            d.tags = self.tags;
        }
        if let Some(v) = self.point_person {
            d.point_person_id = optional(&v, parse_id)?;
        }
        Ok(d)
    }
}

pub fn run(store: &Store, command: OrgsCommand) -> flocon_core::Result<()> {
    match command {
        OrgsCommand::Add(fields) => {
            let draft = fields.apply(OrganizationDraft::new("", OrganizationKind::Association))?;
            say!("{}", store.create_organization(draft)?.id);
        }
        OrgsCommand::List {
            filter,
            kind,
            status,
            tag,
            city,
            json,
        } => {
            let orgs = store.list_organizations(&OrganizationQuery {
                text: filter,
                kind: kind.as_deref().map(OrganizationKind::parse).transpose()?,
                status: status.as_deref().map(CollectiveStatus::parse).transpose()?,
                tag,
                city,
                ..OrganizationQuery::default()
            })?;
            if json {
                print_json(&orgs)?;
            } else {
                let rows: Vec<Vec<String>> = orgs
                    .iter()
                    .map(|o| {
                        vec![
                            o.id.to_string(),
                            o.name.clone(),
                            o.kind.label_fr().to_string(),
                            o.status
                                .map(|s| s.label_fr().to_string())
                                .unwrap_or_default(),
                            o.city.clone().unwrap_or_default(),
                            format!("{} membre(s)", o.member_count),
                        ]
                    })
                    .collect();
                print_table(&rows);
            }
        }
        OrgsCommand::Show { id, json } => {
            let page = store.organization_page(parse_id(&id)?)?;
            if json {
                print_json(&page)?;
            } else {
                let o = &page.organization;
                say!("{} ({})", o.fields.name, o.fields.kind.label_fr());
                for m in &page.members {
                    let lead = if m.fields.leadership {
                        " [leadership]"
                    } else {
                        ""
                    };
                    say!("  {}  {}{lead}", m.person_name, m.fields.role);
                }
            }
        }
        OrgsCommand::Update { id, fields } => {
            let id = parse_id(&id)?;
            let current = store.get_organization(id)?;
            store.update_organization(id, fields.apply(current.fields)?)?;
        }
        OrgsCommand::Delete { id } => store.delete_organization(parse_id(&id)?)?,
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum MembershipsCommand {
    /// Record a person's role in an organisation and print only its id
    Add {
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long, value_name = "ID")]
        org: String,
        #[arg(long, value_name = "ROLE", default_value = "")]
        role: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Part of the collective's leadership team
        #[arg(long)]
        leadership: bool,
    },
    /// A person's memberships
    List {
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a membership
    Delete { id: String },
}

pub fn run_memberships(store: &Store, command: MembershipsCommand) -> flocon_core::Result<()> {
    match command {
        MembershipsCommand::Add {
            person,
            org,
            role,
            since,
            until,
            leadership,
        } => {
            let membership = store.add_membership(MembershipDraft {
                person_id: parse_id(&person)?,
                organization_id: parse_id(&org)?,
                role,
                since: since
                    .as_deref()
                    .map(|d| parse_date("since", d))
                    .transpose()?,
                until: until
                    .as_deref()
                    .map(|d| parse_date("until", d))
                    .transpose()?,
                leadership,
            })?;
            say!("{}", membership.id);
        }
        MembershipsCommand::List { person, json } => {
            let list = store.memberships_of_person(parse_id(&person)?)?;
            if json {
                print_json(&list)?;
            } else {
                for m in list {
                    say!("{}  {}  {}", m.id, m.organization_name, m.fields.role);
                }
            }
        }
        MembershipsCommand::Delete { id } => store.delete_membership(parse_id(&id)?)?,
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum TeamsCommand {
    /// Add a team to an organisation (inside --parent) and print only its id
    Add {
        #[arg(long, value_name = "ID")]
        org: String,
        #[arg(long, value_name = "TEAM_ID")]
        parent: Option<String>,
        #[arg(long, value_name = "NAME")]
        name: String,
    },
    /// Put a person in a team, with a role
    Member {
        #[arg(long, value_name = "TEAM_ID")]
        team: String,
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long, value_name = "ROLE", default_value = "")]
        role: String,
    },
}

pub fn run_teams(store: &Store, command: TeamsCommand) -> flocon_core::Result<()> {
    match command {
        TeamsCommand::Add { org, parent, name } => {
            let parent = parent.as_deref().map(parse_id).transpose()?;
            say!("{}", store.add_team(parse_id(&org)?, parent, &name)?);
        }
        TeamsCommand::Member { team, person, role } => {
            store.set_team_member(parse_id(&team)?, parse_id(&person)?, &role)?
        }
    }
    Ok(())
}
