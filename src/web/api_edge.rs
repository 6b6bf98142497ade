//! The edge of `/api`: a bad bearer token is refused on every route, and no refusal leaves in
//! any shape but the one JSON error.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::{ErrorBody, ErrorDetail};
use crate::web::extract::{Authenticated, actor_of};

/// A request to the API carrying an `Authorization` header must carry a valid one, whatever
/// the route: a public read with a wrong, revoked or disabled token is a 401, not a guest's
/// answer, so a client learns at once that its token no longer works.
pub async fn bearer_tokens(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if under_api(req.uri().path()) && req.headers().contains_key(header::AUTHORIZATION) {
        match actor_of(&state, req.headers()).await {
            Ok(actor) => {
                req.extensions_mut().insert(Authenticated(actor));
            }
            Err(refused) => {
                let mut response = refused.into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer error=\"invalid_token\""),
                );
                return response;
            }
        }
    }
    next.run(req).await
}

/// The most of a plain-text refusal kept as the message.
const MESSAGE_LIMIT: usize = 1024;

/// Under `/api`, turns any error answer that is not JSON (a rejection of an extractor we do not
/// wrap, a 405 from the router, a body-limit refusal…) into the one error shape, keeping its
/// status and headers such as `Allow` and `Retry-After`.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let under_api = under_api(req.uri().path());
    let response = next.run(req).await;
    let status = response.status();
    if !under_api || !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MESSAGE_LIMIT)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    let message = if status.is_server_error() {
        tracing::error!(status = status.as_u16(), cause = %text, "request failed");
        "internal error".to_owned()
    } else if text.is_empty() {
        status.canonical_reason().unwrap_or("refused").to_owned()
    } else {
        text
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: code_of(status).to_owned(),
            message,
            field: None,
        },
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(bytes))
}

/// The API's addresses: `/api/v1/…` and the OpenAPI document beside it. Pages and feeds do
/// not read bearer tokens, and `/metrics` has its own access rule.
fn under_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
        })
}

/// The error code for a status, matching the codes [`crate::error::AppError`] gives.
fn code_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_ACCEPTABLE => "not_acceptable",
        StatusCode::REQUEST_TIMEOUT => "request_timeout",
        StatusCode::CONFLICT => "conflict",
        StatusCode::LENGTH_REQUIRED => "length_required",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::URI_TOO_LONG => "uri_too_long",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        StatusCode::GATEWAY_TIMEOUT => "timeout",
        s if s.is_server_error() => "internal",
        _ => "refused",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_status() {
        assert_eq!(
            code_of(StatusCode::METHOD_NOT_ALLOWED),
            "method_not_allowed"
        );
        assert_eq!(code_of(StatusCode::PAYLOAD_TOO_LARGE), "payload_too_large");
        assert_eq!(code_of(StatusCode::BAD_GATEWAY), "internal");
        assert_eq!(code_of(StatusCode::IM_A_TEAPOT), "refused");
    }
}
