//! Exports, checked on their own and read back by Flocon's importers.

use super::vcard::{escape, push_folded};
use super::*;
use crate::import::{Contact, parse_csv, parse_vcard};
use crate::person::{Labeled, PersonDraft};
use crate::store::Store;
use crate::vocab::Sector;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store opens");
    (dir, store)
}

/// People with everything that is hard to export: accents, labels known and custom, commas,
/// semicolons, backslashes and line breaks, cells that look like formulas, a long note.
fn tricky_people(store: &Store) -> Vec<Person> {
    let mut elodie = PersonDraft {
        first_name: "Élodie".into(),
        last_name: "Dupré-Lefèvre".into(),
        emails: vec![
            Labeled::new("travail", "elodie@example.org"),
            Labeled::new("domicile", "elodie.dupre@example.fr"),
            Labeled::new("Asso des Lilas", "lilas@example.org"),
        ],
        phones: vec![
            Labeled::new("mobile", "06 12 34 56 78"),
            Labeled::new("", "+33 1 23 45 67 89"),
            Labeled::new("fax", "01 23 45 67 90"),
        ],
        organization: Some("Collectif des Mères; Pôle école, Montreuil".into()),
        tags: vec!["Bootcamp 2026".into(), "refus scolaire, collège".into()],
        notes: "## Rencontre\nTrès engagée; voir « école », C:\\dossier.\r\n- première action\n\n=SOMME(A1)"
            .into(),
        ..PersonDraft::default()
    };
    elodie.profile.sectors = vec![Sector::Collective, Sector::Research];
    let hyperlink = PersonDraft {
        first_name: "=HYPERLINK(\"http://evil.example.org\",\"clic\")".into(),
        last_name: "@Martin".into(),
        phones: vec![Labeled::new("", "+33 6 12 00 00 00")],
        organization: Some("-Collectif".into()),
        tags: vec!["Réseau, partenaires".into()],
        notes: "'citation' d'abord".into(),
        ..PersonDraft::default()
    };
    let long = PersonDraft {
        first_name: "Zoé".into(),
        notes: "Une note très longue où l'on parle d'été, de Noël et d'œuvres — ".repeat(20),
        ..PersonDraft::default()
    };
    [elodie, hyperlink, long]
        .into_iter()
        .map(|d| store.create_person(d).expect("created"))
        .collect()
}

/// What both formats must carry unchanged.
fn essentials(
    first: &str,
    last: &str,
    emails: &[Labeled],
    phones: &[Labeled],
    org: Option<&str>,
    tags: &[String],
    notes: &str,
) -> String {
    format!("{first}|{last}|{emails:?}|{phones:?}|{org:?}|{tags:?}|{notes:?}")
}

fn of_person(p: &Person) -> String {
    let notes = p.notes.replace("\r\n", "\n");
    essentials(
        &p.first_name,
        &p.last_name,
        &p.emails,
        &p.phones,
        p.organization.as_deref(),
        &p.tags,
        &notes,
    )
}

fn of_contact(c: &Contact) -> String {
    essentials(
        &c.first_name,
        &c.last_name,
        &c.emails,
        &c.phones,
        c.organization.as_deref(),
        &c.tags,
        &c.notes.replace("\r\n", "\n"),
    )
}

#[test]
fn vcard_lines_fold_at_75_octets_without_cutting_a_character() {
    let line = format!("NOTE:{}", "é€😀a".repeat(40));
    let mut out = String::new();
    push_folded(&mut out, &line);
    assert!(out.ends_with("\r\n"));
    let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    assert!(physical.len() > 5);
    for (i, l) in physical.iter().enumerate() {
        assert!(l.len() <= 75, "line {i} has {} octets", l.len());
        assert_eq!(l.starts_with(' '), i > 0);
        // A full line is one character short of 75 only when the next one would not fit.
        if i + 1 < physical.len() {
            let next = physical[i + 1][1..].chars().next().expect("a character");
            assert!(l.len() + next.len_utf8() > 75);
        }
    }
    let unfolded: String = physical
        .iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
        .collect();
    assert_eq!(unfolded, line);
}

#[test]
fn short_vcard_lines_are_not_folded() {
    let mut out = String::new();
    push_folded(&mut out, &"a".repeat(75));
    assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
}

