//! vCard reading, from the lexical layer up to whole entries.

use super::lines::{LogicalLines, decode_quoted_printable, split_unescaped, unescape};
use super::*;
use crate::error::Error;

fn logical(input: &str) -> Vec<(usize, String)> {
    LogicalLines::new(input.as_bytes())
        .map(|l| (l.number, String::from_utf8_lossy(&l.bytes).into_owned()))
        .collect()
}

fn one(input: &str) -> Contact {
    let parsed = parse(input.as_bytes()).expect("the vCard parses");
    assert_eq!(parsed.skipped, vec![], "nothing skipped");
    assert_eq!(parsed.contacts.len(), 1, "one contact");
    parsed.contacts.into_iter().next().expect("one contact")
}

fn card(body: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n")
}

fn malformed_line(input: &str) -> (usize, String) {
    match parse(input.as_bytes()) {
        Err(Error::Malformed { line, reason }) => (line, reason),
        other => panic!("expected a malformed-file error, got {other:?}"),
    }
}

#[test]
fn folded_lines_are_joined_whether_continued_by_space_or_tab_with_crlf_or_lf() {
    let lines = logical("NOTE:Première\r\n  ligne\r\n\tsuite\nFN:Zoé\n");
    assert_eq!(
        lines,
        vec![
            (1, "NOTE:Première lignesuite".to_string()),
            (4, "FN:Zoé".to_string())
        ]
    );
}

#[test]
fn quoted_printable_soft_breaks_join_the_next_physical_line() {
    let lines = logical(
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Premi=C3=A8re=\r\n=20ligne=\r\nfin\r\nFN:X\r\n",
    );
    assert_eq!(
        lines[0].1,
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Premi=C3=A8re=20lignefin"
    );
    assert_eq!(lines[1], (4, "FN:X".to_string()));
}

#[test]
fn a_soft_break_never_swallows_the_end_of_the_card() {
    let c = one(
        "BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:Dupr=C3=A9;=C3=89lodie=\nEND:VCARD\n",
    );
    assert_eq!(
        (c.first_name.as_str(), c.last_name.as_str()),
        ("Élodie", "Dupré")
    );
}

#[test]
fn quoted_printable_decodes_hex_and_keeps_stray_equals_signs() {
    assert_eq!(decode_quoted_printable(b"=C3=A9t=C3=A9"), "été".as_bytes());
    assert_eq!(decode_quoted_printable(b"a=3Db =ZZ"), b"a=b =ZZ");
    // A soft line break with no line after it.
    assert_eq!(decode_quoted_printable(b"fin="), b"fin");
    assert_eq!(decode_quoted_printable(b"=e9"), vec![0xE9]);
}

#[test]
fn escapes_resolve_and_unknown_ones_keep_their_backslash() {
    assert_eq!(unescape(r"a\nb\Nc\,d\;e\\f\:g"), "a\nb\nc,d;e\\f:g");
    assert_eq!(unescape(r"C:\dossier\"), r"C:\dossier\");
    assert_eq!(
        split_unescaped(r"Dupré\;Fils;Élodie;", ';').collect::<Vec<_>>(),
        vec![r"Dupré\;Fils", "Élodie", ""]
    );
}

#[test]
fn quoted_printable_in_iso_8859_1_is_read_in_that_charset() {
    let c = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:L=E9ger;Ana=EFs\r\nEND:VCARD\r\n",
    );
    assert_eq!(
        (c.first_name.as_str(), c.last_name.as_str()),
        ("Anaïs", "Léger")
    );
}

#[test]
fn invalid_utf8_outside_quoted_printable_falls_back_to_windows_1252() {
    let mut input = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:H".to_vec();
    input.extend_from_slice(&[0xE9]); // é in Windows-1252
    input.extend_from_slice(b"l\x8Ene Faure\r\nEND:VCARD\r\n"); // 0x8E is Ž
    let parsed = parse(&input).expect("parses");
    assert_eq!(parsed.contacts[0].first_name, "HélŽne");
}

#[test]
fn type_parameters_in_every_style_give_french_labels() {
    let c = one(&card(
        "FN:Inès Moreau\r\n\
         EMAIL;TYPE=INTERNET,WORK:ines@example.org\r\n\
         EMAIL;type=INTERNET;type=HOME:ines.moreau@example.fr\r\n\
         TEL;TYPE=work;TYPE=cell:06 11 22 33 44\r\n\
         TEL;WORK;VOICE:01 23 45 67 89\r\n\
         TEL;TYPE=\"fax,work\":01 23 45 67 90\r\n\
         TEL:09 87 65 43 21\r\n",
    ));
    let labels = |items: &[Labeled]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|l| (l.label.clone(), l.value.clone()))
            .collect()
    };
    assert_eq!(
        labels(&c.emails),
        vec![
            ("travail".into(), "ines@example.org".into()),
            ("domicile".into(), "ines.moreau@example.fr".into())
        ]
    );
    assert_eq!(
        labels(&c.phones),
        vec![
            ("mobile".into(), "06 11 22 33 44".into()),
            ("travail".into(), "01 23 45 67 89".into()),
            ("fax".into(), "01 23 45 67 90".into()),
            ("".into(), "09 87 65 43 21".into())
        ]
    );
}

