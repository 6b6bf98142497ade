//! Extractors that turn every rejected input into the one JSON error shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::app::AppState;
use crate::auth;
use crate::domain::ValidationError;
use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::user::Actor;
use crate::error::AppError;

/// A JSON body, read but not yet parsed, so a handler checks who is asking before it looks at
/// what they sent: 415 without a JSON content type, 413 over the limit, then on `parse` 400
/// when it is not JSON and 422 naming the field when it is JSON of the wrong shape.
pub struct JsonBody(Result<Bytes, AppError>);

impl JsonBody {
    pub fn parse<T: DeserializeOwned>(self) -> Result<T, AppError> {
        parse_json(&self.0?)
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = std::convert::Infallible;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim();
                v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
            });
        if !is_json {
            return Ok(JsonBody(Err(AppError::UnsupportedMediaType(
                "send the body as JSON with `Content-Type: application/json`".into(),
            ))));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest {
                    code: "unreadable_body",
                    message: rejection.body_text(),
                }
            }
        });
        Ok(JsonBody(bytes))
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                let field = if path == "." {
                    backticked(&message)
                } else {
                    Some(path)
                };
                let message = strip_position(&message);
                AppError::Invalid(ValidationError::new(
                    field.unwrap_or_else(|| "body".into()),
                    message,
                ))
            }
            _ => AppError::BadRequest {
                code: "malformed_json",
                message: format!("the body is not valid JSON: {inner}"),
            },
        }
    })
}

/// serde names a missing or unknown field between backticks.
fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Query parameters, with the same error shape as bodies.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|err| {
                let field = err.path().to_string();
                let message = err.into_inner().to_string();
                let field = if field == "." {
                    backticked(&message).unwrap_or(field)
                } else {
                    field
                };
                AppError::Invalid(ValidationError::new(field, message))
            })
    }
}

/// The one acting: the account of a valid bearer token, or a guest without one.
impl FromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(AUTHORIZATION) else {
            return Ok(Actor::Guest);
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| {
                AppError::Unauthorized("the Authorization header must be `Bearer <token>`".into())
            })?;
        match state.store.user_by_token(&auth::secret_hash(token)).await? {
            Some(user) => Ok(Actor::User(user)),
            None => Err(AppError::Unauthorized(
                "the token is unknown, revoked or its account disabled".into(),
            )),
        }
    }
}

/// Refuses the action unless the actor's role allows it: 401 for guests, 403 for accounts.
pub fn require(actor: &Actor, action: Action, ownership: Ownership) -> Result<(), AppError> {
    if permissions::allowed(actor.role(), action, ownership) {
        return Ok(());
    }
    match actor {
        Actor::Guest => Err(AppError::auth_required()),
        _ => Err(AppError::Forbidden(format!(
            "the role {} may not do this",
            actor.role().map(|r| r.as_str()).unwrap_or("guest")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        n: Option<u32>,
    }

    #[test]
    fn json_errors_are_classified() {
        assert!(matches!(
            parse_json::<T>(b"{\"title\": "),
            Err(AppError::BadRequest { .. })
        ));
        assert!(matches!(
            parse_json::<T>(b"nope"),
            Err(AppError::BadRequest { .. })
        ));
        match parse_json::<T>(b"{}") {
            Err(AppError::Invalid(v)) => assert_eq!(v.field, "title"),
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(b"{\"title\":\"x\",\"n\":\"many\"}") {
            Err(AppError::Invalid(v)) => assert_eq!(v.field, "n"),
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(b"{\"title\":\"x\",\"bogus\":1}") {
            Err(AppError::Invalid(v)) => assert_eq!(v.field, "bogus"),
            other => panic!("{other:?}"),
        }
    }
}

/// The client's address, when the server knows it (it is never stored).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(ClientAddr(addr))
    }
}

/// Page parameters shared by every list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageParams {
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
}

impl PageParams {
    pub fn request(self) -> Result<crate::store::PageRequest, AppError> {
        Ok(crate::store::PageRequest {
            after: self.after,
            limit: crate::domain::page::limit(self.limit)?,
        })
    }
}
