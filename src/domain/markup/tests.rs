//! The rendering path checked: what survives, what is dropped, and what each flavour allows.

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
