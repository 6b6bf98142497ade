//! The home page: open threads, most recently updated first, then closed ones.

use std::collections::HashMap;

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
    /// Per open thread (by id), translations waiting for publication: for editors all of them,
    /// for translators their own.
    waiting: HashMap<String, (i64, bool)>,
}

impl Home<'_> {
    fn waiting_on(&self, thread_id: &str) -> (i64, bool) {
        self.waiting.get(thread_id).copied().unwrap_or((0, false))
    }
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
    let (open, closed): (Vec<Thread>, Vec<Thread>) = page
        .items
        .into_iter()
        .partition(|t| t.status == ThreadStatus::Open);
    let mut waiting = HashMap::new();
    if ctx.can_translate() {
        for t in &open {
            let translations = state
                .store
                .thread_translations(&t.id, None)
                .await
                .or_page(&ctx)?;
            waiting.insert(
                t.id.clone(),
                super::translations::waiting_for(&ctx, &translations),
            );
        }
    }
    Ok(render(
        &ctx,
        &Home {
            ctx: &ctx,
            open,
            closed,
            waiting,
        },
    ))
}
