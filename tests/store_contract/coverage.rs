//! Every method of the store's traits is called somewhere in this contract, so a backend that
//! passes it has been asked to do everything the service may ask of it.

use std::collections::BTreeSet;
use std::path::Path;

/// The method names declared in `pub trait <name>` blocks of a source text.
fn trait_methods(source: &str, trait_name: &str) -> Vec<String> {
    let start = format!("pub trait {trait_name}");
    let mut out = Vec::new();
    let Some(at) = source.find(&start) else {
        return out;
    };
    let mut depth = 0usize;
    let mut opened = false;
    let body = &source[at..];
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        match c {
            '{' => {
                depth += 1;
                opened = true;
            }
            '}' => {
                depth -= 1;
                if opened && depth == 0 {
                    end = i;
                    break;
                }
            }
            _ => {}
        }
    }
    for line in body[..end].lines() {
        let line = line.trim_start();
        if let Some(rest) = line
            .strip_prefix("async fn ")
            .or_else(|| line.strip_prefix("fn "))
        {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn read_rs(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            texts.extend(read_rs(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            texts.push(std::fs::read_to_string(&path).unwrap());
        }
    }
    texts
}

#[test]
fn the_contract_calls_every_store_method() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let store = std::fs::read_to_string(root.join("src/store.rs")).unwrap();
    let mut methods = trait_methods(&store, "StoreReads");
    let writes = trait_methods(&store, "Store:");
    assert!(
        methods.len() > 10 && writes.len() > 10,
        "the store's traits were not found in src/store.rs"
    );
    methods.extend(writes);

    let contract: String = read_rs(&root.join("tests/store_contract"))
        .into_iter()
        .collect::<Vec<_>>()
        .join("\n");
    let missing: BTreeSet<&String> = methods
        .iter()
        .filter(|m| !contract.contains(&format!(".{m}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "store methods the contract never calls: {missing:?}"
    );
}

#[test]
fn trait_methods_are_read_from_the_trait_block_only() {
    let source = "fn outside() {}\npub trait T: Send {\n    async fn a(&self);\n    fn b(&self) -> X { todo!() }\n}\nfn c() {}\n";
    assert_eq!(trait_methods(source, "T:"), vec!["a", "b"]);
    assert!(trait_methods(source, "Missing").is_empty());
}
