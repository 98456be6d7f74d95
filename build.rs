//! Embed every shipped scenario: walk `scenarios/` and write the list of
//! `(name, text)` pairs that `fiscal::scenario::catalog` includes, so a
//! scenario file added to the directory is runnable by name from anywhere
//! without touching the code.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = root.join("scenarios");
    println!("cargo:rerun-if-changed=scenarios");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    // Sorted so that the list (and `fiscal scenarios`) is the same everywhere.
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        let Ok(rel) = f.strip_prefix(&dir) else {
            continue;
        };
        let name: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // Relative to the crate being compiled, not this run's absolute
        // path: a build directory shared by two checkouts then still reads
        // each checkout's own files.
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        code.push_str(&format!(
            "    ({:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),\n",
            name.join("/"),
            format!("/scenarios/{}", rel.join("/"))
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("scenarios.rs");
    let mut f = fs::File::create(&out).expect("OUT_DIR is writable");
    f.write_all(code.as_bytes()).expect("OUT_DIR is writable");
}
