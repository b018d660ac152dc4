//! Rewrites the HTML of a note so that the sanitizer's HTML parser does linear work on it.
//!
//! html5ever follows the HTML standard's tree builder, which looks through the stack of open
//! elements at nearly every tag and reopens unclosed formatting elements (`<b>`, `<a>`…)
//! after each block: a note of 100,000 nested `<div>`s took 78 s to render, and 10,000
//! rounds of `<div><b id=N>x</div>` made 350 MB of HTML. Real notes nest a few levels.
//!
//! So, before the parser sees it, the HTML is tokenized as the standard's tokenizer does and
//! written again:
//! - at most [`MAX_DEPTH`] elements are open, and at most [`MAX_FORMATTING`] formatting
//!   elements; a start tag past either is left out (with its end tag), its content kept:
//!   deeper levels are flattened into the last one;
//! - every end tag closes, explicitly, what was opened after its element, so the parser sees
//!   properly nested tags; an end tag of nothing open is left out;
//! - elements whose content the parser reads as text (`<textarea>`, `<title>`, `<xmp>`,
//!   `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>`) become that text,
//!   escaped, as the sanitizer would leave it (their tags are not allowed), and `<script>` and
//!   `<style>` are removed with their content, as the sanitizer would. The parser then never
//!   reads raw text, so it never takes for markup what was read here as text.
//!
//! Where this reading and the parser's could differ, this one sees more markup (a comment or
//! raw text ends here at the earliest place the parser could end it), so nothing reaches the
//! parser unbounded.

/// Elements open at once: lists in lists in a quote in a table stay far below.
pub(super) const MAX_DEPTH: usize = 64;
/// Formatting elements open at once. The parser reopens each of them in every block that
/// follows one it closed by itself (`<b><p>x<p>y<p>z`, as the standard says): at most this
/// many elements per block, so a million-character note of such blocks still renders to
/// about 4 MB (8 MB and 316 MB of memory with 8). Bold in italics in a link is three.
pub(super) const MAX_FORMATTING: usize = 4;

const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Removed with their content.
const REMOVED: [&str; 2] = ["script", "style"];
/// Read as text whose character references are decoded (RCDATA).
const RCDATA: [&str; 2] = ["textarea", "title"];
/// Read as text as it is (RAWTEXT).
const RAWTEXT: [&str; 5] = ["xmp", "iframe", "noembed", "noframes", "noscript"];

struct Open {
    name: String,
    formatting: bool,
}

/// `html` with its nesting bounded (see the module's documentation).
pub(super) fn flatten_deep(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<Open> = Vec::new();
    let mut formatting = 0;
    // `html[copied..at]` is text or markup kept as it is, not yet copied to `out`.
    let (mut copied, mut at) = (0, 0);
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let lt = at + offset;
        let Some(token) = token_at(bytes, lt) else {
            at = lt + 1;
            continue;
        };
        match token {
            Token::Kept { end } => at = end,
            Token::Start {
                name,
                end,
                self_closing,
            } => {
                out.push_str(&html[copied..lt]);
                let tag = &html[lt..end];
                at = end;
                if REMOVED.contains(&name.as_str()) {
                    at = raw_text_end(bytes, end, &name).1;
                } else if name == "plaintext" {
                    push_escaped(&mut out, &html[end..], true);
                    at = html.len();
                } else if RCDATA.contains(&name.as_str()) || RAWTEXT.contains(&name.as_str()) {
                    let (text_end, after) = raw_text_end(bytes, end, &name);
                    push_escaped(
                        &mut out,
                        &html[end..text_end],
                        RAWTEXT.contains(&name.as_str()),
                    );
                    at = after;
                } else if VOID.contains(&name.as_str()) || self_closing && in_foreign(&open) {
                    out.push_str(tag);
                } else {
                    let is_formatting = FORMATTING.contains(&name.as_str());
                    if open.len() < MAX_DEPTH && (!is_formatting || formatting < MAX_FORMATTING) {
                        out.push_str(tag);
                        formatting += usize::from(is_formatting);
                        open.push(Open {
                            name,
                            formatting: is_formatting,
                        });
                    }
                }
                copied = at;
            }
            Token::End { name, end } => {
                out.push_str(&html[copied..lt]);
                if let Some(index) = open.iter().rposition(|o| o.name == name) {
                    for closed in open.drain(index..).rev() {
                        formatting -= usize::from(closed.formatting);
                        out.push_str("</");
                        out.push_str(&closed.name);
                        out.push('>');
                    }
                }
                at = end;
                copied = at;
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

fn in_foreign(open: &[Open]) -> bool {
    open.iter().any(|o| o.name == "svg" || o.name == "math")
}

enum Token {
    /// A comment, a doctype or a bogus comment, kept as it is; `end` is past it.
    Kept {
        end: usize,
    },
    Start {
        /// ASCII-lowercased, as the parser compares names.
        name: String,
        end: usize,
        self_closing: bool,
    },
    End {
        name: String,
        end: usize,
    },
}

/// The markup that starts with the `<` at `lt`, or None when that `<` is text.
fn token_at(b: &[u8], lt: usize) -> Option<Token> {
    let next = *b.get(lt + 1)?;
    match next {
        b'!' => Some(Token::Kept {
            end: comment_end(b, lt),
        }),
        b'?' => Some(Token::Kept {
            end: after_gt(b, lt + 2),
        }),
        b'/' => match b.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end, _) = tag(b, lt + 2);
                Some(Token::End { name, end })
            }
            // `</>` is dropped by the parser; anything else up to `>` is a bogus comment.
            Some(_) => Some(Token::Kept {
                end: after_gt(b, lt + 2),
            }),
            None => None,
        },
        c if c.is_ascii_alphabetic() => {
            let (name, end, self_closing) = tag(b, lt + 1);
            Some(Token::Start {
                name,
                end,
                self_closing,
            })
        }
        _ => None,
    }
}

