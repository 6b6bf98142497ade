//! Form bodies guarded by the CSRF token.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use super::PageError;
use crate::error::AppError;
use crate::web::session::{PageCtx, same_secret};

/// A URL-encoded form whose `csrf` field must match the reader's CSRF cookie.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct Token {
    csrf: Option<String>,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<PageCtx>().cloned().ok_or_else(|| {
            let fallback = PageCtx::anonymous(req.uri().path());
            PageError::new(
                &fallback,
                AppError::Internal("form outside the pages".into()),
            )
        })?;
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| PageError::new(&ctx, AppError::PayloadTooLarge))?;
        let token: Token = serde_urlencoded::from_bytes(&bytes).unwrap_or(Token { csrf: None });
        let valid = token
            .csrf
            .is_some_and(|t| !ctx.csrf.is_empty() && same_secret(&t, &ctx.csrf));
        if !valid {
            let message = ctx.t("error-csrf");
            return Err(PageError::with_message(
                &ctx,
                AppError::Forbidden(String::new()),
                message,
            ));
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| {
                PageError::new(
                    &ctx,
                    AppError::BadRequest {
                        code: "bad_form",
                        message: e.to_string(),
                    },
                )
            })
    }
}
