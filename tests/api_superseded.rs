//! Superseded is not disputed, over the JSON API: a source's own later figure replaces its
//! earlier one, and an editor marks a claim superseded by a later update or report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::superseded::{report, superseded_example};
use cronaca::domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn an_editor_marks_a_claim_superseded_and_the_dispute_ends() {
    // Setup: the ministry's 8 and the agency's 12 dispute each other.
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let admin = app.token("admin", Role::Admin).await;
    let ex = superseded_example(&app, &editor).await;
    let board_path = format!("/api/v1/threads/{}/board", ex.thread);
    let board = app.get(&board_path).await.json;
    let dead = &board["indicators"][0]["entries"][0];
    assert_eq!(dead["agreement"], "disputed");
    assert_eq!(board["claims"][&ex.claims[0]]["state"], "standing");

    // Exec: the editor marks the ministry's claim superseded by the update.
    let path = format!("/api/v1/claims/{}/supersession", ex.claims[0]);
    let reply = app
        .post(
            &path,
            Some(&editor),
            json!({"by": {"kind": "update", "id": ex.update}}),
        )
        .await;

    // Check: the report carries the mark, the board counts only the agency, lists the struck
    // claim with what replaced it, and names the report and source behind the value.
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["id"], ex.reports[0].as_str());
    assert_eq!(
        reply.json["claims"][0]["superseded_by"],
        json!({"kind": "update", "id": ex.update})
    );
    let board = app.get(&board_path).await.json;
    let ind = &board["indicators"][0];
    let dead = &ind["entries"][0];
    assert_eq!(dead["agreement"], "single");
    assert_eq!(dead["current"]["text"], "12");
    assert_eq!(dead["positions"].as_array().unwrap().len(), 1);
    assert_eq!(
        dead["current"]["evidence"][0]["report"],
        ex.reports[1].as_str()
    );
    assert_eq!(
        dead["current"]["evidence"][0]["source"]["name"],
        "River Agency"
    );
    assert_eq!(
        board["claims"][&ex.claims[0]],
        json!({"state": "superseded", "by": {"kind": "update", "id": ex.update}})
    );
    assert_eq!(ind["superseded"][0]["claim"], ex.claims[0].as_str());
    assert_eq!(ind["superseded"][0]["text"], "8");
    assert_eq!(ind["superseded"][0]["source"]["name"], "Delta Ministry");
    let audit = app.get_as("/api/v1/audit", &admin).await;
    assert!(audit.text.contains("claim.supersede"), "{}", audit.text);

    // An edit of the report keeps the mark on its new claim of the same indicator.
    let edited = app
        .patch(
            &format!("/api/v1/reports/{}", ex.reports[0]),
            Some(&editor),
            json!({"body": "dead: 8 (ministry)", "source": reply.json["source"]["id"],
                   "claims": [{"indicator": "dead", "value": 8}]}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(
        edited.json["claims"][0]["superseded_by"]["id"],
        ex.update.as_str()
    );

    // Clearing the mark brings the dispute back.
    let claim = edited.json["claims"][0]["id"].as_str().unwrap().to_owned();
    let cleared = app
        .post(
            &format!("/api/v1/claims/{claim}/supersession"),
            Some(&editor),
            json!({"by": null}),
        )
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.text);
    assert!(cleared.json["claims"][0]["superseded_by"].is_null());
    let board = app.get(&board_path).await.json;
    assert_eq!(
        board["indicators"][0]["entries"][0]["agreement"],
        "disputed"
    );
}

#[tokio::test]
async fn a_sources_own_later_figure_restates_its_claim_without_a_dispute() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let ex = superseded_example(&app, &editor).await;
    // The agency, alone after the ministry's claim is marked, changes its own figure.
    let path = format!("/api/v1/claims/{}/supersession", ex.claims[0]);
    let by = json!({"by": {"kind": "report", "id": ex.reports[1]}});
    assert_eq!(
        app.post(&path, Some(&editor), by).await.status,
        StatusCode::OK
    );
    let later = report(&app, &editor, &ex.thread, &ex.agency, 15, "08:00").await;
    let board = app
        .get(&format!("/api/v1/threads/{}/board", ex.thread))
        .await
        .json;
    let dead = &board["indicators"][0]["entries"][0];
    assert_eq!(dead["agreement"], "single");
    assert_eq!(dead["current"]["text"], "15");
    assert_eq!(dead["current"]["reports"], json!([later["id"]]));
    assert_eq!(
        board["claims"][&ex.claims[1]],
        json!({"state": "restated", "report": later["id"]})
    );
    assert_eq!(board["badges"][&ex.reports[1]], "unverified");
}

#[tokio::test]
async fn marking_a_claim_is_refused_precisely() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let ex = superseded_example(&app, &editor).await;
    let other = app.simple_thread(&editor, "Another thread").await;
    let elsewhere = app
        .update(&editor, other["id"].as_str().unwrap(), "Elsewhere")
        .await;
    let path = format!("/api/v1/claims/{}/supersession", ex.claims[0]);
    let by_update = json!({"by": {"kind": "update", "id": ex.update}});
    let cases = [
        (None, by_update.clone(), StatusCode::UNAUTHORIZED),
        (Some(&moderator), by_update.clone(), StatusCode::FORBIDDEN),
        (
            Some(&editor),
            json!({"by": {"kind": "report", "id": ex.reports[0]}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"by": {"kind": "update", "id": elsewhere["id"]}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"by": {"kind": "update", "id": "no/such"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"by": {"kind": "comment", "id": ex.update}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"because": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (token, body, want) in cases {
        let reply = app
            .post(&path, token.map(String::as_str), body.clone())
            .await;
        assert_eq!(reply.status, want, "{body}: {}", reply.text);
        assert!(
            reply.json["error"].is_object() || reply.json["code"].is_string(),
            "{}",
            reply.text
        );
    }
    let missing = app
        .post(
            "/api/v1/claims/01NOSUCHCLAIM/supersession",
            Some(&editor),
            by_update,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.text);
}
