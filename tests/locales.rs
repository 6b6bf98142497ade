//! Every interface message exists in every language, and every message the code asks for
//! exists: a missing translation fails here, not in front of a reader.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LOCALES: [&str; 3] = ["en", "it", "ru"];

/// Message ids of one locale, by file name.
fn messages(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let ids = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect();
        out.insert(
            path.file_name().unwrap().to_string_lossy().into_owned(),
            ids,
        );
    }
    out
}

fn all_ids(locale: &str) -> BTreeSet<String> {
    messages(locale).into_values().flatten().collect()
}

#[test]
fn every_locale_has_the_same_files_and_messages() {
    let en = messages("en");
    assert!(!en.is_empty());
    for locale in &LOCALES[1..] {
        let other = messages(locale);
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            en.keys().collect::<Vec<_>>(),
            "{locale}: files differ"
        );
        for (file, ids) in &en {
            let theirs = &other[file];
            let missing: Vec<_> = ids.difference(theirs).collect();
            let extra: Vec<_> = theirs.difference(ids).collect();
            assert!(missing.is_empty(), "{locale}/{file} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale}/{file} has {extra:?}, which en lacks"
            );
        }
    }
}

/// Literal message ids in calls like `t("id")`, `tn("id", …)`, `ts("id", …)`.
fn ids_used_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in ["t(\"", "tn(\"", "ts(\"", "with_args(\""] {
        let mut rest = text;
        while let Some(i) = rest.find(call) {
            let before = rest[..i].chars().last();
            rest = &rest[i + call.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_message_the_code_uses_exists() {
    let known = all_ids("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("templates"), &mut files);
    files_under(&root.join("src"), &mut files);
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for id in ids_used_in(&text) {
            if !id.is_empty() && !id.contains('{') && !known.contains(&id) {
                missing.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages used but not defined: {missing:#?}"
    );
}

#[test]
fn every_refusal_has_words_in_every_language() {
    let codes = [
        "slug_taken",
        "thread_closed",
        "comments_closed",
        "already_struck",
        "update_struck",
        "edit_window_over",
        "comment_removed",
        "parent_removed",
        "already_flagged",
        "already_exists",
        "slow_mode",
    ];
    let fields = [
        "title",
        "lead",
        "language",
        "slug",
        "body",
        "reason",
        "corrected_by",
        "author_name",
        "parent_id",
        "note",
        "name",
        "password",
        "action",
        "slow_mode_seconds",
    ];
    for locale in LOCALES {
        let ids = all_ids(locale);
        for code in codes {
            assert!(
                ids.contains(&format!("conflict-{code}")),
                "{locale}: conflict-{code}"
            );
        }
        for field in fields {
            assert!(
                ids.contains(&format!("field-{field}")),
                "{locale}: field-{field}"
            );
        }
        for status in ["400", "403", "404", "429", "500"] {
            assert!(
                ids.contains(&format!("error-{status}-title")),
                "{locale}: error-{status}-title"
            );
            assert!(
                ids.contains(&format!("error-{status}-message")),
                "{locale}: error-{status}-message"
            );
        }
        for month in 1..=12 {
            assert!(
                ids.contains(&format!("month-{month}")),
                "{locale}: month-{month}"
            );
        }
    }
}
