//! Custom places (an airport, a border crossing) added by editors, and the place names report
//! forms take: each resolved to a gazetteer city or a custom place, and shown as resolved.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::reports::Problems;
use super::sources::return_path;
use super::{CsrfForm, OrPage, PageError, PageResult, allow, render};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::place::{NewPlace, Place};
use crate::domain::validation::id as ulid;
use crate::error::AppError;
use crate::gazetteer::{self, fold};
use crate::service::Client;
use crate::store::{StoreError, StoreReads, StoreResult};
use crate::web::session::PageCtx;

/// How many custom places the list shows.
const LISTED: u32 = 500;
const MAX_QUERY: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/places", get(list_places))
        .route("/places/new", get(new_place_form).post(add_place))
}

/// The entries of a place list as typed: separated by `;` or new lines, each kept once.
pub fn split_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split([';', '\n']) {
        let part = part.trim();
        if !part.is_empty() && !out.iter().any(|o| o == part) {
            out.push(part.to_owned());
        }
    }
    out
}

/// What one entry of a place list names.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    /// A place id: `gn:<GeoNames id>`, a custom place's id, or either after a name in
    /// brackets, as the forms write resolved places ("Almaty (gn:1526384)").
    Id(&'a str),
    Name(&'a str),
}

fn is_id(s: &str) -> bool {
    Place::is_gazetteer_id(s) || (s.len() == 26 && ulid("place", s).is_ok())
}

pub fn entry(typed: &str) -> Entry<'_> {
    let t = typed.trim();
    if is_id(t) {
        return Entry::Id(t);
    }
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, inner)| inner.trim())
        && is_id(inner)
    {
        return Entry::Id(inner);
    }
    Entry::Name(t)
}

/// A place an entry was resolved to, as the form shows it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The entry as typed.
    pub typed: String,
    pub id: String,
    pub name: String,
    /// The country's name (gazetteer) or code (custom place); may be empty.
    pub country: String,
    pub custom: bool,
}

impl Found {
    /// The entry as a form writes it back: name and id, so it resolves the same way again.
    pub fn entry_text(&self) -> String {
        format!("{} ({})", self.name, self.id)
    }

    fn of_city(typed: &str, p: gazetteer::Place) -> Self {
        Found {
            typed: typed.to_owned(),
            id: p.id,
            name: p.name,
            country: p.country_name,
            custom: false,
        }
    }

    fn of_place(typed: &str, p: Place) -> Self {
        Found {
            typed: typed.to_owned(),
            id: p.id,
            name: p.name,
            country: p.country.unwrap_or_default(),
            custom: p.custom,
        }
    }
}

/// Resolves one entry: an id as it is; a name to the custom place of that very name, else the
/// gazetteer's best city, else a custom place whose name contains it. `None`: nothing found.
pub async fn resolve(store: &dyn StoreReads, typed: &str) -> StoreResult<Option<Found>> {
    let name = match entry(typed) {
        Entry::Id(id) if Place::is_gazetteer_id(id) => {
            return Ok(gazetteer::get(id).map(|p| Found::of_city(typed, p)));
        }
        Entry::Id(id) => {
            return match store.place(id).await {
                Ok(p) => Ok(Some(Found::of_place(typed, p))),
                Err(StoreError::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            };
        }
        Entry::Name(name) => name,
    };
    let custom = store.search_custom_places(name, 20).await?;
    let key = fold(name);
    if let Some(p) = custom.iter().find(|p| fold(&p.name) == key) {
        return Ok(Some(Found::of_place(typed, p.clone())));
    }
    if let Some(city) = gazetteer::lookup(name, 1).into_iter().next() {
        return Ok(Some(Found::of_city(typed, city)));
    }
    Ok(custom.into_iter().next().map(|p| Found::of_place(typed, p)))
}

/// Reads a coordinate as people type it: a decimal point or comma.
pub fn coordinate(text: &str) -> Option<f64> {
    let v: f64 = text.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "place/list.html")]
struct PlaceList<'a> {
    ctx: &'a PageCtx,
    q: String,
    places: Vec<Place>,
    notice: Option<String>,
    may_add: bool,
}

