//! The OpenAPI document says what the server does: parameters where the server reads them,
//! every refusal a handler can give listed on it, and the limits the validating code enforces
//! written into the schemas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::TestApp;
use serde_json::Value;

const WRITES: [&str; 4] = ["post", "put", "patch", "delete"];

/// Query parameters the handlers cannot do without; every other one is optional.
const REQUIRED_QUERY: [(&str, &str); 3] = [
    ("/api/v1/search", "q"),
    ("/api/v1/comments/{id}/machine-translation", "lang"),
    ("/api/v1/reports/{id}/machine-translation", "lang"),
];

async fn document() -> Value {
    let app = TestApp::new().await;
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json
}

/// Every operation: (method, path, operation object).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.clone(), path.clone(), op.clone()));
        }
    }
    assert!(out.len() >= 50, "{} operations", out.len());
    out
}

fn parameters(op: &Value) -> Vec<Value> {
    op["parameters"].as_array().cloned().unwrap_or_default()
}

fn template_names(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// A schema reached through `$ref`s.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn property<'a>(doc: &'a Value, schema: &str, name: &str) -> &'a Value {
    let p = &doc["components"]["schemas"][schema]["properties"][name];
    assert!(!p.is_null(), "{schema}.{name} is not in the document");
    p
}

#[tokio::test]
async fn path_parameters_are_the_ones_in_the_path_template() {
    let doc = document().await;
    for (method, path, op) in operations(&doc) {
        let declared: Vec<String> = parameters(&op)
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| {
                assert_eq!(p["required"], true, "{method} {path}: {p}");
                p["name"].as_str().unwrap().to_owned()
            })
            .collect();
        let mut expected = template_names(&path);
        let mut found = declared.clone();
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{method} {path}: path parameters");
    }
}

#[tokio::test]
async fn query_parameters_are_in_the_query_and_optional_unless_needed() {
    let doc = document().await;
    let mut seen = 0;
    for (method, path, op) in operations(&doc) {
        for p in parameters(&op).iter().filter(|p| p["in"] == "query") {
            seen += 1;
            let name = p["name"].as_str().unwrap();
            let needed = REQUIRED_QUERY.contains(&(path.as_str(), name));
            assert_eq!(
                p["required"].as_bool().unwrap_or(false),
                needed,
                "{method} {path}: query parameter {name}"
            );
        }
    }
    assert!(seen >= 27, "only {seen} query parameters");
}

#[tokio::test]
async fn optional_query_parameters_can_be_left_out() {
    // Setup: a thread, so the operations under /threads/{id} find one.
    let app = TestApp::new().await;
    let admin = app.token("root", cronaca::domain::role::Role::Admin).await;
    let thread = app.simple_thread(&admin, "Query").await;
    let id = thread["id"].as_str().unwrap();
    let doc = document().await;
    for (method, path, op) in operations(&doc) {
        let has_query = parameters(&op).iter().any(|p| p["in"] == "query");
        if method != "get" || !has_query || path.ends_with("/events") {
            continue;
        }
        if REQUIRED_QUERY.iter().any(|(p, _)| *p == path) {
            continue;
        }
        // Exec: the operation without any query parameter.
        let reply = app
            .call(Method::GET, &path.replace("{id}", id), Some(&admin), None)
            .await;
        // Check
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
    }
}

