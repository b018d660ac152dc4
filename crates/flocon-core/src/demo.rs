//! Fictional demo data: people an association like ours would know, with French names and
//! accents, real-looking sectors and tags. Every name, address and number is invented; emails
//! use the reserved `example.*` domains.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::interaction::{InteractionDraft, OneToOne};
use crate::organization::{MembershipDraft, OrganizationDraft};
use crate::person::{Labeled, PersonDraft};
use crate::roadmap::{ObjectiveDraft, Quarter, ReviewDraft, SeminarDraft};
use crate::sector::Sector;
use crate::session::{ActionDraft, EngagementDraft, SessionDraft};
use crate::store::Store;
use crate::vocab::{
    ActionStatus, CollectiveStatus, EngagementKind, EngagementStatus, InteractionKind,
    ObjectiveStatus, OrganizationKind, ReviewDecision, SessionFormat,
};

/// First name, last name, organisation, sector, tags.
type DemoPerson = (
    &'static str,
    &'static str,
    &'static str,
    Option<Sector>,
    &'static [&'static str],
);

const PEOPLE: &[DemoPerson] = &[
    (
        "Élodie",
        "Dupré",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire", "leadership"],
    ),
    (
        "Aïcha",
        "Benali",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire"],
    ),
    (
        "Théo",
        "Lefèvre",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat", "#GagnerEnsemble"],
    ),
    (
        "Chloé",
        "Nguyen",
        "Le Média des Quartiers",
        Some(Sector::Journalism),
        &["presse"],
    ),
    (
        "Maël",
        "Le Goff",
        "Fondation Horizons Solidaires",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Inès",
        "Haddad",
        "Université de Créteil-Est",
        Some(Sector::Research),
        &["sociologie", "#OpenSource"],
    ),
    (
        "Joël",
        "Mercier",
        "Compagnie du Vent Debout",
        Some(Sector::ArtsCulture),
        &["théâtre"],
    ),
    (
        "Noémie",
        "Éluard",
        "Atelier Coop'Énergie",
        Some(Sector::Entrepreneurship),
        &["cercle des pros"],
    ),
    (
        "Bérénice",
        "Eymard",
        "Mairie de Montreuil-sur-Seine",
        Some(Sector::Institution),
        &["élus"],
    ),
    (
        "François",
        "Dubois",
        "Réseau Alternatives Solidaires",
        Some(Sector::Ngo),
        &["#GagnerEnsemble"],
    ),
    (
        "Hélène",
        "Garnier",
        "Banque Coopérative du Val",
        Some(Sector::Business),
        &["mécénat"],
    ),
    (
        "Karim",
        "Bensaïd",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat", "leadership"],
    ),
    (
        "Léa",
        "Rousseau",
        "",
        Some(Sector::ArtsCulture),
        &["cercle des pros", "facilitation"],
    ),
    (
        "Mathéo",
        "Chevalier",
        "Collectif Égalité Maintenant",
        Some(Sector::Collective),
        &["anti-discriminations"],
    ),
    (
        "Fatoumata",
        "Diallo",
        "Collectif Égalité Maintenant",
        Some(Sector::Collective),
        &["anti-discriminations", "leadership"],
    ),
    (
        "Sébastien",
        "Morel",
        "Fondation pour l'Engagement Citoyen",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Zoé",
        "Lambert",
        "Radio Quartier Libre",
        Some(Sector::Journalism),
        &["presse", "podcast"],
    ),
    (
        "Adèle",
        "Fontaine",
        "",
        Some(Sector::Research),
        &["cercle des pros", "évaluation"],
    ),
    (
        "Yanis",
        "Belkacem",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse"],
    ),
    (
        "Gaëlle",
        "Perrin",
        "Association Lire Ensemble",
        Some(Sector::Ngo),
        &["éducation"],
    ),
    (
        "Jérôme",
        "Faure",
        "Caisse d'Allocations du Territoire",
        Some(Sector::Institution),
        &[],
    ),
    (
        "Anaïs",
        "Girard",
        "",
        Some(Sector::Entrepreneurship),
        &["cercle des pros", "communication"],
    ),
    (
        "Océane",
        "Bonnet",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse", "#GagnerEnsemble"],
    ),
    (
        "Loïc",
        "Marchand",
        "Le Média des Quartiers",
        Some(Sector::Journalism),
        &["vidéo"],
    ),
    (
        "Maëlys",
        "Lemoine",
        "Quartiers en Transition",
        Some(Sector::Collective),
        &["climat"],
    ),
    (
        "Raphaël",
        "Dumas",
        "Fondation Horizons Solidaires",
        Some(Sector::Philanthropy),
        &["financeur"],
    ),
    (
        "Solène",
        "Barbier",
        "Théâtre de la Cité Ouverte",
        Some(Sector::ArtsCulture),
        &["théâtre", "#OpenSource"],
    ),
    (
        "Cédric",
        "Leroy",
        "Scop Les Bâtisseurs",
        Some(Sector::Business),
        &["mécénat de compétences"],
    ),
    (
        "Mélissa",
        "Traoré",
        "Collectif des Mères Solidaires",
        Some(Sector::Collective),
        &["refus scolaire"],
    ),
    (
        "Benoît",
        "Caron",
        "Institut d'Études Urbaines",
        Some(Sector::Research),
        &["sociologie"],
    ),
    ("Amélie", "Roussel", "", None, &["bénévole"]),
    (
        "Idriss",
        "Sylla",
        "Les Jeunes du Plateau",
        Some(Sector::Collective),
        &["jeunesse", "leadership"],
    ),
    (
        "Capucine",
        "Noël",
        "Réseau Alternatives Solidaires",
        Some(Sector::Ngo),
        &[],
    ),
    (
        "Grégoire",
        "Aubert",
        "Préfecture du Val",
        Some(Sector::Institution),
        &["élus"],
    ),
    (
        "Lucie",
        "Œuillet",
        "",
        Some(Sector::ArtsCulture),
        &["cercle des pros", "illustration"],
    ),
    (
        "Nadia",
        "Khelifi",
        "Association Lire Ensemble",
        Some(Sector::Ngo),
        &["éducation", "#GagnerEnsemble"],
    ),
];

