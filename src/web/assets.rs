//! Stylesheet and script, compiled into the binary and served with a version in the address so
//! browsers keep them until they change.

use std::sync::LazyLock;

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// Every static file: name, content, type. Add a file here and it is served and versioned.
const FILES: &[(&str, &str, &str)] = &[
    ("app.css", include_str!("../../static/app.css"), CSS),
    ("board.css", include_str!("../../static/board.css"), CSS),
    ("board.js", include_str!("../../static/board.js"), JS),
    (
        "situation.css",
        include_str!("../../static/situation.css"),
        CSS,
    ),
    ("live.js", include_str!("../../static/live.js"), JS),
    (
        "comment-form.js",
        include_str!("../../static/comment-form.js"),
        JS,
    ),
    ("queue.js", include_str!("../../static/queue.js"), JS),
    ("mt.js", include_str!("../../static/mt.js"), JS),
    (
        "report-form.js",
        include_str!("../../static/report-form.js"),
        JS,
    ),
];

static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut h = Sha256::new();
    for (_, body, _) in FILES {
        h.update(body);
    }
    hex::encode(&h.finalize()[..6])
});

pub fn asset_version() -> &'static str {
    &VERSION
}

#[derive(serde::Deserialize)]
pub struct Version {
    v: Option<String>,
}

pub async fn serve(Path(file): Path<String>, Query(version): Query<Version>) -> Response {
    let Some(&(_, body, kind)) = FILES.iter().find(|(name, _, _)| *name == file) else {
        return AppError::NotFound("file").into_response();
    };
    let cache = if version.v.as_deref() == Some(asset_version()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The site's icon, which browsers ask for at this address on their first visit: a live dot.
const FAVICON: &[u8] = include_bytes!("../../static/favicon.ico");

pub async fn favicon() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/x-icon"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        FAVICON,
    )
        .into_response()
}
