//! Sources, indicators, reports and the board through the JSON API: the example of a thread
//! with 3 indicators, 5 sources and 20 reports carrying claims.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::board::{at, example, source};
use cronaca::domain::role::Role;
use serde_json::{Value, json};

fn indicator<'a>(board: &'a Value, key: &str) -> &'a Value {
    board["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no {key} on the board"))
}

fn names(position: &Value) -> Vec<String> {
    let mut n: Vec<String> = position["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    n.sort();
    n
}

fn entry<'a>(board: &'a Value, key: &str, place: &str) -> &'a Value {
    indicator(board, key)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["place"]["name"] == place)
        .unwrap_or_else(|| panic!("no {key} at {place}"))
}

/// Acceptance: the expected board (values, independent-source counts, disputes), and a report
/// marked false by a moderator leaves it.
#[tokio::test]
async fn the_example_thread_yields_the_expected_board() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let ex = example(&app, &editor).await;
    let board = app
        .get(&format!("/api/v1/threads/{}/board", ex.thread))
        .await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.text);
    let board = board.json;

    let dead = &indicator(&board, "police_dead")["entries"][0];
    assert_eq!(dead["current"]["text"], "12");
    assert_eq!(dead["agreement"], "disputed");
    assert_eq!(names(&dead["current"]), ["Free Radio"]);
    assert_eq!(dead["positions"][1]["text"], "8");
    assert_eq!(
        names(&dead["positions"][1]),
        ["Ministry of Internal Affairs", "Steppe Agency"],
        "Khabar only repeats the ministry: two independent sources, not three"
    );
    assert_eq!(
        dead["history"].as_array().unwrap().len(),
        3,
        "one series per origin"
    );

    let injured = &indicator(&board, "injured")["entries"][0];
    assert_eq!(injured["current"]["text"], "317");
    assert_eq!(injured["agreement"], "corroborated");
    assert_eq!(
        names(&injured["current"]),
        [
            "Free Radio",
            "Ministry of Internal Affairs",
            "Steppe Agency"
        ]
    );

    let almaty = entry(&board, "control", "Almaty");
    assert_eq!(almaty["current"]["value"]["value"], "protesters");
    assert_eq!(almaty["agreement"], "disputed");
    assert_eq!(
        names(&almaty["current"]),
        ["Eyewitness channel", "Free Radio"]
    );
    let astana = entry(&board, "control", "Astana");
    assert_eq!(astana["agreement"], "corroborated");
    assert_eq!(astana["current"]["sources"].as_array().unwrap().len(), 2);
    assert_eq!(
        entry(&board, "control", "Aktobe")["current"]["text"],
        "contested"
    );
    assert_eq!(entry(&board, "control", "Shymkent")["agreement"], "single");
    let places = board["places"].as_array().unwrap();
    assert_eq!(places.len(), 4);
    let aktobe = places.iter().find(|p| p["name"] == "Aktobe").unwrap();
    assert_eq!(aktobe["status"]["colour"], "#ff7f0e");
    assert!(aktobe["lat"].as_f64().unwrap() > 49.0 && aktobe["lon"].as_f64().unwrap() > 56.0);
    assert_eq!(board["badges"][&ex.reports[5]], "disputed");
    assert_eq!(board["badges"][&ex.reports[8]], "corroborated");

    let italian = app
        .get(&format!("/api/v1/threads/{}/board?lang=it", ex.thread))
        .await
        .json;
    assert_eq!(
        indicator(&italian, "police_dead")["label"],
        "Poliziotti morti"
    );
    assert_eq!(
        entry(&italian, "control", "Astana")["current"]["text"],
        "governo"
    );

    // A moderator finds the 12 false: it leaves the board, and the officials' 8 stands,
    // corroborated by the agency.
    let radio_12 = &ex.reports[5];
    let falsified = app
        .post(
            &format!("/api/v1/reports/{radio_12}/status"),
            Some(&moderator),
            json!({"status": "false", "note": "the figure was for the whole region"}),
        )
        .await;
    assert_eq!(falsified.status, StatusCode::OK, "{}", falsified.text);
    assert_eq!(falsified.json["verification"], "false");
    let board = app
        .get(&format!("/api/v1/threads/{}/board", ex.thread))
        .await
        .json;
    let dead = &indicator(&board, "police_dead")["entries"][0];
    assert_eq!(dead["current"]["text"], "8");
    assert_eq!(dead["agreement"], "corroborated");
    assert_eq!(
        names(&dead["current"]),
        ["Ministry of Internal Affairs", "Steppe Agency"]
    );
    assert_eq!(board["badges"][radio_12], "false");
    assert!(
        !board.to_string().contains("\"12\""),
        "no trace of the false figure"
    );
}

