//! XSS: hostile text in every kind of field — typed, imported from a vCard or a CSV, or
//! arriving through sync — is kept as the text it is, and never becomes markup that runs:
//! Markdown rendering lets no script, event handler or `javascript:`/`data:` URL through, and
//! the HTML exports escape what they do not render.
//!
//! "Never runs" is checked on the HTML's actual tags (see `dangers`): the escaped text of a
//! payload (`&lt;script&gt;`) is harmless and expected, a real `<script` tag is not.

use std::path::Path;

use chrono::{Duration, Utc};

use crate::export::{report_html, session_html};
use crate::markdown::to_safe_html;
use crate::organization::OrganizationDraft;
use crate::person::PersonDraft;
use crate::report::ReportQuery;
use crate::session::{SessionDraft, SessionText};
use crate::store::Store;
use crate::sync::{KdfParams, open_or_create};
use crate::text::tidy;
use crate::vocab::{OrganizationKind, SessionFormat};

/// What attackers paste: classic tags, handlers, URL schemes, entity and case tricks,
/// mutation-XSS shapes and broken markup.
pub(crate) const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "\"><iframe srcdoc=\"<script>alert(1)</script>\">",
    "'><script>alert(1)</script>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](javascript&colon;alert(1))",
    "[clic]( javascript:alert(1) \"titre\")",
    "![image](javascript:alert(1))",
    "[données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"https://example.org\" onclick=\"alert(1)\" style=\"position:fixed\">x</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(2)\">x</button></form>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(2)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\"><link rel=stylesheet href=x>",
    "<body onload=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<input autofocus onfocus=alert(1)>",
    "<template><img src=x onerror=alert(1)></template>",
    "``<img src=x onerror=alert(1)>``",
    "<a href=\"https://example.org\">lien sûr</a> et **gras**",
];

/// What in `html` could run: forbidden elements, event-handler and style attributes, and URL
/// attributes whose scheme is not http(s), mailto or tel. Tags are read as a browser's
/// tokenizer would find them in element content (text and escaped text are skipped).
pub(crate) fn dangers(html: &str) -> Vec<String> {
    const FORBIDDEN: &[&str] = &[
        "script",
        "iframe",
        "frame",
        "frameset",
        "img",
        "svg",
        "math",
        "object",
        "embed",
        "form",
        "button",
        "style",
        "meta",
        "base",
        "link",
        "body",
        "html",
        "noscript",
        "template",
        "audio",
        "video",
        "source",
        "applet",
        "xmp",
        "plaintext",
        "textarea",
        "select",
        "option",
    ];
    const URL_ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "srcdoc",
        "background",
        "poster",
        "lowsrc",
        "dynsrc",
        "codebase",
        "content",
        "srcset",
    ];
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        i = start + 1;
        // Comments hide nothing from us but run nothing either: skip them whole.
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let rest = &html[start + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if FORBIDDEN.contains(&name.as_str()) {
            found.push(format!(
                "<{}{name}> element",
                if closing { "/" } else { "" }
            ));
        }
        // The attributes, up to the tag's end (quotes respected).
        let mut j = start + 1 + usize::from(closing) + name.len();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let attr_start = j;
            while j < bytes.len() && !matches!(bytes[j], b'=' | b'>' | b' ' | b'\t' | b'\n' | b'/')
            {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                if j < bytes.len() && matches!(bytes[j], b'"' | b'\'') {
                    let quote = bytes[j];
                    let end = html[j + 1..]
                        .find(quote as char)
                        .map_or(html.len(), |e| j + 1 + e);
                    value = html[j + 1..end].to_string();
                    j = (end + 1).min(html.len());
                } else {
                    let end = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(html.len(), |e| j + e);
                    value = html[j..end].to_string();
                    j = end;
                }
            }
            if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                found.push(format!("{attr}= attribute on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && !safe_url(&value) {
                found.push(format!("{attr}={value:?} on <{name}>"));
            }
        }
        i = j.max(i);
    }
    found
}