const NOTES: &[&str] = &[
    "Rencontrée lors du one-to-one de septembre.\n\n- Très engagée sur le **refus scolaire**\n- Prête à animer un atelier",
    "A proposé de nous présenter à deux autres collectifs du quartier.",
    "Intérêts : écologie populaire, jardins partagés.\n\n> « On veut être écoutés, pas consultés. »",
    "",
    "Suivi du dossier de financement prévu pour le trimestre prochain.",
];

/// Seeds the demo people into an empty database and returns how many were created. Refused
/// when the database already holds contacts: demo data must never mix with real data.
pub fn seed(store: &Store) -> Result<usize> {
    let existing = store.count_persons()?;
    if existing > 0 {
        return Err(Error::Refused(format!(
            "the database already holds {existing} contact(s); demo data goes only into an empty database (use another --data-dir)"
        )));
    }
    let drafts = PEOPLE
        .iter()
        .enumerate()
        .map(|(i, &(first, last, org, sector, tags))| {
            demo_person(i, first, last, org, sector, tags)
        })
        .collect::<Vec<_>>();
    let count = drafts.len();
    let ids = store.create_persons(drafts)?;
    let orgs = seed_organizations(store, &ids)?;
    seed_coaching(store, &ids, &orgs, Utc::now())?;
    seed_roadmap(store, &ids, &orgs, Utc::now().date_naive())?;
    seed_events(store, &ids, &orgs, Utc::now())?;
    Ok(count)
}

/// (name, kind, status, city, tags)
type DemoOrganization = (
    &'static str,
    OrganizationKind,
    Option<CollectiveStatus>,
    &'static str,
    &'static [&'static str],
);

