//! What the thread page shows of each item: plain strings, ready for the templates, and the
//! same shape empty for the `<template>` elements the page script fills with live items.

use crate::domain::comment::{CommentNode, CommentStatus};
use crate::domain::update::Update;
use crate::i18n::I18n;

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
        }
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
        }
    }
}