/// Whether a URL attribute's value is harmless: no scheme (relative) or an allowed one, after
/// decoding the character references and dropping the blanks a browser ignores.
fn safe_url(value: &str) -> bool {
    let decoded = decode_references(value);
    let compact: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match compact.find([':', '/', '?', '#']) {
        Some(at) if compact[at..].starts_with(':') => {
            matches!(&compact[..at], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Numeric character references and the named ones that build URLs.
fn decode_references(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').unwrap_or(rest.len());
        let entity = &rest[1..end];
        let decoded = if let Some(hex) = entity
            .strip_prefix("#x")
            .or_else(|| entity.strip_prefix("#X"))
        {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = entity.strip_prefix('#') {
            dec.parse().ok().and_then(char::from_u32)
        } else {
            match entity {
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "amp" => Some('&'),
                "sol" => Some('/'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn assert_harmless(html: &str, context: &str) {
    let found = dangers(html);
    assert!(found.is_empty(), "{context}: {found:?} in\n{html}");
}

/// A standalone exported page: its own skeleton (one head with the CSP meta and the inline
/// style), then a body where nothing may run.
fn assert_harmless_page(html: &str, context: &str) {
    let head_end = html.find("</head>\n<body>\n").expect("a head then a body");
    let head = &html[..head_end];
    assert_eq!(
        head.matches("<meta").count(),
        2,
        "{context}: only the page's metas\n{html}"
    );
    assert_eq!(
        head.matches("<style").count(),
        1,
        "{context}: only the page's style\n{html}"
    );
    assert!(
        head.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"),
        "{context}: the page forbids scripts itself\n{html}"
    );
    let body = &html[head_end + "</head>\n<body>\n".len()..];
    let body = body
        .strip_suffix("</body>\n</html>\n")
        .expect("the page ends with its body");
    assert_harmless(body, context);
    assert!(
        !body.contains("</body>"),
        "{context}: a payload closed the body\n{html}"
    );
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store");
    (dir, store)
}

/// Names are tidied (blanks collapsed): compare them that way.
fn same_name(stored: &str, typed: &str) -> bool {
    stored == tidy(typed)
}

#[test]
fn the_checker_sees_real_tags_and_urls_and_ignores_escaped_text() {
    // Without this, the tests below could pass by looking for the wrong thing.
    assert!(!dangers("<p><script>alert(1)</script></p>").is_empty());
    assert!(!dangers("<a href=\"javascript:alert(1)\">x</a>").is_empty());
    assert!(!dangers("<a href=\"&#106;avascript:alert(1)\">x</a>").is_empty());
    assert!(!dangers("<a href=\"java&#x09;script:alert(1)\">x</a>").is_empty());
    assert!(!dangers("<a href=javascript&colon;alert(1)>x</a>").is_empty());
    assert!(!dangers("<p onclick=alert(1)>x</p>").is_empty());
    assert!(!dangers("<div><IMG SRC=x>").is_empty());
    assert!(!dangers("<a href=\"data:text/html,x\">x</a>").is_empty());
    assert!(dangers("<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1)</p>").is_empty());
    assert!(dangers("<a href=\"https://example.org\" rel=\"noopener\">x</a>").is_empty());
    assert!(
        dangers("<a href=\"mailto:a@example.org\">x</a> <a href=\"/relatif\">y</a>").is_empty()
    );
}

#[test]
fn markdown_rendering_lets_no_payload_run_alone_or_mixed_with_real_markdown() {
    for payload in PAYLOADS {
        assert_harmless(&to_safe_html(payload), payload);
        let note = format!(
            "## Réunion\n\n- {payload}\n\n> {payload}\n\n| a | b |\n|---|---|\n| {payload} | x |\n\n`{payload}`"
        );
        assert_harmless(&to_safe_html(&note), payload);
    }
    let all = PAYLOADS.join("\n\n");
    assert_harmless(&to_safe_html(&all), "all payloads in one note");
    // Real content survives the cleaning.
    let html = to_safe_html("<a href=\"https://example.org\">lien sûr</a> et **gras**");
    assert!(html.contains("href=\"https://example.org\""), "{html}");
    assert!(html.contains("<strong>gras</strong>"), "{html}");
}

#[test]
fn payloads_typed_into_a_person_are_stored_as_typed_and_render_harmless() {
    let (_dir, store) = temp_store();
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let person = store
            .create_person(PersonDraft {
                first_name: (*payload).into(),
                last_name: format!("Essai {i}"),
                organization: Some((*payload).into()),
                notes: (*payload).into(),
                ..PersonDraft::default()
            })
            .expect("a hostile text is still a valid text");
        let back = store.get_person(person.id).expect("read back");
        assert!(same_name(&back.first_name, payload), "{back:?}");
        assert_eq!(back.notes, *payload, "notes are kept as typed");
        assert_harmless(&to_safe_html(&back.notes), payload);
    }
}

/// One vCard per payload, the payload in the name, the organisation, the note and the URL.
fn hostile_vcards() -> String {
    let escape = |text: &str| {
        text.replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;")
            .replace('\n', "\\n")
    };
    PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Essai {i};{};;;\r\nFN:{} Essai {i}\r\nORG:{}\r\nNOTE:{}\r\nURL:javascript:alert({i})\r\nEND:VCARD\r\n",
                escape(p),
                escape(p),
                escape(p),
                escape(p)
            )
        })
        .collect()
}

/// One CSV row per payload (quotes doubled).
fn hostile_csv() -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let mut out = String::from("Prénom,Nom,Notes,Ville\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        out.push_str(&format!(
            "{},Essai {i},{},{}\n",
            quote(p),
            quote(p),
            quote(p)
        ));
    }
    out
}

#[test]
fn payloads_imported_from_vcard_and_csv_are_kept_as_text_and_render_harmless() {
    for (format, file) in [("vcard", hostile_vcards()), ("csv", hostile_csv())] {
        let (_dir, store) = temp_store();
        let report = store.import(file.as_bytes(), false).expect("imported");
        assert_eq!(
            report.created.len(),
            PAYLOADS.len(),
            "{format}: every hostile entry is a contact ({report:?})"
        );
        for entry in &report.created {
            let id = entry.person_id.expect("a created person");
            let person = store.get_person(id).expect("read back");
            let i: usize = person
                .last_name
                .strip_prefix("Essai ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{format}: unexpected last name {person:?}"));
            let payload = PAYLOADS[i];
            assert!(
                same_name(&person.first_name, payload),
                "{format}: the name is kept as text: {:?} for {payload:?}",
                person.first_name
            );
            assert!(
                person.notes.contains(payload),
                "{format}: the note is kept as text: {:?} for {payload:?}",
                person.notes
            );
            assert_harmless(&to_safe_html(&person.notes), payload);
            // A `javascript:` URL from the file is kept as text (the UI links only http(s):
            // ui/src/lib/security/xss.test.ts checks the contact page).
            if let Some(site) = &person.profile.website {
                assert_eq!(site, &format!("javascript:alert({i})"), "{format}");
            }
        }
    }
}

fn sync_both(a: &Store, b: &Store, folder: &Path) {
    let key = open_or_create(folder, "phrase de l'équipe", KdfParams::FAST_FOR_TESTS).expect("key");
    a.sync_with_folder(folder, &key).expect("sync a");
    b.sync_with_folder(folder, &key).expect("sync b");
}

#[test]
fn payloads_arriving_through_sync_are_applied_as_text_and_render_harmless() {
    let (dir_a, a) = temp_store();
    let (_dir_b, b) = temp_store();
    let folder = dir_a.path().join("partage");
    let mut sent = Vec::new();
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let person = a
            .create_person(PersonDraft {
                first_name: (*payload).into(),
                last_name: format!("Essai {i}"),
                notes: (*payload).into(),
                ..PersonDraft::default()
            })
            .expect("person");
        sent.push((person.id, *payload));
    }
    let org = a
        .create_organization(OrganizationDraft {
            description: PAYLOADS.join("\n\n"),
            ..OrganizationDraft::new(PAYLOADS[0], OrganizationKind::Collective)
        })
        .expect("organisation");
    sync_both(&a, &b, &folder);
    for (id, payload) in sent {
        let person = b.get_person(id).expect("arrived");
        assert!(same_name(&person.first_name, payload), "{person:?}");
        assert_eq!(person.notes, payload, "the synced note is the text sent");
        assert_harmless(&to_safe_html(&person.notes), payload);
    }
    let arrived = b.get_organization(org.id).expect("arrived");
    assert_eq!(arrived.fields.description, PAYLOADS.join("\n\n"));
    assert_harmless(
        &to_safe_html(&arrived.fields.description),
        "organisation description",
    );
    // Search results carry the hostile text as text too (the UI shows it as text).
    let hits = b.search("alert", 50).expect("search");
    assert!(!hits.is_empty(), "the synced texts are indexed");
}