const ORGANIZATIONS: &[DemoOrganization] = &[
    (
        "Collectif des Mères Solidaires",
        OrganizationKind::Collective,
        Some(CollectiveStatus::Supported),
        "Montreuil",
        &["refus scolaire", "éducation"],
    ),
    (
        "Quartiers en Transition",
        OrganizationKind::Collective,
        Some(CollectiveStatus::Supported),
        "Saint-Denis",
        &["climat"],
    ),
    (
        "Collectif Égalité Maintenant",
        OrganizationKind::Collective,
        Some(CollectiveStatus::Partner),
        "Bobigny",
        &["anti-discriminations"],
    ),
    (
        "Les Jeunes du Plateau",
        OrganizationKind::Collective,
        Some(CollectiveStatus::Prospect),
        "Clichy-sous-Bois",
        &["jeunesse"],
    ),
    (
        "Fondation Horizons Solidaires",
        OrganizationKind::Foundation,
        None,
        "Paris",
        &["financeur"],
    ),
    (
        "Fondation pour l'Engagement Citoyen",
        OrganizationKind::Foundation,
        None,
        "Lyon",
        &["financeur"],
    ),
    (
        "Le Média des Quartiers",
        OrganizationKind::Media,
        None,
        "Saint-Denis",
        &["presse"],
    ),
    (
        "Radio Quartier Libre",
        OrganizationKind::Media,
        None,
        "Montreuil",
        &["presse", "podcast"],
    ),
    (
        "Université de Créteil-Est",
        OrganizationKind::School,
        None,
        "Créteil",
        &["recherche"],
    ),
    (
        "Réseau Alternatives Solidaires",
        OrganizationKind::Network,
        None,
        "Paris",
        &[],
    ),
    (
        "Association Lire Ensemble",
        OrganizationKind::Association,
        None,
        "Aubervilliers",
        &["éducation"],
    ),
    (
        "Mairie de Montreuil-sur-Seine",
        OrganizationKind::Institution,
        None,
        "Montreuil",
        &[],
    ),
];

/// Organisations, memberships (from each demo person's organisation), a snowflake of teams
/// and a few one-to-ones, so every screen has something real-looking to show.
fn seed_organizations(store: &Store, people: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut org_ids = Vec::new();
    for &(name, kind, status, city, tags) in ORGANIZATIONS {
        let mut draft = OrganizationDraft::new(name, kind);
        draft.status = status;
        draft.city = Some(city.into());
        draft.tags = tags.iter().map(|t| t.to_string()).collect();
        org_ids.push((name, store.create_organization(draft)?.id));
    }
    for (i, (&(_, _, org, _, _), &person)) in PEOPLE.iter().zip(people).enumerate() {
        if let Some(&(_, org_id)) = org_ids.iter().find(|(name, _)| *name == org) {
            store.add_membership(MembershipDraft {
                person_id: person,
                organization_id: org_id,
                role: ["Membre", "Co-fondatrice", "Chargé de mission", "Bénévole"][i % 4].into(),
                since: NaiveDate::from_ymd_opt(2022 + (i % 4) as i32, 1 + (i % 12) as u32, 1),
                until: None,
                leadership: i % 3 == 0,
            })?;
        }
    }
    let person = |first: &str| -> Option<Uuid> {
        PEOPLE
            .iter()
            .position(|p| p.0 == first)
            .and_then(|i| people.get(i).copied())
    };
    if let (Some(&(_, qet)), Some(karim), Some(theo), Some(maelys)) = (
        org_ids.get(1),
        person("Karim"),
        person("Théo"),
        person("Maëlys"),
    ) {
        let coordination = store.add_team(qet, None, "Équipe de coordination")?;
        let jardins = store.add_team(qet, Some(coordination), "Jardins partagés")?;
        let mobilisation = store.add_team(qet, Some(coordination), "Mobilisation")?;
        store.set_team_member(coordination, karim, "Coordinateur")?;
        store.set_team_member(jardins, maelys, "Référente")?;
        store.set_team_member(mobilisation, theo, "Porte-parole")?;
    }
    if let (Some(lea), Some(aicha), Some(elodie), Some(melissa)) = (
        person("Léa"),
        person("Aïcha"),
        person("Élodie"),
        person("Mélissa"),
    ) {
        store.add_interaction(InteractionDraft {
            date: NaiveDate::from_ymd_opt(2026, 10, 2).unwrap_or_default(),
            kind: InteractionKind::OneToOne,
            people: vec![elodie],
            team_member_id: Some(lea),
            notes: "Premier one-to-one au centre social de la Boissière.".into(),
            one_to_one: OneToOne {
                interests: "Justice scolaire, solidarité entre parents.".into(),
                story: "Son fils a décroché en cinquième ; elle a rencontré d'autres mères au même moment.".into(),
                resources: "Connaît bien l'équipe du collège et la fédération de parents.".into(),
                commitment_asked: "Réunir cinq parents d'ici décembre.".into(),
                commitment_given: "Organiser un café des parents le 20 novembre.".into(),
            },
            suggested: vec![aicha, melissa],
        })?;
    }
    Ok(org_ids.into_iter().map(|(_, id)| id).collect())
}

