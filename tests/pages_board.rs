//! The situation board page, the thread page's summary box and reports in its timeline, the
//! fragments the page script swaps in, and the plain-text digest, through the real router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::board::{Example, example, source};
use common::{Browser, TestApp};
use cronaca::config::Config;
use cronaca::domain::role::Role;
use serde_json::json;

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &html[from..];
    let to = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    &rest[..to]
}

/// Every top-level inline `<svg>…</svg>` of a page (nested ones stay inside their parent).
fn inline_svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<svg") {
            if depth == 0 {
                start = i;
            }
            depth += 1;
            i += 4;
        } else if rest.starts_with("</svg>") {
            depth -= 1;
            i += 6;
            if depth == 0 {
                out.push(&html[start..i]);
            }
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

async fn setup() -> (TestApp, String, String, Example) {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let ex = example(&app, &editor).await;
    (app, editor, moderator, ex)
}

#[tokio::test]
async fn board_page_shows_the_disputed_figure_side_by_side_with_its_sources() {
    let (app, _, _, ex) = setup().await;
    let page = Browser::new(&app)
        .get(&format!("/t/{}/board", ex.slug))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let html = &page.text;
    assert!(html.contains("<h1>Situation board</h1>"));
    assert!(
        html.contains(r#"<time datetime="2022-01-05T13:00:00Z" data-at="As of {when}" data-ago="Updated {ago}">As of "#),
        "as of"
    );
    let dead = between(
        html,
        r#"<section class="indicator" id="i-police_dead""#,
        "</section>",
    );
    assert!(
        dead.contains(r#"<span class="big-value">12</span>"#),
        "{dead}"
    );
    assert!(dead.contains(r#"<span class="badge agreement disputed">Disputed</span>"#));
    let positions = between(dead, r#"<div class="positions">"#, "<figure");
    let twelve = positions.find(r#"<p class="value">12</p>"#).unwrap();
    let eight = positions.find(r#"<p class="value">8</p>"#).unwrap();
    assert!(twelve < eight, "the current value first");
    let (left, right) = positions.split_at(eight);
    assert!(left.contains("Free Radio") && left.contains("independent media"));
    assert!(left.contains("1 independent source"));
    assert!(right.contains("Ministry of Internal Affairs") && right.contains("Steppe Agency"));
    let named = between(right, r#"<ul class="sources">"#, "</ul>");
    assert!(
        right.contains("2 independent sources") && !named.contains("Khabar"),
        "Khabar only repeats the ministry"
    );
    let reports = between(right, r#"<p class="evidence">"#, "</p>");
    assert!(
        reports.contains(r#"Khabar</span> (citing <span lang="en">Ministry of Internal Affairs"#),
        "its report is evidence, naming whom it repeats: {reports}"
    );
    let injured = between(html, r#"id="i-injured""#, "</section>");
    assert!(injured.contains(r#"<span class="big-value">317</span>"#));
    assert!(injured.contains(">Corroborated</span>") && injured.contains("3 independent sources"));
    assert!(
        !injured.contains(r#"class="positions""#),
        "no dispute, no sides"
    );
    let control = between(html, r#"id="i-control""#, "</section>");
    for place in ["Aktobe", "Almaty", "Astana", "Shymkent"] {
        assert!(control.contains(&format!(r#"<th scope="row">{place}</th>"#)));
    }
    assert!(control.contains("against"), "Almaty's dispute side by side");
    let places = between(html, r#"<table class="data places-table""#, "</table>");
    assert!(places.contains(&format!(
        "href=\"/t/{}?place={}#updates-h\"",
        ex.slug,
        ex.almaty.replace(':', "%3A")
    )));
    assert!(places.contains(">contested</span>"));
    assert!(
        places.contains(r#"<span class="value" lang="it">governo</span>"#),
        "a status labelled only in Italian is marked as Italian"
    );
    assert!(html.contains(r#"<link rel="stylesheet" href="/static/board.css?v="#));
    assert!(html.contains("/static/board.js?v=") && html.contains("/static/live.js?v="));
    assert!(html.contains(&format!(r#"data-thread="{}""#, ex.thread)));

    let italian = Browser::new(&app)
        .get(&format!("/t/{}/board?lang=it", ex.slug))
        .await
        .text;
    assert!(italian.contains("<h1>Quadro della situazione</h1>"));
    assert!(italian.contains(">Poliziotti morti</h2>"));
    assert!(italian.contains(">governo</span>"));
    let russian = Browser::new(&app)
        .get(&format!("/t/{}/board?lang=ru", ex.slug))
        .await
        .text;
    assert!(
        russian.contains(r#"<h2 id="i-police_dead-h" lang="en">Police dead</h2>"#),
        "a label in another language is marked"
    );
}

#[tokio::test]
async fn board_figures_are_inline_well_formed_svg_with_text_alternatives() {
    let (app, _, _, ex) = setup().await;
    let html = Browser::new(&app)
        .get(&format!("/t/{}/board", ex.slug))
        .await
        .text;
    assert!(
        !html.contains(" style=") && !html.contains("<style"),
        "strict CSP"
    );
    assert!(!html.contains("<img"), "figures are inline");
    let svgs: Vec<&str> = inline_svgs(&html)
        .into_iter()
        .filter(|s| s.contains("board-svg"))
        .collect();
    assert_eq!(svgs.len(), 3, "two count charts and one map");
    for svg in &svgs {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert!(doc.descendants().all(|n| n.attribute("style").is_none()));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(root.attribute("aria-labelledby"), title.attribute("id"));
    }
    let chart = svgs
        .iter()
        .find(|s| s.contains("Police dead over time"))
        .unwrap();
    for name in [
        "Free Radio",
        "Ministry of Internal Affairs",
        "Steppe Agency",
    ] {
        assert!(
            chart.contains(name),
            "one line per independent source: {name}"
        );
    }
    let map = svgs.iter().find(|s| s.contains("board-map")).unwrap();
    assert!(map.contains("Places by Control"));
    for word in ["governo", "protesters", "contested", "Almaty", "Aktobe"] {
        assert!(map.contains(word), "{word} on the map");
    }
    // The chart's figures as a table, without script.
    let table = between(
        &html,
        "<details><summary>The same figures as a table",
        "</details>",
    );
    assert!(table.contains("<td>12</td>") && table.contains("<td>3</td>"));
    assert_eq!(
        table.matches("<tr>").count(),
        1 + 6,
        "header and six figures"
    );
    // The map's text alternative: the places table.
    let places = between(&html, r#"<table class="data places-table""#, "</table>");
    assert_eq!(places.matches(r#"<th scope="row">"#).count(), 4);
}

#[tokio::test]
async fn board_page_validates_its_query() {
    let (app, _, _, ex) = setup().await;
    let missing = Browser::new(&app)
        .get("/t/no-such-thread/board?lang=it")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text.contains("Pagina non trovata"));
    for path in [
        format!("/t/{}/board?lang=xx", ex.slug),
        format!("/t/{}/board?lang=en&lang=it", ex.slug),
        format!("/t/{}/digest.txt?lang=klingon", ex.slug),
        format!("/t/{}/board/fragment?part=everything", ex.slug),
        format!("/t/{}/board/fragment", ex.slug),
    ] {
        let reply = Browser::new(&app).get(&path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(reply.text.contains("<html lang=\"en\">"), "an error page");
    }
    assert_eq!(
        Browser::new(&app)
            .get("/t/no-such-thread/digest.txt")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn thread_page_has_a_summary_box_and_reports_with_badges() {
    let (app, editor, moderator, ex) = setup().await;
    let html = Browser::new(&app)
        .get(&format!("/t/{}", ex.slug))
        .await
        .text;
    let summary = between(&html, r#"<section id="board-summary""#, "</section>");
    let dead = between(summary, r#"id="summary-police_dead""#, "</div>");
    assert!(dead.contains(">12</span>") && dead.contains(">Disputed</span>"));
    assert!(dead.contains("1 independent source"));
    let injured = between(summary, r#"id="summary-injured""#, "</div>");
    assert!(injured.contains(">317</span>") && injured.contains("3 independent sources"));
    let control = between(summary, r#"id="summary-control""#, "</div>");
    // Each place links to the report behind its value; without the links, the words read so.
    let mut words = String::new();
    let mut in_tag = false;
    for c in control.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => words.push(c),
            _ => {}
        }
    }
    assert!(words.contains("governo: Astana, Shymkent") && words.contains("4 places"));
    assert!(control.contains(&format!(r#"<a href="/r/{}">Aktobe</a>"#, ex.reports[16])));
    assert!(summary.contains(&format!(
        r#"<a href="/t/{}/board">Full board, chart and map</a>"#,
        ex.slug
    )));
    assert!(
        html.find("board-summary").unwrap() < html.find(r#"class="lead""#).unwrap(),
        "at the top"
    );

    assert_eq!(html.matches(r#"<li class="report"#).count(), 20);
    let radio_12 = between(&html, &format!(r#"id="r-{}""#, ex.reports[5]), "\n</li>");
    assert!(radio_12.contains(r#"<span class="badge verification disputed">Disputed</span>"#));
    assert!(radio_12.contains("Free Radio") && radio_12.contains("(independent media)"));
    assert!(radio_12.contains("<li>Police dead: 12</li>"), "{radio_12}");
    assert!(radio_12.contains(
        r#"<a href="https://news.example/item" rel="nofollow ugc noopener">Source link</a>"#
    ));
    // Ordered by when reports reached us, the header shows that time; when the source said it
    // follows in smaller type.
    assert!(radio_12.contains(&format!(
        r##"Received <a class="when" href="#r-{}"><time datetime=""##,
        ex.reports[5]
    )));
    assert!(radio_12.contains(
        r#"<time datetime="2022-01-05T11:00:00Z" data-at="stated {when}" data-ago="stated {ago}">stated "#
    ));
    let khabar = between(&html, &format!(r#"id="r-{}""#, ex.reports[4]), "\n</li>");
    assert!(khabar.contains(
        ", citing <span class=\"source-name\" lang=\"en\">Ministry of Internal Affairs</span>"
    ));
    let ministry_317 = between(&html, &format!(r#"id="r-{}""#, ex.reports[8]), "\n</li>");
    assert!(ministry_317.contains(">Corroborated</span>"));
    let almaty = between(&html, &format!(r#"id="r-{}""#, ex.reports[11]), "\n</li>");
    assert!(
        almaty.contains("<li>Control — Almaty: protesters</li>") && almaty.contains(">Almaty</a>")
    );

    // A moderator finds the 12 false; an editor strikes another report.
    let reply = app
        .post(
            &format!("/api/v1/reports/{}/status", ex.reports[5]),
            Some(&moderator),
            json!({"status": "false", "note": "the figure was for the whole region"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let reply = app
        .post(
            &format!("/api/v1/reports/{}/strike", ex.reports[0]),
            Some(&editor),
            json!({"reason": "wrong thread"}),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.text);
    let html = Browser::new(&app)
        .get(&format!("/t/{}", ex.slug))
        .await
        .text;
    let dead = between(&html, r#"id="summary-police_dead""#, "</div>");
    assert!(
        dead.contains(">8</span>") && dead.contains(">Corroborated</span>"),
        "{dead}"
    );
    let radio_12 = between(&html, &format!(r#"id="r-{}""#, ex.reports[5]), "\n</li>");
    assert!(html.contains(&format!(
        r#"<li class="report badge-false refuted" id="r-{}">"#,
        ex.reports[5]
    )));
    assert!(radio_12.contains(">False</span>"));
    assert!(radio_12.contains("<strong>False:</strong> the figure was for the whole region"));
    let struck = between(&html, &format!(r#"id="r-{}""#, ex.reports[0]), "\n</li>");
    assert!(struck.contains("wrong thread"), "{struck}");
    assert!(html.contains(&format!(
        r#"<li class="report badge-unverified struck" id="r-{}">"#,
        ex.reports[0]
    )));
    let board = Browser::new(&app)
        .get(&format!("/t/{}/board", ex.slug))
        .await
        .text;
    let dead = between(&board, r#"id="i-police_dead""#, "<figure");
    assert!(
        !dead.contains(">12<"),
        "the false figure left the board: {dead}"
    );
}

#[tokio::test]
async fn reports_are_interleaved_with_updates_by_time_across_pages() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Floods").await;
    let (tid, slug) = (
        thread["id"].as_str().unwrap(),
        thread["slug"].as_str().unwrap(),
    );
    let src = source(&app, &editor, "Civil Protection", "official").await;
    let report = |body: &'static str| {
        let app = &app;
        let editor = editor.clone();
        let src = src.clone();
        async move {
            let r = app
                .post(
                    &format!("/api/v1/threads/{tid}/reports"),
                    Some(&editor),
                    json!({"body": body, "source": src}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
    };
    report("Report zero, before everything").await;
    app.update(&editor, tid, "Update one").await;
    report("Report between one and two").await;
    for n in 2..=51 {
        app.update(&editor, tid, &format!("Update number {n}"))
            .await;
    }
    report("Report after everything").await;

    let first = Browser::new(&app).get(&format!("/t/{slug}")).await.text;
    let last = first.find("Report after everything").unwrap();
    assert!(
        last < first.find("Update number 51").unwrap(),
        "newest first"
    );
    assert!(!first.contains("Report zero") && !first.contains("Report between"));
    let next = between(&first, &format!("/t/{slug}?after="), "\"");
    let second = Browser::new(&app).get(next).await.text;
    let between_one_two = second.find("Report between one and two").unwrap();
    let one = second.find("Update one").unwrap();
    let zero = second.find("Report zero").unwrap();
    assert!(
        between_one_two < one && one < zero,
        "the last page has the rest, in order"
    );
    assert!(!second.contains("Report after everything"));

    let oldest = Browser::new(&app)
        .get(&format!("/t/{slug}?order=oldest"))
        .await
        .text;
    let zero = oldest.find("Report zero").unwrap();
    let one = oldest.find("Update one").unwrap();
    let between_one_two = oldest.find("Report between one and two").unwrap();
    assert!(zero < one && one < between_one_two, "oldest first");
    assert!(!oldest.contains("Report after everything"));

    // A thread with reports and no updates shows its reports.
    let quiet = app.simple_thread(&editor, "Quiet").await;
    let qid = quiet["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/threads/{qid}/reports"),
            Some(&editor),
            json!({"body": "Only a report", "source": src}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let html = Browser::new(&app)
        .get(&format!("/t/{}", quiet["slug"].as_str().unwrap()))
        .await
        .text;
    assert!(html.contains("Only a report") && !html.contains("empty-updates"));
    assert!(
        html.contains(r#"<div id="board-summary" hidden></div>"#) && !html.contains("Full board"),
        "no indicators, no summary box"
    );
}

#[tokio::test]
async fn the_timeline_can_show_the_reports_about_one_place() {
    let (app, editor, _, ex) = setup().await;
    app.update(&editor, &ex.thread, "An update about everything")
        .await;
    let html = Browser::new(&app)
        .get(&format!("/t/{}?place={}", ex.slug, ex.almaty))
        .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.text.contains("Reports about Almaty."));
    assert_eq!(html.text.matches(r#"<li class="report"#).count(), 3);
    assert!(!html.text.contains("An update about everything"));
    let unknown = Browser::new(&app)
        .get(&format!("/t/{}?place=gn:1", ex.slug))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn fragments_render_one_section_for_the_page_script() {
    let (app, editor, moderator, ex) = setup().await;
    let summary = Browser::new(&app)
        .get(&format!("/t/{}/board/fragment?part=summary", ex.slug))
        .await;
    assert_eq!(summary.status, StatusCode::OK);
    assert!(summary.text.starts_with(r#"<section id="board-summary""#));
    assert!(!summary.text.contains("<html"));
    assert_eq!(summary.headers[header::CACHE_CONTROL], "no-cache");
    let board = Browser::new(&app)
        .get(&format!("/t/{}/board/fragment?part=board&lang=it", ex.slug))
        .await
        .text;
    assert!(board.contains(r#"id="i-police_dead""#) && board.contains("Poliziotti morti"));
    assert!(!board.contains("<html") && board.contains("<svg"));

    let path = format!("/t/{}/reports/{}/fragment", ex.slug, ex.reports[5]);
    let report = Browser::new(&app).get(&path).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.text.starts_with(&format!(
        r#"<li class="report badge-disputed" id="r-{}">"#,
        ex.reports[5]
    )));
    let other = app.simple_thread(&editor, "Elsewhere").await;
    let elsewhere = Browser::new(&app)
        .get(&format!(
            "/t/{}/reports/{}/fragment",
            other["slug"].as_str().unwrap(),
            ex.reports[5]
        ))
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let deleted = app
        .post(
            &format!("/api/v1/reports/{}/moderation", ex.reports[5]),
            Some(&moderator),
            json!({"action": "delete"}),
        )
        .await;
    assert!(deleted.status.is_success(), "{}", deleted.text);
    assert_eq!(
        Browser::new(&app).get(&path).await.status,
        StatusCode::NOT_FOUND,
        "a removed report leaves the timeline"
    );
    let quiet = app.simple_thread(&editor, "Quiet").await;
    let empty = Browser::new(&app)
        .get(&format!(
            "/t/{}/board/fragment?part=summary",
            quiet["slug"].as_str().unwrap()
        ))
        .await;
    assert_eq!(empty.text, r#"<div id="board-summary" hidden></div>"#);
}

#[tokio::test]
async fn the_digest_fits_an_sms_in_every_language() {
    let app = TestApp::with_config(Config {
        public_url: Some("https://live.example".into()),
        ..Config::default()
    })
    .await;
    let editor = app.token("redazione", Role::Editor).await;
    let ex = example(&app, &editor).await;
    for (lang, words) in [
        (
            "en",
            ["Police dead: 12 (Free Radio;", "disputed:", "say 8)"],
        ),
        (
            "it",
            [
                "Poliziotti morti: 12 (Free Radio;",
                "contestato:",
                "dicono 8)",
            ],
        ),
        (
            "ru",
            [
                "Police dead: 12 (Free Radio;",
                "оспаривается:",
                "сообщают 8)",
            ],
        ),
    ] {
        let reply = app
            .get(&format!("/t/{}/digest.txt?lang={lang}", ex.slug))
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.headers[header::CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
        let text = &reply.text;
        for w in words {
            assert!(text.contains(w), "{lang}: {w:?} in {text}");
        }
        // Each figure names its sources, shortened when the budget is tight; in three UCS-2
        // segments Russian has room for the disputed figures only.
        if lang == "ru" {
            assert!(text.contains("ещё 2 показателя"), "{text}");
        } else {
            assert!(
                text.contains("Injured: 317 (") && text.contains("Ministry"),
                "{text}"
            );
        }
        assert!(text.starts_with("Unrest in Kazakhstan - "), "{text}");
        assert!(text.ends_with(&format!("\nhttps://live.example/t/{}", ex.slug)));
        let segments: usize = reply.headers["sms-segments"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let encoding = reply.headers["sms-encoding"].to_str().unwrap();
        assert!((1..=3).contains(&segments), "{lang}: {segments}");
        let gsm = text.chars().all(cronaca::domain::sms::is_gsm);
        assert_eq!(
            encoding,
            if gsm { "GSM-7" } else { "UCS-2" },
            "{lang}: {text}"
        );
        assert_eq!(cronaca::domain::sms::cost(text).segments, segments);
        assert!(reply.headers.get(header::SET_COOKIE).is_none(), "cacheable");
    }
    let en = app.get(&format!("/t/{}/digest.txt", ex.slug)).await;
    assert_eq!(en.headers["sms-encoding"], "GSM-7", "{}", en.text);
    let roomy = app
        .get(&format!("/t/{}/digest.txt?lang=it&segments=10", ex.slug))
        .await
        .text;
    for name in [
        "Steppe Agency",
        "Eyewitness channel",
        "Ministry of Internal Affairs",
    ] {
        assert!(roomy.contains(name), "{name} in {roomy}");
    }

    // Russian in GSM-7 characters, and in one segment however little that leaves.
    let gsm = app
        .get(&format!(
            "/t/{}/digest.txt?lang=ru&charset=gsm&segments=2",
            ex.slug
        ))
        .await;
    assert_eq!(gsm.status, StatusCode::OK);
    assert_eq!(gsm.headers["sms-encoding"], "GSM-7", "{}", gsm.text);
    assert!(gsm.text.contains("osparivaetsia"), "{}", gsm.text);
    assert!(gsm.text.chars().all(cronaca::domain::sms::is_gsm));
    let one = app
        .get(&format!("/t/{}/digest.txt?lang=it&segments=1", ex.slug))
        .await;
    assert_eq!(one.headers["sms-segments"], "1", "{}", one.text);
    assert!(one.text.chars().count() <= 160);

    for bad in [
        "charset=latin1",
        "segments=0",
        "segments=11",
        "segments=two",
        "lang=xx",
    ] {
        let reply = app
            .get(&format!("/t/{}/digest.txt?{bad}&lang=it", ex.slug))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(reply.text.contains("<html"), "a localized page: {bad}");
    }
    let refused = app
        .get(&format!("/t/{}/digest.txt?segments=99&lang=it", ex.slug))
        .await;
    assert!(refused.text.contains("segmenti SMS"), "{}", refused.text);

    let plain = TestApp::new().await;
    let editor = plain.token("redazione", Role::Editor).await;
    let ex = example(&plain, &editor).await;
    let text = plain.get(&format!("/t/{}/digest.txt", ex.slug)).await.text;
    assert!(
        !text.contains("/t/") && !text.contains("http"),
        "no address without a public one: {text}"
    );
    assert!(
        text.lines().last().unwrap().starts_with("Control:"),
        "{text}"
    );
}
