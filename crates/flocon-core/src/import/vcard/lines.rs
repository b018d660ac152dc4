//! The lexical layer of vCard: physical lines joined into logical ones (folding, and
//! quoted-printable soft line breaks), a logical line split into group, name, parameters and
//! value, and the value decoded (quoted-printable, charset, backslash escapes).
//!
//! Everything works on bytes and in one pass, so that a 50 MiB file with photos folded over
//! thousands of lines stays linear, and a value's charset can differ from its neighbours'.

use std::borrow::Cow;

/// A logical line: the physical line it starts on (1-based) and its unfolded bytes.
pub(super) struct LogicalLine<'a> {
    pub number: usize,
    pub bytes: Cow<'a, [u8]>,
}

/// Properties whose values are binary blobs (base64 photos, sounds, keys): their
/// continuation lines are skipped without being stored, however many there are.
const BLOB_PROPERTIES: [&[u8]; 4] = [b"PHOTO", b"LOGO", b"SOUND", b"KEY"];

pub(super) struct LogicalLines<'a> {
    rest: &'a [u8],
    /// Number of the next physical line.
    number: usize,
}

impl<'a> LogicalLines<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        LogicalLines {
            rest: input,
            number: 1,
        }
    }

    /// The next physical line without its line ending (LF, CRLF), without consuming it.
    fn peek(&self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self
            .rest
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(self.rest.len());
        let line = &self.rest[..end];
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }

    fn advance(&mut self) {
        match self.rest.iter().position(|&b| b == b'\n') {
            Some(end) => self.rest = &self.rest[end + 1..],
            None => self.rest = &[],
        }
        self.number += 1;
    }
}

impl<'a> Iterator for LogicalLines<'a> {
    type Item = LogicalLine<'a>;

    fn next(&mut self) -> Option<LogicalLine<'a>> {
        loop {
            let first = self.peek()?;
            let number = self.number;
            self.advance();
            // A line indented with no line before it to continue (after a blank line ending
            // a v2.1 photo, or in a hand-indented file) is read as a line of its own.
            let first = first.trim_ascii_start();
            if first.is_empty() {
                continue;
            }
            let head = head_of(first);
            let blob = BLOB_PROPERTIES
                .iter()
                .any(|name| name.eq_ignore_ascii_case(name_of(head)));
            // A head past the bound refuses the file (see `MAX_HEAD_BYTES`): not searched.
            let quoted_printable =
                head.len() <= MAX_HEAD_BYTES && contains_ignore_case(head, b"QUOTED-PRINTABLE");
            let mut bytes = Cow::Borrowed(first);
            while let Some(next) = self.peek() {
                let soft_break = quoted_printable && bytes.ends_with(b"=");
                let folded = matches!(next.first(), Some(b' ' | b'\t'));
                if soft_break && !next.is_empty() && !next.eq_ignore_ascii_case(b"END:VCARD") {
                    if !blob {
                        let joined = bytes.to_mut();
                        joined.pop();
                        joined.extend_from_slice(next);
                    }
                } else if folded {
                    if !blob {
                        bytes.to_mut().extend_from_slice(&next[1..]);
                    }
                } else {
                    break;
                }
                self.advance();
            }
            if blob {
                continue;
            }
            return Some(LogicalLine { number, bytes });
        }
    }
}

/// A property's group, name and parameters longer than this refuse the file. Real ones (a
/// TYPE list, an Apple label, a v4 LABEL holding a postal address) take a few hundred bytes;
/// 40 MB of `EMAIL;TYPE=,,,` made 40 million values and 1.7 GB of memory.
pub(super) const MAX_HEAD_BYTES: usize = 8 * 1024;

/// How many bytes a logical line's group, name and parameters take; None when it has no
/// colon (and so no property).
pub(super) fn head_len(line: &[u8]) -> Option<usize> {
    value_start(line).map(|start| start - 1)
}

/// The part of a line before its value: group, name and parameters. The value starts at the
/// first colon outside double quotes (4.0 parameters may quote colons).
fn head_of(line: &[u8]) -> &[u8] {
    &line[..value_start(line).map_or(line.len(), |i| i - 1)]
}

fn value_start(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    // An unbalanced quote in a parameter: fall back to the first colon.
    line.iter().position(|&b| b == b':').map(|i| i + 1)
}

/// The property name of a head, without its group: `item1.EMAIL;TYPE=work` → `EMAIL`.
fn name_of(head: &[u8]) -> &[u8] {
    let name = head.split(|&b| b == b';').next().unwrap_or_default();
    name.rsplit(|&b| b == b'.').next().unwrap_or(name)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// One property: `item1.EMAIL;TYPE=INTERNET,WORK:elodie@example.org`.
pub(super) struct Property<'a> {
    /// Lowercase, empty when there is none.
    pub group: String,
    /// Uppercase.
    pub name: String,
    /// Values of `TYPE=` parameters (comma lists split, quotes removed) and v2.1's bare
    /// parameters (`;WORK;CELL`), uppercase.
    pub types: Vec<String>,
    quoted_printable: bool,
    charset: Option<String>,
    value: &'a [u8],
}

