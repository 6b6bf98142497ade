//! One of each kind of item, and the paths of the API and the pages filled in with them.

use axum::http::StatusCode;
use cronaca::domain::role::Role;
use serde_json::json;

use crate::common::{self, TestApp};

/// One of each kind of item, so that every `{…}` in a path names something that exists.
pub struct Items {
    thread_id: String,
    thread_slug: String,
    update: String,
    comment: String,
    report: String,
    claim: String,
    source: String,
    indicator: String,
    translation: String,
    translator: String,
}

pub async fn items(app: &TestApp, admin: &str) -> Items {
    let thread = app
        .thread(
            admin,
            json!({"title": "Access", "lead": "Lead", "language": "en", "guests_may_comment": true}),
        )
        .await;
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    let created = |reply: common::Reply| {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json["id"].as_str().unwrap().to_owned()
    };
    let update = app.update(admin, &thread_id, "An update").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let editor = app.token("someone", Role::Editor).await;
    let comment = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/comments"),
            Some(&editor),
            json!({"body": "A comment by someone else"}),
        )
        .await,
    );
    let source = created(
        app.post(
            "/api/v1/sources",
            Some(admin),
            json!({"name": "Access Agency", "kind": "agency"}),
        )
        .await,
    );
    let indicator = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/indicators"),
            Some(admin),
            json!({"key": "seen", "labels": {"en": "Seen"}, "kind": "count"}),
        )
        .await,
    );
    let reply = app
        .post(
            &format!("/api/v1/threads/{thread_id}/reports"),
            Some(admin),
            json!({"body": "Eight people were seen", "source": source,
                   "claims": [{"indicator": "seen", "value": 8}]}),
        )
        .await;
    let claim = reply.json["claims"][0]["id"].as_str().unwrap().to_owned();
    let report = created(reply);
    let translation = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/translations"),
            Some(admin),
            json!({"kind": "thread", "item_id": thread_id, "language": "it",
                   "title": "Accesso", "body": "Testo"}),
        )
        .await,
    );
    app.token("translator1", Role::Translator).await;
    Items {
        thread_slug: thread["slug"].as_str().unwrap().to_owned(),
        thread_id,
        update,
        comment,
        report,
        claim,
        source,
        indicator,
        translation,
        translator: "translator1".into(),
    }
}

impl Items {
    /// An API path with its parameters filled in: `{id}` by the kind of item the path is under.
    pub fn api_path(&self, template: &str) -> String {
        let id = [
            ("/api/v1/threads/", &self.thread_id),
            ("/api/v1/updates/", &self.update),
            ("/api/v1/comments/", &self.comment),
            ("/api/v1/reports/", &self.report),
            ("/api/v1/claims/", &self.claim),
            ("/api/v1/sources/", &self.source),
            ("/api/v1/indicators/", &self.indicator),
            ("/api/v1/translations/", &self.translation),
        ]
        .into_iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map(|(_, id)| id.as_str());
        let path = match id {
            Some(id) => template.replace("{id}", id),
            None => template.to_owned(),
        };
        let path = path.replace("{name}", &self.translator);
        assert!(
            !path.contains('{'),
            "no value for a parameter of {template}"
        );
        path
    }

    /// A page path with its parameters filled in.
    pub fn page_path(&self, template: &str) -> String {
        let id = [
            ("/t/{slug}/indicators/", &self.indicator),
            ("/t/{slug}/updates/", &self.update),
            ("/moderation/reports/", &self.report),
            ("/moderation/", &self.comment),
            ("/c/", &self.comment),
            ("/r/", &self.report),
            ("/sources/", &self.source),
        ]
        .into_iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map(|(_, id)| id.as_str());
        let mut path = template.replace("{slug}", &self.thread_slug);
        if let Some(id) = id {
            path = path.replace("{id}", id);
        }
        let path = path
            .replace("{claim}", &self.claim)
            .replace("{name}", &self.translator)
            .replace("{kind}", "thread")
            .replace("{item}", &self.thread_id)
            .replace("{lang}", "it");
        assert!(
            !path.contains('{'),
            "no value for a parameter of {template}"
        );
        path
    }
}