#[test]
fn the_session_and_report_html_exports_escape_or_clean_every_payload() {
    let (_dir, store) = temp_store();
    let org = store
        .create_organization(OrganizationDraft::new(
            "<img src=x onerror=alert('collectif')>",
            OrganizationKind::Collective,
        ))
        .expect("organisation");
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let session = store
            .create_session(
                SessionDraft {
                    title: format!("{payload} {i}"),
                    engagement_id: None,
                    organizations: vec![org.id],
                    starts_at: Utc::now() - Duration::hours(2),
                    duration_minutes: 60,
                    place: (*payload).into(),
                    format: SessionFormat::Collective,
                    participants: Vec::new(),
                    facilitators: Vec::new(),
                    preparation: (*payload).into(),
                    notes: String::new(),
                    decisions: vec![(*payload).into()],
                    next_session_on: None,
                },
                None,
            )
            .expect("session");
        store
            .save_session_text(session.id, SessionText::Notes, payload)
            .expect("notes");
        let session = store.get_session(session.id).expect("read back");
        assert_eq!(session.notes, *payload);
        assert_harmless_page(&session_html(&session, &Utc), payload);
    }
    let today = Utc::now().date_naive();
    let report = store
        .activity_report(ReportQuery {
            from: today - Duration::days(1),
            to: today,
        })
        .expect("report");
    let html = report_html(&report, &Utc);
    assert!(
        html.contains("&lt;img src=x onerror=alert(&#39;collectif&#39;)&gt;"),
        "the collective's name is in the report, escaped: {html}"
    );
    assert_harmless_page(&html, "activity report");
}

