//! Folding of French text for sorting and matching: accents, case and ligatures do not count,
//! so "Éluard" sorts between "Dubois" and "Eymard", and "dupre" finds "Dupré". And the
//! cleaning every text gets on its way in.

use std::borrow::Cow;

/// Folds `text` to lowercase ASCII words separated by single spaces: accents and ligatures are
/// transliterated ("Œuvre" → "oeuvre"), punctuation becomes a space ("Le Goff-Hébert" →
/// "le goff hebert"), and apostrophes vanish so "N'Diaye" and "Ndiaye" fold alike.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            push_folded_ascii(&mut folded, c);
        } else if is_apostrophe(c) {
            continue;
        } else {
            for a in deunicode::deunicode_char(c).unwrap_or(" ").chars() {
                push_folded_ascii(&mut folded, a);
            }
        }
    }
    let trimmed_len = folded.trim_end().len();
    folded.truncate(trimmed_len);
    folded
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

fn push_folded_ascii(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if c == '\'' || c == '`' {
        // Apostrophes join: "N'Diaye" folds like "Ndiaye".
    } else if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Trims and collapses runs of white space to one space, and drops control characters: what
/// a name field keeps.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(word.chars().filter(|c| !c.is_control()));
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

/// A multi-line text (notes, descriptions) as stored: line breaks as `\n` (a `\r\n` or a lone
/// `\r` becomes one), tabs kept, every other control character dropped. NUL, ESC and the C1
/// controls mean nothing in a note, and printed raw they drive a terminal (an ESC sequence
/// can rewrite what the screen shows).
pub fn clean_multiline(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `clean_multiline` in place.
pub fn clean_multiline_in(text: &mut String) {
    if let Cow::Owned(clean) = clean_multiline(text) {
        *text = clean;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_accents_case_and_ligatures() {
        assert_eq!(fold("Éluard"), "eluard");
        assert_eq!(fold("DUPRÉ"), "dupre");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Lætitia"), "laetitia");
        assert_eq!(fold("Ça"), "ca");
    }

    #[test]
    fn fold_turns_punctuation_into_single_spaces_and_joins_apostrophes() {
        assert_eq!(fold("  Le Goff-Hébert  "), "le goff hebert");
        assert_eq!(fold("N'Diaye"), "ndiaye");
        assert_eq!(fold("N’Diaye"), "ndiaye");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn tidy_collapses_white_space() {
        assert_eq!(tidy("  Marie   Claire \t"), "Marie Claire");
    }

    #[test]
    fn tidy_drops_control_characters_and_words_made_only_of_them() {
        assert_eq!(
            tidy("Ma\u{0}rie \u{1b} \u{1b}[31mClaire\u{7f}\u{9b}"),
            "Marie [31mClaire"
        );
        assert_eq!(tidy("\u{0}\u{1b}"), "");
    }

    #[test]
    fn multiline_text_keeps_tabs_and_line_breaks_and_drops_other_controls() {
        assert_eq!(clean_multiline("a\tb\nc"), "a\tb\nc");
        assert!(matches!(clean_multiline("a\tb\nc"), Cow::Borrowed(_)));
        assert_eq!(
            clean_multiline("un\r\ndeux\rtrois\u{0}\u{1b}[2J\u{7}\u{85}fin"),
            "un\ndeux\ntrois[2Jfin"
        );
    }
}
