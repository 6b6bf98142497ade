//! Machine translation through the configured engine: a reader's translation of one item,
//! kept so the engine is asked once per text (and again only when the original changes), and a
//! translator's machine-made draft, which is validated and saved like any other draft.

use crate::domain::comment::CommentStatus;
use crate::domain::indicator::pick_label;
use crate::domain::language::LanguageTag;
use crate::domain::markup::{self, Flavor};
use crate::domain::permissions::{Action, Ownership};
use crate::domain::report::ReportState;
use crate::domain::thread::language;
use crate::domain::translation::{
    self, ItemKind, MACHINE_KINDS, MachineDraftRequest, MachineTranslation, Translation,
    TranslationDraft, TranslationInput,
};
use crate::domain::user::Actor;
use crate::error::AppError;
use crate::store::{StoreError, TranslationTarget};

use super::{Client, Service, Submitted, permit};

mod error;

pub use self::error::MachineError;

/// The text of an item as an engine gets it, with what its translation is rendered as.
struct MachineSource {
    language: LanguageTag,
    /// Markdown (a thread's title, a blank line, then its lead).
    text: String,
    flavor: Flavor,
}

/// What a translator's draft is made from: the title (threads only), the body or label, the
/// item's language and its current revision (unknown for an indicator's label).
struct Original {
    title: Option<String>,
    body: String,
    language: LanguageTag,
    revision: Option<i64>,
}

