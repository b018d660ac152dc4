//! Flocon's vCard export read by an independent parser, Python's `vobject`
//! (`tests/vobject_reads_export.py`): what another program understands of the file must be
//! exactly what Flocon meant. The test fails, rather than passing silently, when python3 or
//! vobject is missing.

use std::path::PathBuf;
use std::process::Command;

use flocon_core::export::to_vcard;
use flocon_core::person::{Labeled, Person, PersonDraft};
use flocon_core::store::Store;
use serde_json::{Value, json};

const INSTALL_HINT: &str = "run `scripts/install-deps --test` (or `pip install vobject`)";

fn people(store: &Store) -> Vec<Person> {
    let drafts = [
        PersonDraft {
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
                Labeled::new("", "tel:+33148570000"),
            ],
            organization: Some("Collectif des Mères; Pôle école, Montreuil".into()),
            tags: vec!["Bootcamp 2026".into(), "refus scolaire, collège".into()],
            notes: "Rencontre du 12 mars, au collège.\nSuite : café des parents; à relancer.\n\
                    Chemin : C:\\partage\\notes"
                .into(),
            ..PersonDraft::default()
        },
        PersonDraft {
            first_name: "Jean-Luc".into(),
            last_name: "N'Diaye".into(),
            emails: vec![Labeled::new("", "jl.ndiaye@example.fr")],
            notes: "Une note très longue où l'on parle d'été, de Noël, d'œuvres et de « fêtes »; "
                .repeat(12),
            ..PersonDraft::default()
        },
        PersonDraft {
            first_name: "Zoé".into(),
            ..PersonDraft::default()
        },
    ];
    drafts
        .into_iter()
        .map(|d| store.create_person(d).expect("person created"))
        .collect()
}

/// Runs the Python reader on `path` and returns the cards it read.
fn read_with_vobject(path: &std::path::Path) -> Vec<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vobject_reads_export.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("python3 could not be run ({e}): {INSTALL_HINT}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {}
        Some(3) => panic!("vobject is missing: {INSTALL_HINT}\n{stderr}"),
        _ => panic!("vobject could not read Flocon's vCard export:\n{stderr}"),
    }
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}

fn items(values: &[Value]) -> Vec<(String, Vec<String>, Option<String>)> {
    values
        .iter()
        .map(|v| {
            let types = v["types"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            (
                v["value"].as_str().unwrap_or_default().to_string(),
                types,
                v["label"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn item(value: &str, types: &[&str], label: Option<&str>) -> (String, Vec<String>, Option<String>) {
    (
        value.to_string(),
        types.iter().map(|t| t.to_string()).collect(),
        label.map(str::to_string),
    )
}

#[test]
fn vobject_reads_flocon_vcards_with_the_same_names_emails_phones_and_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store opens");
    let people = people(&store);
    let vcf = to_vcard(&people);
    assert!(
        vcf.split("\r\n").any(|l| l.starts_with(' ')),
        "the long note is folded, so the reader has to unfold it"
    );
    let path = dir.path().join("export.vcf");
    std::fs::write(&path, &vcf).expect("export written");

    let cards = read_with_vobject(&path);
    assert_eq!(cards.len(), people.len());
    for (card, person) in cards.iter().zip(&people) {
        assert_eq!(card["version"], "4.0");
        assert_eq!(card["uid"], format!("urn:uuid:{}", person.id));
        assert_eq!(card["given"], person.first_name.as_str());
        assert_eq!(card["family"], person.last_name.as_str());
        let full = format!("{} {}", person.first_name, person.last_name);
        assert_eq!(card["fn"], full.trim());
        let note = (!person.notes.is_empty()).then_some(person.notes.as_str());
        assert_eq!(card["note"].as_str(), note, "note of {full}");
    }

    let elodie = &cards[0];
    assert_eq!(
        items(elodie["emails"].as_array().expect("emails")),
        vec![
            item("elodie@example.org", &["work"], None),
            item("elodie.dupre@example.fr", &["home"], None),
            item("lilas@example.org", &[], Some("Asso des Lilas")),
        ]
    );
    assert_eq!(
        items(elodie["phones"].as_array().expect("phones")),
        vec![
            item("06 12 34 56 78", &["cell"], None),
            item("+33 1 23 45 67 89", &[], None),
            item("tel:+33148570000", &[], None),
        ]
    );
    assert_eq!(
        elodie["phones"][2]["value_type"],
        json!(["uri"]),
        "a tel: URI is marked as one"
    );
    assert_eq!(
        elodie["org"],
        json!(["Collectif des Mères; Pôle école, Montreuil"])
    );
    assert_eq!(
        elodie["categories"],
        json!(["Bootcamp 2026", "refus scolaire, collège"])
    );
    assert_eq!(
        items(cards[1]["emails"].as_array().expect("emails")),
        vec![item("jl.ndiaye@example.fr", &[], None)]
    );
    assert_eq!(cards[2]["emails"], json!([]));
}