#[test]
fn vcard_text_escapes_commas_semicolons_backslashes_and_every_line_break() {
    assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
}

#[test]
fn cells_that_start_like_formulas_are_neutralised_and_restored() {
    for (cell, safe) in [
        (
            "=HYPERLINK(\"http://x\",\"y\")",
            "'=HYPERLINK(\"http://x\",\"y\")",
        ),
        ("+33 6 12", "'+33 6 12"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t'=1"),
        ("\r=1", "'\r'=1"),
        ("a;=cmd|' /C calc'!A0", "a;'=cmd|' /C calc'!A0"),
        ("ligne\n- point\r\n+ autre", "ligne\n'- point\r\n'+ autre"),
        ("x, +1;  @a", "x, '+1;  '@a"),
        ("a;\"=1\"", "a;\"'=1\""),
        ("a;'b", "a;''b"),
        ("5 - 3 = 2", "5 - 3 = 2"),
        ("'déjà cité", "''déjà cité"),
        ("Élodie", "Élodie"),
        ("06 12", "06 12"),
        ("", ""),
    ] {
        assert_eq!(neutralise(cell), safe);
        assert_eq!(unneutralise(safe), cell);
    }
    assert_eq!(unneutralise("'Tit"), "'Tit");
}

#[test]
fn csv_export_has_the_documented_header_and_no_cell_a_spreadsheet_would_run() {
    let (_dir, store) = temp_store();
    let people = tricky_people(&store);
    let csv = to_csv(&people);
    let mut rows = csv.split("\r\n");
    assert_eq!(
        rows.next(),
        Some(
            "id,first_name,last_name,emails,phones,organization,sector,tags,notes,created_at,updated_at"
        )
    );
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil.example.org\"\",\"\"clic\"\")\",'@Martin,")
    );
    assert!(csv.contains(",'+33 6 12 00 00 00,'-Collectif,"));
    assert!(csv.contains(
        "travail: elodie@example.org | domicile: elodie.dupre@example.fr | Asso des Lilas: lilas@example.org"
    ));
    assert!(
        csv.contains(",research | collective,"),
        "sector codes in the stored order"
    );
    let reader = ::csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    for record in reader.into_records() {
        let record = record.expect("a valid CSV record");
        assert_eq!(record.len(), CSV_HEADER.len());
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn csv_export_reads_back_with_the_same_names_emails_phones_org_tags_notes_and_sectors() {
    let (_dir, store) = temp_store();
    let people = tricky_people(&store);
    let parsed = parse_csv(to_csv(&people).as_bytes()).expect("Flocon reads its own CSV");
    assert_eq!(parsed.skipped, vec![]);
    assert_eq!(parsed.contacts.len(), people.len());
    for (person, contact) in people.iter().zip(&parsed.contacts) {
        assert_eq!(of_contact(contact), of_person(person));
        let codes: Vec<&str> = person.profile.sectors.iter().map(|s| s.code()).collect();
        assert_eq!(contact.sectors, codes);
    }
    assert_eq!(
        parsed.contacts[0].notes,
        people[0].notes.replace("\r\n", "\n"),
        "line breaks come back as \\n"
    );
}

#[test]
fn vcard_export_reads_back_with_the_same_names_emails_phones_org_tags_and_notes() {
    let (_dir, store) = temp_store();
    let people = tricky_people(&store);
    let vcf = to_vcard(&people);
    let parsed = parse_vcard(vcf.as_bytes()).expect("Flocon reads its own vCard");
    assert_eq!(parsed.skipped, vec![]);
    assert_eq!(parsed.contacts.len(), people.len());
    for (person, contact) in people.iter().zip(&parsed.contacts) {
        assert_eq!(of_contact(contact), of_person(person));
    }
}

#[test]
fn vcard_export_writes_a_valid_vcard_4_with_crlf_and_uids() {
    let (_dir, store) = temp_store();
    let people = tricky_people(&store);
    let vcf = to_vcard(&people[..1]);
    let p = &people[0];
    assert!(vcf.ends_with("END:VCARD\r\n"));
    assert!(
        !vcf.replace("\r\n", "").contains('\n'),
        "only CRLF line endings"
    );
    let lines: Vec<&str> = vcf.split("\r\n").filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(&lines[..2], ["BEGIN:VCARD", "VERSION:4.0"]);
    for expected in [
        format!("UID:urn:uuid:{}", p.id),
        "FN:Élodie Dupré-Lefèvre".to_string(),
        "N:Dupré-Lefèvre;Élodie;;;".to_string(),
        "EMAIL;TYPE=work:elodie@example.org".to_string(),
        "EMAIL;TYPE=home:elodie.dupre@example.fr".to_string(),
        "item1.EMAIL:lilas@example.org".to_string(),
        "item1.X-ABLabel:Asso des Lilas".to_string(),
        "TEL;VALUE=text;TYPE=cell:06 12 34 56 78".to_string(),
        "TEL;VALUE=text:+33 1 23 45 67 89".to_string(),
        "TEL;VALUE=text;TYPE=fax:01 23 45 67 90".to_string(),
        "ORG:Collectif des Mères\\; Pôle école\\, Montreuil".to_string(),
        "CATEGORIES:Bootcamp 2026,refus scolaire\\, collège".to_string(),
        format!("REV:{}", p.updated_at.format("%Y%m%dT%H%M%SZ")),
    ] {
        assert!(
            lines.contains(&expected.as_str()),
            "missing {expected:?} in\n{vcf}"
        );
    }
}

#[test]
fn json_export_is_every_field_of_every_person_and_reads_back_identical() {
    let (_dir, store) = temp_store();
    let people = tricky_people(&store);
    let json = to_json(&people).expect("JSON written");
    assert!(json.starts_with("[\n  {"), "pretty-printed");
    let back: Vec<Person> = serde_json::from_str(&json).expect("JSON read back");
    assert_eq!(back, people);
}

/// The cells a spreadsheet told to split on `separator` reads in `csv`: quotes open a cell
/// only at its start, as in LibreOffice and Excel, and a line break outside them ends a row.
fn spreadsheet_cells(csv: &str, separator: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut at_start, mut quoted) = (true, false);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
        } else if at_start && c == '"' {
            quoted = true;
            at_start = false;
        } else if c == separator || c == '\n' || c == '\r' {
            cells.push(std::mem::take(&mut cell));
            at_start = true;
        } else {
            at_start = at_start && c == ' ';
            cell.push(c);
        }
    }
    cells.push(cell);
    cells
}

