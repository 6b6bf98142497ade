//! Administration pages: the accounts (create, change role, disable, enable) and the audit log.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::SecondsFormat;
use serde::Deserialize;

use super::account::{password_problem, role_name};
use super::login::{Empty, forbidden, require_login, urlencode};
use super::{CsrfForm, OrPage, PageError, render};
use crate::app::AppState;
use crate::auth;
use crate::domain::permissions::Action;
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use crate::domain::user::{self, User};
use crate::domain::validation::required_text;
use crate::error::AppError;
use crate::store::{AuditEntry, NewUserRecord, PageRequest, StoreError};
use crate::web::session::PageCtx;

/// Audit entries on one page.
const AUDIT_PAGE: u32 = 50;
/// Display names are at most this long, as on the command line.
const DISPLAY_NAME_CHARS: usize = 80;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/{name}/role", post(set_role))
        .route("/admin/users/{name}/disable", post(disable))
        .route("/admin/users/{name}/enable", post(enable))
        .route("/admin/audit", get(audit))
}

/// Why someone other than an admin is turned away.
enum Refused {
    /// A guest: log in first.
    LogIn(Redirect),
    /// An account whose role may not do this.
    Forbidden,
}

impl Refused {
    fn answer(self, ctx: &PageCtx) -> Response {
        match self {
            Refused::LogIn(redirect) => redirect.into_response(),
            Refused::Forbidden => forbidden(ctx),
        }
    }
}

/// The account asking may do this, or is turned away with a 403.
fn allowed(ctx: &PageCtx, action: Action) -> Result<(), Refused> {
    if ctx.can(action) {
        Ok(())
    } else {
        Err(Refused::Forbidden)
    }
}

/// Pages: a guest logs in and comes back to the page itself.
fn admin_page(ctx: &PageCtx, action: Action) -> Result<&User, Refused> {
    let user = require_login(ctx).map_err(Refused::LogIn)?;
    allowed(ctx, action).map(|()| user)
}

/// Forms: a guest logs in and comes back to the list of accounts, not to the address of
/// the form.
fn admin_form(ctx: &PageCtx) -> Result<&User, Refused> {
    let Some(user) = ctx.user.as_ref() else {
        let to = format!("/login?next={}", urlencode("/admin/users"));
        return Err(Refused::LogIn(Redirect::to(&to)));
    };
    allowed(ctx, Action::ManageUsers).map(|()| user)
}

