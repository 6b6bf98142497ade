//! User Markdown to safe HTML: the single rendering path shared by every content type.

use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// How much structure a piece of content may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Updates and reports written by thread editors: sub-headings and tables allowed.
    Full,
    /// Reader comments: inline formatting, lists, quotes and code only.
    Comment,
}

const COMMON_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
];
const FULL_ONLY_TAGS: &[&str] = &[
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
];
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

// Building a cleaner allocates several hash sets; do it once per flavor, not once per render.
static FULL_CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner(Flavor::Full));
static COMMENT_CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner(Flavor::Comment));

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown → sanitized HTML.
pub fn render(markdown: &str, flavor: Flavor) -> String {
    if markdown.is_empty() {
        return String::new();
    }
    let options = match flavor {
        Flavor::Full => Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        Flavor::Comment => Options::ENABLE_STRIKETHROUGH,
    };
    let events = rewrite(Parser::new_ext(markdown, options), flavor);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    let cleaner = match flavor {
        Flavor::Full => &*FULL_CLEANER,
        Flavor::Comment => &*COMMENT_CLEANER,
    };
    cleaner.clean(&unsafe_html).to_string()
}

/// Neutralises what the HTML writer would otherwise emit verbatim or fetch automatically.
///
/// This is the first of two layers: ammonia runs afterwards regardless, but escaping raw HTML
/// here means a tag the user typed shows up as the text they typed instead of being silently
/// dropped by the sanitizer.
fn rewrite<'a>(events: impl Iterator<Item = Event<'a>>, flavor: Flavor) -> Vec<Event<'a>> {
    let mut events = events.peekable();
    let mut out = Vec::new();
    // Anchors cannot nest, so an image inside a link (or inside another image's alt text)
    // keeps only its alt text; the stack remembers which image ends must be dropped.
    let mut anchor_depth = 0usize;
    let mut image_became_link = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // The writer emits nothing for HTML blocks itself; without a paragraph the escaped
            // text would float outside any block element.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(match flavor {
                Flavor::Comment => Tag::Paragraph,
                Flavor::Full => Tag::Heading {
                    level: demote(level),
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                },
            })),
            Event::End(TagEnd::Heading(level)) => out.push(Event::End(match flavor {
                Flavor::Comment => TagEnd::Paragraph,
                Flavor::Full => TagEnd::Heading(demote(level)),
            })),
            Event::Start(Tag::Link { .. }) => {
                anchor_depth += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                anchor_depth = anchor_depth.saturating_sub(1);
                out.push(event);
            }
            // An <img> would make every reader's browser contact a host the author picked.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if anchor_depth > 0 {
                    image_became_link.push(false);
                    continue;
                }
                image_became_link.push(true);
                anchor_depth += 1;
                let empty_alt = matches!(events.peek(), Some(Event::End(TagEnd::Image)));
                let text = empty_alt.then(|| Event::Text(CowStr::from(dest_url.to_string())));
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
                out.extend(text);
            }
            Event::End(TagEnd::Image) => {
                if image_became_link.pop().unwrap_or(false) {
                    anchor_depth = anchor_depth.saturating_sub(1);
                    out.push(Event::End(TagEnd::Link));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The page template owns h1 and h2.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        other => other,
    }
}

