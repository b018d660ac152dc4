//! Flocon's vCard export: vCard 4.0 (RFC 6350), CRLF line endings, content lines folded at 75
//! octets without ever cutting a UTF-8 character. Labels Flocon knows become `TYPE`s; a custom
//! label ("Asso") becomes an Apple-style grouped `X-ABLabel`, which macOS, iOS and Google read.

use crate::person::{Labeled, Person};

/// Octets on a physical line, CRLF excluded (RFC 6350 §3.2).
const MAX_LINE_OCTETS: usize = 75;

pub fn to_vcard(people: &[Person]) -> String {
    let mut out = String::new();
    for person in people {
        Card::new(&mut out).write(person);
    }
    out
}

struct Card<'a> {
    out: &'a mut String,
    /// The last `itemN` group given to a custom label.
    groups: usize,
}

impl<'a> Card<'a> {
    fn new(out: &'a mut String) -> Self {
        Card { out, groups: 0 }
    }

    fn write(mut self, p: &Person) {
        self.line("BEGIN:VCARD");
        self.line("VERSION:4.0");
        self.line(&format!(
            "PRODID:-//Flocon//Flocon {}//FR",
            env!("CARGO_PKG_VERSION")
        ));
        self.line(&format!("UID:urn:uuid:{}", p.id));
        self.line(&format!("FN:{}", escape(&display_name(p))));
        self.line(&format!(
            "N:{};{};;;",
            escape(&p.last_name),
            escape(&p.first_name)
        ));
        for email in &p.emails {
            let kind = match email.label.as_str() {
                "travail" => Some("work"),
                "domicile" => Some("home"),
                _ => None,
            };
            self.labeled("EMAIL", "", email, kind, &escape(&email.value));
        }
        for phone in &p.phones {
            let kind = match phone.label.as_str() {
                "mobile" => Some("cell"),
                "travail" => Some("work"),
                "domicile" => Some("home"),
                "fax" => Some("fax"),
                _ => None,
            };
            let is_uri = phone
                .value
                .get(..4)
                .is_some_and(|s| s.eq_ignore_ascii_case("tel:"));
            let value_type = if is_uri { ";VALUE=uri" } else { ";VALUE=text" };
            self.labeled("TEL", value_type, phone, kind, &escape(&phone.value));
        }
        if let Some(org) = &p.organization {
            self.line(&format!("ORG:{}", escape(org)));
        }
        if !p.tags.is_empty() {
            let tags: Vec<String> = p.tags.iter().map(|t| escape(t)).collect();
            self.line(&format!("CATEGORIES:{}", tags.join(",")));
        }
        if !p.notes.is_empty() {
            self.line(&format!("NOTE:{}", escape(&p.notes)));
        }
        self.line(&format!("REV:{}", p.updated_at.format("%Y%m%dT%H%M%SZ")));
        self.line("END:VCARD");
    }

    /// An EMAIL or TEL line: a known label as its TYPE, a custom one as a grouped X-ABLabel.
    fn labeled(
        &mut self,
        name: &str,
        params: &str,
        item: &Labeled,
        kind: Option<&str>,
        value: &str,
    ) {
        match kind {
            Some(kind) => self.line(&format!("{name}{params};TYPE={kind}:{value}")),
            None if item.label.is_empty() => self.line(&format!("{name}{params}:{value}")),
            None => {
                self.groups += 1;
                let group = format!("item{}", self.groups);
                self.line(&format!("{group}.{name}{params}:{value}"));
                self.line(&format!("{group}.X-ABLabel:{}", escape(&item.label)));
            }
        }
    }

    fn line(&mut self, content: &str) {
        push_folded(self.out, content);
    }
}

/// FN is required: a person always has a first or a last name, but a card written from a
/// damaged record still gets one.
fn display_name(p: &Person) -> String {
    let name = format!("{} {}", p.first_name, p.last_name);
    let name = name.trim();
    if !name.is_empty() {
        return name.to_string();
    }
    p.organization
        .clone()
        .or_else(|| p.emails.first().map(|e| e.value.clone()))
        .unwrap_or_else(|| "?".to_string())
}

/// Escapes a text value: backslash, comma, semicolon, and line breaks as `\n`.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets: a continuation line starts with one space,
/// which counts in its 75, and a multi-byte character always stays whole.
pub(super) fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}
