//! CSV reading: header and delimiter detection, columns, line numbers.

use super::*;
use crate::error::Error;
use crate::import::Skipped;

fn parsed(input: &str) -> Parsed {
    parse(input).expect("the CSV parses")
}

fn names(parsed: &Parsed) -> Vec<(String, String)> {
    parsed
        .contacts
        .iter()
        .map(|c| (c.first_name.clone(), c.last_name.clone()))
        .collect()
}

fn pair(first: &str, last: &str) -> (String, String) {
    (first.to_string(), last.to_string())
}

#[test]
fn delimiter_is_detected_from_the_header_outside_quotes() {
    let semicolons = parsed("Prénom;Nom;\"Notes, remarques\"\nÉlodie;Dupré;\"a, b\"\n");
    assert_eq!(names(&semicolons), vec![pair("Élodie", "Dupré")]);

    let commas = parsed("\"Nom; complet\",Prénom,Nom\nx,Zoé,Martin\n");
    assert_eq!(names(&commas), vec![pair("Zoé", "Martin")]);

    let tabs = parsed("Prénom\tNom\tCourriel\nInès\tMoreau\tines@example.org\n");
    assert_eq!(names(&tabs), vec![pair("Inès", "Moreau")]);
    assert_eq!(
        tabs.contacts[0].emails,
        vec![Labeled::new("", "ines@example.org")]
    );
}

#[test]
fn the_header_is_found_below_a_preamble_and_lines_count_from_the_file_start() {
    let input = "Notes:\n\"Some emails may be missing, see https://example.org\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nYasmine,Benali,https://www.linkedin.com/in/ybenali,,Fondation Éclat,Chargée de mission,12 Mar 2025\n";
    let p = parsed(input);
    assert_eq!(names(&p), vec![pair("Yasmine", "Benali")]);
    let c = &p.contacts[0];
    assert_eq!(c.line, 5);
    assert_eq!(
        c.urls,
        vec![Labeled::new(
            "linkedin",
            "https://www.linkedin.com/in/ybenali"
        )]
    );
    assert_eq!(c.title.as_deref(), Some("Chargée de mission"));
}

#[test]
fn record_lines_account_for_multi_line_quoted_fields() {
    let input = "Prénom,Nom,Notes\r\nÉlodie,Dupré,\"ligne 1\r\nligne 2\r\nligne 3\"\r\nZoé,Martin,\r\n\r\nInès,Moreau,x\r\n";
    let p = parsed(input);
    let lines: Vec<usize> = p.contacts.iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![2, 5, 7]);
    assert_eq!(p.contacts[0].notes, "ligne 1\nligne 2\nligne 3");
}

#[test]
fn a_header_without_name_or_email_is_refused_naming_what_it_found() {
    match parse("Société;Téléphone\nMairie;01 23 45 67 89\n") {
        Err(Error::Malformed { line, reason }) => {
            assert_eq!(line, 1);
            assert_eq!(
                reason,
                "no name or email column (found: Société, Téléphone)"
            );
        }
        other => panic!("expected a malformed-file error, got {other:?}"),
    }
}

#[test]
fn an_email_column_alone_is_enough() {
    let p = parsed("Courriel\ncontact@example.org\n");
    assert_eq!(names(&p), vec![pair("contact", "")]);
}

#[test]
fn extra_fields_are_ignored_short_rows_filled_blank_rows_silent_and_empty_rows_skipped() {
    let input = "Prénom;Nom;Ville\nÉlodie;Dupré;Montreuil;en trop;encore\nZoé\n;;\n;;Bobigny\n";
    let p = parsed(input);
    assert_eq!(names(&p), vec![pair("Élodie", "Dupré"), pair("Zoé", "")]);
    assert_eq!(p.contacts[0].city.as_deref(), Some("Montreuil"));
    assert_eq!(
        p.skipped,
        vec![Skipped {
            line: 5,
            reason: "no name, email, phone or organisation".into()
        }]
    );
}

#[test]
fn google_numbered_pairs_take_their_labels_and_split_multiple_values() {
    let input = "Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value\n\
                 Lucie,Ferrand,* myContacts ::: Bénévoles ::: * starred,* Work,lucie@example.org ::: l.ferrand@example.org,Asso,lucie@example.fr,Mobile,06 10 20 30 40\n";
    let c = &parsed(input).contacts[0];
    assert_eq!(
        c.emails,
        vec![
            Labeled::new("travail", "lucie@example.org"),
            Labeled::new("travail", "l.ferrand@example.org"),
            Labeled::new("Asso", "lucie@example.fr")
        ]
    );
    assert_eq!(c.phones, vec![Labeled::new("mobile", "06 10 20 30 40")]);
    assert_eq!(c.tags, vec!["Bénévoles"]);
}

#[test]
fn a_full_name_column_is_split_when_first_and_last_are_missing() {
    let p = parsed("Name,E-mail\nAnne de La Tour,anne@example.org\n");
    assert_eq!(names(&p), vec![pair("Anne", "de La Tour")]);
}

#[test]
fn flocon_export_cells_are_read_back_with_labels_tags_and_neutralisation_removed() {
    let input = "id,first_name,last_name,emails,phones,organization,sector,tags,notes,created_at,updated_at\r\n\
                 x,Élodie,Dupré,travail: elodie@example.org | e@example.fr,'+33 6 12 | mobile: 06 00,'=HYPERLINK(\"x\"),research | ngo,Bootcamp | Refus scolaire,'- point,t,t\r\n";
    let c = &parsed(input).contacts[0];
    assert_eq!(
        c.emails,
        vec![
            Labeled::new("travail", "elodie@example.org"),
            Labeled::new("", "e@example.fr")
        ]
    );
    assert_eq!(
        c.phones,
        vec![
            Labeled::new("", "+33 6 12"),
            Labeled::new("mobile", "06 00")
        ]
    );
    assert_eq!(c.organization.as_deref(), Some("=HYPERLINK(\"x\")"));
    assert_eq!(c.sectors, vec!["research", "ngo"]);
    assert_eq!(c.tags, vec!["Bootcamp", "Refus scolaire"]);
    assert_eq!(c.notes, "- point");
}

#[test]
fn outside_flocon_exports_a_leading_quote_is_data() {
    let c = &parsed("Prénom,Nom\n'Tit,O'Neil\n").contacts[0];
    assert_eq!(c.first_name, "'Tit");
}

#[test]
fn an_empty_or_blank_file_has_no_header() {
    assert!(matches!(
        parse("\n\n  \n"),
        Err(Error::Malformed { line: 1, .. })
    ));
}
