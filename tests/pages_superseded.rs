//! Superseded claims and the evidence behind each figure, in the pages: the editor's form on
//! the report page, the struck claim with its link on the board, in the timeline and on the
//! report, and every value's reports and sources on the board and in the summary box.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::superseded::superseded_example;
use cronaca::domain::role::Role;

#[tokio::test]
async fn an_editor_marks_a_claim_superseded_through_the_report_page() {
    // Setup.
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let ex = superseded_example(&app, &editor).await;
    let mut browser = app.browser_as("caporedattrice", Role::Editor).await;
    let report_path = format!("/r/{}", ex.reports[0]);
    let page = browser.get(&report_path).await;
    assert_eq!(page.status, StatusCode::OK);
    let action = format!("/r/{}/claims/{}/supersession", ex.reports[0], ex.claims[0]);
    assert!(page.text.contains(&action), "the editor sees the form");
    let choice = format!("value=\"update:{}\"", ex.update);
    assert!(
        page.text.contains(&choice),
        "the thread's update is offered"
    );

    // Exec: without the token the form is refused; with it the mark is saved.
    let forged = browser
        .post_raw(&action, &[("by", &format!("update:{}", ex.update))])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let bad = browser.post_form(&action, &[("by", "comment:01AB")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let saved = browser
        .post_form(&action, &[("by", &format!("update:{}", ex.update))])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // Check: struck with its link on the report, the board and the thread's timeline.
    let update_link = format!("href=\"/t/{}#u-{}\"", ex.slug, ex.update);
    let report = browser.get(&report_path).await;
    assert!(report.text.contains("<s>"), "{}", report.text);
    assert!(report.text.contains(&update_link));
    let board = app.get(&format!("/t/{}/board", ex.slug)).await;
    assert!(board.text.contains("class=\"superseded-claims\""));
    assert!(board.text.contains(&update_link));
    assert!(board.text.contains("superseded by a later update"));
    assert!(
        !board.text.contains("badge agreement disputed"),
        "no dispute left"
    );
    let thread = app.get(&format!("/t/{}", ex.slug)).await;
    assert!(
        thread.text.contains(&update_link),
        "the timeline links it too"
    );

    // A reader sees no form; an Italian reader reads the mark in Italian.
    let reader = app.get(&report_path).await;
    assert!(!reader.text.contains(&action));
    let it = app.get(&format!("/t/{}/board?lang=it", ex.slug)).await;
    assert!(
        it.text.contains("superata da un aggiornamento successivo"),
        "{}",
        it.text
    );
}

#[tokio::test]
async fn every_value_links_to_its_reports_and_names_its_sources() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let ex = superseded_example(&app, &editor).await;
    let board = app.get(&format!("/t/{}/board", ex.slug)).await;
    for (report, source) in ex.reports.iter().zip(["Delta Ministry", "River Agency"]) {
        let link = format!(
            "<a href=\"/r/{report}\"><span class=\"source-name\" lang=\"en\">{source}</span>"
        );
        assert!(board.text.contains(&link), "{link} in {}", board.text);
    }
    // The summary box names the source of the headline figure, linked to its report.
    let thread = app.get(&format!("/t/{}", ex.slug)).await;
    let summary = &thread.text[thread.text.find("id=\"board-summary\"").unwrap()..];
    let summary = &summary[..summary.find("</section>").unwrap()];
    let named = format!(
        "<a href=\"/r/{}\" lang=\"en\">River Agency</a>",
        ex.reports[1]
    );
    assert!(summary.contains(&named), "{summary}");
    assert!(summary.contains("according to"));
}