#[test]
fn grouped_apple_labels_win_over_types_even_when_they_come_first() {
    let c = one(&card(
        "FN:Inès Moreau\r\n\
         item2.X-ABLabel:Permanence\r\n\
         item1.EMAIL;type=INTERNET;type=WORK:ines@example.org\r\n\
         item1.X-ABLabel:_$!<Other>!$_\r\n\
         item2.TEL;type=VOICE:01 23 45 67 89\r\n\
         ITEM3.TEL:06 00 00 00 01\r\n\
         item3.X-ABLabel:_$!<Mobile>!$_\r\n",
    ));
    assert_eq!(c.emails, vec![Labeled::new("", "ines@example.org")]);
    assert_eq!(
        c.phones,
        vec![
            Labeled::new("Permanence", "01 23 45 67 89"),
            Labeled::new("mobile", "06 00 00 00 01")
        ]
    );
}

#[test]
fn tel_uris_lose_their_scheme_and_parameters() {
    let c = one(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Zoé\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+33-6-12-34-56-78\n\
         TEL;VALUE=uri;TYPE=work:tel:+33-1-23-45-67-89;ext=102\nEND:VCARD\n",
    );
    assert_eq!(
        c.phones,
        vec![
            Labeled::new("mobile", "+33-6-12-34-56-78"),
            Labeled::new("travail", "+33-1-23-45-67-89")
        ]
    );
}

#[test]
fn names_come_from_n_or_are_derived_from_fn() {
    let from_fn = one(&card("FN:Élodie Dupré\r\n"));
    assert_eq!(
        (from_fn.first_name.as_str(), from_fn.last_name.as_str()),
        ("Élodie", "Dupré")
    );
    let particle = one(&card("FN:Anne de La Tour\r\n"));
    assert_eq!(
        (particle.first_name.as_str(), particle.last_name.as_str()),
        ("Anne", "de La Tour")
    );
    let from_n = one(&card("N:Le Goff;Jean-Luc;Marie;M.;\r\n"));
    assert_eq!(
        (from_n.first_name.as_str(), from_n.last_name.as_str()),
        ("Jean-Luc Marie", "Le Goff")
    );
    let both = one(&card("N:Dupré;Élodie;;;\r\nFN:Élo D.\r\n"));
    assert_eq!(
        (both.first_name.as_str(), both.last_name.as_str()),
        ("Élodie", "Dupré")
    );
}

#[test]
fn an_organisation_card_is_named_after_the_organisation() {
    let c = one(&card(
        "N:;;;;\r\nFN:Fondation Éclat\r\nORG:Fondation Éclat;\r\nX-ABShowAs:COMPANY\r\n",
    ));
    assert_eq!(
        (c.first_name.as_str(), c.last_name.as_str()),
        ("", "Fondation Éclat")
    );
}

#[test]
fn structured_and_text_values_are_unescaped() {
    let c = one(&card(
        "FN:Zoé Martin\r\n\
         ORG:Collectif Mères\\; Pères;Pôle école\r\n\
         TITLE:Coordinatrice\\, bénévole\r\n\
         NOTE:Ligne 1\\nLigne 2\\, avec virgule\\; et point-virgule \\\\ fin\r\n\
         NOTE:Seconde note\r\n\
         CATEGORIES:Bootcamp 2026,Refus scolaire,myContacts,Virgule\\, incluse\r\n\
         ADR;TYPE=home:;;12 rue des Lilas;Montreuil;;93100;France\r\n\
         URL;type=pref:https\\://example.org/zoe\r\n",
    ));
    assert_eq!(c.organization.as_deref(), Some("Collectif Mères; Pères"));
    assert_eq!(c.title.as_deref(), Some("Coordinatrice, bénévole"));
    assert_eq!(
        c.notes,
        "Ligne 1\nLigne 2, avec virgule; et point-virgule \\ fin\n\nSeconde note"
    );
    assert_eq!(
        c.tags,
        vec!["Bootcamp 2026", "Refus scolaire", "Virgule, incluse"]
    );
    assert_eq!(c.city.as_deref(), Some("Montreuil"));
    assert_eq!(c.urls, vec![Labeled::new("", "https://example.org/zoe")]);
}

#[test]
fn photos_are_skipped_however_long_and_never_stored() {
    let mut body =
        String::from("FN:Zoé Martin\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n");
    for _ in 0..20_000 {
        body.push_str(
            " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n",
        );
    }
    body.push_str("EMAIL:zoe@example.org\r\n");
    let c = one(&card(&body));
    assert_eq!(c.emails, vec![Labeled::new("", "zoe@example.org")]);
    assert!(!format!("{c:?}").contains("AAAA"));
}

#[test]
fn unindented_v21_base64_lines_are_ignored() {
    let c = one(
        "BEGIN:VCARD\nVERSION:2.1\nN:Martin;Zoé\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ\nAAAABBBBCCCC\nDDDDEEEE\n\nTEL;CELL:06 12\nEND:VCARD\n",
    );
    assert_eq!(c.phones, vec![Labeled::new("mobile", "06 12")]);
}

