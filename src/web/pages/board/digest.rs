//! The board as one plain-text message for an SMS or a chat (`/t/{slug}/digest.txt`): title,
//! as-of time, every indicator's current value with the sources behind it and any competing
//! value, places grouped by status, and the thread's absolute address when the site has a
//! public one.
//!
//! The digest costs at most three SMS segments unless `?segments=` (1 to 10) says otherwise;
//! `?charset=gsm` keeps it to GSM-7 characters (other scripts transliterated), otherwise its
//! own punctuation is GSM-7 and names and labels stay as written. The `SMS-Segments` and
//! `SMS-Encoding` headers say what it costs.

pub mod compose;
mod shorten;
mod words;

pub use compose::{Charset, DEFAULT_SEGMENTS, Digest, MAX_SEGMENTS, Options, digest};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{bad_request, situation_with, title_in, translations_of};
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::page_error::{OrPage, PageError};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct DigestQuery {
    /// The interface language; the page context has already chosen it, this only checks it.
    pub lang: Option<String>,
    /// `gsm` or `unicode` (the default).
    pub charset: Option<String>,
    /// The most SMS segments the digest may cost.
    pub segments: Option<String>,
}

/// A 400 page that says in the reader's words what was wrong.
fn refused(ctx: &PageCtx, code: &'static str, message: &str) -> PageError {
    let words = ctx.i18n.tn(message, "max", count(MAX_SEGMENTS));
    let error = AppError::BadRequest {
        code,
        message: words.clone(),
    };
    PageError::with_message(ctx, error, words)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The options the query asks for, refused with a 400 page when malformed.
fn options(
    ctx: &PageCtx,
    query: Result<Query<DigestQuery>, QueryRejection>,
) -> Result<Options, PageError> {
    let Query(q) = query.map_err(|e| bad_request(ctx, "bad_query", &e.body_text()))?;
    if let Some(lang) = q.lang.as_deref()
        && Lang::from_tag(lang).is_none()
    {
        return Err(bad_request(ctx, "bad_lang", "unknown interface language"));
    }
    let charset = match q.charset.as_deref().map(str::trim) {
        None | Some("unicode") => Charset::Unicode,
        Some("gsm") => Charset::Gsm,
        Some(_) => {
            return Err(refused(ctx, "bad_charset", "digest-bad-charset"));
        }
    };
    let segments = match q.segments.as_deref().map(str::trim) {
        None => DEFAULT_SEGMENTS,
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_SEGMENTS).contains(n))
            .ok_or_else(|| refused(ctx, "bad_segments", "digest-bad-segments"))?,
    };
    Ok(Options { charset, segments })
}

/// The board as plain text, in the reader's (or `?lang=`) language.
pub async fn board_digest(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    query: Result<Query<DigestQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let options = options(&ctx, query)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let translations = translations_of(&state, &ctx, &thread).await?;
    let (_, situation) = situation_with(&state, &ctx, &thread, &translations).await?;
    let (title, _) = title_in(&ctx, &thread, &translations);
    // A relative address means nothing in an SMS: without a public address there is none.
    let url = state
        .config
        .public_url
        .as_deref()
        .map(|base| format!("{}/t/{}", base.trim_end_matches('/'), thread.slug));
    let Digest { text, cost } = digest(&title, &situation, url.as_deref(), &ctx.i18n, options);
    let mut response = text.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(
        HeaderName::from_static("sms-segments"),
        cost.segments.into(),
    );
    h.insert(
        HeaderName::from_static("sms-encoding"),
        HeaderValue::from_static(cost.encoding.as_str()),
    );
    // Shared caches may keep it briefly (and then no cookie is set); the words follow the
    // reader's language, chosen by query, cookie or header.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=30"),
    );
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    Ok(response)
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
