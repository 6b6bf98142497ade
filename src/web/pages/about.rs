//! The about page: what Cronaca keeps about the people who contribute, and the data it ships
//! with and their credits.

use askama::Template;
use axum::response::Response;

use super::render;
use crate::web::session::PageCtx;

#[derive(Template)]
#[template(path = "about.html")]
struct About<'a> {
    ctx: &'a PageCtx,
}

pub async fn about(ctx: PageCtx) -> Response {
    render(&ctx, &About { ctx: &ctx })
}
