//! The association's closed vocabularies (circles, kinds of organisation, statuses…): each a
//! stable code stored in the database and printed by `--json`, and the French word the team
//! uses. `parse` accepts either, typed any way ("Cercle des pros", "pro", "PRO").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Problem, Result};
use crate::text::fold;

/// Defines a vocabulary enum with its codes, French labels and a forgiving parser.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, field = $field:literal, { $($variant:ident => ($code:literal, $fr:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and printed by `--json`.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The word the team uses, in French.
            pub fn label_fr(self) -> &'static str {
                match self { $($name::$variant => $fr),+ }
            }

            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.code()).collect()
            }

            /// Reads a code or the French word, ignoring accents, case, `&`/"et" and `_`.
            pub fn parse(text: &str) -> Result<$name> {
                let wanted = loose(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| loose(v.code()) == wanted || loose(v.label_fr()) == wanted)
                    .ok_or_else(|| Error::invalid($field, Problem::UnknownValue {
                        value: text.to_string(),
                        expected: Self::codes().join(", "),
                    }))
            }

            /// Reads a code as stored in the database.
            pub fn from_code(code: &str) -> Result<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code).ok_or_else(|| {
                    Error::Internal(format!(concat!("unknown ", stringify!($name), " code {:?} in the database"), code))
                })
            }
        }
    };
}

fn loose(text: &str) -> String {
    fold(&text.replace('&', " et ").replace('_', " "))
}

vocabulary!(
    /// The field a contact works in, from the association's glossary.
    Sector, field = "sectors", {
        Research => ("research", "Recherche"),
        Journalism => ("journalism", "Journalisme"),
        Philanthropy => ("philanthropy", "Philanthropie"),
        ArtsCulture => ("arts_culture", "Art & culture"),
        Entrepreneurship => ("entrepreneurship", "Entrepreneuriat"),
        Business => ("business", "Entreprise"),
        Institution => ("institution", "Institution"),
        Ngo => ("ngo", "ONG"),
        Collective => ("collective", "Collectif"),
    }
);

vocabulary!(
    /// The circles a person belongs to around the association.
    Circle, field = "circles", {
        Team => ("team", "Équipe"),
        Pro => ("pro", "Cercle des pros"),
        Community => ("community", "Communauté"),
        Partner => ("partner", "Partenaire"),
        Media => ("media", "Média"),
        Funder => ("funder", "Financeur"),
    }
);

vocabulary!(
    /// Why the association may keep a person's data (GDPR art. 6).
    LegalBasis, field = "legal_basis", {
        Consent => ("consent", "Consentement"),
        LegitimateInterest => ("legitimate_interest", "Intérêt légitime"),
        Contract => ("contract", "Contrat"),
        LegalObligation => ("legal_obligation", "Obligation légale"),
    }
);

vocabulary!(
    /// What an organisation is. A `collective` is a grassroots group the association supports.
    OrganizationKind, field = "kind", {
        Collective => ("collective", "Collectif"),
        Association => ("association", "Association"),
        Foundation => ("foundation", "Fondation"),
        Media => ("media", "Média"),
        Company => ("company", "Entreprise"),
        Institution => ("institution", "Institution"),
        School => ("school", "École / université"),
        Network => ("network", "Réseau"),
    }
);

vocabulary!(
    /// Where a collective stands with the association.
    CollectiveStatus, field = "status", {
        Prospect => ("prospect", "Prospect"),
        Supported => ("supported", "Accompagné"),
        Partner => ("partner", "Partenaire"),
        Alumni => ("alumni", "Alumni"),
    }
);

vocabulary!(
    /// A person's answer to an event, from the invitation to the day.
    Attendance, field = "status", {
        Invited => ("invited", "Invité"),
        Registered => ("registered", "Inscrit"),
        Present => ("present", "Présent"),
        Absent => ("absent", "Absent"),
        Excused => ("excused", "Excusé"),
    }
);

vocabulary!(
    /// Why a person is named on an event besides the attendance list.
    EventRole, field = "role", {
        Speaker => ("speaker", "Intervenant"),
        Guest => ("guest", "Invité d'honneur"),
    }
);

vocabulary!(
    /// A person's stage in a training cohort, in the order of the way through; the last two end
    /// it early.
    CohortStage, field = "stage", {
        Interested => ("interested", "Intéressé"),
        Applicant => ("applicant", "Candidat"),
        Accepted => ("accepted", "Retenu"),
        Certified => ("certified", "Certifié"),
        Rejected => ("rejected", "Non retenu"),
        Dropped => ("dropped", "Abandon"),
    }
);

vocabulary!(
    /// How a logged conversation happened.
    InteractionKind, field = "kind", {
        OneToOne => ("one_to_one", "One-to-one relationnel"),
        Call => ("call", "Appel"),
        Email => ("email", "E-mail"),
        Meeting => ("meeting", "Réunion"),
        Other => ("other", "Autre"),
    }
);

