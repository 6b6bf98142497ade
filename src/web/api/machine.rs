//! Machine translation over the JSON API: a reader's translation of a comment or report, and a
//! translator's machine-made draft. Always labelled with the engine; never a human translation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::app::AppState;
use crate::domain::indicator::pick_label;
use crate::domain::language::LanguageTag;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::thread::language;
use crate::domain::translation::{
    self, ItemKind, MachineTranslation, Translation, TranslationDraft,
};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::mt::MtError;
use crate::store::TranslationTarget;
use crate::web::extract::{ApiPath, ApiQuery, ClientAddr, JsonBody, require};
use crate::web::machine::{MachineError, machine_translate_as};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MachineQuery {
    /// The language to translate into.
    #[param(value_type = LanguageTag)]
    pub lang: String,
}

impl From<MachineError> for AppError {
    fn from(e: MachineError) -> Self {
        match e {
            MachineError::NotConfigured => AppError::Conflict {
                code: "machine_translation_off",
                message: "machine translation is not set up on this site".into(),
            },
            MachineError::NotFound(what) => AppError::NotFound(what),
            MachineError::SameLanguage(l) => {
                crate::domain::ValidationError::new("lang", format!("the text is already in {l}"))
                    .into()
            }
            MachineError::TooManyRequests { retry_after } => {
                AppError::TooManyRequests { retry_after }
            }
            MachineError::Engine {
                engine,
                from,
                to,
                error,
            } => engine_error(engine, &from, &to, error),
            MachineError::Store(s) => s.into(),
        }
    }
}

fn engine_error(engine: &str, from: &LanguageTag, to: &LanguageTag, error: MtError) -> AppError {
    match error {
        MtError::Unavailable(cause) => {
            tracing::warn!(engine, %cause, "machine translation engine not answering");
            AppError::Unavailable {
                code: "engine_unavailable",
                message: format!("the machine translation engine ({engine}) is not answering"),
            }
        }
        MtError::Unsupported { .. } => crate::domain::ValidationError::new(
            "lang",
            format!("{engine} cannot translate from {from} into {to}"),
        )
        .into(),
        MtError::Failed(cause) => AppError::Conflict {
            code: "engine_refused",
            message: format!("{engine} could not translate this text: {cause}"),
        },
    }
}

async fn reader_translation(
    state: &AppState,
    actor: &Actor,
    addr: Option<std::net::IpAddr>,
    kind: &str,
    id: &str,
    lang: &str,
) -> AppResult<Json<MachineTranslation>> {
    let to = language("lang", lang)?;
    Ok(Json(
        machine_translate_as(state, actor, addr, kind, id, &to).await?,
    ))
}

