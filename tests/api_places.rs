//! Place look-ups: the gazetteer through `GET /api/v1/places`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::TestApp;
use cronaca::domain::role::Role;
use serde_json::json;

/// The first place found for `q`: (name, country).
async fn first(app: &TestApp, q: &str) -> (String, String) {
    let reply = app.get(&format!("/api/v1/places?q={}", encode(q))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let place = &reply.json["items"][0];
    assert!(place.is_object(), "nothing found for {q:?}: {}", reply.text);
    (
        place["name"].as_str().unwrap().to_owned(),
        place["country"].as_str().unwrap().to_owned(),
    )
}

fn encode(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[tokio::test]
async fn every_name_of_a_city_finds_it() {
    let app = TestApp::new().await;
    for q in ["Nur-Sultan", "Nursultan", "Astana", "Нур-Султан"] {
        assert_eq!(first(&app, q).await, ("Astana".into(), "KZ".into()), "{q}");
    }
    for q in ["Almaty", "Алматы", "Alma-Ata", "almaty"] {
        assert_eq!(first(&app, q).await, ("Almaty".into(), "KZ".into()), "{q}");
    }
}

#[tokio::test]
async fn a_place_has_an_id_coordinates_and_the_name_that_matched() {
    let app = TestApp::new().await;
    let reply = app
        .get(&format!("/api/v1/places?q={}", encode("Алматы")))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let almaty = &reply.json["items"][0];
    assert_eq!(almaty["id"], "gn:1526384");
    assert_eq!(almaty["name"], "Almaty");
    assert_eq!(almaty["country"], "KZ");
    assert_eq!(almaty["country_name"], "Kazakhstan");
    assert!((almaty["lat"].as_f64().unwrap() - 43.25).abs() < 0.01);
    assert!((almaty["lon"].as_f64().unwrap() - 76.91).abs() < 0.01);
    assert!(almaty["population"].as_u64().unwrap() > 1_000_000);
    assert_eq!(almaty["matched"], "Алматы");

    let reply = app.get("/api/v1/places?q=Almaty").await;
    assert!(
        reply.json["items"][0].get("matched").is_none(),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn answers_are_cached_briefly_as_custom_places_may_be_added() {
    let app = TestApp::new().await;
    let reply = app.get("/api/v1/places?q=Paris").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers.get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=300"
    );
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
}

/// Editors add places the gazetteer lacks; look-ups find them first.
#[tokio::test]
async fn custom_places_are_added_by_editors_and_found_first() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let reader = app.token("lettore", Role::Contributor).await;
    let airport = json!({"name": "Almaty International Airport", "country": "kz",
                         "lat": 43.3521, "lon": 77.0405});
    let refused = app
        .post("/api/v1/places", Some(&reader), airport.clone())
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .post(
            "/api/v1/places",
            Some(&editor),
            json!({"name": "Nowhere", "lat": 95.0, "lon": 0.0}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["error"]["field"], "lat");
    let created = app.post("/api/v1/places", Some(&editor), airport).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["country"], "KZ");
    assert_eq!(created.json["custom"], true);
    let found = app.get("/api/v1/places?q=almaty&limit=3").await;
    let items = found.json["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], created.json["id"]);
    assert_eq!(items[1]["name"], "Almaty", "then the city");
    assert!(items.len() <= 3);

    let thread = app.simple_thread(&editor, "Airport").await;
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            json!({"name": "Airport authority", "kind": "official"}),
        )
        .await;
    let report = app
        .post(
            &format!("/api/v1/threads/{}/reports", thread["id"].as_str().unwrap()),
            Some(&editor),
            json!({"body": "Runway closed", "source": source.json["id"],
                   "places": [created.json["id"]]}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    assert_eq!(
        report.json["places"][0]["name"],
        "Almaty International Airport"
    );
}

#[tokio::test]
async fn limit_bounds_the_answer() {
    let app = TestApp::new().await;
    let items = |reply: &common::Reply| reply.json["items"].as_array().unwrap().len();
    assert_eq!(items(&app.get("/api/v1/places?q=a").await), 10);
    assert_eq!(items(&app.get("/api/v1/places?q=a&limit=3").await), 3);
    assert_eq!(items(&app.get("/api/v1/places?q=a&limit=50").await), 50);
    for bad in ["0", "51", "x"] {
        let reply = app.get(&format!("/api/v1/places?q=a&limit={bad}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(reply.error_code(), "invalid_field");
    }
}

#[tokio::test]
async fn an_empty_query_finds_nothing() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/places",
        "/api/v1/places?q=",
        "/api/v1/places?q=+++",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.json, serde_json::json!({"items": []}), "{path}");
    }
}

#[tokio::test]
async fn an_over_long_query_is_refused() {
    let app = TestApp::new().await;
    let ok = app
        .get(&format!("/api/v1/places?q={}", "a".repeat(100)))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let reply = app
        .get(&format!("/api/v1/places?q={}", "a".repeat(101)))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.error_code(), "query_too_long");
}

/// The ids of what `/api/v1/search` finds for `q`.
async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let reply = app.get(&format!("/api/v1/search?q={}", encode(q))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_finds_a_place_by_any_of_its_names_and_in_another_script() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Steppe").await;
    let tid = thread["id"].as_str().unwrap();
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            json!({"name": "Akimat", "kind": "official"}),
        )
        .await;
    // A report about Astana that never names it, and an update that spells Almaty in Latin.
    let report = app
        .post(
            &format!("/api/v1/threads/{tid}/reports"),
            Some(&editor),
            json!({"body": "The bridge is closed", "source": source.json["id"],
                   "places": ["gn:1526273"]}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    let report = report.json["id"].as_str().unwrap().to_owned();
    let update = app.update(&editor, tid, "Flights resumed in Almaty").await;
    let update = update["id"].as_str().unwrap().to_owned();
    let custom = app
        .post(
            "/api/v1/places",
            Some(&editor),
            json!({"name": "Khorgos crossing", "country": "KZ", "lat": 44.2, "lon": 80.4}),
        )
        .await;
    let at_border = app
        .post(
            &format!("/api/v1/threads/{tid}/reports"),
            Some(&editor),
            json!({"body": "Trucks wait", "source": source.json["id"],
                   "places": [custom.json["id"]]}),
        )
        .await;
    let at_border = at_border.json["id"].as_str().unwrap().to_owned();

    for q in ["Astana", "Nur-Sultan", "Нур-Султан", "Астана", "astana"] {
        assert_eq!(found(&app, q).await, [report.as_str()], "{q}");
    }
    for q in ["Алматы", "Almaty", "Alma-Ata"] {
        assert_eq!(found(&app, q).await, [update.as_str()], "{q}");
    }
    assert_eq!(found(&app, "khorgos crossing").await, [at_border]);
    assert!(
        found(&app, "Astana bridge").await.is_empty(),
        "only a whole place name stands for the place"
    );
    assert_eq!(found(&app, "bridge").await, [report.as_str()]);

    // The search page finds the same.
    let page = app
        .get(&format!("/search?q={}", encode("Нур-Султан")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("The bridge is closed"), "{}", page.text);
}