/// The UI's XSS tests (ui/src/lib/security/xss.test.ts) put the HTML this renderer really
/// makes of every payload into the components that show rendered Markdown: the file they
/// read must be what the renderer makes today. To write it again:
/// `FLOCON_UPDATE_XSS_FIXTURE=1 cargo test -p flocon-core --lib xss_tests`.
#[test]
fn the_ui_fixture_of_rendered_payloads_is_current() {
    let all = PAYLOADS.join("\n\n");
    let rendered: Vec<serde_json::Value> = PAYLOADS
        .iter()
        .map(|p| serde_json::json!({ "markdown": p, "html": to_safe_html(p) }))
        .chain([serde_json::json!({ "markdown": all, "html": to_safe_html(&all) })])
        .collect();
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "note": "Made by crates/flocon-core/src/xss_tests.rs (FLOCON_UPDATE_XSS_FIXTURE=1); do not edit.",
        "payloads": PAYLOADS,
        "rendered": rendered,
    }))
    .expect("JSON")
        + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/lib/security/rendered-payloads.gen.json");
    if std::env::var_os("FLOCON_UPDATE_XSS_FIXTURE").is_some() {
        std::fs::write(&path, &json).expect("fixture written");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == json,
        "{} is stale: run FLOCON_UPDATE_XSS_FIXTURE=1 cargo test -p flocon-core --lib xss_tests",
        path.display()
    );
}

#[test]
fn the_gdpr_export_page_escapes_every_payload() {
    let (_dir, store) = temp_store();
    let person = store
        .create_person(PersonDraft {
            first_name: PAYLOADS[0].into(),
            last_name: PAYLOADS[1].into(),
            organization: Some(PAYLOADS[2].into()),
            tags: vec![PAYLOADS[3].into(), PAYLOADS[4].into()],
            notes: PAYLOADS.join("\n"),
            ..PersonDraft::default()
        })
        .expect("person");
    store
        .create_session(
            SessionDraft {
                title: PAYLOADS[5].into(),
                engagement_id: None,
                organizations: Vec::new(),
                starts_at: Utc::now() - Duration::hours(2),
                duration_minutes: 60,
                place: PAYLOADS[6].into(),
                format: SessionFormat::Individual,
                participants: vec![person.id],
                facilitators: Vec::new(),
                preparation: String::new(),
                notes: PAYLOADS[7].into(),
                decisions: Vec::new(),
                next_session_on: None,
            },
            None,
        )
        .expect("session");
    let export = store.gdpr_export(person.id).expect("export");
    let html = crate::export::person_export_html(&export);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is there, escaped: {html}"
    );
    assert_harmless_page(&html, "GDPR export page");
}
