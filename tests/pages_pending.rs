//! A guest's comment on a premoderated thread: the notice and the waiting text beside the form,
//! for the browser that sent it only, until a moderator approves it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use cronaca::domain::role::Role;
use serde_json::json;

async fn premoderated(app: &TestApp, editor: &str) -> String {
    let t = app
        .thread(
            editor,
            json!({"title": "Floods in Lorvik", "lead": "Lead", "language": "en",
                   "comment_policy": "premoderated", "guests_may_comment": true}),
        )
        .await;
    t["slug"].as_str().unwrap().to_owned()
}

/// The part of the page between the pending block's start and its end.
fn own_block(page: &str) -> Option<&str> {
    let start = page.find(r#"id="yours""#)?;
    let end = page[start..].find("</div>")? + start;
    Some(&page[start..end])
}

#[tokio::test]
async fn a_guest_sees_the_notice_and_their_waiting_comment_beside_the_form() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let slug = premoderated(&app, &editor).await;
    let mut guest = Browser::new(&app);
    let mut other = Browser::new(&app);
    other.get(&format!("/t/{slug}")).await;

    let sent = guest
        .post_form(
            &format!("/t/{slug}/comments"),
            &[
                ("body", "Water *reached* the bridge"),
                ("author_name", "Witness"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        sent.headers["location"],
        format!("/t/{slug}?done=pending#yours")
    );
    let cookie = sent.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("cronaca_pending="), "{cookie}");
    for part in ["HttpOnly", "SameSite=Lax", "Max-Age=86400", "Path=/"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }

    let page = guest.get(&format!("/t/{slug}?done=pending")).await.text;
    let block = own_block(&page).expect("the block beside the form");
    assert!(block.contains("Your comment will appear once a moderator has read it."));
    assert!(block.contains("Water <em>reached</em> the bridge"));
    assert!(block.contains("waiting for a moderator"));
    assert!(
        page.find(r#"id="yours""#) < page.find(r#"id="reply""#),
        "the block comes just before the form"
    );
    assert_eq!(
        page.matches("Your comment will appear").count(),
        1,
        "the notice is no longer at the top"
    );
    // On a later visit the text is still there, without the notice.
    let later = guest.get(&format!("/t/{slug}")).await.text;
    let block = own_block(&later).unwrap();
    assert!(block.contains("Water <em>reached</em> the bridge"));
    assert!(!block.contains("Your comment will appear"));

    // Another browser, and one with a forged list, see nothing of it.
    let seen_by_other = other.get(&format!("/t/{slug}")).await.text;
    assert!(!seen_by_other.contains("reached"));
    assert!(own_block(&seen_by_other).is_none());
    let value = guest.cookies["cronaca_pending"].clone();
    let (list, _) = value.rsplit_once('-').unwrap();
    other.cookies.insert(
        "cronaca_pending".into(),
        format!("{list}-{}", "0".repeat(32)),
    );
    assert!(
        !other
            .get(&format!("/t/{slug}"))
            .await
            .text
            .contains("reached")
    );

    // Approved, it is a comment like any other, and leaves the list.
    let queue = app.get_as("/api/v1/moderation/queue", &moderator).await;
    let cid = queue.json["items"][0]["comment"]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/comments/{cid}/moderation"),
        Some(&moderator),
        json!({"action": "approve"}),
    )
    .await;
    let approved = guest.get(&format!("/t/{slug}")).await.text;
    assert!(own_block(&approved).is_none());
    assert!(approved.contains(&format!(r#"id="c-{cid}""#)));
    assert!(
        other
            .get(&format!("/t/{slug}"))
            .await
            .text
            .contains("Water <em>reached</em> the bridge")
    );
}

#[tokio::test]
async fn each_waiting_comment_is_listed_on_its_own_thread_in_the_readers_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let first = premoderated(&app, &editor).await;
    let second = premoderated(&app, &editor).await;
    let mut guest = Browser::new(&app);
    for (slug, body) in [(&first, "On the first"), (&second, "On the second")] {
        let sent = guest
            .post_form(
                &format!("/t/{slug}/comments"),
                &[("body", body), ("author_name", "Witness")],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
    }
    let page = guest.get(&format!("/t/{first}?lang=it")).await.text;
    let block = own_block(&page).unwrap();
    assert!(block.contains("On the first") && !page.contains("On the second"));
    assert!(block.contains("Il tuo commento in attesa di un moderatore"));
    let page = guest
        .get(&format!("/t/{second}?lang=ru&done=pending"))
        .await
        .text;
    let block = own_block(&page).unwrap();
    assert!(block.contains("On the second") && !page.contains("On the first"));
    assert!(block.contains("Ваш комментарий ожидает проверки модератором"));
    assert!(block.contains("Спасибо. Ваш комментарий появится после проверки модератором."));
}
