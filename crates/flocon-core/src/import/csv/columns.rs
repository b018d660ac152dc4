//! What a CSV column holds, from its header: the names Google, Outlook (in English and in
//! French), LinkedIn and Flocon give their columns, and the ones people type in a
//! spreadsheet. Headers are folded (accents, case and punctuation do not count) and numbers are
//! taken out as a slot, so "E-mail 2 Address", "E-mail 1 - Value" and "Phone 1 - Type" all
//! fall into a few shapes.

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Email,
    Phone,
    Url,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    FirstName,
    MiddleName,
    LastName,
    /// A display name, split into first and last name when those columns are empty.
    FullName,
    /// One value (or several, separated) with the label the column's name gives.
    Value {
        kind: Kind,
        label: &'static str,
    },
    /// Flocon's own export: `label: value | value`.
    List(Kind),
    /// Google's numbered pairs: "E-mail 1 - Value" takes its label from "E-mail 1 - Type".
    SlotValue(Kind, u32),
    SlotLabel(Kind, u32),
    Organization,
    Title,
    City,
    Notes,
    Tags,
    Sector,
    /// Recognised but not imported (LinkedIn's "Connected On", Flocon's ids and times): it
    /// still helps tell a header row from a preamble.
    Known,
}

impl Column {
    pub(super) fn names_a_person(&self) -> bool {
        matches!(
            self,
            Column::FirstName
                | Column::LastName
                | Column::FullName
                | Column::Value {
                    kind: Kind::Email,
                    ..
                }
                | Column::List(Kind::Email)
                | Column::SlotValue(Kind::Email, _)
        )
    }
}

/// The column a header names, if Flocon knows it.
pub(super) fn recognise(header: &str) -> Option<Column> {
    let folded = fold(header);
    let mut slot = None;
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|word| match word.parse::<u32>() {
            Ok(number) => {
                slot = Some(number);
                false
            }
            Err(_) => true,
        })
        .collect();
    let key = words.join(" ");
    if let Some(column) = slotted(&key, slot) {
        return Some(column);
    }
    let value = |kind, label| Some(Column::Value { kind, label });
    match key.as_str() {
        "first name" | "firstname" | "given name" | "prenom" | "prenoms" => Some(Column::FirstName),
        "middle name" | "additional name" | "deuxieme prenom" | "autres prenoms" => {
            Some(Column::MiddleName)
        }
        "last name" | "lastname" | "family name" | "surname" | "nom" | "nom de famille"
        | "nom dusage" => Some(Column::LastName),
        "name" | "full name" | "display name" | "nom complet" | "nom et prenom"
        | "prenom et nom" | "prenom nom" | "nom prenom" => Some(Column::FullName),
        "email"
        | "e mail"
        | "courriel"
        | "mail"
        | "mel"
        | "email address"
        | "e mail address"
        | "adresse e mail"
        | "adresse email"
        | "adresse mail"
        | "adresse electronique"
        | "adresse de messagerie" => value(Kind::Email, ""),
        "email professionnel"
        | "e mail professionnel"
        | "courriel professionnel"
        | "email pro"
        | "e mail pro"
        | "work email"
        | "business email" => value(Kind::Email, "travail"),
        "email personnel" | "e mail personnel" | "courriel personnel" | "email perso"
        | "e mail perso" | "home email" | "personal email" => value(Kind::Email, "domicile"),
        "telephone"
        | "tel"
        | "phone"
        | "phone number"
        | "numero"
        | "numero de telephone"
        | "telephone fixe"
        | "fixe"
        | "primary phone"
        | "other phone"
        | "autre telephone" => value(Kind::Phone, ""),
        "portable" | "mobile" | "mobile phone" | "cell phone" | "cell" | "gsm"
        | "telephone portable" | "tel portable" | "telephone mobile" | "tel mobile"
        | "numero de portable" => value(Kind::Phone, "mobile"),
        "business phone"
        | "work phone"
        | "company main phone"
        | "telephone professionnel"
        | "telephone pro"
        | "tel pro"
        | "telephone travail"
        | "telephone bureau"
        | "tel bureau" => value(Kind::Phone, "travail"),
        "home phone" | "telephone domicile" | "tel domicile" | "telephone personnel" => {
            value(Kind::Phone, "domicile")
        }
        "fax" | "business fax" | "home fax" | "other fax" | "telecopie" => {
            value(Kind::Phone, "fax")
        }
        "url" | "website" | "web page" | "personal web page" | "site web" | "site internet"
        | "site" | "page web" | "web" => value(Kind::Url, ""),
        "linkedin" | "profil linkedin" => value(Kind::Url, "linkedin"),
        "emails" => Some(Column::List(Kind::Email)),
        "phones" => Some(Column::List(Kind::Phone)),
        "urls" => Some(Column::List(Kind::Url)),
        "company"
        | "company name"
        | "organization"
        | "organisation"
        | "organization name"
        | "structure"
        | "nom de la structure"
        | "societe"
        | "entreprise"
        | "employeur"
        | "association"
        | "organisme" => Some(Column::Organization),
        "position" | "job title" | "fonction" | "poste" | "organization title"
        | "titre du poste" => Some(Column::Title),
        "city" | "ville" | "commune" | "localite" | "business city" | "home city"
        | "other city" | "address city" | "ville bureau" | "ville domicile" => Some(Column::City),
        "notes" | "note" | "remarques" | "remarque" | "commentaire" | "commentaires"
        | "observations" => Some(Column::Notes),
        "tags" | "tag" | "etiquettes" | "etiquette" | "labels" | "group membership"
        | "categories" | "categorie" | "mots cles" | "groupes" | "groupe" => Some(Column::Tags),
        "secteur" | "secteurs" | "sector" | "sectors" | "secteur dactivite" => Some(Column::Sector),
        "connected on" | "id" | "created at" | "updated at" => Some(Column::Known),
        _ => None,
    }
}

