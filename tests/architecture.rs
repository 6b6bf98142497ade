//! The shape of the source tree, checked: small files, no import cycles between modules, and
//! the web reaching changes only through the service layer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

/// Files still over the limit, each waiting to be split; the list may only shrink.
const NOT_YET_SPLIT: &[&str] = &[];

/// Web files whose handlers still write to the store themselves; the list may only shrink.
const NOT_YET_THROUGH_THE_SERVICE: &[&str] = &[];

/// Import cycles not yet broken; the list may only shrink.
const KNOWN_CYCLES: &[&[&str]] = &[];

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// `src/web/pages/comments.rs` → `["web", "pages", "comments"]`.
fn module_of(path: &Path) -> Vec<String> {
    let rel = relative(path);
    let rel = rel.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The unit a cycle is counted between: a top-level module, or one of the web's parts (the
/// API, the pages, the feeds…), which are kept apart from each other.
fn unit(module: &[String]) -> Option<String> {
    match module {
        [] => None,
        [web, part, ..] if web == "web" => Some(format!("web::{part}")),
        [top, ..] => Some(top.clone()),
    }
}

/// Every module path the file names: `crate::…` anywhere, `super::…` resolved from the file.
fn references(path: &Path, text: &str) -> Vec<Vec<String>> {
    let module = module_of(path);
    // A file `a/b.rs` is module a::b; `super` in it is `a`. In `a/mod.rs` (module a) it is the
    // parent of a as well.
    let mut found = Vec::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (start, _) in code.match_indices("crate::") {
        let before = code[..start].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[start + "crate::".len()..];
        found.extend(expand(rest, Vec::new()));
    }
    for (start, _) in code.match_indices("super::") {
        let before = code[..start].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base = module.clone();
        let mut rest = &code[start..];
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        found.extend(expand(rest, base));
    }
    found
}

/// `a::b::{c, d::e}` after `prefix` → `prefix::a::b::c`, `prefix::a::b::d::e`.
fn expand(rest: &str, prefix: Vec<String>) -> Vec<Vec<String>> {
    let mut path = prefix;
    let mut chars = rest;
    loop {
        let ident: String = chars
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            if let Some(group) = chars.strip_prefix('{') {
                return items(group)
                    .into_iter()
                    .flat_map(|item| expand(item.trim(), path.clone()))
                    .collect();
            }
            return vec![path];
        }
        chars = &chars[ident.len()..];
        if ident != "self" {
            path.push(ident);
        }
        match chars.strip_prefix("::") {
            Some(r) => chars = r,
            None => return vec![path],
        }
    }
}

/// The items of a `{…}` group (its opening brace already taken), split at its own commas.
fn items(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0usize, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                out.push(&group[start..i]);
                return out;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&group[start..]);
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in sources() {
        let Some(from) = unit(&module_of(&path)) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for target in references(&path, &text) {
            if let Some(to) = unit(&target)
                && to != from
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

/// The groups of units that import each other, directly or through others.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(n) = todo.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|k| (k, reach(k))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for (a, from_a) in &reachable {
        if !from_a.contains(*a) {
            continue;
        }
        let group: BTreeSet<String> = from_a
            .iter()
            .filter(|b| reachable.get(b).is_some_and(|r| r.contains(*a)))
            .cloned()
            .collect();
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_source_file_is_over_the_limit() {
    let mut over = Vec::new();
    for path in sources() {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        let name = relative(&path);
        let listed = NOT_YET_SPLIT.contains(&name.as_str());
        if lines > MAX_LINES && !listed {
            over.push(format!("{name}: {lines} lines"));
        }
        if lines <= MAX_LINES && listed {
            over.push(format!("{name} is split now: take it off NOT_YET_SPLIT"));
        }
    }
    assert!(over.is_empty(), "split these files:\n{}", over.join("\n"));
}

#[test]
fn modules_do_not_import_each_other_in_a_circle() {
    let known: Vec<BTreeSet<String>> = KNOWN_CYCLES
        .iter()
        .map(|c| c.iter().map(|u| u.to_string()).collect())
        .collect();
    let found = cycles(&graph());
    let new: Vec<_> = found.iter().filter(|c| !known.contains(c)).collect();
    let gone: Vec<_> = known.iter().filter(|c| !found.contains(c)).collect();
    assert!(new.is_empty(), "import cycles: {new:?}");
    assert!(
        gone.is_empty(),
        "broken now, take off KNOWN_CYCLES: {gone:?}"
    );
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    edges.entry("c".into()).or_default().insert("a".into());
    edges.entry("c".into()).or_default().insert("d".into());
    let found = cycles(&edges);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 3);
}

#[test]
fn references_are_resolved_from_the_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/pages/comments.rs");
    let text = "use super::thread::{A, B};\nuse crate::{app::AppState, service::{Client, x}};\n";
    let refs = references(&path, text);
    let units: BTreeSet<String> = refs.iter().filter_map(|r| unit(r)).collect();
    assert_eq!(
        units,
        ["app", "service", "web::pages"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

/// The line without its string literals and its comment.
fn code_of(line: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

/// Whether `line` names `word` as a whole word.
fn names(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().last();
        let after = line[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

/// The web may read the store, never write it, and never announce events itself: every
/// change goes through `crate::service`. (The type system says the same: the web's state
/// holds only the store's reads, and the bus only inside the service.)
#[test]
fn the_web_changes_nothing_but_through_the_service() {
    let mut found = Vec::new();
    for path in sources() {
        let name = relative(&path);
        if !name.starts_with("src/web/") {
            continue;
        }
        let listed = NOT_YET_THROUGH_THE_SERVICE.contains(&name.as_str());
        let text = std::fs::read_to_string(&path).unwrap();
        let mut direct = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = &code_of(line);
            let writes = names(line, "writes")
                || line.contains(".publish(")
                || names(line, "EventBus")
                || names(line, "Bus")
                || ((line.contains("store::") || line.contains("dyn ")) && names(line, "Store"));
            if writes {
                direct.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
        match (listed, direct.is_empty()) {
            (false, _) => found.extend(direct),
            (true, true) => found.push(format!(
                "{name} goes through the service now: take it off NOT_YET_THROUGH_THE_SERVICE"
            )),
            (true, false) => {}
        }
    }
    assert!(
        found.is_empty(),
        "the web writes directly:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_write_check_sees_a_direct_write() {
    assert!(names("state.writes.create_comment(", "writes"));
    assert!(names("use crate::store::{Store, StoreReads};", "Store"));
    assert!(!names(
        "use crate::store::{StoreReads, StoreResult};",
        "Store"
    ));
    assert!(!names("let rewrites = 1;", "writes"));
    assert!(!names(
        &code_of("let a = \"many writes\"; // writes"),
        "writes"
    ));
}