#[test]
fn property_names_are_case_insensitive_and_unknown_ones_ignored() {
    let c = one(
        "begin:vcard\nversion:3.0\nfn:Zoé Martin\nemail;type=work:zoe@example.org\nX-SOCIALPROFILE:x\nBDAY:1990-01-01\nend:vcard\n",
    );
    assert_eq!(c.emails, vec![Labeled::new("travail", "zoe@example.org")]);
}

#[test]
fn entries_without_names_are_named_from_what_they_have_or_skipped() {
    let input = format!(
        "{}{}{}",
        card("EMAIL:contact@example.org\r\n"),
        card("ORG:Mairie de Bobigny\r\nEMAIL:accueil@example.fr\r\n"),
        card("NOTE:rien d'autre\r\n"),
    );
    let parsed = parse(input.as_bytes()).expect("parses");
    let names: Vec<(&str, &str)> = parsed
        .contacts
        .iter()
        .map(|c| (c.first_name.as_str(), c.last_name.as_str()))
        .collect();
    assert_eq!(names, vec![("contact", ""), ("", "Mairie de Bobigny")]);
    assert_eq!(
        parsed.skipped,
        vec![Skipped {
            line: 10,
            reason: "no name, email, phone or organisation".into()
        }]
    );
}

#[test]
fn contacts_carry_the_line_of_their_begin() {
    let input = format!(
        "\r\n{}\r\n{}",
        card("FN:Un Deux\r\n"),
        card("FN:Trois Quatre\r\n")
    );
    let parsed = parse(input.as_bytes()).expect("parses");
    let lines: Vec<usize> = parsed.contacts.iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![2, 7]);
}

#[test]
fn structural_errors_name_the_exact_line() {
    let (line, reason) = malformed_line("BEGIN:VCARD\nFN:A B\nEND:VCARD\n\nBEGIN:VCARD\nFN:C D\n");
    assert_eq!(line, 5);
    assert!(reason.contains("no END:VCARD"), "{reason}");

    let (line, reason) = malformed_line("BEGIN:VCARD\nFN:A B\nEND:VCARD\nEND:VCARD\n");
    assert_eq!(line, 4);
    assert!(reason.contains("without BEGIN"), "{reason}");

    let (line, reason) = malformed_line("BEGIN:VCARD\nFN:A B\nBEGIN:VCARD\nFN:C D\nEND:VCARD\n");
    assert_eq!(line, 3);
    assert!(reason.contains("begun on line 1"), "{reason}");

    let (line, _) = malformed_line("FN:A B\n");
    assert_eq!(line, 1);
}

#[test]
fn line_numbers_count_folded_and_soft_broken_physical_lines() {
    let input = "BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:a=\nb=\nc\nNOTE:x\n y\nEND:VCARD\nEND:VCARD\n";
    let (line, _) = malformed_line(input);
    assert_eq!(line, 8);
}

#[test]
fn parameters_longer_than_the_bound_refuse_the_file_with_their_line() {
    let flood = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne\r\nEMAIL;TYPE={}:anne@example.org\r\nEND:VCARD\r\n",
        ",".repeat(super::lines::MAX_HEAD_BYTES)
    );
    match crate::import::parse_vcard(flood.as_bytes()) {
        Err(crate::Error::Malformed { line, reason }) => {
            assert_eq!(line, 4);
            assert!(reason.contains("at most 8192"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Folded over many physical lines, it is named by the line it starts on.
    let folded = format!(
        "BEGIN:VCARD\r\nFN:Anne\r\nEMAIL;TYPE={}:a@example.org\r\nEND:VCARD\r\n",
        ",,,,,,,,\r\n ".repeat(2000)
    );
    assert!(matches!(
        crate::import::parse_vcard(folded.as_bytes()),
        Err(crate::Error::Malformed { line: 3, .. })
    ));
    // Real parameters pass.
    let c = one(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anne\r\nADR;TYPE=home;LABEL=\"12 rue des Lilas\\n93100 Montreuil\":;;12 rue des Lilas;Montreuil;;93100;France\r\nEND:VCARD\r\n",
    );
    assert_eq!(c.city.as_deref(), Some("Montreuil"));
}

#[test]
fn values_made_of_separators_give_no_empty_names_tags_or_organisation() {
    let c = one(&format!(
        "BEGIN:VCARD\r\nN:{};Anne{};;;\r\nORG:{}\r\nCATEGORIES:{}bénévole{}Bénévole,,\r\nEND:VCARD\r\n",
        ",".repeat(10_000),
        ",".repeat(10_000),
        ";".repeat(10_000),
        ",".repeat(10_000),
        ",".repeat(10_000),
    ));
    assert_eq!((c.first_name.as_str(), c.last_name.as_str()), ("Anne", ""));
    assert_eq!(c.organization, None);
    assert_eq!(c.tags, vec!["bénévole"]);
}
