//! The thread's title and lead as one reader reads them: the original or its translation.

use super::super::views::{ItemReading, escape, language_credit_html, provenance_html, read};
use crate::domain::reading::Renditions;
use crate::domain::thread::Thread;
use crate::domain::translation::ItemKind;
use crate::domain::{notes, provenance};
use crate::i18n::I18n;

/// The thread's title and lead in the reader's language, and what is said about them.
#[derive(Debug, Clone, Default)]
pub struct ThreadHead {
    /// Plain text, for the window title and feed links.
    pub title: String,
    pub title_html: String,
    pub lead_html: String,
    /// The language of the title and lead shown.
    pub lang: String,
    pub reading: ItemReading,
    /// "Published by … · Italian translation by …", HTML; empty when there is nothing to say.
    pub provenance_html: String,
}

impl ThreadHead {
    pub fn of(thread: &Thread, renditions: &Renditions, i18n: &I18n) -> Self {
        let path = format!("/t/{}", thread.slug);
        let reading = read(
            i18n,
            renditions,
            (ItemKind::Thread, &thread.id),
            &thread.language,
            (&path, ""),
            |r| {
                format!(
                    "/t/{}/revisions?from={}#changes",
                    thread.slug, r.source_revision
                )
            },
        );
        let mut parts: Vec<String> = thread
            .provenance
            .as_ref()
            .map(|p| provenance_html(i18n, p))
            .into_iter()
            .collect();
        let mut about = reading.about;
        let (title, title_html, lead_html) = match reading.rendition {
            Some(r) => {
                let title = r.title.as_deref().unwrap_or(&thread.title);
                // The credit joins the provenance line, naming the language.
                parts.push(language_credit_html(i18n, r));
                about.credit_html.clear();
                (
                    notes::plain(title),
                    r.title_html
                        .clone()
                        .unwrap_or_else(|| escape(&thread.title)),
                    r.body_html.clone(),
                )
            }
            None => {
                // A republished translation's own notes get the legend too.
                about.notes = provenance::shows_notes(&thread.lead, thread.provenance.as_ref());
                (
                    thread.title.clone(),
                    escape(&thread.title),
                    thread.lead_html.clone(),
                )
            }
        };
        Self {
            title,
            title_html,
            lead_html,
            lang: reading.lang,
            reading: about,
            provenance_html: parts.join(" · "),
        }
    }
}