impl Service {
    /// The engine's name, when the site has one.
    pub fn engine(&self) -> Option<&'static str> {
        self.translator.as_ref().map(|t| t.engine())
    }

    /// A reader's machine translation of item `kind`/`item_id` into `to`: the kept one when it
    /// was made from the item's current text, otherwise the engine's (then kept). Each request
    /// that reaches the engine counts against the write quota of the one asking.
    pub async fn machine_translation(
        &self,
        actor: &Actor,
        client: Client,
        kind: &str,
        item_id: &str,
        to: &LanguageTag,
    ) -> Result<MachineTranslation, MachineError> {
        let engine = self.translator.clone().ok_or(MachineError::NotConfigured)?;
        if !MACHINE_KINDS.contains(&kind) {
            return Err(MachineError::NotFound("item"));
        }
        let source = self.machine_source(kind, item_id).await?;
        if translation::same_language(&source.language, to) {
            return Err(MachineError::SameLanguage(source.language));
        }
        let name = engine.engine();
        let kept = self
            .store
            .machine_translation(kind, item_id, to, name)
            .await?;
        if let Some(kept) = kept.filter(|m| m.source_text == source.text) {
            return Ok(kept);
        }
        if let Err(AppError::TooManyRequests { retry_after }) =
            self.limits.check_write(actor, client.addr)
        {
            return Err(MachineError::TooManyRequests { retry_after });
        }
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
        if let Err(e) = self.store.save_machine_translation(&made).await {
            tracing::warn!(error = %e, kind, item_id, "machine translation not kept");
        }
        Ok(made)
    }

    /// Fills a draft of one item of the thread (by id or slug) with the engine's translation:
    /// a new translation, or a new draft revision of the existing one. It is validated like a
    /// person's draft, records the original's revision it was made from (`seen`, the one the
    /// translator had in front of them, or else the current one), and stays credited to and
    /// labelled with the engine until a person saves a revision of their own.
    pub async fn machine_draft(
        &self,
        actor: &Actor,
        thread: &str,
        input: impl Submitted<MachineDraftRequest>,
        seen: Option<i64>,
    ) -> Result<Translation, MachineError> {
        permit(actor, Action::Translate, Ownership::Others)?;
        let req = input.open()?;
        let to = language("language", &req.language).map_err(AppError::from)?;
        let engine = self.translator.clone().ok_or(MachineError::NotConfigured)?;
        let thread = self.store.thread(thread).await?;
        let source = self.original(&thread, req.kind, &req.item_id).await?;
        translation::check_language(&source.language, &to).map_err(AppError::from)?;
        let name = engine.engine();
        let run = |text: String| {
            let engine = engine.clone();
            let (from, to) = (source.language.clone(), to.clone());
            async move {
                engine
                    .translate(&text, &from, &to)
                    .await
                    .map_err(|error| MachineError::Engine {
                        engine: name,
                        from,
                        to,
                        error,
                    })
            }
        };
        let title = match source.title.clone() {
            Some(t) => Some(one_line(&run(t).await?)),
            None => None,
        };
        let translated = if source.body.trim().is_empty() {
            String::new()
        } else {
            run(source.body.clone()).await?
        };
        let body = if req.kind.is_line() {
            one_line(&translated)
        } else {
            translated
        };
        // The engine is credited with its draft until a person revises it.
        let input = TranslationInput {
            title,
            body,
            translator: Some(name.to_owned()),
            source_revision: seen.or(source.revision),
            ..Default::default()
        };
        let unfit = |error| MachineError::Unfit {
            error,
            title: input.title.clone(),
            body: input.body.clone(),
        };
        let draft = input.validate(req.kind).map_err(unfit)?.machine_made(name);
        let saved = self
            .save_machine_draft(actor, req.kind, req.item_id, to, draft)
            .await;
        match saved {
            Err(StoreError::Invalid(e)) => Err(unfit(e)),
            other => Ok(self.announce(other?)),
        }
    }

    async fn save_machine_draft(
        &self,
        actor: &Actor,
        kind: ItemKind,
        item_id: String,
        to: LanguageTag,
        draft: TranslationDraft,
    ) -> Result<crate::domain::event::Change<Translation>, StoreError> {
        match self.store.translation_of(kind, &item_id, &to).await? {
            Some(t) => self.store.revise_translation(actor, &t.id, draft).await,
            None => {
                let target = TranslationTarget {
                    kind,
                    item_id,
                    language: to,
                };
                self.store.create_translation(actor, target, draft).await
            }
        }
    }

    /// The item of the thread a translator's draft is made from.
    async fn original(
        &self,
        thread: &crate::domain::thread::Thread,
        kind: ItemKind,
        id: &str,
    ) -> Result<Original, MachineError> {
        let found = match kind {
            ItemKind::Thread if id == thread.id => Original {
                title: Some(thread.title.clone()),
                body: thread.lead.clone(),
                language: thread.language.clone(),
                revision: Some(thread.revision),
            },
            ItemKind::Update => {
                let u = self.store.update(id).await?;
                (u.thread_id == thread.id)
                    .then_some(Original {
                        title: None,
                        body: u.body,
                        language: u.language,
                        revision: Some(u.revision),
                    })
                    .ok_or(MachineError::NotFound("update"))?
            }
            ItemKind::Report => {
                let r = self.store.report(id).await?;
                (r.thread_id == thread.id)
                    .then_some(Original {
                        title: None,
                        body: r.body,
                        language: r.language,
                        revision: Some(r.revision),
                    })
                    .ok_or(MachineError::NotFound("report"))?
            }
            ItemKind::Indicator => {
                let all = self.store.indicators(&thread.id).await?;
                let i = all
                    .iter()
                    .find(|i| i.id == id)
                    .ok_or(MachineError::NotFound("indicator"))?;
                Original {
                    title: None,
                    body: pick_label(&i.labels, thread.language.as_str(), &i.key).to_owned(),
                    language: thread.language.clone(),
                    revision: None,
                }
            }
            ItemKind::Thread => return Err(MachineError::NotFound("thread")),
        };
        Ok(found)
    }

    /// The current text of an item readers can see, and the language it is written in.
    async fn machine_source(
        &self,
        kind: &str,
        item_id: &str,
    ) -> Result<MachineSource, MachineError> {
        let store = &self.store;
        match kind {
            "comment" => {
                let c = store.comment(item_id).await?;
                if c.status != CommentStatus::Approved {
                    return Err(MachineError::NotFound("comment"));
                }
                // A comment's language is known when detection was sure; the thread's
                // language is the best guess otherwise.
                let language = match c.language.or_else(|| crate::detect::detect(&c.body)) {
                    Some(l) => l,
                    None => store.thread(&c.thread_id).await?.language,
                };
                Ok(MachineSource {
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
                    language: r.language,
                    text: r.body,
                    flavor: Flavor::Comment,
                })
            }
            "update" => {
                let u = store.update(item_id).await?;
                Ok(MachineSource {
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
                    language: t.language,
                    text,
                    flavor: Flavor::Full,
                })
            }
            _ => Err(MachineError::NotFound("item")),
        }
    }
}

/// An engine's text as one line: a title or a label keeps no line breaks.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