vocabulary!(
    /// What an engagement (accompagnement) works on with its collectives.
    EngagementKind, field = "kinds", {
        TeamCoaching => ("team_coaching", "Coaching d'équipe"),
        OrganizingTraining => ("organizing_training", "Formation au community organizing"),
        DistributedLeadership => ("distributed_leadership", "Leadership distribué / flocon"),
        Storytelling => ("storytelling", "Narration et communication"),
        Crisis => ("crisis", "Accompagnement de crise"),
        Media => ("media", "Mise en lumière médiatique"),
        DataTools => ("data_tools", "Structuration data et outils"),
    }
);

vocabulary!(
    /// Where an engagement stands.
    EngagementStatus, field = "status", {
        Preparing => ("preparing", "En préparation"),
        Active => ("active", "En cours"),
        Finished => ("finished", "Terminé"),
        Suspended => ("suspended", "Suspendu"),
    }
);

vocabulary!(
    /// How a coaching session is held.
    SessionFormat, field = "format", {
        Bilateral => ("bilateral", "Bilatéral"),
        Collective => ("collective", "Collectif"),
        Individual => ("individual", "Individuel"),
        Training => ("training", "Formation"),
    }
);

vocabulary!(
    /// Where a follow-up action stands.
    ActionStatus, field = "status", {
        Todo => ("todo", "À faire"),
        Done => ("done", "Fait"),
        Dropped => ("dropped", "Abandonné"),
    }
);

vocabulary!(
    /// Where a roadmap objective stands.
    ObjectiveStatus, field = "status", {
        NotStarted => ("not_started", "Pas commencé"),
        InProgress => ("in_progress", "En cours"),
        Achieved => ("achieved", "Atteint"),
        Late => ("late", "En retard"),
        Dropped => ("dropped", "Abandonné"),
    }
);

vocabulary!(
    /// What a seminar decides for an objective of the quarter under review.
    ReviewDecision, field = "decision", {
        Keep => ("keep", "Maintenir"),
        Adjust => ("adjust", "Ajuster"),
        Carry => ("carry", "Reporter au trimestre suivant"),
        Close => ("close", "Clore car atteint"),
        Drop => ("drop", "Abandonner"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_codes_and_french_words_typed_any_way() {
        assert_eq!(
            Sector::parse("arts_culture").ok(),
            Some(Sector::ArtsCulture)
        );
        assert_eq!(
            Sector::parse("Art & culture").ok(),
            Some(Sector::ArtsCulture)
        );
        assert_eq!(
            Sector::parse("art et culture").ok(),
            Some(Sector::ArtsCulture)
        );
        assert_eq!(Sector::parse("ONG").ok(), Some(Sector::Ngo));
        assert_eq!(Circle::parse("cercle des pros").ok(), Some(Circle::Pro));
        assert_eq!(Circle::parse("equipe").ok(), Some(Circle::Team));
        assert_eq!(
            OrganizationKind::parse("École / université").ok(),
            Some(OrganizationKind::School)
        );
        assert_eq!(
            CollectiveStatus::parse("accompagne").ok(),
            Some(CollectiveStatus::Supported)
        );
        assert_eq!(
            EngagementKind::parse("leadership distribué / flocon").ok(),
            Some(EngagementKind::DistributedLeadership)
        );
        assert_eq!(
            ActionStatus::parse("a faire").ok(),
            Some(ActionStatus::Todo)
        );
        assert_eq!(
            InteractionKind::parse("one-to-one").ok(),
            Some(InteractionKind::OneToOne)
        );
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.code()).ok(), Some(*s));
            assert_eq!(Sector::parse(s.label_fr()).ok(), Some(*s));
            assert_eq!(Sector::from_code(s.code()).ok(), Some(*s));
        }
    }

    #[test]
    fn an_unknown_word_names_the_field_and_the_choices() {
        match Sector::parse("astrologie") {
            Err(Error::Invalid {
                field,
                problem: Problem::UnknownValue { value, expected },
            }) => {
                assert_eq!(field, "sectors");
                assert_eq!(value, "astrologie");
                assert!(expected.contains("arts_culture"));
            }
            other => panic!("expected an invalid sector, got {other:?}"),
        }
    }

    #[test]
    fn codes_match_the_serde_names() {
        for k in OrganizationKind::ALL {
            let json = serde_json::to_string(k).expect("serializes");
            assert_eq!(json, format!("\"{}\"", k.code()));
        }
        for c in Circle::ALL {
            let json = serde_json::to_string(c).expect("serializes");
            assert_eq!(json, format!("\"{}\"", c.code()));
        }
    }
}
