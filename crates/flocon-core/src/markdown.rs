//! Markdown to HTML, for previews, pages and printable exports. Every text is untrusted (notes
//! are typed during meetings, pasted from e-mails, imported), so the HTML pulldown-cmark makes
//! always goes through ammonia's allow-list: no script, no event handler, no `style`, no
//! `javascript:` or `data:` URL ever reaches the WebView. Its nesting is bounded first
//! (`flatten`), so that rendering stays linear in the note's size.

mod flatten;

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Task lists render as disabled checkboxes; nothing else of <input> is let through.
        b.add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("input", "type") if value != "checkbox" => None,
                _ => Some(value.into()),
            })
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer nofollow"))
            // Images would be fetched from anywhere (and the CSP refuses them anyway).
            .rm_tags(["img"]);
        b
    })
}

/// Renders Markdown to HTML that is safe to put in the page.
pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    sanitizer().clean(&flatten::flatten_deep(&raw)).to_string()
}

/// The task-list items of a Markdown text: (checked, total).
pub fn task_progress(markdown: &str) -> (u32, u32) {
    Parser::new_ext(markdown, options()).fold((0, 0), |(done, total), event| match event {
        Event::TaskListMarker(checked) => (done + u32::from(checked), total + 1),
        _ => (done, total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html(
            "## Ordre du jour\n\n- **Météo** d'arrivée\n- [lien](https://example.org)",
        );
        assert!(html.contains("<h2>Ordre du jour</h2>"), "{html}");
        assert!(html.contains("<strong>Météo</strong>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.org" rel="noopener noreferrer nofollow">lien</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_never_get_through() {
        let hostile = concat!(
            "<img src=x onerror=alert(1)>\n\n",
            "[x](javascript:alert(1))\n\n",
            "<script>alert(2)</script>\n\n",
            "<a href=\"JaVaScRiPt:alert(3)\" onclick=\"alert(4)\">y</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe>\n\n",
            "<p style=\"background:url(javascript:alert(5))\">z</p>\n\n",
            "[d](data:text/html;base64,PHNjcmlwdD4=)\n\n",
            "<svg><a xlink:href=\"javascript:alert(6)\">s</a></svg>\n\n",
            "<input type=\"text\" onfocus=\"alert(7)\" autofocus>",
        );
        let html = to_safe_html(hostile).to_lowercase();
        for forbidden in [
            "<script",
            "onerror",
            "onclick",
            "onfocus",
            "javascript:",
            "<iframe",
            "style=",
            "data:",
            "<img",
            "<svg",
            "autofocus",
            "type=\"text\"",
        ] {
            assert!(!html.contains(forbidden), "{forbidden} got through: {html}");
        }
        // The harmless text around them stays.
        assert!(html.contains(">x</a>") || html.contains("x"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened_and_the_text_kept() {
        let note = "<div>".repeat(100_000) + "fond" + &"</div>".repeat(100_000);
        let html = to_safe_html(&note);
        assert!(html.contains("fond"));
        assert!(
            html.matches("<div>").count() <= flatten::MAX_DEPTH,
            "{}",
            html.len()
        );
        let quotes = ">".repeat(50_000) + " citation";
        assert!(to_safe_html(&quotes).contains("citation"));
    }

    #[test]
    fn task_lists_render_as_checkboxes_and_count_as_progress() {
        let goals = "- [x] Former deux porte-parole\n- [ ] Tenir une assemblée publique\n- [X] Ouvrir un local\n- pas une tâche";
        assert_eq!(task_progress(goals), (2, 3));
        let html = to_safe_html(goals);
        assert!(
            html.contains(r#"<input type="checkbox" checked="" disabled="">"#)
                || html.contains(r#"<input disabled="" type="checkbox" checked="">"#)
                || html.contains("checkbox"),
            "{html}"
        );
        assert_eq!(task_progress("Rien à cocher"), (0, 0));
    }
}
