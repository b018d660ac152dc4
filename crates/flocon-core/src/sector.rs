//! `Sector`: the field a contact works in, from the association's glossary.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Problem, Result};
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Research,
    Journalism,
    Philanthropy,
    ArtsCulture,
    Entrepreneurship,
    Business,
    Institution,
    Ngo,
    Collective,
}

impl Sector {
    pub const ALL: [Sector; 9] = [
        Sector::Research,
        Sector::Journalism,
        Sector::Philanthropy,
        Sector::ArtsCulture,
        Sector::Entrepreneurship,
        Sector::Business,
        Sector::Institution,
        Sector::Ngo,
        Sector::Collective,
    ];

    /// The stable code stored in the database and printed by `--json`.
    pub fn code(self) -> &'static str {
        match self {
            Sector::Research => "research",
            Sector::Journalism => "journalism",
            Sector::Philanthropy => "philanthropy",
            Sector::ArtsCulture => "arts_culture",
            Sector::Entrepreneurship => "entrepreneurship",
            Sector::Business => "business",
            Sector::Institution => "institution",
            Sector::Ngo => "ngo",
            Sector::Collective => "collective",
        }
    }

    /// The glossary's French name, as the team says it.
    pub fn label_fr(self) -> &'static str {
        match self {
            Sector::Research => "Recherche",
            Sector::Journalism => "Journalisme",
            Sector::Philanthropy => "Philanthropie",
            Sector::ArtsCulture => "Art & culture",
            Sector::Entrepreneurship => "Entrepreneuriat",
            Sector::Business => "Entreprise",
            Sector::Institution => "Institution",
            Sector::Ngo => "ONG",
            Sector::Collective => "Collectif",
        }
    }

    pub fn codes() -> Vec<&'static str> {
        Sector::ALL.iter().map(|s| s.code()).collect()
    }

    /// Reads a code ("arts_culture") or the French name typed any way ("art et culture",
    /// "ONG", "recherche").
    pub fn parse(text: &str) -> Result<Sector> {
        let wanted = fold(&text.replace('&', " et ").replace('_', " "));
        Sector::ALL
            .into_iter()
            .find(|s| {
                fold(&s.code().replace('_', " ")) == wanted
                    || fold(&s.label_fr().replace('&', " et ")) == wanted
            })
            .ok_or_else(|| {
                Error::invalid(
                    "sector",
                    Problem::UnknownSector {
                        value: text.to_string(),
                    },
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_codes_and_french_names() {
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
        assert_eq!(
            Sector::parse("entrepreneuriat").ok(),
            Some(Sector::Entrepreneurship)
        );
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.code()).ok(), Some(s));
            assert_eq!(Sector::parse(s.label_fr()).ok(), Some(s));
        }
    }

    #[test]
    fn parse_names_the_field_for_an_unknown_sector() {
        match Sector::parse("astrologie") {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "sector"),
            other => panic!("expected invalid sector, got {other:?}"),
        }
    }

    #[test]
    fn codes_match_the_serde_names() {
        for s in Sector::ALL {
            let json = serde_json::to_string(&s).expect("a sector serializes");
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
    }
}
