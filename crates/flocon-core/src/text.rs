//! Folding of French text for sorting and matching: accents, case and ligatures do not count,
//! so "Éluard" sorts between "Dubois" and "Eymard", and "dupre" finds "Dupré".

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

/// Trims and collapses runs of white space to one space: what a name field keeps.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
}