/// A machine translation of an approved comment, made once per text and kept.
#[utoipa::path(get, path = "/api/v1/comments/{id}/machine-translation", tag = "translations",
    params(("id" = String, Path), MachineQuery),
    responses((status = 200, body = MachineTranslation),
        (status = 400, description = "`lang` is missing", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, description = "Same language, or a pair the engine lacks",
            body = ErrorBody),
        (status = 429, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn comment_translation(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<MachineQuery>,
) -> AppResult<Json<MachineTranslation>> {
    reader_translation(&state, &actor, addr, "comment", &id, &q.lang).await
}

/// A machine translation of a published report, made once per text and kept.
#[utoipa::path(get, path = "/api/v1/reports/{id}/machine-translation", tag = "translations",
    params(("id" = String, Path), MachineQuery),
    responses((status = 200, body = MachineTranslation),
        (status = 400, description = "`lang` is missing", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, description = "Same language, or a pair the engine lacks",
            body = ErrorBody),
        (status = 429, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn report_translation(
    State(state): State<AppState>,
    actor: Actor,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<MachineQuery>,
) -> AppResult<Json<MachineTranslation>> {
    reader_translation(&state, &actor, addr, "report", &id, &q.lang).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MachineDraftRequest {
    pub kind: ItemKind,
    /// The thread's own id for `thread`, else the id of one of its updates, reports or
    /// indicators.
    pub item_id: String,
    /// The language to translate into: another one than the item's.
    #[schema(value_type = LanguageTag)]
    pub language: String,
}

/// The texts of an item to translate: its title (threads only) and its body or label, with
/// the item's language and current revision.
struct Original {
    title: Option<String>,
    body: String,
    language: LanguageTag,
}

async fn original(
    state: &AppState,
    thread_id: &str,
    kind: ItemKind,
    id: &str,
) -> AppResult<Original> {
    let thread = state.store.thread(thread_id).await?;
    let found = match kind {
        ItemKind::Thread if id == thread.id => Original {
            title: Some(thread.title),
            body: thread.lead,
            language: thread.language,
        },
        ItemKind::Update => {
            let u = state.store.update(id).await?;
            (u.thread_id == thread.id)
                .then_some(Original {
                    title: None,
                    body: u.body,
                    language: u.language,
                })
                .ok_or(AppError::NotFound("update"))?
        }
        ItemKind::Report => {
            let r = state.store.report(id).await?;
            (r.thread_id == thread.id)
                .then_some(Original {
                    title: None,
                    body: r.body,
                    language: r.language,
                })
                .ok_or(AppError::NotFound("report"))?
        }
        ItemKind::Indicator => {
            let all = state.store.indicators(&thread.id).await?;
            let i = all
                .iter()
                .find(|i| i.id == id)
                .ok_or(AppError::NotFound("indicator"))?;
            Original {
                title: None,
                body: pick_label(&i.labels, thread.language.as_str(), &i.key).to_owned(),
                language: thread.language,
            }
        }
        ItemKind::Thread => return Err(AppError::NotFound("thread")),
    };
    Ok(found)
}

/// Fill a draft with the engine's translation of the item: a new translation, or a new draft
/// revision of the existing one. It stays labelled machine-made until a person saves a
/// revision of their own.
#[utoipa::path(post, path = "/api/v1/threads/{id}/translations/machine", tag = "translations",
    request_body = MachineDraftRequest,
    params(("id" = String, Path, description = "Thread id or slug")), security(("bearer" = [])),
    responses((status = 201, body = Translation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn machine_draft(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Translation>)> {
    require(&actor, Action::Translate, Ownership::Others)?;
    let req: MachineDraftRequest = body.parse()?;
    let to = language("language", &req.language)?;
    let engine = state.translator.clone().ok_or(AppError::Conflict {
        code: "machine_translation_off",
        message: "machine translation is not set up on this site".into(),
    })?;
    let thread = state.store.thread(&id).await?;
    let source = original(&state, &thread.id, req.kind, &req.item_id).await?;
    translation::check_language(&source.language, &to)?;
    let name = engine.engine();
    let run = |text: String| {
        let engine = engine.clone();
        let (from, to) = (source.language.clone(), to.clone());
        async move {
            engine
                .translate(&text, &from, &to)
                .await
                .map_err(|e| engine_error(name, &from, &to, e))
        }
    };
    let title = match source.title.clone() {
        Some(t) => Some(run(t).await?),
        None => None,
    };
    let translated = if source.body.trim().is_empty() {
        String::new()
    } else {
        run(source.body.clone()).await?
    };
    let body = if req.kind.is_line() {
        translated
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned()
    } else {
        translated
    };
    let draft = TranslationDraft {
        body_html: translation::render(req.kind, &body),
        title,
        body,
        translator: Some(translation::Credit {
            name: name.to_owned(),
            url: None,
        }),
        publication: None,
        source_revision: None,
        machine: Some(name.to_owned()),
    };
    let existing = state
        .store
        .translation_of(req.kind, &req.item_id, &to)
        .await?;
    let change = match existing {
        Some(t) => {
            state
                .writes
                .revise_translation(&actor, &t.id, draft)
                .await?
        }
        None => {
            let target = TranslationTarget {
                kind: req.kind,
                item_id: req.item_id,
                language: to,
            };
            state
                .writes
                .create_translation(&actor, target, draft)
                .await?
        }
    };
    Ok((StatusCode::CREATED, Json(change.item)))
}
