//! What the thread page shows of each item: plain strings, ready for the templates, and the
//! same shape empty for the `<template>` elements the page script fills with live items.

use crate::domain::comment::{CommentNode, CommentStatus};
use crate::domain::language::LanguageTag;
use crate::domain::reading::{Renditions, Shown};
use crate::domain::translation::{ItemKind, Rendition, same_language};
use crate::domain::update::Update;
use crate::i18n::I18n;
use crate::web::session::PageCtx;

pub use crate::web::credits::{
    credit_html, escape, language_credit_html, language_name, provenance_html,
};

#[derive(Debug, Clone, Default)]
pub struct UpdateView {
    pub id: String,
    pub lang: String,
    pub body_html: String,
    pub at_iso: String,
    pub at_text: String,
    pub author: String,
    pub edited: bool,
    pub struck: bool,
    pub strike_reason: String,
    pub corrected_by: String,
    /// "Published by … on …" when the update republishes something; HTML.
    pub provenance_html: String,
    pub reading: ItemReading,
}

impl UpdateView {
    pub fn of(u: &Update, i18n: &I18n) -> Self {
        let (struck, strike_reason, corrected_by) = match &u.struck {
            Some(s) => (
                true,
                s.reason.clone(),
                s.corrected_by.clone().unwrap_or_default(),
            ),
            None => (false, String::new(), String::new()),
        };
        Self {
            id: u.id.clone(),
            lang: u.language.to_string(),
            body_html: u.body_html.clone(),
            at_iso: crate::domain::time::iso(&u.created_at),
            at_text: i18n.datetime(&u.created_at),
            author: u.author.name.clone(),
            edited: u.revision > 1,
            struck,
            strike_reason,
            corrected_by,
            provenance_html: u
                .provenance
                .as_ref()
                .map(|p| provenance_html(i18n, p))
                .unwrap_or_default(),
            reading: ItemReading::default(),
        }
    }

