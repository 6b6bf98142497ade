//! The fuzz targets' properties (`fuzz/src/checks.rs`) run as property tests on every
//! `cargo test`: the stored seed corpora through the targets' own entry points, then generated
//! hostile text. The same checks run for hours under `cargo fuzz` (docs/RELIABILITY.md).
//!
//! The `next=` property (`checks::next_path`) runs here once the redirect check exists in the
//! library; until then it is exercised only by the fuzz target behind its `redirect` feature.

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

use proptest::prelude::*;

/// Every stored seed through every target that reads it.
#[test]
fn seed_corpora_hold_every_property() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut tried = 0;
    for (target, check) in checks::entry::TARGETS {
        let dir = root.join(target);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            if let Err(why) = check(&data) {
                panic!("{target} seed {}: {why}", path.display());
            }
            tried += 1;
        }
    }
    assert!(
        tried >= 30,
        "only {tried} seeds found under {}",
        root.display()
    );
}

/// Pieces hostile text is made of: markup, Markdown, URL schemes, entities, note brackets, the
/// notes' private-use sentinels, quotes, controls and Unicode look-alikes.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=x>",
    "<a href=\"",
    "\">",
    "'",
    "\"",
    "=",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\0",
    "\u{7f}",
    "\\",
    "`",
    "```",
    "[",
    "]",
    "(",
    ")",
    "[x](",
    "![",
    "](",
    "[[",
    "]]",
    "\\[[",
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "vbscript:",
    "&#106;",
    "&#x6A;",
    "&#",
    ";",
    "&lt;",
    "&amp;",
    "&quot;",
    "on",
    "onerror",
    "style=",
    "expression(",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "# ",
    "> ",
    "- ",
    "1. ",
    "| a |",
    "|---|",
    "*",
    "_",
    "~~",
    "http://e.example/",
    "mailto:",
    "//",
    "\u{E000}",
    "\u{E001}",
    "0",
    "1",
    "\u{FF1C}",
    "\u{FF1E}",
    "\u{202E}",
    "\u{2028}",
    "\u{200B}",
    "é",
    "Алматы",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "[0-9 ,.+-]{0,12}".prop_map(serde_json::Value::from),
        hostile_text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z]{1,5}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn markup_renders_only_inert_html(source in hostile_text()) {
        prop_assert!(checks::markup(&source).is_ok(), "{}", checks::markup(&source).unwrap_err());
    }

    #[test]
    fn translator_notes_stay_inert_and_unforgeable(source in hostile_text()) {
        let checked = checks::translator_notes(&source);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn slugs_are_valid_and_stable(title in hostile_text(), n in any::<u32>()) {
        let checked = checks::slugs(&title, n);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn language_tags_are_normalized(
        text in prop_oneof![
            "[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,5}",
            "[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?(-x(-[a-z0-9]{1,8}){1,3})?",
            hostile_text(),
        ]
    ) {
        let checked = checks::language_tag(&text);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn claim_values_parse_or_refuse_cleanly(
        text in prop_oneof![
            "(at least |almeno |≥|>=)?[ 0-9,.\u{a0}]{0,12}([-–+][ 0-9,.]{0,12})?",
            hostile_text(),
        ],
        json in json_value(),
    ) {
        let checked = checks::claim_value(&text, Some(&json));
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn cursors_decode_or_refuse_on_after(
        text in prop_oneof!["[A-Za-z0-9_=+/-]{0,40}", hostile_text()],
        parts in 1usize..5,
    ) {
        let checked = checks::cursor(&text, parts);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }
}
