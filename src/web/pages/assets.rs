//! Stylesheet and script, compiled into the binary and served with a version in the address so
//! browsers keep them until they change.

use std::sync::LazyLock;

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

const CSS: &str = include_str!("../../../static/app.css");
const JS: &str = include_str!("../../../static/live.js");
const QUEUE_JS: &str = include_str!("../../../static/queue.js");

static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut h = Sha256::new();
    h.update(CSS);
    h.update(JS);
    h.update(QUEUE_JS);
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
    let (body, kind) = match file.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "live.js" => (JS, "text/javascript; charset=utf-8"),
        "queue.js" => (QUEUE_JS, "text/javascript; charset=utf-8"),
        _ => return AppError::NotFound("file").into_response(),
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
