//! The demo: a clearly labelled fictional exercise thread, so a newcomer sees a living thread.

mod board;
mod translations;

use crate::auth;
use crate::detect::detect;
use crate::domain::comment::{Moderation, ModerationAction, NewComment};
use crate::domain::provenance::NewProvenance;
use crate::domain::role::Role;
use crate::domain::thread::{CommentPolicy, NewThread};
use crate::domain::update::{NewStrike, NewUpdate};
use crate::domain::user::{Actor, User};
use crate::store::{NewUserRecord, Store};

pub struct DemoLogin {
    pub name: String,
    pub password: String,
}

const LEAD: &str = "**This is a fictional exercise.** Valdoria, its towns and every person, \
source and figure in this thread are invented, to show how Cronaca covers a fast-moving event.\n\n\
Protests over fuel prices in the (fictional) island Republic of Valdoria turned into unrest overnight. \
Share any decent information and comments below; moderators review guests' comments first.";

const UPDATES: [&str; 12] = [
    "Crowds gather in the central square of **Port Aster**, the capital, for a second night.",
    "The interior ministry says the protest is \"unauthorised\" and asks residents to stay home.",
    "Mobile internet is down in Port aster and in **Velmora**, according to several readers.",
    "State television reports 3 police officers injured. No independent confirmation yet.",
    "The airport of Velmora has suspended all flights \"for technical reasons\".",
    "The president will address the nation at 21:00 local time, his office says.",
    "Correction to the airport line above: flights are *delayed*, not suspended; see below.",
    "Velmora airport: flights delayed by up to four hours, the operator says on its site.",
    "The president announces a 30-day freeze of fuel prices and the dismissal of the cabinet.",
    "Crowds in Port Aster thin out after the speech; a smaller group stays in the square.",
    "Mobile internet is coming back in Velmora, readers report; Port Aster still cut off.",
    "We will keep this thread open overnight. Send what you see, with its source.",
];

async fn account(store: &dyn Store, name: &str, display: &str, role: Role) -> anyhow::Result<User> {
    let hash = auth::hash_password(&auth::random_password())?;
    let record = NewUserRecord {
        name: name.into(),
        display_name: display.into(),
        role,
        password_hash: Some(hash),
    };
    Ok(store.create_user(&Actor::System, record).await?)
}

fn comment(body: &str, parent: Option<&str>, author_name: Option<&str>) -> NewComment {
    NewComment {
        body: body.into(),
        parent_id: parent.map(Into::into),
        author_name: author_name.map(Into::into),
    }
}

/// Fills an empty database; returns the admin login, or `None` if there was content already.
pub async fn fill(store: &dyn Store) -> anyhow::Result<Option<DemoLogin>> {
    if !store.is_empty().await? {
        return Ok(None);
    }
    let password = auth::random_password();
    let record = NewUserRecord {
        name: "admin".into(),
        display_name: "Admin".into(),
        role: Role::Admin,
        password_hash: Some(auth::hash_password(&password)?),
    };
    store.create_user(&Actor::System, record).await?;
    let editor = Actor::User(account(store, "desk", "News desk", Role::Editor).await?);
    let moderator = Actor::User(account(store, "mod", "Moderator", Role::Moderator).await?);
    let reader = Actor::User(account(store, "lena", "Lena", Role::Contributor).await?);
    let giulia = Actor::User(account(store, "giulia", "Giulia Ferri", Role::Translator).await?);
    let irina = Actor::User(account(store, "irina", "Ирина Котова", Role::Translator).await?);

    let draft = NewThread {
        title: "EXERCISE — Unrest in Valdoria (fictional demo thread)".into(),
        lead: LEAD.into(),
        language: "en".into(),
        comment_policy: Some(CommentPolicy::Premoderated),
        guests_may_comment: Some(true),
        slug: Some("exercise-valdoria".into()),
        provenance: None,
    }
    .validate()?;
    let thread = store.create_thread(&editor, draft).await?.item;

    let mut ids = Vec::new();
    for (n, body) in UPDATES.into_iter().enumerate() {
        // The president's announcement is republished from a (fictional) local paper.
        let provenance = (n == 5).then(|| NewProvenance {
            publisher: "The Port Aster Herald (fictional)".into(),
            title: Some("President to address the nation tonight".into()),
            url: Some("https://herald.example.org/president-address".into()),
            ..NewProvenance::default()
        });
        let text = NewUpdate {
            body: body.into(),
            language: None,
            provenance,
        }
        .validate()?;
        ids.push(store.post_update(&editor, &thread.id, text).await?.item.id);
    }
    // The airport line was wrong: struck, pointing at the update that corrects it.
    let strike = NewStrike::new(
        "Flights were delayed, not suspended.",
        ids.get(7).map(String::as_str),
    )?;
    if let Some(wrong) = ids.get(4) {
        store.strike_update(&editor, wrong, strike).await?;
    }
    // A typo fixed: the update keeps its first version in its history.
    if let Some(typo) = ids.get(2) {
        let text = NewUpdate {
            body: "Mobile internet is down in **Port Aster** and in **Velmora**, according to \
                   several readers."
                .into(),
            language: None,
            provenance: None,
        }
        .validate()?;
        store.edit_update(&editor, typo, text).await?;
    }

    let cast = board::Cast {
        editor: &editor,
        moderator: &moderator,
        reader: &reader,
    };
    board::fill(store, &thread, &cast).await?;
    let translators = translations::Translators {
        editor: &editor,
        italian: &giulia,
        russian: &irina,
    };
    translations::fill(store, &thread, &ids, &translators).await?;

    let first = comment(
        "My cousin in Velmora confirms: no mobile data since 18:00, landlines work.",
        None,
        None,
    )
    .validate(detect)?;
    let first = store.create_comment(&reader, &thread.id, first).await?.item;
    let approve = Moderation::new(ModerationAction::Approve, None)?;
    store
        .moderate_comment(&moderator, &first.id, approve.clone())
        .await?;
    let reply = comment(
        "Same in the east of Port Aster. Wi-Fi still works.",
        Some(&first.id),
        Some("Marco"),
    )
    .validate(detect)?;
    let reply = store
        .create_comment(&Actor::Guest, &thread.id, reply)
        .await?
        .item;
    store
        .moderate_comment(&moderator, &reply.id, approve.clone())
        .await?;
    let answer = comment(
        "Thanks, both. We'll add it to the thread once a second source confirms.",
        Some(&reply.id),
        None,
    )
    .validate(detect)?;
    store.create_comment(&moderator, &thread.id, answer).await?;
    let second = comment(
        "Is there any word on the trains to the coast?",
        None,
        Some("Ada"),
    )
    .validate(detect)?;
    let second = store
        .create_comment(&Actor::Guest, &thread.id, second)
        .await?
        .item;
    store
        .moderate_comment(&moderator, &second.id, approve)
        .await?;
    let pending = comment(
        "Heard the army is moving in from the north. (Waiting for a moderator.)",
        None,
        Some("anon42"),
    )
    .validate(detect)?;
    store
        .create_comment(&Actor::Guest, &thread.id, pending)
        .await?;

    Ok(Some(DemoLogin {
        name: "admin".into(),
        password,
    }))
}