#[tokio::test]
async fn every_write_documents_the_refusals_of_its_body_and_token() {
    let doc = document().await;
    for (method, path, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap();
        let has = |status: &str| responses.contains_key(status);
        assert!(has("401"), "{method} {path}: 401");
        if !op["requestBody"].is_null() {
            for status in ["400", "413", "415", "422"] {
                assert!(has(status), "{method} {path}: {status}");
            }
        }
        if WRITES.contains(&method.as_str()) {
            let needs_token = op["security"].as_array().is_some_and(|s| {
                !s.iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            if needs_token {
                assert!(has("403"), "{method} {path}: 403");
            }
        }
        if parameters(&op).iter().any(|p| p["in"] == "query") {
            assert!(has("422"), "{method} {path}: 422 for a bad query parameter");
        }
        if template_names(&path).contains(&"id".to_owned()) {
            assert!(has("404"), "{method} {path}: 404");
        }
        assert!(!op["security"].is_null(), "{method} {path}: security");
    }
}

#[tokio::test]
async fn every_refusal_is_the_json_error_shape() {
    let doc = document().await;
    let shared = &doc["components"]["responses"];
    for (method, path, op) in operations(&doc) {
        for (status, response) in op["responses"].as_object().unwrap() {
            if !status.starts_with('4') && !status.starts_with('5') {
                continue;
            }
            let response = match response["$ref"].as_str() {
                Some(r) => &shared[r.rsplit('/').next().unwrap()],
                None => response,
            };
            let schema = &response["content"]["application/json"]["schema"]["$ref"];
            assert_eq!(
                schema, "#/components/schemas/ErrorBody",
                "{method} {path} {status}: {response}"
            );
            assert!(
                !response["description"].as_str().unwrap_or("").is_empty(),
                "{method} {path} {status}: no description"
            );
        }
    }
    let retry = &shared["TooManyRequests"]["headers"]["Retry-After"];
    assert_eq!(retry["schema"]["type"], "integer");
}

#[tokio::test]
async fn page_sizes_are_bounded_as_the_server_bounds_them() {
    let doc = document().await;
    for (method, path, op) in operations(&doc) {
        for p in parameters(&op).iter().filter(|p| p["name"] == "limit") {
            let schema = &p["schema"];
            assert_eq!(schema["minimum"], 1, "{method} {path}: {schema}");
            let max = schema["maximum"].as_u64().unwrap();
            let expected = match path.as_str() {
                "/api/v1/places" | "/api/v1/search" => 50,
                _ => u64::from(cronaca::domain::page::MAX_LIMIT),
            };
            assert_eq!(max, expected, "{method} {path}");
        }
    }
}

#[tokio::test]
async fn claim_values_are_strings_or_counts() {
    let doc = document().await;
    let value = property(&doc, "NewClaim", "value");
    let types: Vec<&str> = value["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("{value}"))
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["string", "integer"]);
    let shown = resolve(&doc, property(&doc, "Claim", "value"));
    assert!(
        shown["oneOf"].is_array(),
        "a claim shows its value: {shown}"
    );
}

#[tokio::test]
async fn audit_entries_may_have_nothing_before_or_after() {
    let doc = document().await;
    for side in ["before", "after"] {
        let types = &property(&doc, "AuditEntry", side)["type"];
        assert_eq!(types, &serde_json::json!(["object", "null"]), "{side}");
    }
}

#[tokio::test]
async fn language_fields_name_the_tag_format() {
    let doc = document().await;
    let tag = &doc["components"]["schemas"]["LanguageTag"];
    assert_eq!(tag["pattern"], cronaca::domain::language::PATTERN);
    assert_eq!(tag["maxLength"], 35);
    let refers = |v: &Value| v.to_string().contains("#/components/schemas/LanguageTag");
    for (schema, field) in [
        ("NewThread", "language"),
        ("ThreadPatch", "language"),
        ("NewUpdate", "language"),
        ("UpdatePatch", "language"),
        ("NewReport", "language"),
        ("NewSource", "language"),
        ("SourcePatch", "language"),
        ("NewTranslation", "language"),
        ("MachineDraftRequest", "language"),
        ("Thread", "language"),
    ] {
        assert!(refers(property(&doc, schema, field)), "{schema}.{field}");
    }
}

/// The limits written in the schemas are the validating code's constants.
#[tokio::test]
async fn text_limits_are_the_validating_code_limits() {
    use cronaca::domain::{comment, indicator, place, provenance, report, source, thread, update};
    let doc = document().await;
    let limits: [(&str, &str, usize, Option<usize>); 24] = [
        ("NewThread", "title", thread::MAX_TITLE, Some(1)),
        ("NewThread", "lead", thread::MAX_LEAD, None),
        ("ThreadPatch", "title", thread::MAX_TITLE, Some(1)),
        ("ThreadPatch", "lead", thread::MAX_LEAD, None),
        ("NewThread", "slug", cronaca::domain::slug::MAX_LEN, None),
        (
            "NewProvenance",
            "publisher",
            provenance::MAX_PUBLISHER,
            Some(1),
        ),
        ("NewProvenance", "title", provenance::MAX_TITLE, None),
        ("NewUpdate", "body", update::MAX_BODY, Some(1)),
        ("UpdatePatch", "body", update::MAX_BODY, Some(1)),
        ("NewStrike", "reason", update::MAX_REASON, Some(1)),
        ("NewComment", "body", comment::MAX_BODY, Some(1)),
        (
            "NewComment",
            "author_name",
            comment::MAX_AUTHOR_NAME,
            Some(1),
        ),
        ("CommentPatch", "body", comment::MAX_BODY, Some(1)),
        ("NewFlag", "reason", comment::MAX_REASON, Some(1)),
        ("Moderation", "note", comment::MAX_REASON, None),
        ("NewReport", "body", report::MAX_BODY, Some(1)),
        ("NewReport", "author_name", comment::MAX_AUTHOR_NAME, None),
        ("NewVerification", "note", report::MAX_NOTE, None),
        ("NewReportStrike", "reason", report::MAX_NOTE, Some(1)),
        ("NewSource", "name", source::MAX_NAME, Some(1)),
        ("NewSource", "notes", source::MAX_NOTES, None),
        ("NewPlace", "name", place::MAX_NAME, Some(1)),
        ("StatusOption", "value", indicator::MAX_LABEL, Some(1)),
        ("NewIndicator", "key", indicator::MAX_KEY, None),
    ];
    for (schema, field, max, min) in limits {
        let p = property(&doc, schema, field);
        assert_eq!(p["maxLength"], max, "{schema}.{field}: {p}");
        assert_eq!(
            p["minLength"].as_u64(),
            min.map(|m| m as u64),
            "{schema}.{field}"
        );
    }
    let counts: [(&str, &str, usize); 3] = [
        ("NewReport", "places", report::MAX_PLACES),
        ("NewReport", "claims", indicator::MAX_CLAIMS),
        ("NewIndicator", "statuses", indicator::MAX_STATUSES),
    ];
    for (schema, field, max) in counts {
        assert_eq!(
            property(&doc, schema, field)["maxItems"],
            max,
            "{schema}.{field}"
        );
    }
    let ranges: [(&str, &str, f64, f64); 4] = [
        (
            "ThreadPatch",
            "slow_mode_seconds",
            0.0,
            f64::from(thread::MAX_SLOW_MODE),
        ),
        (
            "ThreadPatch",
            "dispute_window_hours",
            1.0,
            f64::from(thread::MAX_DISPUTE_WINDOW_HOURS),
        ),
        ("NewPlace", "lat", -90.0, 90.0),
        ("NewPlace", "lon", -180.0, 180.0),
    ];
    for (schema, field, min, max) in ranges {
        let p = property(&doc, schema, field);
        assert_eq!(p["minimum"].as_f64(), Some(min), "{schema}.{field}: {p}");
        assert_eq!(p["maximum"].as_f64(), Some(max), "{schema}.{field}: {p}");
    }
}

#[tokio::test]
async fn request_bodies_refuse_unknown_fields() {
    let doc = document().await;
    for (method, path, op) in operations(&doc) {
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        if schema.is_null() {
            continue;
        }
        let schema = resolve(&doc, schema);
        assert_eq!(
            schema["additionalProperties"], false,
            "{method} {path}: the server refuses unknown fields"
        );
    }
}

#[tokio::test]
async fn created_items_link_to_the_operations_on_them() {
    let doc = document().await;
    let ids: Vec<String> = operations(&doc)
        .iter()
        .map(|(_, _, op)| op["operationId"].as_str().unwrap().to_owned())
        .collect();
    let links = &doc["paths"]["/api/v1/threads"]["post"]["responses"]["201"]["links"];
    let links = links.as_object().unwrap_or_else(|| panic!("{links}"));
    assert!(links.contains_key("get_thread") && links.contains_key("post_update"));
    for (name, link) in links {
        let target = link["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {link}"));
        assert!(ids.iter().any(|id| id == target), "{name}: {target}");
        assert_eq!(link["parameters"]["id"], "$response.body#/id");
    }
}
