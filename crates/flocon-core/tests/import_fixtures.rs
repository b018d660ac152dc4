//! Import of files shaped like real exports (macOS Contacts, Google, Android, Outlook,
//! LinkedIn, French Excel) and of broken ones, from `tests/fixtures/`. Every name is fictional.

use std::path::PathBuf;

use flocon_core::Error;
use flocon_core::import::{
    Contact, Format, Parsed, Skipped, detect, parse, parse_csv, parse_vcard,
};
use flocon_core::person::Labeled;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Reads a fixture with the format's own parser, and checks that detection agrees.
fn read(name: &str, format: Format) -> Parsed {
    let bytes = fixture(name);
    assert_eq!(detect(&bytes).ok(), Some(format), "{name} detected");
    let parsed = match format {
        Format::VCard => parse_vcard(&bytes),
        Format::Csv => parse_csv(&bytes),
    }
    .unwrap_or_else(|e| panic!("{name} parses: {e}"));
    assert_eq!(
        parse(&bytes).ok().as_ref(),
        Some(&parsed),
        "{name}: parse() agrees"
    );
    parsed
}

fn malformed(name: &str) -> (usize, String) {
    match parse(&fixture(name)) {
        Err(Error::Malformed { line, reason }) => (line, reason),
        other => panic!("{name}: expected a malformed-file error, got {other:?}"),
    }
}

fn person(line: usize, first: &str, last: &str) -> Contact {
    Contact {
        line,
        first_name: first.into(),
        last_name: last.into(),
        ..Contact::default()
    }
}

