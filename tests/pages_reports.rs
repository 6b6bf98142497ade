//! Sources, reports, indicators and custom places in the browser, through the real router: who
//! sees which form, what a submitted form writes, and how refusals are shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, Reply, TestApp};
use cronaca::config::Config;
use cronaca::domain::report::ReportState;
use cronaca::domain::role::Role;
use serde_json::json;

const ALMATY: &str = "gn:1526384";

async fn app() -> TestApp {
    TestApp::with_config(Config {
        logins_per_minute: 1000,
        member_writes_per_minute: 1000,
        guest_writes_per_minute: 1000,
        ..Default::default()
    })
    .await
}

fn location(reply: &Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

/// A thread with a count, a status per place, and two sources; returns (slug, editor token,
/// ministry id, khabar id).
struct World {
    slug: String,
    editor: String,
    ministry: String,
    khabar: String,
}

async fn world(app: &TestApp, guests: bool) -> World {
    let editor = app.token("desk", Role::Editor).await;
    let t = app
        .thread(
            &editor,
            json!({"title": "Unrest in Kazakhstan", "lead": "Lead", "language": "en",
                   "guests_may_comment": guests}),
        )
        .await;
    let tid = t["id"].as_str().unwrap();
    for indicator in [
        json!({"key": "police_dead", "labels": {"en": "Police dead", "it": "Poliziotti morti",
               "ru": "Погибшие полицейские"}, "kind": "count"}),
        json!({"key": "control", "labels": {"en": "Control"}, "kind": "status", "scope": "place",
               "statuses": [
                   {"value": "government", "colour": "#1f77b4", "labels": {"it": "governo"}},
                   {"value": "protesters", "colour": "#d62728"}]}),
    ] {
        let reply = app
            .post(
                &format!("/api/v1/threads/{tid}/indicators"),
                Some(&editor),
                indicator,
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    }
    let mut ids = Vec::new();
    for (name, kind) in [
        ("Ministry of Internal Affairs", "official"),
        ("Khabar", "state_media"),
    ] {
        let reply = app
            .post(
                "/api/v1/sources",
                Some(&editor),
                json!({"name": name, "kind": kind, "country": "KZ"}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        ids.push(reply.json["id"].as_str().unwrap().to_owned());
    }
    World {
        slug: t["slug"].as_str().unwrap().to_owned(),
        editor,
        khabar: ids.pop().unwrap(),
        ministry: ids.pop().unwrap(),
    }
}

/// A published report by the editor, through the API.
async fn api_report(app: &TestApp, w: &World, body: &str) -> String {
    let reply = app
        .post(
            &format!("/api/v1/threads/{}/reports", w.slug),
            Some(&w.editor),
            json!({"body": body, "source": w.ministry, "places": [ALMATY],
                   "claims": [{"indicator": "police_dead", "value": "8"},
                              {"indicator": "control", "place": ALMATY, "value": "government"}]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json["id"].as_str().unwrap().to_owned()
}

fn report_form<'a>(w: &'a World, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("body", body),
        ("language", "en"),
        ("source", &w.ministry),
        ("link", "https://news.example/a"),
        ("cites", ""),
        ("occurred_at", "2022-01-05T06:00"),
        ("stated_at", "2022-01-05T08:00"),
        ("places", ""),
        ("claim_indicator_0", ""),
        ("claim_place_0", ""),
        ("claim_value_0", ""),
        ("intent", "save"),
    ]
}

fn set<'a>(form: &mut Vec<(&'a str, &'a str)>, key: &'a str, value: &'a str) {
    form.retain(|(k, _)| *k != key);
    form.push((key, value));
}

#[tokio::test]
async fn source_pages_show_each_role_its_forms() {
    let app = app().await;
    let w = world(&app, false).await;

    let mut guest = Browser::new(&app);
    let list = guest.get("/sources").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.text
            .contains(&format!(r#"href="/sources/{}""#, w.khabar))
    );
    assert!(list.text.contains("<td>State media</td>"), "kind in words");
    assert!(!list.text.contains(r#"href="/sources/new""#));
    let found = guest.get("/sources?q=khab").await.text;
    assert!(found.contains("Khabar") && !found.contains("Ministry of Internal"));
    let new = guest.get("/sources/new").await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
    assert!(location(&new).starts_with("/login?next="));
    let details = guest.get(&format!("/sources/{}", w.khabar)).await;
    assert_eq!(details.status, StatusCode::OK);
    assert!(!details.text.contains(r#"method="post" action="/sources/"#));
    let long = "x".repeat(201);
    assert_eq!(
        guest.get(&format!("/sources?q={long}")).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        guest
            .get("/sources/01HZZZZZZZZZZZZZZZZZZZZZZZ")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let mut carla = app.browser_as("carla", Role::Contributor).await;
    assert!(
        carla
            .get("/sources")
            .await
            .text
            .contains(r#"href="/sources/new""#)
    );
    let form = carla.get("/sources/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text
            .contains(r#"<option value="state_media">State media</option>"#)
    );
    let page = carla.get(&format!("/sources/{}", w.khabar)).await.text;
    assert!(!page.contains(&format!(r#"action="/sources/{}""#, w.khabar)));
    let refused = carla
        .post_form(
            &format!("/sources/{}", w.khabar),
            &[("name", "Khabar TV"), ("kind", "state_media")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut ed = app.browser_as("ed", Role::Editor).await;
    let page = ed.get(&format!("/sources/{}", w.khabar)).await.text;
    assert!(page.contains(&format!(r#"action="/sources/{}""#, w.khabar)));
    let saved = ed
        .post_form(
            &format!("/sources/{}", w.khabar),
            &[
                ("name", "Khabar TV"),
                ("kind", "state_media"),
                ("affiliation", "Government of Kazakhstan"),
                ("country", "kz"),
                ("language", "ru"),
                ("homepage", ""),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = ed.get(location(&saved)).await.text;
    assert!(page.contains("The source was saved."));
    assert!(page.contains(r#"<h1 lang="ru">Khabar TV</h1>"#));
    assert!(page.contains("Government of Kazakhstan"));
}

#[tokio::test]
async fn a_new_source_returns_to_the_report_form_and_a_duplicate_is_named() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut carla = app.browser_as("carla", Role::Contributor).await;
    let report_page = format!("/t/{}/reports/new", w.slug);
    let form = carla.get(&report_page).await.text;
    let add = format!(
        "/sources/new?next={}",
        form_urlencoded::byte_serialize(report_page.as_bytes()).collect::<String>()
    );
    assert!(
        form.contains(&add.replace('&', "&amp;")),
        "link to add a source"
    );
    let new = carla.get(&add).await.text;
    assert!(new.contains(&format!(r#"name="next" value="{report_page}""#)));

    let added = carla
        .post_form(
            "/sources/new",
            &[
                ("name", "Free Radio"),
                ("kind", "independent_media"),
                ("next", &report_page),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let back = location(&added).to_owned();
    assert!(
        back.starts_with(&format!("{report_page}?source=")),
        "{back}"
    );
    let id = back.rsplit('=').next().unwrap();
    let form = carla.get(&back).await.text;
    assert!(form.contains(&format!(
        r#"<option value="{id}" selected>Free Radio</option>"#
    )));

    let before = app.counts().await;
    let again = carla
        .post_form(
            "/sources/new",
            &[
                ("name", "  free radio! "),
                ("kind", "other"),
                ("next", "javascript:alert(1)"),
            ],
        )
        .await;
    assert!(
        !again.text.contains("javascript:"),
        "only paths of this site"
    );
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again
            .text
            .contains("A source with this name is already in the registry.")
    );
    assert!(
        again
            .text
            .contains(&format!(r#"<a href="/sources/{id}">Use “Free Radio”</a>"#))
    );
    assert!(
        again.text.contains(r#"value="  free radio! ""#),
        "typed name kept"
    );
    assert!(
        again
            .text
            .contains(r#"aria-invalid="true" aria-describedby="f-name-error""#)
    );
    assert_eq!(app.counts().await, before, "nothing written");

    let bad = carla
        .post_form(
            "/sources/new",
            &[("name", "Blog"), ("kind", "blog"), ("homepage", "ftp://x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Choose a kind from the list."));
    let bad = carla
        .post_form(
            "/sources/new",
            &[("name", "Blog"), ("kind", "other"), ("homepage", "ftp://x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("https://"));
    assert!(bad.text.contains(r#"id="f-homepage-error""#));
    assert_eq!(app.counts().await, before);
    // Only a path of this site is a place to return to.
    let away = carla
        .post_form(
            "/sources/new",
            &[
                ("name", "Elsewhere"),
                ("kind", "other"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(
        location(&away),
        format!("/?source={}", {
            let page = app.get("/api/v1/sources?q=elsewhere").await;
            page.json["items"][0]["id"].as_str().unwrap().to_owned()
        })
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_and_write_nothing() {
    let app = app().await;
    let w = world(&app, true).await;
    let report = api_report(&app, &w, "Official: 8 police dead").await;
    let indicators = app
        .get(&format!("/api/v1/threads/{}/indicators", w.slug))
        .await;
    let indicator = indicators.json[0]["id"].as_str().unwrap().to_owned();
    let mut admin = app.browser_as("root", Role::Admin).await;
    admin.get("/sources").await;
    let before = app.counts().await;
    let paths = [
        "/sources/new".to_owned(),
        format!("/sources/{}", w.khabar),
        "/places/new".to_owned(),
        format!("/t/{}/reports/new", w.slug),
        format!("/r/{report}/edit"),
        format!("/r/{report}/strike"),
        format!("/r/{report}/status"),
        format!("/t/{}/indicators", w.slug),
        format!("/t/{}/indicators/{indicator}", w.slug),
    ];
    let fields = [
        ("name", "Anything"),
        ("kind", "other"),
        ("lat", "1"),
        ("lon", "1"),
        ("body", "Text"),
        ("source", w.ministry.as_str()),
        ("reason", "Wrong"),
        ("status", "false"),
        ("note", "Fake"),
        ("key", "k"),
        ("label_en", "K"),
        ("position", "1"),
    ];
    for path in &paths {
        let reply = admin.post_raw(path, &fields).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert!(reply.text.contains("This form has expired"), "{path}");
        let mut wrong = fields.to_vec();
        wrong.push(("csrf", "0000"));
        assert_eq!(
            admin.post_raw(path, &wrong).await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn a_contributors_report_with_a_claim_waits_for_a_moderator() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut carla = app.browser_as("carla", Role::Contributor).await;
    let path = format!("/t/{}/reports/new", w.slug);
    let form = carla.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    let html = &form.text;
    assert!(html.contains(&format!(r#"action="{path}""#)));
    assert!(html.contains("A moderator reads your report before it is published."));
    assert!(
        html.find("Khabar").unwrap() < html.find("Ministry of Internal Affairs").unwrap(),
        "sources by name"
    );
    assert_eq!(
        html.matches("data-claim-row").count(),
        4,
        "a row per indicator, and the template of each"
    );
    assert!(html.contains(
        r#"<p class="hint" id="claims-police_dead-hint">a number (300), a range (300–350) or “at least 300”</p>"#
    ));
    assert!(
        html.contains(r#"<select id="f-claim-1-value" name="claim_value_1""#),
        "a status is chosen from a list"
    );
    assert!(html.contains(r#"<option value="protesters">protesters</option>"#));
    assert!(
        html.contains(
            r#"<button class="button" name="intent" value="more:control" formnovalidate"#
        ),
        "another row without the script"
    );
    let it = carla.get(&format!("{path}?lang=it")).await.text;
    assert!(
        it.contains(r#"<option value="government">governo</option>"#),
        "by its label in the reader's language"
    );
    carla.get(&format!("{path}?lang=en")).await;
    assert!(html.contains("Times are in UTC"));
    assert!(
        !html.contains(r#"name="author_name""#),
        "members write under their name"
    );

    let mut fields = report_form(&w, "Official sources report **8** police dead");
    set(&mut fields, "places", "Almaty");
    set(&mut fields, "claim_indicator_0", "police_dead");
    set(&mut fields, "claim_value_0", "at least 8");
    let before = app.counts().await;
    let sent = carla.post_form(&path, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let to = location(&sent).to_owned();
    assert!(
        to.starts_with("/r/") && to.ends_with("?done=pending"),
        "{to}"
    );
    let id = to
        .trim_start_matches("/r/")
        .trim_end_matches("?done=pending");
    let stored = app.store.report(id).await.unwrap();
    assert_eq!(stored.state, ReportState::Pending);
    assert_eq!(stored.places[0].id, ALMATY);
    assert_eq!(stored.claims.len(), 1);
    assert_eq!(
        cronaca::domain::time::iso(&stored.stated_at),
        "2022-01-05T08:00:00Z",
        "form times are UTC"
    );
    assert!(app.counts().await != before);

    let page = carla.get(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Your report waits for a moderator"));
    assert!(page.text.contains("Waiting for a moderator"));
    assert!(
        page.text
            .contains("Police dead</span>: <strong>≥ 8</strong>")
    );
    assert!(page.text.contains("Almaty"));
    assert!(
        !page.text.contains(r#"action="/r/"#),
        "no actions for the submitter"
    );
    assert_eq!(
        Browser::new(&app).get(&format!("/r/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "pending reports are not public"
    );
    let mut mod_ = app.browser_as("mia", Role::Moderator).await;
    let seen = mod_.get(&format!("/r/{id}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.text.contains("review it in the queue"));
    assert!(
        !seen.text.contains(&format!(r#"action="/r/{id}/status""#)),
        "not yet published"
    );
}

#[tokio::test]
async fn an_editors_report_is_published_with_places_resolved_from_names() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let path = format!("/t/{}/reports/new", w.slug);
    let mut fields = report_form(&w, "Protesters hold the akimat");
    set(&mut fields, "places", "Almaty; Алматы; Astana");
    set(&mut fields, "cites", &w.khabar);
    set(&mut fields, "claim_indicator_0", "control");
    set(&mut fields, "claim_place_0", "Алматы");
    set(&mut fields, "claim_value_0", "Protesters");
    fields.extend([
        ("claim_indicator_1", "police_dead"),
        ("claim_place_1", ""),
        ("claim_value_1", "5-10"),
    ]);

    let mut check = fields.clone();
    set(&mut check, "intent", "check");
    let before = app.counts().await;
    let checked = ed.post_form(&path, &check).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    assert!(checked.text.contains("Places found:"));
    assert!(
        checked
            .text
            .contains("<span>Almaty</span> → <strong>Almaty</strong>, Kazakhstan")
    );
    assert!(
        checked
            .text
            .contains(&format!(r#"<option value="Almaty ({ALMATY})">"#))
    );
    assert!(
        !checked.text.contains("<span>Алматы</span>"),
        "one place listed once"
    );
    assert!(
        checked.text.contains(r#"value="Almaty; Алматы; Astana""#),
        "typed kept"
    );
    assert_eq!(app.counts().await, before, "checking writes nothing");

    let sent = ed.post_form(&path, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let to = location(&sent).to_owned();
    let prefix = format!("/t/{}?done=report#r-", w.slug);
    assert!(to.starts_with(&prefix), "{to}");
    let id = to.trim_start_matches(&prefix);
    let r = app.store.report(id).await.unwrap();
    assert_eq!(r.state, ReportState::Published);
    assert_eq!(r.cites.as_ref().unwrap().id, w.khabar);
    let places: Vec<&str> = r.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0], ALMATY);
    assert_eq!(r.places[1].name, "Astana");
    assert_eq!(r.claims.len(), 2);
    assert_eq!(r.claims[0].place.as_ref().unwrap().id, ALMATY);
    assert_eq!(
        serde_json::to_value(&r.claims[0].value).unwrap()["value"],
        "protesters",
        "a status typed by its label"
    );

    let page = Browser::new(&app).get(&format!("/r/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text
            .contains("Report from Ministry of Internal Affairs")
    );
    assert!(
        page.text
            .contains(r#"<div class="body" lang="en"><p>Protesters hold the akimat</p>"#)
    );
    assert!(page.text.contains(
        "Control</span> <span class=\"meta\">(Almaty)</span>: <strong>protesters</strong>"
    ));
    assert!(page.text.contains("<strong>5–10</strong>"));
    assert!(
        page.text
            .contains(&format!(r#"href="/sources/{}">Khabar</a>"#, w.khabar))
    );
    assert!(!page.text.contains(r#"action="/r/"#), "guests get no forms");
}

#[tokio::test]
async fn a_bad_claim_is_shown_again_with_what_was_typed() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut carla = app.browser_as("carla", Role::Contributor).await;
    let path = format!("/t/{}/reports/new", w.slug);
    let before = app.counts().await;

    let mut fields = report_form(&w, "Many dead, they say");
    set(&mut fields, "places", "Almaty; Nowhere-on-earth-xyz");
    set(&mut fields, "claim_indicator_0", "police_dead");
    set(&mut fields, "claim_value_0", "many");
    fields.extend([
        ("claim_indicator_3", "control"),
        ("claim_value_3", "government"),
    ]);
    let reply = carla.post_form(&path, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = &reply.text;
    assert!(
        html.contains(r#"name="claim_value_0" value="many""#),
        "typed value kept"
    );
    assert!(html.contains(
        r#"id="f-claim-0-value-error">Write a number (8), a range (5-10) or “at least 8”.</p>"#
    ));
    assert!(html.contains(
        r#"aria-invalid="true" aria-describedby="claims-police_dead-hint f-claim-0-value-error""#
    ));
    assert!(
        html.contains("This indicator is per place: name the place."),
        "row 2"
    );
    assert!(
        html.contains(r#"name="claim_indicator_1""#),
        "rows renumbered in order"
    );
    assert!(html.contains("No place found for: Nowhere-on-earth-xyz."));
    assert!(html.contains("Many dead, they say"), "body kept");
    assert!(html.contains(r#"value="2022-01-05T06:00""#), "times kept");
    assert!(html.contains(&format!(r#"<option value="{}" selected>"#, w.ministry)));
    assert!(
        html.contains(r##"<a href="#f-claim-0-value">"##),
        "summary links to the field"
    );
    assert_eq!(app.counts().await, before, "nothing written");

    // A refusal of the domain (a time in the future) lands on its field too.
    let mut fields = report_form(&w, "From the future");
    set(&mut fields, "stated_at", "2999-01-01T00:00");
    let reply = carla.post_form(&path, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .text
            .contains(r#"id="f-stated_at-error">This time must not be in the future."#)
    );
    let mut fields = report_form(&w, "Bad time");
    set(&mut fields, "occurred_at", "yesterday");
    let reply = carla.post_form(&path, &fields).await;
    assert!(
        reply
            .text
            .contains("Write a date and time such as 2022-01-05T10:30.")
    );
    let mut fields = report_form(&w, "No source");
    set(&mut fields, "source", "");
    let reply = carla.post_form(&path, &fields).await;
    assert!(
        reply
            .text
            .contains(r#"id="f-source-error">Choose the source from the registry."#)
    );
    assert_eq!(app.counts().await, before, "nothing written");
}

#[tokio::test]
async fn guests_report_only_where_the_thread_takes_them() {
    let app = app().await;
    let members_only = world(&app, false).await;
    let mut guest = Browser::new(&app);
    let path = format!("/t/{}/reports/new", members_only.slug);
    let refused = guest.get(&path).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert!(location(&refused).starts_with("/login?next="));
    let before = app.counts().await;
    let posted = guest
        .post_form(&path, &report_form(&members_only, "Hello"))
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    assert_eq!(app.counts().await, before);
    assert_eq!(
        guest.get("/t/no-such-thread/reports/new").await.status,
        StatusCode::NOT_FOUND
    );

    let editor = members_only.editor.clone();
    let open = app
        .thread(
            &editor,
            json!({"title": "Open", "lead": "L", "language": "ru", "guests_may_comment": true}),
        )
        .await;
    let slug = open["slug"].as_str().unwrap();
    let path = format!("/t/{slug}/reports/new");
    let form = guest.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains(r#"name="author_name""#));
    assert!(
        form.text.contains(r#"name="language" value="ru""#),
        "the thread's language"
    );
    assert!(form.text.contains("This thread tracks no indicator yet"));
    let mut fields = report_form(&members_only, "I saw it");
    let no_name = guest.post_form(&path, &fields).await;
    assert_eq!(no_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_name.text.contains(r#"id="f-author_name-error""#));
    set(&mut fields, "author_name", "Witness 7");
    let sent = guest.post_form(&path, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    assert_eq!(location(&sent), format!("{path}?done=pending"));
    let back = guest.get(location(&sent)).await.text;
    assert!(back.contains("Thank you. Your report waits for a moderator"));
    let queue = app.store.report_queue(10).await.unwrap();
    assert_eq!(queue[0].report.submitted_by.name, "Witness 7");

    // Nobody reports on a closed thread.
    app.patch(
        &format!("/api/v1/threads/{slug}"),
        Some(&editor),
        json!({"status": "closed"}),
    )
    .await;
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let closed = ed.get(&path).await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    assert!(closed.text.contains("This thread is closed."));
}

#[tokio::test]
async fn a_moderator_sets_a_report_false_with_a_note() {
    let app = app().await;
    let w = world(&app, false).await;
    let id = api_report(&app, &w, "Official: 8 police dead").await;
    let mut mia = app.browser_as("mia", Role::Moderator).await;
    let page = mia.get(&format!("/r/{id}")).await.text;
    assert!(page.contains(&format!(r#"action="/r/{id}/status""#)));
    assert!(!page.contains(&format!(r#"action="/r/{id}/strike""#)));
    assert!(!page.contains(&format!(r#"href="/r/{id}/edit""#)));
    assert!(page.contains(r#"value="unverified" checked"#));

    let before = app.counts().await;
    let bare = mia
        .post_form(
            &format!("/r/{id}/status"),
            &[("status", "false"), ("note", " ")],
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bare.text
            .contains("a false or retracted report needs a note")
    );
    assert!(
        bare.text.contains(r#"value="false" checked"#),
        "choice kept"
    );
    let odd = mia
        .post_form(&format!("/r/{id}/status"), &[("status", "disputed")])
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        odd.text
            .contains("Choose unverified, confirmed, false or retracted.")
    );
    assert_eq!(app.counts().await, before);

    let set = mia
        .post_form(
            &format!("/r/{id}/status"),
            &[("status", "false"), ("note", "The photo is from 2019")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.text);
    assert_eq!(location(&set), format!("/r/{id}?done=verified"));
    let page = Browser::new(&app).get(&format!("/r/{id}")).await.text;
    assert!(page.contains(r#"<span class="badge verification-false">False</span>"#));
    assert!(page.contains("The photo is from 2019"));

    let mut carla = app.browser_as("carla", Role::Contributor).await;
    let refused = carla
        .post_form(
            &format!("/r/{id}/status"),
            &[("status", "confirmed"), ("note", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let guest = Browser::new(&app)
        .post_form(&format!("/r/{id}/status"), &[("status", "confirmed")])
        .await;
    assert_eq!(
        guest.status,
        StatusCode::SEE_OTHER,
        "guests are sent to log in"
    );
}

#[tokio::test]
async fn an_editor_edits_then_strikes_a_report() {
    let app = app().await;
    let w = world(&app, false).await;
    let id = api_report(&app, &w, "Official: 8 police dead").await;
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let page = ed.get(&format!("/r/{id}")).await.text;
    assert!(page.contains(&format!(r#"href="/r/{id}/edit""#)));
    assert!(page.contains(&format!(r#"action="/r/{id}/strike""#)));
    assert!(
        !page.contains(&format!(r#"action="/r/{id}/status""#)),
        "editors do not verify"
    );

    let form = ed.get(&format!("/r/{id}/edit")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains(&format!(r#"value="Almaty ({ALMATY})""#)));
    assert!(form.text.contains(r#"name="claim_value_0" value="8""#));
    assert!(
        form.text
            .contains(r#"<option value="government" selected>government</option>"#)
    );
    assert!(
        form.text.contains(r#"name="claim_value_2" value="""#),
        "one blank row more"
    );

    let pairs: Vec<(String, String)> = vec![
        ("body", "Official: 9 police dead"),
        ("language", "en"),
        ("source", w.ministry.as_str()),
        ("places", &format!("Almaty ({ALMATY})")),
        ("claim_indicator_0", "police_dead"),
        ("claim_value_0", "9"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = ed.post_form(&format!("/r/{id}/edit"), &refs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(location(&saved), format!("/r/{id}?done=saved"));
    let r = app.store.report(&id).await.unwrap();
    assert_eq!((r.revision, r.claims.len()), (2, 1));
    let versions = ed.get(&format!("/r/{id}/revisions")).await;
    assert_eq!(versions.status, StatusCode::OK);
    assert!(versions.text.contains("Version 2") && versions.text.contains("Version 1"));
    assert!(versions.text.contains("9 police dead") && versions.text.contains("8 police dead"));
    assert!(
        versions.text.contains("<strong>government</strong>"),
        "old claims listed"
    );

    let mut carla = app.browser_as("carla", Role::Contributor).await;
    assert_eq!(
        carla.get(&format!("/r/{id}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut mia = app.browser_as("mia", Role::Moderator).await;
    assert_eq!(
        mia.post_form(&format!("/r/{id}/strike"), &[("reason", "x")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let before = app.counts().await;
    let empty = ed
        .post_form(&format!("/r/{id}/strike"), &[("reason", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("Give the reason"));
    assert!(empty.text.contains("<details class=\"strike\" open>"));
    assert_eq!(app.counts().await, before);
    let struck = ed
        .post_form(
            &format!("/r/{id}/strike"),
            &[("reason", "The ministry corrected itself")],
        )
        .await;
    assert_eq!(struck.status, StatusCode::SEE_OTHER);
    let page = ed.get(location(&struck)).await.text;
    assert!(page.contains("The report was struck."));
    assert!(page.contains("Struck: The ministry corrected itself"));
    assert!(page.contains(r#"class="report struck""#));
    assert!(!page.contains(&format!(r#"action="/r/{id}/strike""#)));
    let again = ed.get(&format!("/r/{id}/edit")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let twice = ed
        .post_form(&format!("/r/{id}/strike"), &[("reason", "Again")])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.text.contains("This report is struck"));
}

#[tokio::test]
async fn indicators_are_listed_for_all_and_managed_by_editors() {
    let app = app().await;
    let w = world(&app, false).await;
    let path = format!("/t/{}/indicators", w.slug);
    let list = Browser::new(&app).get(&path).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains("Police dead"));
    assert!(list.text.contains(r##"fill="#1f77b4""##), "colour swatches");
    assert!(list.text.contains("Per place"));
    assert!(!list.text.contains("<form"), "guests get no forms");
    let mut carla = app.browser_as("carla", Role::Contributor).await;
    assert!(
        !carla
            .get(&path)
            .await
            .text
            .contains(&format!(r#"action="{path}""#))
    );
    let refused = carla
        .post_form(&path, &[("key", "x"), ("label_en", "X"), ("kind", "count")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut ed = app.browser_as("ed", Role::Editor).await;
    let page = ed.get(&path).await.text;
    assert!(page.contains(&format!(r#"action="{path}""#)));
    let before = app.counts().await;
    let bad = ed
        .post_form(
            &path,
            &[
                ("key", "internet"),
                ("label_en", "Internet"),
                ("kind", "status"),
                ("scope", "place"),
                ("status_label_en_0", "Working"),
                ("status_colour_0", "#1b7f3b"),
                ("status_label_en_1", "Cut"),
                ("status_colour_1", "#b4232a"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text
            .contains("Value 2: choose one of the colours shown.")
    );
    assert!(bad.text.contains(r#"value="Cut""#), "typed kept");
    assert!(
        !bad.text.contains(r##"value="#b4232a""##),
        "only the palette is offered"
    );
    let taken = ed
        .post_form(
            &path,
            &[
                ("key", "control"),
                ("label_en", "Control"),
                ("kind", "count"),
                ("scope", "thread"),
            ],
        )
        .await;
    assert!(
        taken
            .text
            .contains("already has an indicator with this key")
    );
    let unlabelled = ed
        .post_form(
            &path,
            &[("key", "x"), ("kind", "count"), ("scope", "thread")],
        )
        .await;
    assert!(
        unlabelled
            .text
            .contains("Write a label in at least one language.")
    );
    let counted = ed
        .post_form(
            &path,
            &[
                ("key", "x"),
                ("label_en", "X"),
                ("kind", "count"),
                ("scope", "thread"),
                ("status_label_en_0", "A"),
                ("status_colour_0", "#d93b30"),
            ],
        )
        .await;
    assert!(counted.text.contains("Only a status has a list of values"));
    assert_eq!(app.counts().await, before);

    let created = ed
        .post_form(
            &path,
            &[
                ("label_en", "Internet"),
                ("label_ru", "Интернет"),
                ("kind", "status"),
                ("scope", "place"),
                ("status_label_en_0", "Working"),
                ("status_colour_0", "#1B7F3B"),
                ("status_label_en_1", "Cut partly"),
                ("status_label_it_1", "Interrotto in parte"),
                ("status_colour_1", "#d93b30"),
                ("status_label_en_2", ""),
                ("status_colour_2", "#3a86d4"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    assert_eq!(
        location(&created),
        format!("{path}?done=created#i-internet")
    );
    let all = app
        .get(&format!("/api/v1/threads/{}/indicators", w.slug))
        .await;
    let internet = &all.json[2];
    assert_eq!(internet["key"], "internet", "the key made from the label");
    assert_eq!(internet["statuses"][0]["value"], "working");
    assert_eq!(internet["statuses"][0]["colour"], "#1b7f3b");
    assert_eq!(internet["statuses"][1]["value"], "cut_partly");
    assert_eq!(
        internet["statuses"][1]["labels"]["it"],
        "Interrotto in parte"
    );
    assert_eq!(internet["statuses"].as_array().unwrap().len(), 2);
    let page = Browser::new(&app)
        .get(&format!("{path}?lang=ru"))
        .await
        .text;
    assert!(page.contains("Интернет"));

    // Values in use cannot be removed; the rest of the edit is kept on the page.
    api_report(&app, &w, "Government holds Almaty").await;
    let control = all.json[1]["id"].as_str().unwrap();
    let before = app.counts().await;
    let removing = ed
        .post_form(
            &format!("{path}/{control}"),
            &[
                ("label_en", "Who controls"),
                ("status_code_0", "government"),
                ("status_label_en_0", "government"),
                ("status_colour_0", "#1f77b4"),
                ("status_remove_0", "1"),
                ("status_code_1", "protesters"),
                ("status_label_en_1", "protesters"),
                ("status_colour_1", "#d62728"),
                ("position", "5"),
            ],
        )
        .await;
    assert_eq!(removing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        removing
            .text
            .contains("Claims use government: these values cannot be removed.")
    );
    assert!(removing.text.contains(r#"value="Who controls""#));
    assert!(
        removing
            .text
            .contains("<details class=\"indicator-edit\" open>")
    );
    assert_eq!(app.counts().await, before);
    let bad_position = ed
        .post_form(
            &format!("{path}/{control}"),
            &[("label_en", "Control"), ("position", "first")],
        )
        .await;
    assert!(
        bad_position
            .text
            .contains("Write a whole number, such as 3.")
    );
    let saved = ed
        .post_form(
            &format!("{path}/{control}"),
            &[
                ("label_en", "Who controls"),
                ("label_it", "Controllo"),
                ("status_code_0", "government"),
                ("status_label_it_0", "governo"),
                ("status_colour_0", "#1f77b4"),
                ("status_code_1", "protesters"),
                ("status_label_en_1", "Protesters"),
                ("status_colour_1", "#d62728"),
                ("status_label_en_2", "Contested"),
                ("status_colour_2", "#b36b00"),
                ("position", "-1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let all = app
        .get(&format!("/api/v1/threads/{}/indicators", w.slug))
        .await;
    assert_eq!(all.json[0]["key"], "control", "moved first");
    assert_eq!(all.json[0]["labels"]["it"], "Controllo");
    assert_eq!(all.json[0]["statuses"].as_array().unwrap().len(), 3);
    assert_eq!(
        all.json[0]["statuses"][0]["colour"], "#1f77b4",
        "kept outside the palette"
    );
    assert_eq!(all.json[0]["statuses"][2]["value"], "contested");
    assert_eq!(all.json[0]["statuses"][2]["colour"], "#b36b00");
    assert_eq!(
        ed.post_form(
            &format!("{path}/01HZZZZZZZZZZZZZZZZZZZZZZZ"),
            &[("position", "1")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn custom_places_are_added_listed_and_named_in_reports() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut guest = Browser::new(&app);
    assert_eq!(guest.get("/places").await.status, StatusCode::OK);
    assert_eq!(guest.get("/places/new").await.status, StatusCode::SEE_OTHER);
    let mut carla = app.browser_as("carla", Role::Contributor).await;
    assert_eq!(carla.get("/places/new").await.status, StatusCode::FORBIDDEN);

    let mut ed = app.browser_as("ed", Role::Editor).await;
    assert!(
        ed.get("/places")
            .await
            .text
            .contains(r#"href="/places/new""#)
    );
    let form = ed.get("/places/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let before = app.counts().await;
    let bad = ed
        .post_form(
            "/places/new",
            &[
                ("name", "Almaty International Airport"),
                ("country", "KZ"),
                ("lat", "north"),
                ("lon", "200"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Write a latitude between -90 and 90"));
    assert!(bad.text.contains(r#"value="north""#));
    let far = ed
        .post_form(
            "/places/new",
            &[
                ("name", "Almaty International Airport"),
                ("lat", "43,352"),
                ("lon", "200"),
            ],
        )
        .await;
    assert!(far.text.contains("Write a longitude between -180 and 180"));
    assert_eq!(app.counts().await, before);
    let added = ed
        .post_form(
            "/places/new",
            &[
                ("name", "Almaty International Airport"),
                ("country", "kz"),
                ("lat", "43,352"),
                ("lon", "77.0405"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    assert!(location(&added).starts_with("/places?done=added#p-"));
    let list = guest.get("/places").await.text;
    assert!(list.contains("Almaty International Airport"));
    assert!(list.contains("43.352, 77.0405"));
    assert!(
        guest
            .get("/places?q=airport")
            .await
            .text
            .contains("Almaty International Airport")
    );

    let mut fields = report_form(&w, "Flights stopped");
    set(&mut fields, "places", "almaty international airport");
    let sent = ed
        .post_form(&format!("/t/{}/reports/new", w.slug), &fields)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let id = location(&sent).rsplit("#r-").next().unwrap().to_owned();
    let r = app.store.report(&id).await.unwrap();
    assert_eq!(r.places[0].name, "Almaty International Airport");
}

#[tokio::test]
async fn pages_speak_italian_and_russian() {
    let app = app().await;
    let w = world(&app, true).await;
    let id = api_report(&app, &w, "Official: 8 police dead").await;
    for (path, it, ru) in [
        ("/sources".to_owned(), "Cerca per nome", "Поиск по названию"),
        ("/places".to_owned(), "Luoghi aggiunti", "Добавленные места"),
        (
            format!("/t/{}/indicators", w.slug),
            "Poliziotti morti",
            "Погибшие полицейские",
        ),
        (
            format!("/t/{}/reports/new", w.slug),
            "Invia una segnalazione",
            "Отправить сообщение",
        ),
        (format!("/r/{id}"), "Segnalazione da", "Сообщение: "),
        (
            format!("/r/{id}/revisions"),
            "Versioni della segnalazione",
            "Версии сообщения",
        ),
    ] {
        let page = Browser::new(&app).get(&format!("{path}?lang=it")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text.contains(r#"<html lang="it">"#));
        assert!(page.text.contains(it), "{path} in Italian");
        let page = Browser::new(&app).get(&format!("{path}?lang=ru")).await;
        assert!(page.text.contains(ru), "{path} in Russian");
    }
    let mut b = Browser::new(&app);
    b.get("/sources?lang=it").await;
    let kinds = b.get("/sources").await.text;
    assert!(
        kinds.contains("<td>Media di Stato</td>"),
        "kinds in words, in Italian"
    );
    let form = b.get(&format!("/t/{}/reports/new", w.slug)).await.text;
    assert!(form.contains(r#"<option value="government">governo</option>"#));
    assert!(form.contains("Gli orari sono in UTC"));
}

#[tokio::test]
async fn a_claim_value_foreign_to_its_indicator_is_refused_on_its_field() {
    let app = app().await;
    let w = world(&app, false).await;
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let path = format!("/t/{}/reports/new", w.slug);
    let before = app.counts().await;

    // A status the indicator does not have (a forged select), in a report about Almaty.
    let mut fields = report_form(&w, "Rebels hold Almaty");
    set(&mut fields, "places", "Almaty");
    set(&mut fields, "claim_indicator_0", "control");
    set(&mut fields, "claim_value_0", "rebels");
    let reply = ed.post_form(&path, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .text
            .contains(r#"id="f-claim-0-value-error">Write one of: government, protesters.</p>"#),
        "the message sits on the value"
    );
    assert!(reply.text.contains(r##"<a href="#f-claim-0-value">"##));
    // An indicator the thread does not track.
    let mut fields = report_form(&w, "Unknown indicator");
    set(&mut fields, "claim_indicator_0", "weather");
    set(&mut fields, "claim_value_0", "sunny");
    let reply = ed.post_form(&path, &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .text
            .contains("A claim names an indicator this thread does not track.")
    );
    // Asking for another row saves nothing and keeps what was typed.
    let mut fields = report_form(&w, "Two places");
    set(&mut fields, "claim_indicator_0", "control");
    set(&mut fields, "claim_place_0", "Almaty");
    set(&mut fields, "claim_value_0", "government");
    set(&mut fields, "intent", "more:control");
    let more = ed.post_form(&path, &fields).await;
    assert_eq!(more.status, StatusCode::OK);
    assert!(more.text.contains(r#"name="claim_place_0" value="Almaty""#));
    assert!(
        more.text
            .contains(r#"name="claim_indicator_1" value="police_dead""#)
    );
    assert!(
        more.text
            .contains(r#"name="claim_indicator_2" value="control""#)
    );
    assert!(!more.text.contains("field-error"), "not judged yet");
    assert_eq!(app.counts().await, before, "nothing written");

    // The report's one place is the claim's; counts take "at least" and ranges.
    let mut fields = report_form(&w, "Government holds Almaty; at least 300 dead");
    set(&mut fields, "places", "Almaty");
    set(&mut fields, "claim_indicator_0", "control");
    set(&mut fields, "claim_value_0", "government");
    fields.extend([
        ("claim_indicator_1", "police_dead"),
        ("claim_value_1", "at least 300"),
        ("claim_indicator_2", "police_dead"),
        ("claim_value_2", "300–350"),
    ]);
    let saved = ed.post_form(&path, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let id = location(&saved).rsplit("#r-").next().unwrap().to_owned();
    let stored = app.store.report(&id).await.unwrap();
    assert_eq!(stored.claims.len(), 3);
    assert_eq!(
        stored.claims[0].place.as_ref().map(|p| p.id.as_str()),
        Some(ALMATY)
    );
}