fn cleaner(flavor: Flavor) -> Builder<'static> {
    let mut tags: HashSet<&'static str> = COMMON_TAGS.iter().copied().collect();
    let link_rel = match flavor {
        Flavor::Full => "noopener noreferrer",
        // Comment links are user-generated: keep search engines from rewarding link spam.
        Flavor::Comment => "nofollow ugc noopener",
    };
    if flavor == Flavor::Full {
        tags.extend(FULL_ONLY_TAGS.iter().copied());
    }
    let mut builder = Builder::empty();
    builder
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(
            [
                ("a", HashSet::from(["href"])),
                ("ol", HashSet::from(["start"])),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(link_rel))
        .strip_comments(true);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the markup (everything between a literal `<` and `>`); user text that merely
    /// mentions a payload is escaped and harmless, so it is left out of the checks.
    fn markup(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    out.push(c);
                }
                '>' if in_tag => {
                    in_tag = false;
                    out.push(c);
                    out.push(' ');
                }
                _ if in_tag => out.push(c.to_ascii_lowercase()),
                _ => {}
            }
        }
        out
    }

    fn assert_harmless(html: &str) {
        let tags = markup(html);
        for bad in [
            "<script",
            "<img",
            "<iframe",
            "<svg",
            "<style",
            "<details",
            "<object",
            "<embed",
            "javascript:",
            "vbscript:",
            "data:",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "style=",
            "src=",
        ] {
            assert!(
                !tags.contains(bad),
                "{bad:?} survived as markup in {html:?}"
            );
        }
    }

    fn both(markdown: &str) -> [String; 2] {
        [
            render(markdown, Flavor::Full),
            render(markdown, Flavor::Comment),
        ]
    }

    #[test]
    fn empty_input_renders_to_empty_string() {
        assert_eq!(render("", Flavor::Full), "");
        assert_eq!(render("", Flavor::Comment), "");
    }

    #[test]
    fn script_tag_becomes_visible_text() {
        for html in both("<script>alert(1)</script>") {
            assert_harmless(&html);
            assert!(!html.contains("<script"));
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{html}"
            );
        }
        for html in both("before <script>alert(1)</script> after") {
            assert_harmless(&html);
            assert!(!html.contains("<script"));
        }
    }

    #[test]
    fn img_with_onerror_is_escaped() {
        for html in both("<img src=x onerror=alert(1)>") {
            assert_harmless(&html);
            assert!(!html.contains("<img"));
        }
        for html in both("text <img src=x onerror=alert(1)> text") {
            assert_harmless(&html);
            assert!(!html.contains("<img"));
        }
    }

    #[test]
    fn javascript_links_lose_their_href() {
        for src in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x]: javascript:alert(1)\n\n[x]",
        ] {
            for html in both(src) {
                assert_harmless(&html);
                assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
                assert!(!html.contains("data:"), "{html}");
                assert!(!html.contains("href"), "{html}");
            }
        }
    }

    #[test]
    fn raw_anchor_with_javascript_href_is_escaped() {
        for html in both(r#"<a href="javascript:alert(1)">click</a>"#) {
            assert_harmless(&html);
            assert!(!html.contains("<a "), "{html}");
            assert!(html.contains("&lt;a href="), "{html}");
        }
    }

    #[test]
    fn iframe_svg_style_and_details_are_escaped() {
        for src in [
            r#"<iframe src="https://evil.example"></iframe>"#,
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<style>body{display:none}</style>",
            "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
            "<object data=x></object><embed src=x>",
        ] {
            for html in both(src) {
                assert_harmless(&html);
                assert!(
                    html.contains("&lt;"),
                    "raw HTML should show as text: {html}"
                );
            }
        }
    }

    #[test]
    fn event_handler_attributes_never_survive() {
        for src in [
            r#"<p onclick="alert(1)">hi</p>"#,
            r#"<b onmouseover=alert(1)>hover</b>"#,
            r#"[x](https://example.org "\" onmouseover=\"alert(1)")"#,
            r#"![x" onerror="alert(1)](https://example.org/a.png)"#,
        ] {
            for html in both(src) {
                assert_harmless(&html);
            }
        }
    }

    #[test]
    fn html_comments_are_escaped_not_hidden() {
        for html in both("<!-- <script>alert(1)</script> -->") {
            assert_harmless(&html);
            assert!(html.contains("&lt;!--"), "{html}");
        }
    }

    #[test]
    fn images_become_plain_links_to_their_url() {
        assert_eq!(
            render("![x](https://evil.example/t.png)", Flavor::Full),
            "<p><a href=\"https://evil.example/t.png\" rel=\"noopener noreferrer\">x</a></p>\n"
        );
        assert_eq!(
            render(
                "![a *map*](https://evil.example/t.png \"title\")",
                Flavor::Comment
            ),
            "<p><a href=\"https://evil.example/t.png\" rel=\"nofollow ugc noopener\">\
             a <em>map</em></a></p>\n"
        );
    }

    #[test]
    fn image_without_alt_text_shows_its_url() {
        assert_eq!(
            render("![](https://evil.example/t.png)", Flavor::Full),
            "<p><a href=\"https://evil.example/t.png\" rel=\"noopener noreferrer\">\
             https://evil.example/t.png</a></p>\n"
        );
    }

    #[test]
    fn image_inside_link_keeps_only_its_alt_text() {
        let html = render(
            "[![logo](https://cdn.example/l.png)](https://example.org)",
            Flavor::Full,
        );
        assert_eq!(
            html,
            "<p><a href=\"https://example.org\" rel=\"noopener noreferrer\">logo</a></p>\n"
        );
    }

    #[test]
    fn image_with_javascript_url_loses_its_href() {
        for html in both("![x](javascript:alert(1))") {
            assert_harmless(&html);
            assert!(!html.contains("href"), "{html}");
        }
    }

    #[test]
    fn autolinks_render_as_links() {
        assert_eq!(
            render("<https://example.org>", Flavor::Comment),
            "<p><a href=\"https://example.org\" rel=\"nofollow ugc noopener\">\
             https://example.org</a></p>\n"
        );
        assert_eq!(
            render("<someone@example.org>", Flavor::Full),
            "<p><a href=\"mailto:someone@example.org\" rel=\"noopener noreferrer\">\
             someone@example.org</a></p>\n"
        );
    }

    #[test]
    fn comment_links_carry_ugc_rel() {
        let html = render(
            "see [the source](https://example.org/a?b=1&c=2)",
            Flavor::Comment,
        );
        assert_eq!(
            html,
            "<p>see <a href=\"https://example.org/a?b=1&amp;c=2\" \
             rel=\"nofollow ugc noopener\">the source</a></p>\n"
        );
    }

    #[test]
    fn full_links_carry_noopener_noreferrer() {
        let html = render("[source](https://example.org)", Flavor::Full);
        assert_eq!(
            html,
            "<p><a href=\"https://example.org\" rel=\"noopener noreferrer\">source</a></p>\n"
        );
    }

    #[test]
    fn relative_and_mailto_links_are_kept() {
        assert!(render("[t](/threads/almaty)", Flavor::Full).contains("href=\"/threads/almaty\""));
        assert!(render("[t](#update-3)", Flavor::Full).contains("href=\"#update-3\""));
        assert!(
            render("[m](mailto:desk@example.org)", Flavor::Comment)
                .contains("href=\"mailto:desk@example.org\"")
        );
    }

    #[test]
    fn link_titles_are_dropped() {
        let html = render("[x](https://example.org \"hello\")", Flavor::Full);
        assert!(!html.contains("title"), "{html}");
    }

    #[test]
    fn bold_and_nested_emphasis_render() {
        assert_eq!(
            render("**bold**", Flavor::Comment),
            "<p><strong>bold</strong></p>\n"
        );
        assert_eq!(
            render("*a **b *c* d** e*", Flavor::Full),
            "<p><em>a <strong>b <em>c</em> d</strong> e</em></p>\n"
        );
        assert_eq!(
            render("~~gone~~", Flavor::Comment),
            "<p><del>gone</del></p>\n"
        );
    }

    #[test]
    fn lists_render() {
        assert_eq!(
            render("- one\n- two\n", Flavor::Comment),
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
        assert_eq!(
            render("3. three\n4. four\n", Flavor::Full),
            "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n"
        );
    }

    #[test]
    fn code_blocks_render_escaped_without_classes() {
        assert_eq!(
            render("```html\n<script>x</script>\n```", Flavor::Comment),
            "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n"
        );
        assert_eq!(
            render("use `<b>` here", Flavor::Full),
            "<p>use <code>&lt;b&gt;</code> here</p>\n"
        );
    }

    #[test]
    fn blockquotes_and_rules_render() {
        assert_eq!(
            render("> quoted\n\n---\n", Flavor::Comment),
            "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n"
        );
    }

    #[test]
    fn hard_breaks_render() {
        assert_eq!(render("a  \nb", Flavor::Comment), "<p>a<br>\nb</p>\n");
    }

    #[test]
    fn entities_round_trip_as_text() {
        for html in both("&lt;b&gt;not bold&lt;/b&gt; &amp; more") {
            assert!(
                html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; more"),
                "{html}"
            );
            assert!(!html.contains("<b>"), "{html}");
        }
    }

    #[test]
    fn full_headings_are_demoted_below_the_page_headings() {
        assert_eq!(render("# Top", Flavor::Full), "<h3>Top</h3>\n");
        assert_eq!(render("## Second", Flavor::Full), "<h3>Second</h3>\n");
        assert_eq!(render("### Third", Flavor::Full), "<h3>Third</h3>\n");
        assert_eq!(render("###### Sixth", Flavor::Full), "<h6>Sixth</h6>\n");
        assert_eq!(render("Setext\n===", Flavor::Full), "<h3>Setext</h3>\n");
    }

    #[test]
    fn comment_headings_become_paragraphs() {
        assert_eq!(render("# Shouting", Flavor::Comment), "<p>Shouting</p>\n");
        assert_eq!(
            render("### *Quiet*", Flavor::Comment),
            "<p><em>Quiet</em></p>\n"
        );
        assert!(!render("Setext\n---", Flavor::Comment).contains("<h"));
    }

    #[test]
    fn tables_render_only_in_full_flavor() {
        let src = "| a | b |\n|:--|--:|\n| 1 | 2 |\n";
        assert_eq!(
            render(src, Flavor::Full),
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n\
             <tr><td>1</td><td>2</td></tr>\n</tbody></table>\n"
        );
        let comment = render(src, Flavor::Comment);
        assert!(!comment.contains("<table"), "{comment}");
        assert!(comment.contains("| a | b |"), "{comment}");
    }
}
