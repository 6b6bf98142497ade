//! What every operation of the OpenAPI document shares, added in one place rather than on
//! each handler: the bearer scheme, and the refusals that come from the extractors and layers
//! every handler goes through, whatever it does.
//!
//! - `Actor` (any operation): 401 for a token that is unknown, revoked or of a disabled
//!   account, and for a guest where the operation needs an account. An operation that names
//!   no security of its own takes a token but does not need one.
//! - `JsonBody` (any operation with a request body): 415 without a JSON content type, 413 over
//!   the body limit, 400 when the body is not JSON, 422 when it is JSON of the wrong shape.
//! - `ApiQuery` (any operation with query parameters): 422 naming the parameter.
//! - The rate limiter: 429 always carries `Retry-After`.
//!
//! What only some operations do (403, 404, 409, 429, 503) stays on their handlers. The answers
//! of the operations that create an item link to the operations on that item.

use utoipa::Modify;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::response::{ResponseBuilder, Responses};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, OpenApi, Ref, RefOr, Response, Type,
};

/// The shared responses: (status, component name, description).
const SHARED: [(&str, &str, &str); 8] = [
    (
        "400",
        "MalformedBody",
        "The body is not JSON (or has something after the JSON value), or could not be read",
    ),
    (
        "401",
        "Unauthorized",
        "The bearer token is unknown, revoked or its account disabled; or the operation needs \
         an account and none was given",
    ),
    (
        "403",
        "Forbidden",
        "The account's role may not do this, or the thread does not take it from this role",
    ),
    (
        "404",
        "NotFound",
        "Nothing by that id (or, for an item not published, nothing this reader may see)",
    ),
    (
        "413",
        "PayloadTooLarge",
        "The body is larger than the server accepts",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body was not sent as `Content-Type: application/json`",
    ),
    (
        "422",
        "InvalidField",
        "A field or parameter is missing, of the wrong type or invalid; `field` names it",
    ),
    (
        "429",
        "TooManyRequests",
        "Too many writes from this client; `Retry-After` says when to try again",
    ),
];

pub struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        for (status, name, description) in SHARED {
            components.responses.insert(
                name.to_owned(),
                RefOr::T(shared_response(status, description)),
            );
        }
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                complete(op);
            }
        }
        link_created_items(openapi);
    }
}

/// Operations that create an item, and where the item then lives: the `id` in the answer is
/// the `{id}` of every operation under that path (OpenAPI links, for clients and for tools
/// that follow them).
const CREATED: [(&str, &str); 7] = [
    ("/api/v1/threads", "/api/v1/threads/{id}"),
    ("/api/v1/threads/{id}/updates", "/api/v1/updates/{id}"),
    ("/api/v1/threads/{id}/comments", "/api/v1/comments/{id}"),
    ("/api/v1/threads/{id}/reports", "/api/v1/reports/{id}"),
    ("/api/v1/threads/{id}/indicators", "/api/v1/indicators/{id}"),
    (
        "/api/v1/threads/{id}/translations",
        "/api/v1/translations/{id}",
    ),
    ("/api/v1/sources", "/api/v1/sources/{id}"),
];

fn link_created_items(openapi: &mut OpenApi) {
    let mut targets: Vec<(String, String)> = Vec::new();
    for (path, item) in openapi.paths.paths.iter_mut() {
        for op in operations(item) {
            if let Some(id) = &op.operation_id {
                targets.push((path.clone(), id.clone()));
            }
        }
    }
    for (creator, home) in CREATED {
        let Some(created) = openapi
            .paths
            .paths
            .get_mut(creator)
            .and_then(|item| item.post.as_mut())
            .and_then(|op| op.responses.responses.get_mut("201"))
        else {
            continue;
        };
        let RefOr::T(created) = created else {
            continue;
        };
        let under = |path: &str| {
            (path == home || path.starts_with(&format!("{home}/")))
                && path.matches('{').count() == 1
        };
        for (path, operation_id) in targets.iter().filter(|(path, _)| under(path)) {
            // utoipa 5.5 writes `Link::operation_id` as `operation_id`, not `operationId`: the
            // field goes in through the extensions, which are written as they are named.
            let link = LinkBuilder::new()
                .extensions(Some(Extensions::from_iter([(
                    "operationId",
                    operation_id.as_str(),
                )])))
                .parameter("id", "$response.body#/id")
                .description(format!("`{path}` for the item created"))
                .build();
            created.links.insert(operation_id.clone(), RefOr::T(link));
        }
    }
}

fn shared_response(status: &str, description: &str) -> Response {
    let body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", body);
    if status == "429" {
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .build();
        response
            .header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(seconds)
                    .description(Some("Seconds to wait"))
                    .build(),
            )
            .build()
    } else {
        response.build()
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn complete(op: &mut Operation) {
    let has_body = op.request_body.is_some();
    let has_query = op
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let responses = &mut op.responses;
    // The same status always means the same thing here, so these are always the shared ones.
    set(responses, "401");
    if has_body {
        set(responses, "413");
        set(responses, "415");
        keep_or_set(responses, "400");
        keep_or_set(responses, "422");
    }
    if has_query {
        keep_or_set(responses, "422");
    }
    if responses.responses.contains_key("429") {
        set(responses, "429");
    }
    for (status, response) in responses.responses.iter_mut() {
        if let RefOr::T(r) = response
            && r.description.is_empty()
        {
            r.description = match status.as_str() {
                "201" => "Created",
                "200" => "OK",
                _ => "",
            }
            .to_owned();
        }
    }
    // A status listed on the handler without saying more means what it always means.
    for (status, _, _) in SHARED {
        let bare = matches!(
            responses.responses.get(status),
            Some(RefOr::T(r)) if r.description.is_empty()
        );
        if bare {
            set(responses, status);
        }
    }
    if op.security.is_none() {
        // A token is taken (and checked) but not needed.
        op.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("bearer", Vec::<String>::new()),
        ]);
    }
}

fn component(status: &str) -> RefOr<Response> {
    let name = SHARED
        .iter()
        .find(|(s, _, _)| *s == status)
        .map_or("InvalidField", |(_, name, _)| name);
    RefOr::Ref(Ref::from_response_name(name))
}

fn set(responses: &mut Responses, status: &str) {
    responses
        .responses
        .insert(status.to_owned(), component(status));
}

/// Keeps an operation's own description of the status (what exactly it refuses), if it has one.
fn keep_or_set(responses: &mut Responses, status: &str) {
    responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| component(status));
}