const PREVIOUS_NOTES: &str = "## Météo d'arrivée
- Élodie : « fatiguée mais motivée »
- Aïcha : contente du café des parents, 14 personnes présentes

## Retour sur le café des parents
Le groupe a tenu son premier café des parents au centre social. **Trois nouvelles mères** veulent s'impliquer.
Le principal du collège a refusé de venir ; à retravailler.

## Sujet du jour : qui porte quoi ?
- Élodie porte la relation avec le collège
- Aïcha anime les cafés, avec Mélissa en binôme
- Besoin d'un temps de formation sur le one-to-one
";

const TODAY_NOTES: &str = "## Météo d'arrivée
- Tout le monde est là, sauf Mélissa (excusée)

## Retour sur les actions
La lettre au principal est partie lundi ; pas encore de réponse.
";

/// Engagements, sessions with notes and decisions, and actions around `now`, so "Ma semaine"
/// and the session screens have something real-looking to show.
fn seed_coaching(store: &Store, people: &[Uuid], orgs: &[Uuid], now: DateTime<Utc>) -> Result<()> {
    let person = |first: &str| {
        PEOPLE
            .iter()
            .position(|p| p.0 == first)
            .and_then(|i| people.get(i).copied())
    };
    let (Some(lea), Some(theo), Some(elodie), Some(aicha), Some(karim)) = (
        person("Léa"),
        person("Théo"),
        person("Élodie"),
        person("Aïcha"),
        person("Karim"),
    ) else {
        return Ok(());
    };
    let (Some(&meres), Some(&quartiers), Some(&egalite)) = (orgs.first(), orgs.get(1), orgs.get(2))
    else {
        return Ok(());
    };
    let today = now.date_naive();
    let at = |days: i64, hour: u32| {
        (today + Duration::days(days))
            .and_hms_opt(hour, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or(now)
    };
    let day = |days: i64| today + Duration::days(days);
    let engagement = |title: &str, org: Uuid, kinds: Vec<EngagementKind>, goals: &str| {
        store.create_engagement(EngagementDraft {
            title: title.into(),
            organizations: vec![org],
            kinds,
            goals: goals.into(),
            starts_on: Some(day(-120)),
            ends_on: Some(day(240)),
            cadence: "Bilatérale mensuelle + collective mensuelle".into(),
            funder_id: None,
            status: EngagementStatus::Active,
            leads: vec![lea, theo],
        })
    };
    let meres_e = engagement(
        "Accompagnement des Mères Solidaires 2026-2027",
        meres,
        vec![
            EngagementKind::TeamCoaching,
            EngagementKind::DistributedLeadership,
        ],
        "- [x] Constituer une équipe de cinq parents\n- [x] Tenir un premier café des parents\n- [ ] Obtenir une rencontre avec le principal\n- [ ] Former deux animatrices au one-to-one",
    )?;
    let quartiers_e = engagement(
        "Formation au community organizing — Quartiers en Transition",
        quartiers,
        vec![EngagementKind::OrganizingTraining],
        "- [ ] Cartographier les pouvoirs locaux\n- [ ] Mener vingt one-to-ones",
    )?;
    let egalite_e = engagement(
        "Accompagnement de crise — Égalité Maintenant",
        egalite,
        vec![EngagementKind::Crisis],
        "- [ ] Apaiser le conflit de gouvernance",
    )?;
    let session = |title: &str,
                   engagement: Uuid,
                   org: Uuid,
                   start,
                   format,
                   notes: &str,
                   decisions: &[&str]| {
        store.create_session(
            SessionDraft {
                title: title.into(),
                engagement_id: Some(engagement),
                organizations: vec![org],
                starts_at: start,
                duration_minutes: 90,
                place: if org == quartiers {
                    "Maison de quartier Floréal, Saint-Denis".into()
                } else {
                    "Centre social de la Boissière, Montreuil".into()
                },
                format,
                participants: vec![elodie, aicha],
                facilitators: vec![lea],
                preparation: String::new(),
                notes: notes.into(),
                decisions: decisions.iter().map(|d| d.to_string()).collect(),
                next_session_on: None,
            },
            None,
        )
    };
    store.create_session(
        SessionDraft {
            title: "Médiation entre les deux équipes".into(),
            engagement_id: Some(egalite_e.id),
            organizations: vec![egalite],
            starts_at: at(-63, 17),
            duration_minutes: 120,
            place: "Visio : https://visio.example.org/egalite".into(),
            format: SessionFormat::Collective,
            participants: vec![],
            facilitators: vec![theo],
            preparation: String::new(),
            notes: "Tensions fortes ; chacun a pu parler. Reprendre contact dans un mois.".into(),
            decisions: vec![],
            next_session_on: None,
        },
        None,
    )?;
    let previous = session(
        "Séance collective de novembre",
        meres_e.id,
        meres,
        at(-21, 17),
        SessionFormat::Collective,
        PREVIOUS_NOTES,
        &[
            "Aïcha anime les cafés des parents, avec Mélissa en binôme",
            "Écrire au principal au nom du collectif",
        ],
    )?;
    let action = |text: &str, owner: Uuid, due: i64, session: Uuid| {
        store.add_action(ActionDraft {
            text: text.into(),
            owner_id: Some(owner),
            due_on: Some(day(due)),
            session_id: Some(session),
            objective_id: None,
        })
    };
    action(
        "Envoyer la lettre au principal du collège",
        elodie,
        -7,
        previous.id,
    )?;
    let done = action(
        "Réserver la salle du centre social",
        aicha,
        -14,
        previous.id,
    )?;
    store.set_action_status(done.id, ActionStatus::Done, day(-15))?;
    action("Préparer la formation one-to-one", lea, 3, previous.id)?;
    let coaching_template = store
        .list_templates()?
        .into_iter()
        .find(|t| t.name.starts_with("Séance de coaching"))
        .map(|t| t.id);
    store.create_session(
        SessionDraft {
            title: "Coaching de l'équipe d'animation".into(),
            engagement_id: Some(meres_e.id),
            organizations: vec![meres],
            starts_at: at(0, 16),
            duration_minutes: 90,
            place: "Centre social de la Boissière, Montreuil".into(),
            format: SessionFormat::Bilateral,
            participants: vec![elodie, aicha],
            facilitators: vec![lea],
            preparation: String::new(),
            notes: TODAY_NOTES.into(),
            decisions: vec![],
            next_session_on: Some(day(28)),
        },
        coaching_template,
    )?;
    let training = session(
        "Atelier cartographie des pouvoirs",
        quartiers_e.id,
        quartiers,
        at(-14, 18),
        SessionFormat::Training,
        "Carte des acteurs dessinée au mur ; photo dans le dossier partagé.",
        &["Chaque binôme rencontre deux élus d'ici la prochaine séance"],
    )?;
    action("Rencontrer l'adjoint à l'urbanisme", karim, 5, training.id)?;
    session(
        "Deuxième atelier : préparer les one-to-ones",
        quartiers_e.id,
        quartiers,
        at(2, 18),
        SessionFormat::Training,
        "",
        &[],
    )?;
    Ok(())
}

/// Last quarter's roadmap, reviewed at its seminar, and this quarter's, continuing it: the
/// board, the review summary and the diff all have something to show.
fn seed_roadmap(store: &Store, people: &[Uuid], orgs: &[Uuid], today: NaiveDate) -> Result<()> {
    let person = |first: &str| {
        PEOPLE
            .iter()
            .position(|p| p.0 == first)
            .and_then(|i| people.get(i).copied())
    };
    let (Some(lea), Some(theo), Some(karim)) = (person("Léa"), person("Théo"), person("Karim"))
    else {
        return Ok(());
    };
    let axes = store.list_axes()?;
    let [culture, alignment, power] = [0, 1, 2].map(|i| axes.get(i).map(|a| a.id));
    let (Some(culture), Some(alignment), Some(power)) = (culture, alignment, power) else {
        return Ok(());
    };
    let current = Quarter::of(today);
    let previous = current.previous();
    let objective = |quarter: Quarter,
                     axis: Uuid,
                     title: &str,
                     owners: Vec<Uuid>,
                     status: ObjectiveStatus,
                     progress: f64,
                     target: Option<f64>| {
        store.create_objective(ObjectiveDraft {
            quarter,
            axis_id: axis,
            title: title.into(),
            description: String::new(),
            owners,
            status,
            progress,
            target,
            indicators: Vec::new(),
            organizations: orgs.first().copied().into_iter().collect(),
            engagements: Vec::new(),
        })
    };
    let seminar = store.create_seminar(SeminarDraft {
        quarter: previous,
        title: format!("Séminaire {previous}"),
        starts_on: Some(today - Duration::days(40)),
        ends_on: Some(today - Duration::days(39)),
        place: "Gîte de la Ferme du Bec, Normandie".into(),
        participants: vec![lea, theo, karim],
        agenda: "1. Tour de météo\n2. Revue de la feuille de route\n3. Priorités du trimestre"
            .into(),
        notes: String::new(),
    })?;
    let review = |id: Uuid, decision: ReviewDecision, comment: &str, target: Option<f64>| {
        store.review_objective(
            id,
            ReviewDraft {
                decision,
                comment: comment.into(),
                new_target: target,
                seminar_id: Some(seminar.id),
            },
        )
    };
    let leaders = objective(
        previous,
        power,
        "Former dix leaders dans les collectifs accompagnés",
        vec![lea, karim],
        ObjectiveStatus::InProgress,
        6.0,
        Some(10.0),
    )?;
    review(
        leaders.id,
        ReviewDecision::Keep,
        "Bonne dynamique, on continue.",
        None,
    )?;
    let one_to_ones = objective(
        previous,
        power,
        "Mener 40 one-to-ones relationnels",
        vec![theo],
        ObjectiveStatus::Late,
        18.0,
        Some(40.0),
    )?;
    review(
        one_to_ones.id,
        ReviewDecision::Adjust,
        "Cible trop haute pour l'été.",
        Some(30.0),
    )?;
    let charter = objective(
        previous,
        culture,
        "Écrire la charte de l'écoute et du courage",
        vec![lea],
        ObjectiveStatus::InProgress,
        50.0,
        None,
    )?;
    review(
        charter.id,
        ReviewDecision::Carry,
        "À finir avec toute l'équipe.",
        None,
    )?;
    let mission = objective(
        previous,
        alignment,
        "Réécrire la mission en une phrase",
        vec![theo, lea],
        ObjectiveStatus::Achieved,
        100.0,
        None,
    )?;
    review(
        mission.id,
        ReviewDecision::Close,
        "Adoptée à l'unanimité.",
        None,
    )?;
    let podcast = objective(
        previous,
        alignment,
        "Lancer un podcast",
        vec![karim],
        ObjectiveStatus::NotStarted,
        0.0,
        None,
    )?;
    review(podcast.id, ReviewDecision::Drop, "Pas prioritaire.", None)?;
    objective(
        current,
        power,
        "Campagne pour un local associatif à Montreuil",
        vec![karim, theo],
        ObjectiveStatus::NotStarted,
        0.0,
        Some(3.0),
    )?;
    objective(
        current,
        culture,
        "Deux temps de parole sur le soin dans l'équipe",
        vec![lea],
        ObjectiveStatus::InProgress,
        1.0,
        Some(2.0),
    )?;
    Ok(())
}

/// Events of the last months in the association's series, with attendance taken (some names,
/// and a crowd counted without them at the community evening), and a training cohort.
fn seed_events(store: &Store, people: &[Uuid], orgs: &[Uuid], now: DateTime<Utc>) -> Result<()> {
    let series =
        |name: &str| -> Result<Option<Uuid>> { Ok(store.find_series(name)?.map(|s| s.id)) };
    let day = |days_ago: i64, hour: u32| {
        let d = (now - Duration::days(days_ago)).date_naive();
        d.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc()
    };
    // (title, series, days ago, hour UTC, place, speakers, present, registered, excused,
    //  absent, unnamed)
    type DemoEvent = (
        &'static str,
        &'static str,
        i64,
        u32,
        &'static str,
        &'static [usize],
        std::ops::Range<usize>,
        std::ops::Range<usize>,
        &'static [usize],
        &'static [usize],
        u32,
    );
    let events: [DemoEvent; 6] = [
        (
            "#GagnerEnsemble : construire une campagne victorieuse",
            "#GagnerEnsemble",
            150,
            17,
            "Maison des associations, Montreuil",
            &[12],
            0..14,
            14..18,
            &[18],
            &[19],
            0,
        ),
        (
            "#OpenSource : trouver des financements",
            "#OpenSource",
            120,
            17,
            "https://visio.example.org/opensource",
            &[11],
            5..16,
            16..20,
            &[],
            &[20],
            0,
        ),
        (
            "Leadership Bootcamp — printemps",
            "Leadership Bootcamp",
            95,
            8,
            "Centre social des Ramiers, Bagnolet",
            &[12, 2],
            20..30,
            30..31,
            &[31],
            &[],
            0,
        ),
        (
            "Soirée de la communauté",
            "Soirée de la communauté",
            60,
            18,
            "La Parole errante, Montreuil",
            &[],
            0..25,
            25..30,
            &[30, 31],
            &[32],
            50,
        ),
        (
            "Co-développement : tenir dans la durée",
            "Co-développement",
            30,
            17,
            "Maison des associations, Montreuil",
            &[],
            3..11,
            11..13,
            &[],
            &[],
            0,
        ),
        (
            "#GagnerEnsemble : négocier avec la mairie",
            "#GagnerEnsemble",
            10,
            17,
            "Maison des associations, Montreuil",
            &[11],
            8..20,
            20..24,
            &[24],
            &[],
            0,
        ),
    ];
    for (
        title,
        series_name,
        days_ago,
        hour,
        place,
        speakers,
        present,
        registered,
        excused,
        absent,
        unnamed,
    ) in events
    {
        let pick = |indexes: &mut dyn Iterator<Item = usize>| -> Vec<Uuid> {
            indexes.filter_map(|i| people.get(i).copied()).collect()
        };
        let speakers = pick(&mut speakers.iter().copied());
        let event = store.create_event(crate::event::EventDraft {
            title: title.into(),
            series_id: series(series_name)?,
            starts_at: day(days_ago, hour),
            ends_at: Some(day(days_ago, hour) + Duration::hours(2)),
            place: place.into(),
            speakers: speakers.clone(),
            guests: Vec::new(),
            organizations: orgs.iter().take(1).copied().collect(),
            description: format!("Rencontre « {title} »."),
            notes: String::new(),
            unnamed_count: unnamed,
        })?;
        let mut answers: Vec<(Uuid, Option<crate::vocab::Attendance>)> = Vec::new();
        for (ids, status) in [
            (
                pick(&mut present.clone()),
                crate::vocab::Attendance::Present,
            ),
            (
                pick(&mut registered.clone()),
                crate::vocab::Attendance::Registered,
            ),
            (
                pick(&mut excused.iter().copied()),
                crate::vocab::Attendance::Excused,
            ),
            (
                pick(&mut absent.iter().copied()),
                crate::vocab::Attendance::Absent,
            ),
        ] {
            answers.extend(
                ids.into_iter()
                    .filter(|id| !speakers.contains(id))
                    .map(|id| (id, Some(status))),
            );
        }
        store.set_attendances(event.id, &answers)?;
    }
    // A training cohort: ten applicants, all accepted, nine certified (one dropped out).
    let cohort = store.create_cohort(crate::event::CohortDraft {
        name: "Formation organisateurs 2026".into(),
        programme: "Formation au community organizing".into(),
        starts_on: Some((now - Duration::days(120)).date_naive()),
    })?;
    let on = |days_ago: i64| (now - Duration::days(days_ago)).date_naive();
    for (n, &person) in people.iter().skip(20).take(10).enumerate() {
        use crate::vocab::CohortStage::{Accepted, Applicant, Certified, Dropped};
        store.set_cohort_stage(cohort.id, person, Applicant, on(140))?;
        store.set_cohort_stage(cohort.id, person, Accepted, on(125))?;
        let last = if n == 9 { Dropped } else { Certified };
        store.set_cohort_stage(cohort.id, person, last, on(20))?;
    }
    Ok(())
}

fn demo_person(
    i: usize,
    first: &str,
    last: &str,
    org: &str,
    sector: Option<Sector>,
    tags: &[&str],
) -> PersonDraft {
    let local = crate::text::fold(&format!("{first}.{last}")).replace(' ', ".");
    let domain = if i.is_multiple_of(3) {
        "example.org"
    } else {
        "example.fr"
    };
    let mut emails = vec![Labeled::new(
        if i.is_multiple_of(2) { "travail" } else { "" },
        format!("{local}@{domain}"),
    )];
    if i.is_multiple_of(5) {
        emails.push(Labeled::new("perso", format!("{local}@example.net")));
    }
    let phones = if i % 4 == 3 {
        vec![]
    } else {
        vec![Labeled::new(
            "mobile",
            format!(
                "06 {:02} {:02} {:02} {:02}",
                10 + i % 89,
                (i * 7) % 100,
                (i * 13) % 100,
                (i * 31) % 100
            ),
        )]
    };
    PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        emails,
        phones,
        organization: (!org.is_empty()).then(|| org.to_string()),
        profile: crate::person::Profile {
            sectors: sector.into_iter().collect(),
            ..Default::default()
        },
        tags: tags.iter().map(|t| t.to_string()).collect(),
        notes: NOTES[i % NOTES.len()].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PersonQuery;

    #[test]
    fn seeds_valid_people_once_and_refuses_a_second_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("opens");
        let count = seed(&store).expect("seeded");
        assert_eq!(count, PEOPLE.len());
        let list = store.list_persons(&PersonQuery::default()).expect("listed");
        assert_eq!(list.len(), PEOPLE.len());
        assert!(
            list.iter()
                .any(|p| p.last_name == "Dupré" && p.first_name == "Élodie")
        );
        assert!(matches!(seed(&store), Err(Error::Refused(_))));
        let sessions = store
            .list_sessions(&crate::store::SessionQuery::default())
            .expect("sessions");
        assert!(sessions.len() >= 5, "demo sessions: {}", sessions.len());
        let today = sessions
            .iter()
            .find(|s| s.title == "Coaching de l'équipe d'animation")
            .expect("today's session");
        let carried = store
            .get_session(today.id)
            .expect("session")
            .carried_actions;
        assert_eq!(
            carried.len(),
            2,
            "the two open actions of the previous session"
        );
        assert_eq!(store.count_persons().expect("count"), PEOPLE.len() as u64);
    }
}
