//! The home page: open threads, most recently updated first, then closed ones.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{OrPage, PageError, render};
use crate::app::AppState;
use crate::domain::thread::{Thread, ThreadStatus};
use crate::store::PageRequest;
use crate::web::session::PageCtx;

const SHOWN: u32 = 100;

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    ctx: &'a PageCtx,
    open: Vec<Thread>,
    closed: Vec<Thread>,
}

pub async fn home(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let page = state
        .store
        .list_threads(PageRequest {
            after: None,
            limit: SHOWN,
        })
        .await
        .or_page(&ctx)?;
    let (open, closed) = page
        .items
        .into_iter()
        .partition(|t| t.status == ThreadStatus::Open);
    Ok(render(
        &ctx,
        &Home {
            ctx: &ctx,
            open,
            closed,
        },
    ))
}
