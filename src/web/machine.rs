//! Machine translation of one item into one language, through the configured engine, with the
//! result kept in the store: the engine is asked once per text, and again only when the
//! original changes. Shared by the reader's page and the JSON API.

use std::net::IpAddr;

use crate::app::AppState;
use crate::domain::comment::CommentStatus;
use crate::domain::language::LanguageTag;
use crate::domain::markup::{self, Flavor};
use crate::domain::report::ReportState;
use crate::domain::translation::{self, MACHINE_KINDS, MachineTranslation};
use crate::domain::user::Actor;
use crate::error::AppError;
use crate::mt::MtError;
use crate::store::StoreError;

/// Why no machine translation could be given.
#[derive(Debug, thiserror::Error)]
pub enum MachineError {
    /// The site has no engine.
    #[error("machine translation is not set up on this site")]
    NotConfigured,
    /// No such item, or not one readers can see (a pending comment, an unpublished report).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The item is already written in the language asked for.
    #[error("the text is already in {0}")]
    SameLanguage(LanguageTag),
    /// The engine is down or slow, lacks the language pair, or refused the text.
    #[error("{engine}: {error}")]
    Engine {
        engine: &'static str,
        from: LanguageTag,
        to: LanguageTag,
        error: MtError,
    },
    /// The one asking has asked the engine too often.
    #[error("too many requests; try again in {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for MachineError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => MachineError::NotFound(what),
            other => MachineError::Store(other),
        }
    }
}

/// The text of an item as an engine gets it, with what its translation is rendered as.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineSource {
    pub thread_id: String,
    pub language: LanguageTag,
    /// Markdown (a thread's title, a blank line, then its lead).
    pub text: String,
    pub flavor: Flavor,
}

/// The current text of an item readers can see, and the language it is written in.
pub async fn machine_source(
    state: &AppState,
    kind: &str,
    item_id: &str,
) -> Result<MachineSource, MachineError> {
    let store = &state.store;
    match kind {
        "comment" => {
            let c = store.comment(item_id).await?;
            if c.status != CommentStatus::Approved {
                return Err(MachineError::NotFound("comment"));
            }
            // A comment's language is known when detection was sure; the thread's language
            // is the best guess otherwise.
            let language = match c.language.or_else(|| crate::detect::detect(&c.body)) {
                Some(l) => l,
                None => store.thread(&c.thread_id).await?.language,
            };
            Ok(MachineSource {
                thread_id: c.thread_id,
                language,
                text: c.body,
                flavor: Flavor::Comment,
            })
        }
        "report" => {
            let r = store.report(item_id).await?;
            if r.state != ReportState::Published {
                return Err(MachineError::NotFound("report"));
            }
            Ok(MachineSource {
                thread_id: r.thread_id,
                language: r.language,
                text: r.body,
                flavor: Flavor::Comment,
            })
        }
        "update" => {
            let u = store.update(item_id).await?;
            Ok(MachineSource {
                thread_id: u.thread_id,
                language: u.language,
                text: u.body,
                flavor: Flavor::Full,
            })
        }
        "thread" => {
            let t = store.thread(item_id).await?;
            let text = if t.lead.trim().is_empty() {
                t.title
            } else {
                format!("{}\n\n{}", t.title, t.lead)
            };
            Ok(MachineSource {
                thread_id: t.id,
                language: t.language,
                text,
                flavor: Flavor::Full,
            })
        }
        _ => Err(MachineError::NotFound("item")),
    }
}

/// The machine translation of item `kind`/`item_id` into `to`: from the store when it was made
/// from the item's current text, otherwise from the engine (and then kept).
pub async fn machine_translate(
    state: &AppState,
    kind: &str,
    item_id: &str,
    to: &LanguageTag,
) -> Result<MachineTranslation, MachineError> {
    translate_with(state, kind, item_id, to, || Ok(())).await
}

/// As `machine_translate`, counting each request that reaches the engine against the write
/// quota of the one asking (texts already translated cost nothing).
pub async fn machine_translate_as(
    state: &AppState,
    actor: &Actor,
    addr: Option<IpAddr>,
    kind: &str,
    item_id: &str,
    to: &LanguageTag,
) -> Result<MachineTranslation, MachineError> {
    translate_with(state, kind, item_id, to, || {
        match state.limits.check_write(actor, addr) {
            Err(AppError::TooManyRequests { retry_after }) => {
                Err(MachineError::TooManyRequests { retry_after })
            }
            _ => Ok(()),
        }
    })
    .await
}

async fn translate_with(
    state: &AppState,
    kind: &str,
    item_id: &str,
    to: &LanguageTag,
    before_engine: impl FnOnce() -> Result<(), MachineError>,
) -> Result<MachineTranslation, MachineError> {
    let engine = state
        .translator
        .clone()
        .ok_or(MachineError::NotConfigured)?;
    if !MACHINE_KINDS.contains(&kind) {
        return Err(MachineError::NotFound("item"));
    }
    let source = machine_source(state, kind, item_id).await?;
    if translation::same_language(&source.language, to) {
        return Err(MachineError::SameLanguage(source.language));
    }
    let name = engine.engine();
    let kept = state
        .store
        .machine_translation(kind, item_id, to, name)
        .await?;
    if let Some(kept) = kept.filter(|m| m.source_text == source.text) {
        return Ok(kept);
    }
    before_engine()?;
    let text = engine
        .translate(&source.text, &source.language, to)
        .await
        .map_err(|error| MachineError::Engine {
            engine: name,
            from: source.language.clone(),
            to: to.clone(),
            error,
        })?;
    let made = MachineTranslation {
        kind: kind.to_owned(),
        item_id: item_id.to_owned(),
        language: to.clone(),
        from_language: source.language,
        engine: name.to_owned(),
        html: markup::render(&text, source.flavor),
        text,
        source_text: source.text,
        created_at: crate::domain::time::now(),
    };
    // A failure to keep it costs only a later request to the engine.
    if let Err(e) = state.writes.save_machine_translation(&made).await {
        tracing::warn!(error = %e, kind, item_id, "machine translation not kept");
    }
    Ok(made)
}