fn runs_as_formula(cell: &str) -> bool {
    cell.trim_start_matches([' ', '"'])
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn no_cell_runs_whatever_separator_the_spreadsheet_splits_on() {
    let (_dir, store) = temp_store();
    let mut people = tricky_people(&store);
    let mut hostile = PersonDraft {
        first_name: "a;=cmd|' /C calc'!A0".into(),
        last_name: "Dupont,@SUM(1)".into(),
        notes: "Ordre du jour\n- point un\n=1+1\n  +33 6 12\tx\t-2;\"=3\"".into(),
        tags: vec!["x; -1".into()],
        ..PersonDraft::default()
    };
    hostile.emails = vec![Labeled::new("", "a@example.org")];
    people.push(store.create_person(hostile).expect("created"));
    let csv = to_csv(&people);
    for separator in [',', ';', '\t'] {
        for cell in spreadsheet_cells(&csv, separator) {
            assert!(!runs_as_formula(&cell), "{separator:?} reads {cell:?}");
        }
    }
    let back = parse_csv(csv.as_bytes()).expect("read back");
    let last = back.contacts.last().expect("the hostile person");
    assert_eq!(last.first_name, "a;=cmd|' /C calc'!A0");
    assert_eq!(last.last_name, "Dupont,@SUM(1)");
    assert!(
        last.notes.ends_with("\n=1+1\n  +33 6 12\tx\t-2;\"=3\""),
        "{:?}",
        last.notes
    );
}

proptest::proptest! {
    #[test]
    fn neutralising_is_undone_exactly_and_leaves_no_cell_start_a_formula(
        cell in "[=+@'; ,\"a\t\r\n-]{0,12}"
    ) {
        let safe = neutralise(&cell);
        proptest::prop_assert_eq!(unneutralise(&safe), cell.as_str());
        for separator in [',', ';', '\t'] {
            for part in spreadsheet_cells(&safe, separator) {
                proptest::prop_assert!(!runs_as_formula(&part), "{:?} in {:?}", part, safe);
            }
        }
    }
}