impl<'a> Property<'a> {
    /// Reads a logical line; `None` for a line without a colon, which is no property at all
    /// (stray base64 of a v2.1 photo that was not indented, for instance).
    pub fn parse(line: &'a [u8]) -> Option<Property<'a>> {
        let start = value_start(line)?;
        let head = String::from_utf8_lossy(&line[..start - 1]);
        let mut parts = split_outside_quotes(&head, ';').into_iter();
        let full_name = parts.next().unwrap_or_default();
        let (group, name) = match full_name.rsplit_once('.') {
            Some((group, name)) => (group.trim().to_lowercase(), name),
            None => (String::new(), full_name),
        };
        let mut property = Property {
            group,
            name: name.trim().to_ascii_uppercase(),
            types: Vec::new(),
            quoted_printable: false,
            charset: None,
            value: &line[start..],
        };
        for param in parts {
            property.add_param(param);
        }
        Some(property)
    }

    fn add_param(&mut self, param: &str) {
        let (key, value) = match param.split_once('=') {
            Some((key, value)) => (key.trim().to_ascii_uppercase(), value.trim()),
            None => (String::new(), param.trim()),
        };
        let value = value.trim_matches('"');
        match key.as_str() {
            "ENCODING" => self.quoted_printable = value.eq_ignore_ascii_case("QUOTED-PRINTABLE"),
            "CHARSET" => self.charset = Some(value.to_string()),
            "TYPE" => self.types.extend(
                value
                    .split(',')
                    .map(|t| t.trim().trim_matches('"').to_ascii_uppercase()),
            ),
            "" if value.eq_ignore_ascii_case("QUOTED-PRINTABLE") => self.quoted_printable = true,
            "" => self.types.push(value.to_ascii_uppercase()),
            _ => {}
        }
    }

    /// The value as text: quoted-printable decoded, then read in its charset. Backslash
    /// escapes are left in, for the caller to split structured values first.
    pub fn raw_text(&self) -> String {
        let bytes = if self.quoted_printable {
            Cow::Owned(decode_quoted_printable(self.value))
        } else {
            Cow::Borrowed(self.value)
        };
        crate::import::decode_text(&bytes, self.charset.as_deref()).into_owned()
    }

    /// The value as plain text, escapes resolved.
    pub fn text(&self) -> String {
        unescape(&self.raw_text())
    }

    /// N's first three components (family; given; additional), each of which may list
    /// several names separated by unescaped commas: those are joined with a space (blank ones
    /// left out). Components are read one at a time: a value of 40 MB of separators allocates
    /// nothing for each.
    pub fn name_components(&self) -> Vec<String> {
        split_unescaped(&self.raw_text(), ';')
            .take(3)
            .map(|part| {
                let mut names = String::new();
                for name in split_unescaped(part, ',').filter(|n| !n.trim().is_empty()) {
                    if !names.is_empty() {
                        names.push(' ');
                    }
                    names.push_str(&unescape(name));
                }
                names
            })
            .collect()
    }

    /// The value's component `index` split on unescaped `separator` (`;` for ORG and ADR),
    /// unescaped.
    pub fn component(&self, separator: char, index: usize) -> Option<String> {
        split_unescaped(&self.raw_text(), separator)
            .nth(index)
            .map(unescape)
    }

    /// Calls `each` with every component that is not blank (`,` for CATEGORIES), unescaped,
    /// one at a time.
    pub fn each_component(&self, separator: char, mut each: impl FnMut(String)) {
        for part in split_unescaped(&self.raw_text(), separator) {
            if !part.trim().is_empty() {
                each(unescape(part));
            }
        }
    }
}

fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Quoted-printable to bytes (soft line breaks were already joined). A `=` that ends the value
/// is a soft break with no line after it and is dropped; another `=` not followed by two hex
/// digits is kept as it is, as real writers sometimes leave one.
pub(super) fn decode_quoted_printable(encoded: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        if encoded[i] == b'='
            && let (Some(high), Some(low)) = (
                encoded.get(i + 1).and_then(|&b| hex(b)),
                encoded.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        if encoded[i] == b'=' && i + 1 == encoded.len() {
            break;
        }
        out.push(encoded[i]);
        i += 1;
    }
    out
}

/// Resolves vCard escapes: `\n` and `\N` are line breaks; `\,` `\;` `\:` and `\\` stand for
/// the character. An unknown escape is kept as written, so a v2.1 value with a Windows path
/// (`C:\dossier`) keeps its backslash.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(escaped @ (',' | ';' | ':' | '\\')) => out.push(escaped),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits on `separator` where it is not escaped by a backslash; escapes stay in the parts.
pub(super) fn split_unescaped(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut chars = text.char_indices();
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let mut escaped = false;
        for (i, c) in chars.by_ref() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == separator {
                start = Some(i + c.len_utf8());
                return Some(&text[from..i]);
            }
        }
        start = None;
        Some(&text[from..])
    })
}
