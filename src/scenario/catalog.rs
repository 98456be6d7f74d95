//! The shipped scenarios, embedded in the binary (the build script lists
//! every `scenarios/**/*.toml`), so that `fiscal run low_productivity` or
//! `fiscal run digital/smarter_state_central` works from any directory.
//! A file on disk always takes precedence over an embedded name.

use std::path::{Component, Path};

/// One embedded scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedded {
    /// Its path under `scenarios/` without `.toml`, e.g. `digital/identity_low`.
    pub name: &'static str,
    /// The file's text.
    pub text: &'static str,
}

const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

impl Embedded {
    /// The scenario's `description` (or its `name` when it has none).
    pub fn description(&self) -> String {
        let table: toml::Table = toml::from_str(self.text).unwrap_or_default();
        ["description", "name"]
            .iter()
            .find_map(|k| table.get(*k).and_then(|v| v.as_str()).map(str::to_string))
            .unwrap_or_default()
    }

    /// The directory part of the name (`digital` for `digital/identity_low`).
    fn dir(&self) -> &'static str {
        self.name.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// Resolve `extends = target` written in this file to an embedded name
    /// (`../baseline.toml` from `digital/x` is `baseline`).
    pub(crate) fn resolve_extends(&self, target: &str) -> Option<Embedded> {
        let mut parts: Vec<String> = self
            .dir()
            .split('/')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        for c in Path::new(target).components() {
            match c {
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::ParentDir => {
                    parts.pop()?;
                }
                Component::CurDir => {}
                _ => return None,
            }
        }
        exact(&parts.join("/"))
    }
}

/// Every embedded scenario, sorted by name.
pub fn all() -> impl Iterator<Item = Embedded> {
    FILES.iter().map(|&(name, text)| Embedded { name, text })
}

/// The name without a leading `scenarios/` and a trailing `.toml`.
fn normalise(name: &str) -> &str {
    let n = name.strip_prefix("./").unwrap_or(name);
    let n = n.strip_prefix("scenarios/").unwrap_or(n);
    n.strip_suffix(".toml").unwrap_or(n)
}

/// The embedded scenario called exactly `name` (`.toml` and a leading
/// `scenarios/` optional).
pub fn exact(name: &str) -> Option<Embedded> {
    let n = normalise(name);
    all().find(|e| e.name == n)
}

/// The embedded scenario `name` stands for: an exact name, or else the one
/// scenario whose file name (without folders) is `name`
/// (`smarter_state_central` for `digital/smarter_state_central`).
pub fn find(name: &str) -> Option<Embedded> {
    exact(name).or_else(|| {
        let n = normalise(name);
        if n.contains('/') {
            return None;
        }
        let mut hits = all().filter(|e| e.name.rsplit('/').next() == Some(n));
        let first = hits.next()?;
        hits.next().is_none().then_some(first)
    })
}

/// The shipped scenario `name` most likely stands for, when it names none
/// exactly: the nearest by edit distance, over full names and over file
/// names without folders (`low_productivty` → `low_productivity`).
pub fn suggest(name: &str) -> Option<&'static str> {
    let n = normalise(name);
    let full = crate::model::suggest::suggest(n, all().map(|e| e.name));
    full.or_else(|| {
        let base = n.rsplit('/').next().unwrap_or(n);
        let hit = crate::model::suggest::suggest(
            base,
            all().map(|e| e.name.rsplit('/').next().unwrap_or(e.name)),
        )?;
        all()
            .map(|e| e.name)
            .find(|e| e.rsplit('/').next() == Some(hit))
    })
}

/// What to add to "cannot read scenario file PATH" when PATH does not
/// exist: that no shipped scenario has that name either, and the nearest
/// one, so a typo in a shipped name gets a "did you mean".
pub(crate) fn hint_for_missing(path: &Path) -> String {
    if path.exists() {
        return String::new();
    }
    let Some(name) = path.to_str() else {
        return String::new();
    };
    match suggest(name) {
        Some(s) => format!(
            "; nor is it a shipped scenario: did you mean `{s}`? (`fiscal scenarios` lists them)"
        ),
        None => "; nor is it a shipped scenario (`fiscal scenarios` lists them)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.toml` under `scenarios/` is embedded (the build script picks
    /// up files other changes add).
    #[test]
    fn a_mistyped_name_gets_the_nearest_shipped_one() {
        assert_eq!(suggest("low_productivty"), Some("low_productivity"));
        assert_eq!(
            suggest("smarter_state_centrl"),
            Some("digital/smarter_state_central")
        );
        assert_eq!(suggest("something_else_entirely"), None);
    }

    #[test]
    fn every_shipped_file_is_embedded() {
        fn walk(dir: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "toml") {
                    let rel = p.strip_prefix("scenarios").unwrap().with_extension("");
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut on_disk = Vec::new();
        walk(Path::new("scenarios"), &mut on_disk);
        on_disk.sort();
        let embedded: Vec<&str> = all().map(|e| e.name).collect();
        assert_eq!(embedded, on_disk);
        for e in all() {
            let file = std::fs::read_to_string(format!("scenarios/{}.toml", e.name)).unwrap();
            assert_eq!(e.text, file, "{}", e.name);
        }
    }

    #[test]
    fn names_resolve() {
        assert_eq!(find("low_productivity").unwrap().name, "low_productivity");
        assert_eq!(
            find("smarter_state_central").unwrap().name,
            "digital/smarter_state_central"
        );
        assert_eq!(
            find("scenarios/digital/identity_low.toml").unwrap().name,
            "digital/identity_low"
        );
        assert!(find("digital/baseline").is_none());
        assert!(find("nonesuch").is_none());
        let smarter = exact("digital/smarter_state_central").unwrap();
        assert_eq!(
            smarter.resolve_extends("../baseline.toml").unwrap().name,
            "baseline"
        );
        assert!(smarter.resolve_extends("../../baseline.toml").is_none());
        assert!(!smarter.description().is_empty());
    }
}
