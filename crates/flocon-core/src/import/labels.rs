//! Labels of emails, phones and web sites, mapped to the short French words Flocon shows:
//! "travail", "domicile", "mobile", "fax", or nothing for "other". A custom label the user
//! typed in their address book ("Asso", "Permanence") is kept as it is.

use crate::text::{fold, tidy};

/// The label for a vCard `TYPE` list (`WORK,VOICE`, `work;cell`, v2.1's bare `;WORK;CELL`).
/// The most telling type wins: a work mobile is a mobile, a work fax is a fax. Types that
/// say nothing a person would call a label (`VOICE`, `INTERNET`, `PREF`) are ignored.
pub(super) fn from_types<'a>(types: impl IntoIterator<Item = &'a str>) -> String {
    const PRIORITY: [&str; 4] = ["mobile", "fax", "travail", "domicile"];
    let found: Vec<&'static str> = types.into_iter().filter_map(|t| known(&fold(t))).collect();
    PRIORITY
        .into_iter()
        .find(|p| found.contains(p))
        .unwrap_or_default()
        .to_string()
}

/// The label for a label written as text: an Apple `X-ABLabel` (`_$!<Mobile>!$_` for its
/// built-in ones, plain text for custom ones), a Google CSV type column (`* Work`, `Mobile`)
/// or a column name's meaning.
pub(super) fn from_text(text: &str) -> String {
    let text = text.trim();
    let (inner, wrapped) = match text
        .strip_prefix("_$!<")
        .and_then(|t| t.strip_suffix(">!$_"))
    {
        Some(inner) => (inner, true),
        None => (text.strip_prefix("* ").unwrap_or(text), false),
    };
    match known(&fold(inner)) {
        Some(label) => label.to_string(),
        None if wrapped => tidy(inner).to_lowercase(),
        None => tidy(inner),
    }
}

/// Known label words (folded), in English as address books write them and in French as
/// people type them. `Some("")` means "no label" (other, voice, internet...).
fn known(folded: &str) -> Option<&'static str> {
    Some(match folded {
        "work" | "business" | "office" | "travail" | "bureau" | "professionnel" => "travail",
        "home" | "domicile" | "maison" => "domicile",
        "cell" | "cellular" | "mobile" | "iphone" | "portable" | "gsm" | "mobile phone"
        | "cell phone" => "mobile",
        "fax" | "workfax" | "homefax" | "work fax" | "home fax" | "other fax" | "business fax"
        | "telecopie" => "fax",
        "other" | "autre" | "none" | "internet" | "pref" | "voice" | "main" | "homepage"
        | "home page" | "x400" | "msg" | "text" | "video" | "" => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcard_types_map_to_french_labels_with_mobile_and_fax_winning() {
        assert_eq!(from_types(["WORK", "VOICE"]), "travail");
        assert_eq!(from_types(["home"]), "domicile");
        assert_eq!(from_types(["work", "cell"]), "mobile");
        assert_eq!(from_types(["CELL", "PREF"]), "mobile");
        assert_eq!(from_types(["WORK", "FAX"]), "fax");
        assert_eq!(from_types(["INTERNET"]), "");
        assert_eq!(from_types(["x-whatever"]), "");
        assert_eq!(from_types([]), "");
    }

    #[test]
    fn apple_wrapped_labels_are_unwrapped_and_mapped() {
        assert_eq!(from_text("_$!<Mobile>!$_"), "mobile");
        assert_eq!(from_text("_$!<Work>!$_"), "travail");
        assert_eq!(from_text("_$!<HomeFAX>!$_"), "fax");
        assert_eq!(from_text("_$!<Other>!$_"), "");
        assert_eq!(from_text("_$!<Anniversary>!$_"), "anniversary");
    }

    #[test]
    fn custom_labels_are_kept_as_typed_and_google_stars_dropped() {
        assert_eq!(from_text("Asso des Lilas"), "Asso des Lilas");
        assert_eq!(from_text("* Work"), "travail");
        assert_eq!(from_text("Portable"), "mobile");
        assert_eq!(from_text("  "), "");
    }
}