fn labeled(items: &[(&str, &str)]) -> Vec<Labeled> {
    items.iter().map(|(l, v)| Labeled::new(*l, *v)).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn only_contacts(contacts: Vec<Contact>) -> Parsed {
    Parsed {
        contacts,
        skipped: vec![],
    }
}

#[test]
fn macos_contacts_vcard_keeps_custom_labels_and_skips_a_photo_of_thousands_of_lines() {
    let expected = only_contacts(vec![
        Contact {
            emails: labeled(&[
                ("Asso", "elodie@example.org"),
                ("travail", "elodie.dupre@example.fr"),
            ]),
            phones: labeled(&[
                ("mobile", "06 12 34 56 78"),
                ("Permanence", "01 48 57 00 00"),
            ]),
            organization: some("Collectif des Mères Solidaires"),
            title: some("Coordinatrice"),
            urls: labeled(&[("", "https://example.org/elodie")]),
            city: some("Montreuil"),
            notes: "Rencontrée au bootcamp de mars.\nTrès engagée sur le refus scolaire, avec les mères du collège Jean-Jaurès; à rappeler en avril.".into(),
            ..person(1, "Élodie", "Dupré")
        },
        Contact {
            emails: labeled(&[("travail", "contact@example.org")]),
            phones: labeled(&[("", "01 43 00 00 00")]),
            organization: some("Fondation Éclat"),
            ..person(3086, "", "Fondation Éclat")
        },
    ]);
    assert_eq!(read("macos_contacts.vcf", Format::VCard), expected);
}

#[test]
fn google_vcard_maps_types_and_drops_the_my_contacts_group() {
    let expected = only_contacts(vec![
        Contact {
            emails: labeled(&[
                ("travail", "karim.haddad@example.org"),
                ("domicile", "karim@example.fr"),
            ]),
            phones: labeled(&[
                ("mobile", "+33 6 45 67 89 01"),
                ("travail", "01 43 00 00 01"),
            ]),
            organization: some("Fondation Éclat"),
            title: some("Chargé de mission"),
            urls: labeled(&[("", "https://eclat.example.org")]),
            tags: strings(&["Partenaires", "Philanthropie"]),
            city: some("Saint-Denis"),
            notes:
                "Suit le programme « Pouvoir d'agir ».\nBudget 2026 à confirmer, voir avec Élodie."
                    .into(),
            ..person(1, "Karim", "Haddad")
        },
        Contact {
            emails: labeled(&[
                ("", "lea.nguyen@example.fr"),
                ("Collectif", "lea@example.org"),
            ]),
            ..person(18, "Léa", "Nguyễn")
        },
    ]);
    assert_eq!(read("google_contacts.vcf", Format::VCard), expected);
}

#[test]
fn android_vcard_21_decodes_quoted_printable_utf8_across_soft_line_breaks() {
    let expected = only_contacts(vec![
        Contact {
            emails: labeled(&[("domicile", "helene.lefevre@example.fr")]),
            phones: labeled(&[("mobile", "06 98 76 54 32"), ("travail", "01 49 00 00 00")]),
            organization: some("Parents Solidaires du 93"),
            notes: "Réunion du 14 mars : elle veut lancer un groupe de parents d'élèves contre le harcèlement.\nÀ inviter au prochain bootcamp.".into(),
            ..person(1, "Hélène", "Lefèvre")
        },
        Contact {
            phones: labeled(&[("", "07 11 22 33 44")]),
            ..person(19, "Jérôme", "François")
        },
    ]);
    assert_eq!(read("android_utf8.vcf", Format::VCard), expected);
}

#[test]
fn android_vcard_in_iso_8859_1_is_read_with_its_accents() {
    let expected = only_contacts(vec![
        Contact {
            phones: labeled(&[("domicile", "01 42 00 00 00")]),
            notes: "Trésorière des fêtes de quartier.\nTrès présente à Aubervilliers.".into(),
            ..person(1, "Anaïs", "Léger")
        },
        Contact {
            emails: labeled(&[("", "noel.berenice@example.fr")]),
            organization: some("Maison de quartier des Œillets"),
            ..person(13, "Noël", "Bérénice")
        },
    ]);
    assert_eq!(read("android_latin1.vcf", Format::VCard), expected);
}

#[test]
fn vcard_4_tel_uris_become_plain_numbers_with_labels() {
    let expected = only_contacts(vec![Contact {
        emails: labeled(&[("travail", "maelle.guerin@example.org")]),
        phones: labeled(&[
            ("mobile", "+33-6-78-90-12-34"),
            ("travail", "+33-1-49-00-00-00"),
        ]),
        organization: some("Université Paris 8"),
        title: some("Chercheuse"),
        tags: strings(&["Recherche", "Éducation populaire"]),
        city: some("Saint-Denis"),
        notes: "Intervenante au séminaire; voir aussi le rapport annuel.".into(),
        ..person(1, "Maëlle", "Guérin")
    }]);
    assert_eq!(read("vcard4_tel_uri.vcf", Format::VCard), expected);
}

#[test]
fn google_csv_reads_numbered_pairs_labels_and_multi_line_cells() {
    let expected = only_contacts(vec![
        Contact {
            emails: labeled(&[
                ("travail", "karim.haddad@example.org"),
                ("domicile", "karim@example.fr"),
            ]),
            phones: labeled(&[
                ("mobile", "+33 6 45 67 89 01"),
                ("travail", "01 43 00 00 01"),
            ]),
            organization: some("Fondation Éclat"),
            title: some("Chargé de mission"),
            urls: labeled(&[("", "https://eclat.example.org")]),
            tags: strings(&["Partenaires", "Philanthropie"]),
            city: some("Saint-Denis"),
            notes:
                "Suit le programme « Pouvoir d'agir ».\nBudget 2026 à confirmer, voir avec Élodie."
                    .into(),
            ..person(2, "Karim", "Haddad")
        },
        Contact {
            emails: labeled(&[("", "lea.nguyen@example.fr"), ("", "lea@example.org")]),
            ..person(6, "Léa", "Nguyễn")
        },
    ]);
    assert_eq!(read("google_contacts.csv", Format::Csv), expected);
}

#[test]
fn outlook_csv_in_windows_1252_keeps_accents_and_ignores_honorifics() {
    let expected = only_contacts(vec![
        Contact {
            emails: labeled(&[
                ("", "sophie.mercier@example.fr"),
                ("", "s.gaillard@example.org"),
            ]),
            phones: labeled(&[
                ("fax", "01 41 00 00 09"),
                ("travail", "01 41 00 00 00"),
                ("mobile", "06 01 02 03 04"),
            ]),
            organization: some("Mairie de Bobigny"),
            title: some("Cheffe de projet"),
            tags: strings(&["Institutions", "Subventions"]),
            city: some("Bobigny"),
            notes: "Dossier « Quartiers d'été » déposé le 3 juin.\nRéponse attendue en septembre."
                .into(),
            ..person(2, "Sophie", "Mercier-Gaillard")
        },
        Contact {
            emails: labeled(&[("", "olivier.rousseau@example.org")]),
            phones: labeled(&[("domicile", "01 48 00 00 00")]),
            organization: some("Médias Solidaires"),
            title: some("Journaliste"),
            city: some("Pantin"),
            ..person(4, "Olivier", "Rousseau")
        },
    ]);
    assert_eq!(read("outlook.csv", Format::Csv), expected);
}

#[test]
fn linkedin_connections_are_found_below_the_notes_preamble() {
    let expected = only_contacts(vec![
        Contact {
            organization: some("Fondation Éclat"),
            title: some("Chargée de mission"),
            urls: labeled(&[(
                "linkedin",
                "https://www.linkedin.com/in/yasmine-benali-4a1b2c",
            )]),
            ..person(5, "Yasmine", "Benali")
        },
        Contact {
            emails: labeled(&[("", "theo.lambert@example.org")]),
            organization: some("Médias Solidaires, SCOP"),
            title: some("Journaliste"),
            urls: labeled(&[("linkedin", "https://www.linkedin.com/in/theo-lambert")]),
            ..person(6, "Théo", "Lambert")
        },
    ]);
    assert_eq!(read("linkedin_connections.csv", Format::Csv), expected);
}

#[test]
fn french_excel_csv_with_bom_and_semicolons_reports_the_row_with_nothing_usable() {
    let expected = Parsed {
        contacts: vec![
            Contact {
                emails: labeled(&[("", "elodie@example.org")]),
                phones: labeled(&[("", "01 48 57 00 00"), ("mobile", "06 12 34 56 78")]),
                organization: some("Collectif des Mères Solidaires"),
                title: some("Coordinatrice"),
                tags: strings(&["Bootcamp 2026", "Refus scolaire"]),
                city: some("Montreuil"),
                sectors: strings(&["Collectif"]),
                notes: "Première rencontre : 12 mars.\nSuite : « café des parents » ; à relancer.\nContact via Zoé.".into(),
                ..person(2, "Élodie", "Dupré")
            },
            Contact {
                emails: labeled(&[("", "jl.legoff@example.fr")]),
                organization: some("Réseau Écoles; Quartiers"),
                title: some("Bénévole"),
                city: some("Saint-Ouen"),
                sectors: strings(&["ONG"]),
                ..person(5, "Jean-Luc", "Le Goff")
            },
            Contact {
                phones: labeled(&[("mobile", "07 00 00 00 01")]),
                ..person(8, "Zoé", "Martin")
            },
        ],
        skipped: vec![Skipped {
            line: 6,
            reason: "no name, email, phone or organisation".into(),
        }],
    };
    assert_eq!(read("excel_fr.csv", Format::Csv), expected);
}

#[test]
fn entries_without_a_name_take_the_email_or_organisation_and_empty_ones_are_skipped() {
    let expected = Parsed {
        contacts: vec![
            Contact {
                emails: labeled(&[("", "contact@example.org")]),
                ..person(1, "contact", "")
            },
            Contact {
                phones: labeled(&[("travail", "01 48 00 00 02")]),
                organization: some("Régie de quartier des Courtillières"),
                ..person(7, "", "Régie de quartier des Courtillières")
            },
        ],
        skipped: vec![Skipped {
            line: 12,
            reason: "no name, email, phone or organisation".into(),
        }],
    };
    assert_eq!(read("unnamed_entries.vcf", Format::VCard), expected);
}

#[test]
fn a_vcard_whose_last_entry_has_no_end_is_refused_at_its_begin_line() {
    let (line, reason) = malformed("broken_no_end.vcf");
    assert_eq!(line, 5);
    assert!(reason.contains("no END:VCARD"), "{reason}");
}

#[test]
fn a_nested_begin_and_an_end_without_begin_are_refused_at_their_line() {
    let (line, reason) = malformed("broken_nested.vcf");
    assert_eq!(line, 4);
    assert!(reason.contains("inside another vCard"), "{reason}");
    let (line, reason) = malformed("broken_end_without_begin.vcf");
    assert_eq!(line, 6);
    assert!(reason.contains("END:VCARD without BEGIN"), "{reason}");
}

#[test]
fn a_csv_without_name_or_email_column_is_refused_naming_its_columns() {
    let (line, reason) = malformed("broken_no_name_column.csv");
    assert_eq!(line, 1);
    assert_eq!(
        reason,
        "no name or email column (found: Structure, Téléphone, Ville)"
    );
}

#[test]
fn empty_and_binary_files_are_refused_at_line_one() {
    assert_eq!(malformed("empty.vcf"), (1, "the file is empty".to_string()));
    let (line, reason) = malformed("broken_binary.xlsx");
    assert_eq!(line, 1);
    assert!(reason.contains("save it as CSV"), "{reason}");
    let (line, reason) = malformed("broken_binary.bin");
    assert_eq!(line, 1);
    assert!(reason.contains("binary"), "{reason}");
    assert!(matches!(
        parse_vcard(&fixture("broken_binary.bin")),
        Err(Error::Malformed { line: 1, .. })
    ));
    assert!(matches!(
        detect(&fixture("empty.vcf")),
        Err(Error::Malformed { line: 1, .. })
    ));
}
