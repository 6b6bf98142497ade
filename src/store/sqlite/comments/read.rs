//! Reading comments: one, a thread's with their replies, the moderation queue and claims.

use super::placeholders;
use sqlx::SqlitePool;

use crate::domain::comment::{self, Comment, CommentNode, Flag, QueueItem};
use crate::domain::page::{Page, encode_cursor};
use crate::domain::time;
use crate::store::sqlite::{backend, rows};
use crate::store::{PageRequest, StoreError, StoreResult};

pub async fn get(pool: &SqlitePool, id: &str) -> StoreResult<Comment> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE c.id = $1",
        rows::COMMENT
    )))
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("comment"))?;
    rows::comment(&row)
}

pub async fn list(
    pool: &SqlitePool,
    thread_id: &str,
    page: PageRequest,
) -> StoreResult<Page<CommentNode>> {
    let after = page.after_id()?;
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE c.thread_id = $1 AND c.parent_id IS NULL AND c.status = 'approved'
           AND ($2 IS NULL OR c.id > $2)
         ORDER BY c.id LIMIT $3",
        rows::COMMENT
    )))
    .bind(thread_id)
    .bind(after)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let roots = found
        .iter()
        .map(rows::comment)
        .collect::<StoreResult<Vec<_>>>()?;
    let roots = Page::from_rows(roots, page.limit, |c| encode_cursor(&[&c.id]));
    if roots.items.is_empty() {
        return Ok(Page {
            items: Vec::new(),
            next: None,
        });
    }
    let sql = format!(
        "{} WHERE c.root_id IN ({}) AND c.id <> c.root_id ORDER BY c.id",
        rows::COMMENT,
        placeholders(1, roots.items.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for r in &roots.items {
        query = query.bind(&r.id);
    }
    let replies = query.fetch_all(pool).await.map_err(backend)?;
    let mut all = roots.items;
    for row in &replies {
        all.push(rows::comment(row)?);
    }
    Ok(Page {
        items: comment::build_tree(all),
        next: roots.next,
    })
}

pub async fn queue(pool: &SqlitePool, page: PageRequest) -> StoreResult<Page<QueueItem>> {
    let before = page.after_id()?;
    let found = sqlx::query(
        "SELECT c.id, c.thread_id, c.parent_id, c.author_id, c.author_name, c.body, c.body_html,
                c.status, c.created_at, c.edited_at, c.language, t.title AS thread_title, t.slug AS thread_slug
         FROM comments c JOIN threads t ON t.id = c.thread_id
         WHERE (c.status = 'pending' OR c.open_flags > 0) AND ($1 IS NULL OR c.id < $1)
         ORDER BY c.id DESC LIMIT $2",
    )
    .bind(before)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut items = Vec::with_capacity(found.len());
    for row in &found {
        items.push(QueueItem {
            comment: rows::comment(row)?,
            thread_title: rows::column(row, "thread_title")?,
            thread_slug: rows::column(row, "thread_slug")?,
            flags: Vec::new(),
        });
    }
    let mut page = Page::from_rows(items, page.limit, |q| encode_cursor(&[&q.comment.id]));
    if page.items.is_empty() {
        return Ok(page);
    }
    let sql = format!(
        "SELECT id, comment_id, reason, created_at FROM comment_flags
         WHERE resolved_at IS NULL AND comment_id IN ({}) ORDER BY id",
        placeholders(1, page.items.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for item in &page.items {
        query = query.bind(&item.comment.id);
    }
    for row in query.fetch_all(pool).await.map_err(backend)? {
        let flag = Flag {
            id: rows::column(&row, "id")?,
            comment_id: rows::column(&row, "comment_id")?,
            reason: rows::column(&row, "reason")?,
            created_at: rows::timestamp(&row, "created_at")?,
        };
        if let Some(item) = page
            .items
            .iter_mut()
            .find(|i| i.comment.id == flag.comment_id)
        {
            item.flags.push(flag);
        }
    }
    Ok(page)
}

pub async fn claims(
    pool: &SqlitePool,
    ids: &[String],
    now: time::Timestamp,
) -> StoreResult<Vec<(String, String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT c.comment_id, c.moderator_id, u.display_name FROM comment_claims c
         JOIN users u ON u.id = c.moderator_id
         WHERE c.expires_at > $1 AND c.comment_id IN ({})",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(time::to_db(&now));
    for id in ids {
        query = query.bind(id);
    }
    let found = query.fetch_all(pool).await.map_err(backend)?;
    found
        .iter()
        .map(|row| {
            Ok((
                rows::column(row, "comment_id")?,
                rows::column(row, "moderator_id")?,
                rows::column(row, "display_name")?,
            ))
        })
        .collect()
}