/// Google's numbered pairs ("E-mail 1 - Type" / "E-mail 1 - Value", "Label" in newer
/// exports). Outlook's unnumbered "E-mail Type" holds "SMTP", not a label, and is left out.
fn slotted(key: &str, slot: Option<u32>) -> Option<Column> {
    let slot = slot?;
    let (kind, part) = match key.rsplit_once(' ')? {
        ("e mail" | "email", part) => (Kind::Email, part),
        ("phone", part) => (Kind::Phone, part),
        ("website", part) => (Kind::Url, part),
        _ => return None,
    };
    match part {
        "type" | "label" => Some(Column::SlotLabel(kind, slot)),
        "value" => Some(Column::SlotValue(kind, slot)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_whatever_their_accents_case_and_numbers() {
        assert_eq!(recognise("Prénom"), Some(Column::FirstName));
        assert_eq!(recognise("NOM DE FAMILLE"), Some(Column::LastName));
        assert_eq!(recognise("first_name"), Some(Column::FirstName));
        assert_eq!(
            recognise("E-mail 2 Address"),
            Some(Column::Value {
                kind: Kind::Email,
                label: ""
            })
        );
        assert_eq!(
            recognise("E-mail 1 - Value"),
            Some(Column::SlotValue(Kind::Email, 1))
        );
        assert_eq!(
            recognise("Phone 2 - Type"),
            Some(Column::SlotLabel(Kind::Phone, 2))
        );
        assert_eq!(
            recognise("Téléphone portable"),
            Some(Column::Value {
                kind: Kind::Phone,
                label: "mobile"
            })
        );
        assert_eq!(
            recognise("Organization 1 - Name"),
            Some(Column::Organization)
        );
        assert_eq!(recognise("Organization 1 - Title"), Some(Column::Title));
        assert_eq!(recognise("Étiquettes"), Some(Column::Tags));
        assert_eq!(recognise("Secteur d'activité"), Some(Column::Sector));
    }

    #[test]
    fn outlook_honorific_and_smtp_type_columns_are_not_taken_for_data() {
        assert_eq!(recognise("Title"), None);
        assert_eq!(recognise("E-mail Type"), None);
        assert_eq!(recognise("Birthday"), None);
    }
}
