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
use crate::service::{Client, Submitted};

/// A JSON body, read but not yet parsed, so a handler checks who is asking before it looks at
/// what they sent: 415 without a JSON content type, 413 over the limit, then on `parse` 400
/// when it is not JSON and 422 naming the field when it is JSON of the wrong shape.
pub struct JsonBody(Result<Bytes, AppError>);

impl JsonBody {
    pub fn parse<T: DeserializeOwned>(self) -> Result<T, AppError> {
        parse_json(&self.0?)
    }
}

/// An operation opens the body once it knows the caller may act.
impl<T: DeserializeOwned> Submitted<T> for JsonBody {
    fn open(self) -> Result<T, AppError> {
        self.parse()
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

/// Parses a whole body as JSON: anything after the value but whitespace is refused (400), so
/// a body is never half read.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
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
            _ => malformed(&inner),
        }
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(err: &serde_json::Error) -> AppError {
    AppError::BadRequest {
        code: "malformed_json",
        message: format!("the body is not valid JSON: {err}"),
    }
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

/// Path parameters, with the same error shape as bodies: a parameter that is not UTF-8 once
/// percent-decoded, or not of its type, is a 422 naming it.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let field = match e.kind() {
                    ErrorKind::ParseErrorAtKey { key, .. }
                    | ErrorKind::InvalidUtf8InPathParam { key }
                    | ErrorKind::DeserializeError { key, .. } => key.clone(),
                    _ => "path".to_owned(),
                };
                let message = match e.kind() {
                    ErrorKind::InvalidUtf8InPathParam { .. } => {
                        "is not valid UTF-8 once percent-decoded".to_owned()
                    }
                    _ => e.body_text(),
                };
                Err(AppError::Invalid(ValidationError::new(field, message)))
            }
            Err(other) => Err(AppError::Internal(other.body_text())),
        }
    }
}

/// The outcome of the request's `Authorization` header, settled once by
/// [`crate::web::api_edge::bearer_tokens`] for every API route, public ones included.
#[derive(Clone)]
pub struct Authenticated(pub Actor);

/// Who an `Authorization` header names: no header is a guest; anything but `Bearer <token>`
/// of an active token of an enabled account is a 401.
pub async fn actor_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Actor, AppError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(Actor::Guest);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then_some(token.trim())
        })
        .filter(|t| !t.is_empty())
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

/// The one acting: the account of a valid bearer token, or a guest without one.
impl FromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Already settled at the API's edge: one look-up per request.
        if let Some(Authenticated(actor)) = parts.extensions.get::<Authenticated>() {
            return Ok(actor.clone());
        }
        actor_of(state, &parts.headers).await
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

/// The client as an operation sees it.
impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ClientAddr(addr) = ClientAddr::from_request_parts(parts, state).await?;
        Ok(Client::at(addr))
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

    #[test]
    fn anything_after_the_value_is_refused() {
        for body in [
            &b"{\"title\":\"x\"} trailing garbage"[..],
            b"{\"title\":\"x\"}{\"title\":\"y\"}",
            b"{\"title\":\"x\"},",
            b"{\"title\":\"x\"}\0",
        ] {
            match parse_json::<T>(body) {
                Err(AppError::BadRequest { code, .. }) => assert_eq!(code, "malformed_json"),
                other => panic!("{:?}: {other:?}", String::from_utf8_lossy(body)),
            }
        }
        assert!(parse_json::<T>(b" {\"title\":\"x\"} \r\n\t").is_ok());
    }
}