/// A time for a `datetime` attribute: HTML allows at most three digits of a second.
fn html_time(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn is_me(me: &User, name: &str) -> bool {
    user::name_key(&me.name) == user::name_key(name)
}

fn query<T: serde::de::DeserializeOwned + Default>(raw: Option<&str>) -> T {
    serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Accounts.

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
    let generated = form.password.is_empty();
    let password = if generated {
        auth::random_password()
    } else {
        form.password
    };
    let hash = auth::hash_password(&password)
        .map_err(|e| PageError::new(&ctx, AppError::Internal(e.to_string())))?;
    let record = NewUserRecord {
        name: name.clone(),
        display_name,
        role,
        password_hash: Some(hash),
    };
    let created = match state.writes.create_user(&ctx.actor(), record).await {
        Ok(created) => created,
        Err(StoreError::Conflict { .. }) => {
            let message = ctx.i18n.ts("admin-users-name-taken", "name", &name);
            let (status, view) = refuse(StatusCode::CONFLICT, message, draft);
            return users_page(&state, &ctx, me, status, view).await;
        }
        Err(e) => return Err(PageError::new(&ctx, e.into())),
    };
    if !generated {
        let to = format!("/admin/users?created={}", urlencode(&created.name));
        return Ok(Redirect::to(&to).into_response());
    }
    // A generated password is shown once, on this answer only: never in an address, never
    // in a cache.
    let page = CreatedPage {
        ctx: &ctx,
        name: created.name,
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
        required_text("display_name", &form.display_name, DISPLAY_NAME_CHARS)
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
    if role != Role::Admin && is_me(me, &name) {
        let message = ctx.t("admin-users-self-demote");
        return refuse_change(&state, &ctx, me, StatusCode::CONFLICT, message).await;
    }
    let changed = state
        .writes
        .set_user_role(&ctx.actor(), &name, role)
        .await
        .or_page(&ctx)?;
    Ok(saved(&changed))
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
    if disabled && is_me(me, &name) {
        let message = ctx.t("admin-users-self-disable");
        return refuse_change(&state, &ctx, me, StatusCode::CONFLICT, message).await;
    }
    let changed = state
        .writes
        .set_user_disabled(&ctx.actor(), &name, disabled)
        .await
        .or_page(&ctx)?;
    Ok(saved(&changed))
}

// ---------------------------------------------------------------------------------------------
// The audit log.

struct AuditRow {
    at: String,
    at_iso: String,
    who: String,
    action: String,
    action_code: String,
    target_kind: String,
    target_id: String,
    target_name: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    ctx: &'a PageCtx,
    rows: Vec<AuditRow>,
    next: Option<String>,
    is_first: bool,
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    after: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    if let Err(refused) = admin_page(&ctx, Action::ViewAudit) {
        return Ok(refused.answer(&ctx));
    }
    let q: AuditQuery = query(raw.as_deref());
    let after = q.after.filter(|a| !a.is_empty());
    let is_first = after.is_none();
    let request = PageRequest {
        after,
        limit: AUDIT_PAGE,
    };
    let page = match state.store.audit_log(request).await {
        Ok(page) => page,
        Err(StoreError::Invalid(_)) => {
            let message = ctx.t("admin-audit-bad-cursor");
            let error = AppError::BadRequest {
                code: "bad_cursor",
                message: message.clone(),
            };
            return Err(PageError::with_message(&ctx, error, message));
        }
        Err(e) => return Err(PageError::new(&ctx, e.into())),
    };
    let names: HashMap<String, String> = state
        .store
        .list_users()
        .await
        .or_page(&ctx)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let rows = page
        .items
        .into_iter()
        .map(|e| audit_row(&ctx, &names, e))
        .collect();
    let page = AuditPage {
        ctx: &ctx,
        rows,
        next: page.next,
        is_first,
    };
    Ok(render(&ctx, &page))
}

fn audit_row(ctx: &PageCtx, names: &HashMap<String, String>, e: AuditEntry) -> AuditRow {
    let who = match (&e.actor_id, e.actor_name.as_str()) {
        (None, "system") => ctx.t("admin-audit-actor-system"),
        (None, "guest") => ctx.t("admin-audit-actor-guest"),
        _ => e.actor_name.clone(),
    };
    let now_disabled = e
        .after
        .as_ref()
        .and_then(|a| a.get("disabled"))
        .and_then(serde_json::Value::as_bool);
    let action = match (e.action.as_str(), now_disabled) {
        ("user.create", _) => ctx.t("admin-action-user-create"),
        ("user.set_role", _) => ctx.t("admin-action-user-set-role"),
        ("user.set_disabled", Some(true)) => ctx.t("admin-action-user-disable"),
        ("user.set_disabled", _) => ctx.t("admin-action-user-enable"),
        ("user.set_password", _) => ctx.t("admin-action-user-set-password"),
        ("token.create", _) => ctx.t("admin-action-token-create"),
        ("token.revoke", _) => ctx.t("admin-action-token-revoke"),
        ("thread.create", _) => ctx.t("admin-action-thread-create"),
        ("thread.edit", _) => ctx.t("admin-action-thread-edit"),
        ("update.post", _) => ctx.t("admin-action-update-post"),
        ("update.edit", _) => ctx.t("admin-action-update-edit"),
        ("update.strike", _) => ctx.t("admin-action-update-strike"),
        ("comment.edit", _) => ctx.t("admin-action-comment-edit"),
        ("comment.moderate", _) => ctx.t("admin-action-comment-moderate"),
        (other, _) => other.to_owned(),
    };
    let target_kind = match e.target_kind.as_str() {
        "user" => ctx.t("admin-kind-user"),
        "token" => ctx.t("admin-kind-token"),
        "thread" => ctx.t("admin-kind-thread"),
        "update" => ctx.t("admin-kind-update"),
        "comment" => ctx.t("admin-kind-comment"),
        other => other.to_owned(),
    };
    let target_name = (e.target_kind == "user")
        .then(|| names.get(&e.target_id).cloned())
        .flatten();
    let pretty = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string()))
    };
    AuditRow {
        at: ctx.i18n.datetime(&e.at),
        at_iso: html_time(&e.at),
        who,
        action,
        before: pretty(&e.before),
        after: pretty(&e.after),
        action_code: e.action,
        target_kind,
        target_id: e.target_id,
        target_name,
    }
}