    /// The update in the reader's language: its published translation, else the original with
    /// its language named.
    pub fn read_in(mut self, u: &Update, renditions: &Renditions, slug: &str, i18n: &I18n) -> Self {
        let path = format!("/t/{slug}");
        let anchor = format!("#u-{}", u.id);
        let reading = read(
            i18n,
            renditions,
            (ItemKind::Update, &u.id),
            &u.language,
            (&path, &anchor),
            |r| {
                format!(
                    "/t/{slug}/updates/{}/revisions?from={}#changes",
                    u.id, r.source_revision
                )
            },
        );
        let original = reading.rendition.is_none();
        if let Some(r) = reading.rendition {
            self.body_html = r.body_html.clone();
        }
        self.lang = reading.lang;
        self.reading = reading.about;
        if original {
            // A republished translation's own notes get the legend too.
            self.reading.notes =
                crate::domain::provenance::shows_notes(&u.body, u.provenance.as_ref());
        }
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct CommentView {
    pub id: String,
    pub author: String,
    pub guest: bool,
    pub body_html: String,
    pub at_iso: String,
    pub at_text: String,
    pub edited: bool,
    pub removed: bool,
    pub replies: Vec<CommentView>,
    /// The language it was written in, as detected; none when unsure.
    pub language: Option<LanguageTag>,
    /// Its language when not the page's, for the `lang` attribute; empty otherwise.
    pub lang: String,
    pub reading: ItemReading,
}

impl CommentView {
    pub fn of(node: &CommentNode, i18n: &I18n) -> Self {
        let c = &node.comment;
        Self {
            id: c.id.clone(),
            author: c.author.name.clone(),
            guest: c.author.guest,
            body_html: c.body_html.clone(),
            at_iso: crate::domain::time::iso(&c.created_at),
            at_text: i18n.datetime(&c.created_at),
            edited: c.edited_at.is_some(),
            removed: c.status != CommentStatus::Approved,
            replies: node
                .replies
                .iter()
                .map(|r| CommentView::of(r, i18n))
                .collect(),
            language: c.language.clone(),
            lang: c
                .language
                .as_ref()
                .filter(|l| !l.primary().eq_ignore_ascii_case(i18n.code()))
                .map(ToString::to_string)
                .unwrap_or_default(),
            reading: ItemReading::default(),
        }
    }

    /// A comment in another language than the reader's is badged with it, and offered in a
    /// machine translation when an engine is set up.
    pub fn read_for(&mut self, reader: &LanguageTag, machine: bool, i18n: &I18n) {
        let Some(language) = self.language.as_ref().filter(|l| !same_language(l, reader)) else {
            return;
        };
        self.reading.badge = Some(badge(i18n, language));
        if machine && !self.removed {
            self.reading.mt_href = format!("/mt/comment/{}?lang={reader}", self.id);
        }
    }
}

/// The original's tag in capitals, and "Original language: English" in the reader's words.
fn badge(i18n: &I18n, original: &LanguageTag) -> (String, String) {
    (
        original.primary().to_uppercase(),
        i18n.ts(
            "original-language",
            "language",
            &language_name(i18n, original),
        ),
    )
}

/// The language a reader reads content in: `?lang=` when it is a well-formed tag (even one the
/// interface does not speak, such as `es`), else the interface language (`or` only if that
/// could not be read, which does not happen).
pub fn reader_language(ctx: &PageCtx, asked: Option<&str>, or: &LanguageTag) -> LanguageTag {
    asked
        .and_then(|l| LanguageTag::parse(l.trim()).ok())
        .or_else(|| LanguageTag::parse(ctx.i18n.code()).ok())
        .unwrap_or_else(|| or.clone())
}

/// How one item reads for this reader, beyond its text: what the page says about its language.
#[derive(Debug, Clone, Default)]
pub struct ItemReading {
    /// Shown untranslated to a reader of another language: the original's tag in capitals, and
    /// "Original language: English" in the reader's words.
    pub badge: Option<(String, String)>,
    /// The other languages the item can be read in: `(tag, name, address)`.
    pub others: Vec<(String, String, String)>,
    /// "Translated by …" as HTML; empty for an original.
    pub credit_html: String,
    /// For a translation: where to see what changed in the original since it was made from
    /// revision `from`; empty for an original.
    pub changes_href: String,
    pub from: i64,
    /// The original changed after the translation (the mark is shown; otherwise it waits,
    /// hidden, for the page script to show it when the original changes live).
    pub stale: bool,
    /// The address of a machine translation for this reader; empty when none is offered.
    pub mt_href: String,
    /// The text shown carries translator's notes.
    pub notes: bool,
}

impl ItemReading {
    /// Anything to say besides the badge.
    pub fn has_line(&self) -> bool {
        !self.others.is_empty()
            || !self.credit_html.is_empty()
            || !self.changes_href.is_empty()
            || !self.mt_href.is_empty()
    }
}

/// What the page shows of one item in the reader's language: its text, the text's language and
/// what to say about it.
pub struct Reading<'a> {
    /// The translation shown, if any.
    pub rendition: Option<&'a Rendition>,
    pub lang: String,
    pub about: ItemReading,
}

/// Reads one item: the published translation into the reader's language when there is one,
/// else the original, badged when in another language. `page` is the address the language
/// links go to (with `#anchor` added), `changes` where the original's changes are listed.
pub fn read<'a>(
    i18n: &I18n,
    renditions: &'a Renditions,
    item: (ItemKind, &str),
    original: &LanguageTag,
    page: (&str, &str),
    changes: impl FnOnce(&Rendition) -> String,
) -> Reading<'a> {
    let (kind, id) = item;
    let (path, anchor) = page;
    match renditions.shown(kind, id, original) {
        Shown::Original => Reading {
            rendition: None,
            lang: original.to_string(),
            about: ItemReading::default(),
        },
        Shown::Translated(r) => Reading {
            rendition: Some(r),
            lang: r.language.to_string(),
            about: ItemReading {
                credit_html: credit_html(i18n, r),
                changes_href: changes(r),
                from: r.source_revision,
                stale: r.stale,
                notes: r.has_notes,
                ..ItemReading::default()
            },
        },
        Shown::Foreign { original, others } => Reading {
            rendition: None,
            lang: original.to_string(),
            about: ItemReading {
                badge: Some(badge(i18n, &original)),
                others: others
                    .iter()
                    .map(|l| {
                        (
                            l.to_string(),
                            language_name(i18n, l),
                            format!("{path}?lang={l}{anchor}"),
                        )
                    })
                    .collect(),
                ..ItemReading::default()
            },
        },
    }
}

/// The words changed between two texts as HTML: removed words in `<del>`, added in `<ins>`,
/// each announced in words for those who do not see the styling. `None` when nothing changed.
pub fn word_diff_html(old: &str, new: &str, i18n: &I18n) -> Option<String> {
    use similar::{ChangeTag, TextDiff};
    if old == new {
        return None;
    }
    let diff = TextDiff::from_words(old, new);
    let mut out = String::with_capacity(old.len() + new.len());
    let mut open: Option<ChangeTag> = None;
    let close = |out: &mut String, tag: Option<ChangeTag>| match tag {
        Some(ChangeTag::Delete) => out.push_str("</del>"),
        Some(ChangeTag::Insert) => out.push_str("</ins>"),
        _ => {}
    };
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            close(&mut out, open);
            match tag {
                ChangeTag::Delete => out.push_str(&format!(
                    r#"<del><span class="vh">{} </span>"#,
                    escape(&i18n.t("editor-removed"))
                )),
                ChangeTag::Insert => out.push_str(&format!(
                    r#"<ins><span class="vh">{} </span>"#,
                    escape(&i18n.t("editor-added"))
                )),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        out.push_str(&escape(change.value()));
    }
    close(&mut out, open);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn word_differences_mark_what_was_removed_and_added() {
        let en = I18n::new(Lang::En);
        let html = word_diff_html("The bridge is closed.", "The <bridge> is open.", &en).unwrap();
        assert_eq!(
            html,
            "The <del><span class=\"vh\">removed: </span>bridge</del><ins><span class=\"vh\">added: </span>&lt;bridge&gt;</ins> is <del><span class=\"vh\">removed: </span>closed.</del><ins><span class=\"vh\">added: </span>open.</ins>"
        );
        assert_eq!(word_diff_html("same", "same", &en), None);
    }
}
