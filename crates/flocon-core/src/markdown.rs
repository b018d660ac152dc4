//! Markdown to HTML, for previews, pages and printable exports. Every text is untrusted (notes
//! are typed during meetings, pasted from e-mails, imported), so the HTML pulldown-cmark makes
//! always goes through ammonia's allow-list: no script, no event handler, no `style`, no
//! `<input>`, and links only to absolute `http(s):` and `mailto:` addresses, never
//! `javascript:`, `data:`, a relative path or a `//host` that the WebView would resolve
//! against the app itself. Its nesting is bounded first (`flatten`), so that rendering stays
//! linear in the note's size.

mod flatten;

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::UrlRelative;
use pulldown_cmark::{CowStr, Event, Options, Parser, html};
use uuid::Uuid;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // No <input> of the note's own HTML: task-list checkboxes are put back after cleaning
        // (see `to_safe_html`).
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer nofollow"))
            // Images would be fetched from anywhere (and the CSP refuses them anyway).
            .rm_tags(["img"]);
        b
    })
}

/// The checkboxes of task lists, disabled: only Markdown's `- [x]` makes them.
const CHECKED: &str = r#"<input type="checkbox" checked="" disabled="">"#;
const UNCHECKED: &str = r#"<input type="checkbox" disabled="">"#;

/// Renders Markdown to HTML that is safe to put in the page.
pub fn to_safe_html(markdown: &str) -> String {
    // Task-list markers travel through the sanitizer as words no note can contain (the
    // note's own <input>s are removed), then become checkboxes again.
    let marker = format!("floconmarker{}", Uuid::now_v7().simple());
    let (checked, unchecked) = (format!("{marker}x"), format!("{marker}o"));
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::TaskListMarker(done) => Event::Text(CowStr::from(if done {
            checked.clone()
        } else {
            unchecked.clone()
        })),
        other => other,
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events);
    let clean = sanitizer().clean(&flatten::flatten_deep(&raw)).to_string();
    if clean.contains(&marker) {
        clean
            .replace(&checked, CHECKED)
            .replace(&unchecked, UNCHECKED)
    } else {
        clean
    }
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
    fn only_markdown_task_lists_make_checkboxes_and_disabled_ones() {
        let html = to_safe_html(
            "- [x] fait\n- [ ] à faire\n\n<input type=\"checkbox\" checked> <input> <input type=text value=x>\n\nfloconmarker0x",
        );
        assert_eq!(html.matches("<input").count(), 2, "{html}");
        assert!(html.contains(CHECKED) && html.contains(UNCHECKED), "{html}");
        assert!(
            html.contains("floconmarker0x"),
            "text that looks like the marker stays text"
        );
    }

    #[test]
    fn links_go_only_to_absolute_web_and_mail_addresses() {
        let html = to_safe_html(concat!(
            "[web](https://example.org/a) [mail](mailto:anne@example.org) ",
            "[relative](/settings) [parent](../x) [host](//evil.example/x) [tel](tel:+33612) ",
            "<a href=\"//evil.example\">a</a> <a href=\"/\\evil.example\">b</a> <a href=\"?q=1\">c</a>",
        ));
        let hrefs: Vec<&str> = html
            .split("href=\"")
            .skip(1)
            .map(|h| &h[..h.find('"').unwrap_or(0)])
            .collect();
        assert_eq!(
            hrefs,
            vec!["https://example.org/a", "mailto:anne@example.org"],
            "{html}"
        );
        assert!(
            html.contains(">relative</a>") && html.contains(">b</a>"),
            "the text stays: {html}"
        );
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