#[tokio::test]
async fn reports_are_validated_moderated_and_filtered() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let reader = app.token("lettore", Role::Contributor).await;
    let thread = app.simple_thread(&editor, "Floods").await;
    let tid = thread["id"].as_str().unwrap();
    let indicator = app
        .post(
            &format!("/api/v1/threads/{tid}/indicators"),
            Some(&editor),
            json!({"key": "dead", "labels": {"en": "Dead"}, "kind": "count"}),
        )
        .await;
    assert_eq!(indicator.status, StatusCode::CREATED);
    let refused = app
        .post(
            &format!("/api/v1/threads/{tid}/indicators"),
            Some(&reader),
            json!({"key": "x", "labels": {"en": "X"}, "kind": "count"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let src = source(&app, &editor, "Civil Protection", "official").await;
    let twice = app
        .post(
            "/api/v1/sources",
            Some(&reader),
            json!({"name": "civil  PROTECTIÓN", "kind": "official"}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text);
    assert!(
        twice.text.contains(&src),
        "the conflict names the existing source"
    );
    let found = app.get("/api/v1/sources?q=protection").await;
    assert_eq!(found.json["items"][0]["id"], src);

    let before = app.counts().await;
    let url = format!("/api/v1/threads/{tid}/reports");
    for (body, field) in [
        (
            json!({"body": "x", "source": src, "claims": [{"indicator": "dead", "value": "lots"}]}),
            "claims.value",
        ),
        (
            json!({"body": "x", "source": src, "claims": [{"indicator": "nope", "value": 1}]}),
            "claims.indicator",
        ),
        (
            json!({"body": "x", "source": src, "places": ["gn:999999999"]}),
            "places",
        ),
        (
            json!({"body": "x", "source": "01HZZZZZZZZZZZZZZZZZZZZZZZ"}),
            "source",
        ),
        (
            json!({"body": "x", "source": src, "link": "javascript:alert(1)"}),
            "link",
        ),
        (json!({"body": " ", "source": src}), "body"),
    ] {
        let reply = app.post(&url, Some(&editor), body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.text
        );
        assert_eq!(reply.json["error"]["field"], field, "{}", reply.text);
    }
    assert_eq!(
        app.counts().await,
        before,
        "a refused report writes nothing"
    );
    let guest = app
        .post(&url, None, json!({"body": "x", "source": src}))
        .await;
    assert_eq!(
        guest.status,
        StatusCode::FORBIDDEN,
        "this thread takes no guests"
    );

    let submitted = app
        .post(
            &url,
            Some(&reader),
            json!({"body": "I saw **two** bodies <script>x</script>", "source": src,
                   "claims": [{"indicator": "dead", "value": "at least 2"}]}),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::CREATED, "{}", submitted.text);
    assert_eq!(submitted.json["state"], "pending");
    assert!(
        !submitted.json["body_html"]
            .as_str()
            .unwrap()
            .contains("<script")
    );
    let rid = submitted.json["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/reports/{rid}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&url).await.json["items"], json!([]));
    let queue = app.get_as("/api/v1/moderation/reports", &moderator).await;
    assert_eq!(queue.json[0]["report"]["id"], rid);
    assert_eq!(
        app.get_as("/api/v1/moderation/reports", &reader)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let approve = app
        .post(
            &format!("/api/v1/reports/{rid}/moderation"),
            Some(&moderator),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(approve.json["state"], "published", "{}", approve.text);
    let again = app
        .post(
            &format!("/api/v1/reports/{rid}/moderation"),
            Some(&moderator),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let listed = app.get(&format!("{url}?source={src}")).await;
    assert_eq!(listed.json["items"][0]["id"], rid);
    assert_eq!(
        app.get(&format!("{url}?status=false")).await.json["items"],
        json!([])
    );
    assert_eq!(
        app.get(&format!("{url}?state=pending")).await.status,
        StatusCode::UNAUTHORIZED
    );

    let edited = app
        .patch(
            &format!("/api/v1/reports/{rid}"),
            Some(&editor),
            json!({"body": "Two bodies", "source": src,
                   "claims": [{"indicator": "dead", "value": "2"}]}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["revision"], 2);
    let revisions = app.get(&format!("/api/v1/reports/{rid}/revisions")).await;
    assert_eq!(revisions.json.as_array().unwrap().len(), 2);
    let no_note = app
        .post(
            &format!("/api/v1/reports/{rid}/status"),
            Some(&moderator),
            json!({"status": "retracted"}),
        )
        .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    let by_editor = app
        .post(
            &format!("/api/v1/reports/{rid}/status"),
            Some(&editor),
            json!({"status": "confirmed"}),
        )
        .await;
    assert_eq!(
        by_editor.status,
        StatusCode::FORBIDDEN,
        "verification is the moderators'"
    );
    let struck = app
        .post(
            &format!("/api/v1/reports/{rid}/strike"),
            Some(&editor),
            json!({"reason": "duplicate of an earlier report"}),
        )
        .await;
    assert_eq!(struck.status, StatusCode::OK, "{}", struck.text);
    let board = app.get(&format!("/api/v1/threads/{tid}/board")).await.json;
    assert_eq!(
        board["indicators"][0]["entries"],
        json!([]),
        "a struck report leaves the board"
    );
    let edit_struck = app
        .patch(
            &format!("/api/v1/reports/{rid}"),
            Some(&editor),
            json!({"body": "x", "source": src}),
        )
        .await;
    assert_eq!(edit_struck.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn search_folds_case_and_accents_and_hides_what_readers_cannot_see() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let reader = app.token("lettore", Role::Contributor).await;
    let thread = app
        .thread(
            &editor,
            json!({"title": "Proteste a Nursultàn", "lead": "Cronaca in diretta", "language": "it",
                   "comment_policy": "premoderated"}),
        )
        .await;
    let tid = thread["id"].as_str().unwrap();
    let update = app
        .update(&editor, tid, "Spari vicino all'aeroporto di ALMATY")
        .await;
    let src = source(&app, &editor, "Agenzia Steppa", "agency").await;
    let url = format!("/api/v1/threads/{tid}/reports");
    let published = app
        .post(
            &url,
            Some(&editor),
            json!({"body": "Blackout a Алматы", "source": src}),
        )
        .await;
    let pending = app
        .post(
            &url,
            Some(&reader),
            json!({"body": "Segreto almaty", "source": src}),
        )
        .await;
    assert_eq!(pending.json["state"], "pending");
    app.post(
        &format!("/api/v1/threads/{tid}/comments"),
        Some(&reader),
        json!({"body": "Anche a Almaty?"}),
    )
    .await;

    let hits = |q: &str| {
        let app = &app;
        let q = q.to_owned();
        async move {
            let reply = app.get(&format!("/api/v1/search?q={q}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
            reply.json["items"].as_array().unwrap().clone()
        }
    };
    // The city's name in either script finds both the update and the published report.
    let found = hits("almaty").await;
    let ids: Vec<&serde_json::Value> = found.iter().map(|h| &h["id"]).collect();
    assert_eq!(
        ids,
        [&update["id"], &published.json["id"]],
        "the pending report and comment stay hidden: {found:?}"
    );
    assert_eq!(found[0]["kind"], "update");
    assert!(
        found[0]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>ALMATY</mark>")
    );
    assert!(
        found[1]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>Алматы</mark>")
    );
    let found = hits("Nursultan").await;
    assert_eq!(found[0]["kind"], "thread");
    assert_eq!(found[0]["thread_slug"], thread["slug"]);
    assert_eq!(hits("алматы").await.len(), 2);
    assert_eq!(hits("алмат").await[0]["id"], published.json["id"]);
    assert_eq!(
        hits("aeropo").await.len(),
        1,
        "the last word may be a beginning"
    );
    assert!(hits("%22%20OR%20*").await.is_empty());
    let long = app
        .get(&format!("/api/v1/search?q={}", "a".repeat(201)))
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// "No request for help was received", later "the president has asked for help": the newer
/// statement wins, and is a dispute only while the older one is inside the thread's window.
#[tokio::test]
async fn the_dispute_window_is_the_threads_to_set() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Help").await;
    let tid = thread["id"].as_str().unwrap();
    assert_eq!(thread["dispute_window_hours"], 12);
    let reply = app
        .post(
            &format!("/api/v1/threads/{tid}/indicators"),
            Some(&editor),
            json!({"key": "help", "labels": {"en": "Request for help"}, "kind": "text"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let office = source(&app, &editor, "President's office", "official").await;
    let agency = source(&app, &editor, "Steppe Agency", "agency").await;
    for (src, text, time) in [
        (&office, "no request for help was received", "08:00"),
        (&agency, "the president has asked for help", "14:00"),
    ] {
        let reply = app
            .post(
                &format!("/api/v1/threads/{tid}/reports"),
                Some(&editor),
                json!({"body": text, "source": src, "stated_at": at(time),
                       "claims": [{"indicator": "help", "value": text}]}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    }
    let entry = |board: &Value| board["indicators"][0]["entries"][0].clone();
    let board = app.get(&format!("/api/v1/threads/{tid}/board")).await.json;
    assert_eq!(
        entry(&board)["current"]["text"],
        "the president has asked for help"
    );
    assert_eq!(
        entry(&board)["agreement"],
        "disputed",
        "6 hours apart, inside 12"
    );

    let bad = app
        .patch(
            &format!("/api/v1/threads/{tid}"),
            Some(&editor),
            json!({"dispute_window_hours": 0}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let narrowed = app
        .patch(
            &format!("/api/v1/threads/{tid}"),
            Some(&editor),
            json!({"dispute_window_hours": 4}),
        )
        .await;
    assert_eq!(narrowed.status, StatusCode::OK, "{}", narrowed.text);
    assert_eq!(narrowed.json["dispute_window_hours"], 4);
    let board = app.get(&format!("/api/v1/threads/{tid}/board")).await.json;
    assert_eq!(
        entry(&board)["current"]["text"],
        "the president has asked for help"
    );
    assert_eq!(
        entry(&board)["agreement"],
        "single",
        "the old denial is outside the window"
    );
}

/// Many readers at once: reading a board holds one reader connection, never two, so a burst
/// of readers cannot starve the pool.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_readers_of_a_board_at_once_are_all_served() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Busy").await;
    let tid = thread["id"].as_str().unwrap().to_owned();
    let router = app.router();
    let mut readers = Vec::new();
    for _ in 0..48 {
        let router = router.clone();
        let path = format!("/api/v1/threads/{tid}/board");
        readers.push(tokio::spawn(async move {
            use tower::ServiceExt;
            let req = axum::http::Request::get(path)
                .body(axum::body::Body::empty())
                .unwrap();
            router.oneshot(req).await.unwrap().status()
        }));
    }
    let statuses = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        let mut out = Vec::new();
        for r in readers {
            out.push(r.await.unwrap());
        }
        out
    })
    .await
    .expect("every reader is served without waiting on the pool");
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
}
