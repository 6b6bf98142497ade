//! The accounts: the list, and creating, changing the role of, disabling and enabling one.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::super::account::{password_problem, role_name};
use super::super::login::{Empty, urlencode};
use super::super::{CsrfForm, OrPage, PageError, render};
use super::{admin_form, admin_page, html_time, query};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::role::Role;
use crate::domain::user::{self, User};
use crate::domain::validation::required_text;
use crate::error::AppError;
use crate::service::accounts::{self, NewAccount};
use crate::web::session::PageCtx;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/{name}/role", post(set_role))
        .route("/admin/users/{name}/disable", post(disable))
        .route("/admin/users/{name}/enable", post(enable))
}

struct RoleOption {
    value: &'static str,
    label: String,
}

struct UserRow {
    name: String,
    display_name: String,
    role: &'static str,
    role_label: String,
    role_for: String,
    disabled: bool,
    created: String,
    created_iso: String,
    is_me: bool,
}

/// What the form to create an account had, to show it again after a refusal (never the
/// password).
#[derive(Default)]
struct Draft {
    name: String,
    display_name: String,
    role: String,
}

/// The account the last change was about, named in the address after a redirect.
enum Mention {
    Created(String),
    Saved(String),
}

#[derive(Default)]
struct UsersView {
    /// The confirmation of the last change.
    mention: Option<Mention>,
    /// A refused change to an existing account.
    error: Option<String>,
    /// A refused new account.
    create_error: Option<String>,
    draft: Draft,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage<'a> {
    ctx: &'a PageCtx,
    count: String,
    rows: Vec<UserRow>,
    roles: Vec<RoleOption>,
    notice: Option<String>,
    view: UsersView,
}

async fn users_page(
    state: &AppState,
    ctx: &PageCtx,
    me: &User,
    status: StatusCode,
    view: UsersView,
) -> Result<Response, PageError> {
    let users = state.store.list_users().await.or_page(ctx)?;
    let count = ctx.i18n.tn(
        "admin-users-count",
        "count",
        i64::try_from(users.len()).unwrap_or(i64::MAX),
    );
    // Only names of existing accounts are echoed, so a link cannot make the page say anything.
    let exists = |name: &str| users.iter().any(|u| u.name == name);
    let notice = match &view.mention {
        Some(Mention::Created(name)) if exists(name) => {
            Some(ctx.i18n.ts("admin-users-created", "name", name))
        }
        Some(Mention::Saved(name)) if exists(name) => {
            Some(ctx.i18n.ts("admin-users-saved", "name", name))
        }
        _ => None,
    };
    let rows = users
        .into_iter()
        .map(|u| UserRow {
            role: u.role.as_str(),
            role_label: role_name(&ctx.i18n, u.role),
            role_for: ctx.i18n.ts("admin-users-role-for", "name", &u.name),
            created: ctx.i18n.datetime(&u.created_at),
            created_iso: html_time(&u.created_at),
            is_me: u.id == me.id,
            disabled: u.disabled,
            name: u.name,
            display_name: u.display_name,
        })
        .collect();
    let roles = Role::ALL
        .into_iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: role_name(&ctx.i18n, r),
        })
        .collect();
    let page = UsersPage {
        ctx,
        count,
        rows,
        roles,
        notice,
        view,
    };
    Ok((status, render(ctx, &page)).into_response())
}

#[derive(Deserialize, Default)]
struct UsersQuery {
    saved: Option<String>,
    created: Option<String>,
}

async fn users(
    State(state): State<AppState>,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let me = match admin_page(&ctx, Action::ManageUsers) {
        Ok(me) => me,
        Err(refused) => return Ok(refused.answer(&ctx)),
    };
    let q: UsersQuery = query(raw.as_deref());
    let view = UsersView {
        mention: match (q.created, q.saved) {
            (Some(name), _) => Some(Mention::Created(name)),
            (None, Some(name)) => Some(Mention::Saved(name)),
            (None, None) => None,
        },
        ..Default::default()
    };
    users_page(&state, &ctx, me, StatusCode::OK, view).await
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "admin/created.html")]
struct CreatedPage<'a> {
    ctx: &'a PageCtx,
    name: String,
    password: String,
}

