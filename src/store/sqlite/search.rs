//! Full-text search in SQLite (FTS5; the tokenizer folds case and accents).

use sqlx::SqlitePool;

use super::{backend, rows};
use crate::domain::search::{HitKind, SearchHit, SearchQuery, snippet};
use crate::store::StoreResult;

/// The FTS5 query for a search: each word quoted (a word holds only letters and digits, so
/// it cannot close the quotes), the last one a prefix when the query says so.
pub fn fts_query(query: &SearchQuery) -> String {
    let last = query.terms().len().saturating_sub(1);
    let words: Vec<String> = query
        .terms()
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let star = if i == last && query.last_is_prefix() {
                "*"
            } else {
                ""
            };
            format!("{}{star}", quoted(w))
        })
        .collect();
    let typed = words.join(" ");
    let Some(place) = query.place().filter(|p| !p.spellings.is_empty()) else {
        return typed;
    };
    // The words typed, or any spelling of the place they name, each as a phrase.
    let mut any = vec![format!("({typed})")];
    any.extend(place.spellings.iter().map(|phrase| {
        let words: Vec<String> = phrase.iter().map(|w| quoted(w)).collect();
        words.join(" + ")
    }));
    any.join(" OR ")
}

/// A word as an FTS5 string (a word holds only letters and digits; quotes are doubled anyway).
fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

pub async fn search(pool: &SqlitePool, query: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
    // Originals and published translations are searched alike; a translation counts only
    // while its original is found by search itself (published, approved).
    let found = sqlx::query(
        // The language each excerpt is written in is looked up only for the page of hits
        // kept, not for every match.
        "SELECT hit.*, COALESCE(hit.language, CASE hit.kind
                   WHEN 'update' THEN (SELECT u.language FROM updates u WHERE u.id = hit.item_id)
                   WHEN 'report' THEN (SELECT r.language FROM reports r WHERE r.id = hit.item_id)
                   WHEN 'comment' THEN (SELECT c.language FROM comments c WHERE c.id = hit.item_id)
                   ELSE hit.thread_language
               END) AS text_language
         FROM (SELECT * FROM (
            SELECT d.kind, d.item_id, d.thread_id, t.slug, t.title AS thread_title,
                   snippet(search_index, -1, char(2), char(3), '…', 16) AS snip,
                   bm25(search_index, 4.0, 1.0) AS score, NULL AS language,
                   t.language AS thread_language, d.rowid AS ord
            FROM search_index JOIN search_docs d ON d.rowid = search_index.rowid
            JOIN threads t ON t.id = d.thread_id
            WHERE search_index MATCH $1 AND ($2 IS NULL OR d.thread_id = $2)
            UNION ALL
            SELECT tr.kind, tr.item_id, tr.thread_id, t.slug, t.title AS thread_title,
                   snippet(translation_search, -1, char(2), char(3), '…', 16) AS snip,
                   bm25(translation_search, 4.0, 1.0) AS score, tr.language,
                   t.language AS thread_language, 0 AS ord
            FROM translation_search
            JOIN translation_search_docs td ON td.rowid = translation_search.rowid
            JOIN translations tr ON tr.id = td.translation_id
            JOIN threads t ON t.id = tr.thread_id
            WHERE translation_search MATCH $1 AND ($2 IS NULL OR tr.thread_id = $2)
              AND EXISTS (SELECT 1 FROM search_docs d2
                          WHERE d2.kind = tr.kind AND d2.item_id = tr.item_id)
            UNION ALL
            -- Reports about the place the query names, after every match of the words.
            SELECT d.kind, d.item_id, d.thread_id, t.slug, t.title AS thread_title,
                   CASE WHEN length(r.body) > 160 THEN substr(r.body, 1, 160) || '…'
                        ELSE r.body END AS snip,
                   0.0 AS score, NULL AS language, t.language AS thread_language, d.rowid AS ord
            FROM report_places rp
            JOIN search_docs d ON d.kind = 'report' AND d.item_id = rp.report_id
            JOIN reports r ON r.id = rp.report_id
            JOIN threads t ON t.id = d.thread_id
            WHERE rp.place_id IN (SELECT value FROM json_each($5))
              AND ($2 IS NULL OR d.thread_id = $2)
         )
         ORDER BY score, ord DESC
         LIMIT $3 OFFSET $4) hit
         ORDER BY hit.score, hit.ord DESC",
    )
    .bind(fts_query(query))
    .bind(query.thread_id())
    .bind(i64::from(query.limit()))
    .bind(i64::from(query.offset()))
    .bind(place_ids(query))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    found
        .iter()
        .map(|row| {
            let kind: String = rows::column(row, "kind")?;
            let id: String = rows::column(row, "item_id")?;
            let (text, html) = snippet(&rows::column::<String>(row, "snip")?);
            Ok(SearchHit {
                kind: HitKind::parse(&kind).ok_or_else(|| rows::unexpected("kind", &kind))?,
                created_at: ulid::Ulid::from_string(&id)
                    .ok()
                    .map(|u| chrono::DateTime::<chrono::Utc>::from(u.datetime())),
                id,
                thread_id: rows::column(row, "thread_id")?,
                thread_slug: rows::column(row, "slug")?,
                thread_title: rows::column(row, "thread_title")?,
                snippet: text,
                snippet_html: html,
                language: rows::column(row, "language")?,
                text_language: rows::column(row, "text_language")?,
            })
        })
        .collect::<StoreResult<Vec<SearchHit>>>()
        // An item found in its original and a translation is listed once, at its best.
        .map(|hits| {
            let mut seen = std::collections::HashSet::new();
            hits.into_iter()
                .filter(|h| seen.insert((h.kind.as_str(), h.id.clone())))
                .collect()
        })
}

/// The places the query names, as a JSON array for `json_each`.
fn place_ids(query: &SearchQuery) -> String {
    let ids = query.place().map_or(&[][..], |p| &p.place_ids[..]);
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(text: &str) -> String {
        fts_query(&SearchQuery::parse(text).unwrap().unwrap())
    }

    #[test]
    fn queries_are_quoted_words_with_a_prefix_last() {
        assert_eq!(fts("Almaty  airport"), "\"Almaty\" \"airport\"*");
        assert_eq!(
            fts("\"x\" OR y NEAR(z)"),
            "\"x\" \"OR\" \"y\" \"NEAR\" \"z\"*",
            "operators become plain words"
        );
        assert_eq!(fts("Нур-Султан"), "\"Нур\" \"Султан\"*");
    }

    #[test]
    fn a_named_place_adds_its_spellings_as_phrases() {
        let q = SearchQuery::parse("Nur-Sultan").unwrap().unwrap().naming(
            vec!["gn:1526273".into()],
            &["Astana".into(), "Нур-Султан".into()],
        );
        assert_eq!(
            fts_query(&q),
            "(\"Nur\" \"Sultan\"*) OR \"Astana\" OR \"Нур\" + \"Султан\""
        );
        assert_eq!(place_ids(&q), "[\"gn:1526273\"]");
    }
}
