//! A thread's published reports as feed items: the source and the source it cites with their
//! kinds, when the source said it, the verification, the claims in words, the link; struck
//! reports marked as struck updates are.

use super::{Item, ReportInfo, StruckInfo, TranslationInfo, credits_paragraph, text};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::report::{Report, ReportFilter};
use crate::domain::situation::{Situation, situation, translate_labels};
use crate::domain::source::SourceRef;
use crate::domain::thread::Thread;
use crate::domain::time::Timestamp;
use crate::domain::translation::Rendition;
use crate::store::PageRequest;
use crate::web::credits::escape;
use crate::web::page_error::{OrPage, PageError};
use crate::web::session::PageCtx;
use crate::web::words::{claim_text, kind_text, verification_text};

/// The thread's latest published reports (struck ones included), newest first, and the board
/// that names their claims in the reader's interface language.
pub async fn latest(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    limit: u32,
) -> Result<(Vec<Report>, Situation), PageError> {
    let reports = state
        .store
        .list_reports(
            &thread.id,
            ReportFilter::default(),
            PageRequest { after: None, limit },
        )
        .await
        .or_page(ctx)?;
    if reports.items.is_empty() {
        return Ok((Vec::new(), situation(&Default::default(), ctx.i18n.code())));
    }
    let lang = LanguageTag::parse(ctx.i18n.code()).unwrap_or_else(|_| thread.language.clone());
    let translations = state
        .store
        .thread_translations(&thread.id, Some(&lang))
        .await
        .or_page(ctx)?;
    let mut inputs = state.store.board_inputs(&thread.id).await.or_page(ctx)?;
    translate_labels(&mut inputs, &translations, &lang);
    Ok((reports.items, situation(&inputs, ctx.i18n.code())))
}

/// "Free Radio (independent media)".
fn source_html(ctx: &PageCtx, s: &SourceRef) -> String {
    format!(
        "{} ({})",
        escape(&s.name),
        escape(&kind_text(&ctx.i18n, s.kind))
    )
}

pub fn report_item(
    ctx: &PageCtx,
    base: &str,
    thread_url: &str,
    report: &Report,
    situation: &Situation,
    rendition: Option<&Rendition>,
) -> Item {
    // The board's badge when it has one, else the moderator's verdict, as on the thread page.
    let badge = situation
        .badges
        .get(&report.id)
        .copied()
        .unwrap_or(report.verification);
    let claims: Vec<String> = report
        .claims
        .iter()
        .map(|c| {
            claim_text(
                situation,
                ctx.i18n.code(),
                &c.indicator,
                c.place.as_ref(),
                &c.value,
            )
        })
        .collect();
    let (body, body_html) = match rendition {
        Some(r) => (r.body.as_str(), r.body_html.as_str()),
        None => (report.body.as_str(), report.body_html.as_str()),
    };
    let mut heading = text::plain_title(body);
    if heading.is_empty() {
        heading = claims.first().cloned().unwrap_or_default();
    }
    let mut title = ctx.i18n.with_args(
        "feeds-report-title",
        [
            ("source", report.source.name.clone().into()),
            ("title", heading.into()),
        ],
    );
    let badge_text = verification_text(&ctx.i18n, badge);
    let mut from = format!(
        "{} {}",
        escape(&ctx.t("board-report-from")),
        source_html(ctx, &report.source)
    );
    if let Some(c) = &report.cites {
        from.push_str(&format!(
            ", {} {}",
            escape(&ctx.t("board-report-citing")),
            source_html(ctx, c)
        ));
    }
    let mut html = format!(
        "<p>{from}<br>{} {}<br><strong>{}</strong></p>",
        escape(&ctx.t("board-report-stated")),
        escape(&ctx.i18n.datetime(&report.stated_at)),
        escape(
            &ctx.i18n
                .ts("feeds-report-verification", "status", &badge_text)
        ),
    );
    if let Some(note) = &report.verification_note {
        html.push_str(&format!(
            "<p><strong>{}:</strong> {}</p>",
            escape(&verification_text(&ctx.i18n, report.verification)),
            escape(note)
        ));
    }
    html.push_str(&text::absolute_links(body_html, base));
    if !claims.is_empty() {
        html.push_str(&format!(
            "<p>{}</p><ul>{}</ul>",
            escape(&ctx.t("feeds-report-claims")),
            claims
                .iter()
                .map(|c| format!("<li>{}</li>", escape(c)))
                .collect::<String>()
        ));
    }
    if let Some(link) = &report.link {
        html.push_str(&format!(
            r#"<p><a href="{}">{}</a></p>"#,
            escape(link),
            escape(&ctx.t("board-report-link"))
        ));
    }
    if let Some(r) = rendition {
        html.push_str(&credits_paragraph(&super::translation_lines(ctx, r)));
    }
    if let Some(strike) = &report.struck {
        title = ctx.i18n.ts("feeds-struck-title", "title", &title);
        html = text::struck_html(ctx, thread_url, &strike.reason, None, &html);
    }
    let updated = [
        report.edited_at,
        report.struck.as_ref().map(|s| s.struck_at),
        rendition.map(|r| r.published_at),
    ]
    .into_iter()
    .flatten()
    .fold(report.received_at, Timestamp::max);
    Item {
        id: format!("urn:cronaca:report:{}", report.id),
        url: format!("{thread_url}#r-{}", report.id),
        title,
        html,
        language: rendition.map_or_else(|| report.language.to_string(), |r| r.language.to_string()),
        author: None,
        published: report.received_at,
        updated,
        struck: report.struck.as_ref().map(|s| StruckInfo {
            reason: s.reason.clone(),
            corrected_by: None,
        }),
        translation: rendition.map(TranslationInfo::of),
        provenance: None,
        report: Some(ReportInfo {
            source: report.source.clone(),
            cites: report.cites.clone(),
            verification: badge.as_str(),
            verification_text: badge_text,
            claims,
            link: report.link.clone(),
            stated_at: report.stated_at,
            occurred_at: report.occurred_at,
        }),
    }
}