async fn create_user(
    State(state): State<AppState>,
    ctx: PageCtx,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> Result<Response, PageError> {
    let me = match admin_form(&ctx) {
        Ok(me) => me,
        Err(refused) => return Ok(refused.answer(&ctx)),
    };
    let draft = Draft {
        name: form.name.clone(),
        display_name: form.display_name.clone(),
        role: form.role.clone(),
    };
    let refuse = |status: StatusCode, message: String, draft: Draft| {
        let view = UsersView {
            create_error: Some(message),
            draft,
            ..Default::default()
        };
        (status, view)
    };
    let checked = check_new_account(&ctx, &form);
    let (name, display_name, role) = match checked {
        Ok(ok) => ok,
        Err(message) => {
            let (status, view) = refuse(StatusCode::UNPROCESSABLE_ENTITY, message, draft);
            return users_page(&state, &ctx, me, status, view).await;
        }
    };
    let new = NewAccount {
        name: name.clone(),
        display_name,
        role,
        password: (!form.password.is_empty()).then_some(form.password),
    };
    let created = match state.service.create_user(&ctx.actor(), new).await {
        Ok(created) => created,
        Err(AppError::Conflict { .. }) => {
            let message = ctx.i18n.ts("admin-users-name-taken", "name", &name);
            let (status, view) = refuse(StatusCode::CONFLICT, message, draft);
            return users_page(&state, &ctx, me, status, view).await;
        }
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    let Some(password) = created.generated_password else {
        let to = format!("/admin/users?created={}", urlencode(&created.user.name));
        return Ok(Redirect::to(&to).into_response());
    };
    // A generated password is shown once, on this answer only: never in an address, never
    // in a cache.
    let page = CreatedPage {
        ctx: &ctx,
        name: created.user.name,
        password,
    };
    let mut response = render(&ctx, &page);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The new account's name, display name and role, or why they are refused.
fn check_new_account(ctx: &PageCtx, form: &CreateForm) -> Result<(String, String, Role), String> {
    let name = user::account_name(&form.name).map_err(|_| ctx.t("admin-users-name-invalid"))?;
    let display_name = if form.display_name.trim().is_empty() {
        name.clone()
    } else {
        required_text(
            "display_name",
            &form.display_name,
            accounts::DISPLAY_NAME_CHARS,
        )
        .map_err(|_| ctx.t("admin-users-display-name-invalid"))?
    };
    let role = Role::parse(&form.role).ok_or_else(|| ctx.t("admin-users-bad-role"))?;
    if !form.password.is_empty()
        && let Some(problem) = password_problem(
            &ctx.i18n,
            &form.password,
            "admin-users-password-too-short",
            "admin-users-password-too-long",
        )
    {
        return Err(problem);
    }
    Ok((name, display_name, role))
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn set_role(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, PageError> {
    let me = match admin_form(&ctx) {
        Ok(me) => me,
        Err(refused) => return Ok(refused.answer(&ctx)),
    };
    let Some(role) = Role::parse(&form.role) else {
        let message = ctx.t("admin-users-bad-role");
        return refuse_change(&state, &ctx, me, StatusCode::UNPROCESSABLE_ENTITY, message).await;
    };
    let changed = state.service.set_user_role(&ctx.actor(), &name, role).await;
    changed_or_refused(&state, &ctx, me, changed).await
}

/// The list of accounts again, saying why a change to one of them was refused.
async fn refuse_change(
    state: &AppState,
    ctx: &PageCtx,
    me: &User,
    status: StatusCode,
    message: String,
) -> Result<Response, PageError> {
    let view = UsersView {
        error: Some(message),
        ..Default::default()
    };
    users_page(state, ctx, me, status, view).await
}

/// The list again after a change, or saying why the change was refused: an admin may not
/// demote or disable themselves.
async fn changed_or_refused(
    state: &AppState,
    ctx: &PageCtx,
    me: &User,
    changed: Result<User, AppError>,
) -> Result<Response, PageError> {
    let key = match changed {
        Ok(user) => return Ok(saved(&user)),
        Err(AppError::Conflict {
            code: "self_demote",
            ..
        }) => "admin-users-self-demote",
        Err(AppError::Conflict {
            code: "self_disable",
            ..
        }) => "admin-users-self-disable",
        Err(e) => return Err(PageError::new(ctx, e)),
    };
    refuse_change(state, ctx, me, StatusCode::CONFLICT, ctx.t(key)).await
}

fn saved(user: &User) -> Response {
    Redirect::to(&format!("/admin/users?saved={}", urlencode(&user.name))).into_response()
}

async fn disable(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, PageError> {
    set_disabled(state, ctx, name, true).await
}

async fn enable(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, PageError> {
    set_disabled(state, ctx, name, false).await
}

async fn set_disabled(
    state: AppState,
    ctx: PageCtx,
    name: String,
    disabled: bool,
) -> Result<Response, PageError> {
    let me = match admin_form(&ctx) {
        Ok(me) => me,
        Err(refused) => return Ok(refused.answer(&ctx)),
    };
    let changed = state
        .service
        .set_user_disabled(&ctx.actor(), &name, disabled)
        .await;
    changed_or_refused(&state, &ctx, me, changed).await
}
