//! Why a machine translation could not be given, and what the JSON API answers for each case.

use crate::domain::ValidationError;
use crate::domain::language::LanguageTag;
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
    /// The engine's text is not a draft the site keeps (too long, a broken note…); it is
    /// handed back so a person can fix it.
    #[error("{error}")]
    Unfit {
        error: ValidationError,
        title: Option<String>,
        body: String,
    },
    /// Refused as any other change would be: permission, the item, the store.
    #[error(transparent)]
    Refused(AppError),
}

impl From<StoreError> for MachineError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => MachineError::NotFound(what),
            other => MachineError::Refused(other.into()),
        }
    }
}

impl From<AppError> for MachineError {
    fn from(e: AppError) -> Self {
        MachineError::Refused(e)
    }
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
                ValidationError::new("lang", format!("the text is already in {l}")).into()
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
            MachineError::Unfit { error, .. } => AppError::Invalid(error),
            MachineError::Refused(e) => e,
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
        MtError::Unsupported { .. } => ValidationError::new(
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