/// Past a `<!…`: a comment ends at its first `-->` or `--!>` (or at once for `<!-->` and
/// `<!--->`); a doctype, CDATA or bogus comment at its first `>`; anything at the end of
/// the text.
fn comment_end(b: &[u8], lt: usize) -> usize {
    let rest = &b[lt..];
    if !rest.starts_with(b"<!--") {
        return after_gt(b, lt + 2);
    }
    let body = lt + 4;
    if b[body..].starts_with(b">") {
        return body + 1;
    }
    if b[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut i = body;
    while i + 2 < b.len() {
        if b[i] == b'-' && b[i + 1] == b'-' {
            if b[i + 2] == b'>' {
                return i + 3;
            }
            if b[i + 2] == b'!' && b.get(i + 3) == Some(&b'>') {
                return i + 4;
            }
        }
        i += 1;
    }
    b.len()
}

fn after_gt(b: &[u8], from: usize) -> usize {
    b[from.min(b.len())..]
        .iter()
        .position(|&c| c == b'>')
        .map_or(b.len(), |p| from + p + 1)
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// A tag's name (from `from`, its first letter) and where the tag ends, reading attributes
/// as the tokenizer does (a `>` inside a quoted value does not end it); and whether it ends
/// with `/>`. A tag cut by the end of the text ends there.
fn tag(b: &[u8], from: usize) -> (String, usize, bool) {
    let mut i = from;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = String::from_utf8_lossy(&b[from..i]).to_ascii_lowercase();
    let mut self_closing = false;
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        match b.get(i) {
            None => return (name, b.len(), false),
            Some(b'>') => return (name, i + 1, self_closing),
            Some(_) => self_closing = false,
        }
        // An attribute's name (a leading `=` belongs to it), then maybe `=` and a value.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                i = b[i + 1..]
                    .iter()
                    .position(|&c| c == quote)
                    .map_or(b.len(), |p| i + 1 + p + 1);
            }
            _ => {
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Where the raw text of `name` opened before `from` ends (its first `</name` followed by
/// a space, `/` or `>`, the earliest place the parser could end it), and where its end tag
/// ends; both the end of the text when it never closes.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> (usize, usize) {
    let n = name.len();
    let mut i = from;
    while let Some(p) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + p;
        let closes = b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..lt + 2 + n)
                .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(lt + 2 + n)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>');
        if closes {
            return (lt, after_gt(b, lt + 2 + n));
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}

/// `text` as the content of an element, escaped: `<` always, `&` when the text was raw (its
/// references were not to be decoded).
fn push_escaped(out: &mut String, text: &str, raw: bool) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if raw => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_html_is_left_as_it_is() {
        for html in [
            "<p>Un <strong>mot</strong> &amp; <a href=\"https://x.org/?a=1&b=>\">lien</a></p>\n",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\"/>\ntâche</li>\n</ul>\n",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>",
            "a < b, <3, <!-- note --> <!DOCTYPE html> <?php ?> fin",
        ] {
            assert_eq!(flatten_deep(html), html);
        }
    }

    #[test]
    fn nesting_past_the_bound_is_flattened_and_closed_explicitly() {
        let deep = "<div>".repeat(1000) + "x" + &"</div>".repeat(1000);
        let flat = flatten_deep(&deep);
        assert_eq!(
            flat,
            "<div>".repeat(MAX_DEPTH) + "x" + &"</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(flatten_deep("<div><b>x</div>y</b>"), "<div><b>x</b></div>y");
        assert_eq!(flatten_deep("</p>a</span>"), "a");
    }

    #[test]
    fn formatting_elements_are_bounded_on_their_own() {
        let html: String = (0..20).map(|i| format!("<b id=b{i}>")).collect();
        assert_eq!(flatten_deep(&html).matches("<b ").count(), MAX_FORMATTING);
    }

    #[test]
    fn raw_text_becomes_escaped_text_and_scripts_go() {
        assert_eq!(
            flatten_deep("<textarea><!--</textarea><div>x"),
            "&lt;!--<div>x"
        );
        assert_eq!(flatten_deep("<xmp><b>&amp;</xmp>"), "&lt;b>&amp;amp;");
        assert_eq!(flatten_deep("a<script>x</p></script >b"), "ab");
        assert_eq!(flatten_deep("a<style>never closed"), "a");
        assert_eq!(flatten_deep("<plaintext><div>"), "&lt;div>");
    }

    #[test]
    fn quoted_attributes_and_comments_end_where_the_parser_ends_them() {
        assert_eq!(
            flatten_deep("<div title='>'><!--> <div> --><!-- -- --!></div>"),
            "<div title='>'><!--> <div> --><!-- -- --!></div>"
        );
    }
}