async fn list_places(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let q = query.q.unwrap_or_default().trim().to_owned();
    if q.chars().count() > MAX_QUERY {
        return Err(too_long(&ctx));
    }
    let places = state
        .store
        .search_custom_places(&q, LISTED)
        .await
        .or_page(&ctx)?;
    let page = PlaceList {
        ctx: &ctx,
        q,
        places,
        notice: query
            .done
            .filter(|d| d == "added")
            .map(|_| ctx.t("place-added")),
        may_add: ctx.can(Action::AddPlace),
    };
    Ok(render(&ctx, &page))
}

/// A search text longer than any name.
pub fn too_long(ctx: &PageCtx) -> PageError {
    PageError::with_message(
        ctx,
        AppError::BadRequest {
            code: "query_too_long",
            message: String::new(),
        },
        ctx.t("rx-query-too-long"),
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct PlaceFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    #[serde(default)]
    next: String,
}

#[derive(Template)]
#[template(path = "place/form.html")]
struct PlaceForm<'a> {
    ctx: &'a PageCtx,
    f: PlaceFields,
    errors: Problems,
}

fn place_form(ctx: &PageCtx, f: PlaceFields, errors: Problems) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, render(ctx, &PlaceForm { ctx, f, errors })).into_response()
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

async fn new_place_form(ctx: PageCtx, Query(q): Query<NextQuery>) -> PageResult {
    allow(&ctx, Action::AddPlace)?;
    let f = PlaceFields {
        next: return_path(q.next.as_deref().unwrap_or_default()),
        ..Default::default()
    };
    Ok(place_form(&ctx, f, Problems::default()))
}

fn field_message(ctx: &PageCtx, field: &str) -> String {
    match field {
        "name" => ctx.t("place-error-name"),
        "country" => ctx.t("rx-error-country"),
        "lat" => ctx.t("place-error-lat"),
        "lon" => ctx.t("place-error-lon"),
        _ => ctx.t("rx-error-field"),
    }
}

async fn add_place(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    CsrfForm(mut f): CsrfForm<PlaceFields>,
) -> PageResult {
    allow(&ctx, Action::AddPlace)?;
    f.next = return_path(&f.next);
    let mut errors = Problems::default();
    let lat = coordinate(&f.lat);
    let lon = coordinate(&f.lon);
    if lat.is_none() {
        errors.add("lat", field_message(&ctx, "lat"));
    }
    if lon.is_none() {
        errors.add("lon", field_message(&ctx, "lon"));
    }
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Ok(place_form(&ctx, f, errors));
    };
    let input = NewPlace {
        name: f.name.clone(),
        country: Some(f.country.clone()),
        lat,
        lon,
    };
    let place = match state
        .service
        .add_place(&ctx.actor(), client, Ok(input))
        .await
    {
        Ok(place) => place,
        Err(AppError::Invalid(e)) => {
            errors.add(e.field.clone(), field_message(&ctx, &e.field));
            return Ok(place_form(&ctx, f, errors));
        }
        Err(e) => return Err(PageError::new(&ctx, e).into()),
    };
    let to = if f.next.is_empty() {
        format!("/places?done=added#p-{}", place.id)
    } else {
        f.next
    };
    Ok(Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_semicolons_and_lines_once_each() {
        assert_eq!(
            split_list(" Almaty ; Алматы;;\nAstana; Almaty "),
            ["Almaty", "Алматы", "Astana"]
        );
        assert!(split_list(" ; \n ").is_empty());
    }

    #[test]
    fn entries_are_ids_or_names() {
        assert_eq!(entry(" gn:1526384 "), Entry::Id("gn:1526384"));
        assert_eq!(entry("Almaty (gn:1526384)"), Entry::Id("gn:1526384"));
        assert_eq!(
            entry("Airport (01HZZZZZZZZZZZZZZZZZZZZZZA)"),
            Entry::Id("01HZZZZZZZZZZZZZZZZZZZZZZA")
        );
        assert_eq!(entry("Almaty"), Entry::Name("Almaty"));
        assert_eq!(
            entry("Saint-Denis (Réunion)"),
            Entry::Name("Saint-Denis (Réunion)")
        );
        assert_eq!(entry("gn:12a"), Entry::Name("gn:12a"));
    }

    #[test]
    fn coordinates_take_points_or_commas() {
        assert_eq!(coordinate(" 43,352 "), Some(43.352));
        assert_eq!(coordinate("-77.04"), Some(-77.04));
        assert_eq!(coordinate("north"), None);
        assert_eq!(coordinate("NaN"), None);
        assert_eq!(coordinate("inf"), None);
    }
}
