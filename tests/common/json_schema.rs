//! The part of JSON Schema (2020-12) that `docs/output.schema.json` uses,
//! checked by hand: `type`, `properties`, `required`,
//! `additionalProperties`, `items`, `minItems`, `maxItems`, `const`, `enum`,
//! `minimum`, `minLength`, `pattern` (the four patterns the schema has),
//! `allOf`, `if`/`then` and local `$ref`s. A keyword or pattern outside that
//! part is a test failure, never skipped, so the schema cannot grow a
//! constraint this checker silently ignores. (A general validator crate
//! cost a fifth of a clean `cargo test`'s build for one test file.)

use serde_json::Value;

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description"];

/// Every problem of `doc` against `schema` (whose `$defs` resolve `$ref`s),
/// each with the JSON path at fault.
pub fn errors(schema: &Value, doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, schema, doc, "", &mut out);
    out
}

fn check(root: &Value, s: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(s) = s.as_object() else {
        panic!("schema at {at} is not an object");
    };
    for (k, x) in s {
        match k.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "type" => check_type(x, v, at, out),
            "properties" => {
                for (name, sub) in x.as_object().into_iter().flatten() {
                    if let Some(field) = v.get(name) {
                        check(root, sub, field, &format!("{at}/{name}"), out);
                    }
                }
            }
            "required" => {
                for name in x.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if v.is_object() && v.get(name).is_none() {
                        out.push(format!("{at}: `{name}` is required"));
                    }
                }
            }
            "additionalProperties" => additional(root, s, x, v, at, out),
            "items" => {
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    check(root, x, item, &format!("{at}/{i}"), out);
                }
            }
            "minItems" | "maxItems" => {
                if let (Some(a), Some(n)) = (v.as_array(), x.as_u64()) {
                    let len = a.len() as u64;
                    if (k == "minItems" && len < n) || (k == "maxItems" && len > n) {
                        out.push(format!("{at}: {len} items, {k} {n}"));
                    }
                }
            }
            "const" if v != x => out.push(format!("{at}: {v} is not {x}")),
            "const" => {}
            "enum" => {
                if !x.as_array().is_some_and(|e| e.contains(v)) {
                    out.push(format!("{at}: {v} is not one of {x}"));
                }
            }
            "minimum" => {
                if let (Some(n), Some(m)) = (v.as_f64(), x.as_f64()) {
                    if n < m {
                        out.push(format!("{at}: {n} is below the minimum {m}"));
                    }
                }
            }
            "minLength" => {
                if let (Some(t), Some(m)) = (v.as_str(), x.as_u64()) {
                    if (t.chars().count() as u64) < m {
                        out.push(format!("{at}: `{t}` is shorter than {m}"));
                    }
                }
            }
            "pattern" => {
                if let (Some(t), Some(p)) = (v.as_str(), x.as_str()) {
                    if !matches_pattern(p, t) {
                        out.push(format!("{at}: `{t}` does not match {p}"));
                    }
                }
            }
            "allOf" => {
                for sub in x.as_array().into_iter().flatten() {
                    check(root, sub, v, at, out);
                }
            }
            "if" => {
                let mut probe = Vec::new();
                check(root, x, v, at, &mut probe);
                if probe.is_empty() {
                    if let Some(then) = s.get("then") {
                        check(root, then, v, at, out);
                    }
                }
            }
            "then" => {}
            "$ref" => {
                let target = x
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .and_then(|name| root.get("$defs")?.get(name))
                    .unwrap_or_else(|| panic!("{at}: unresolved $ref {x}"));
                check(root, target, v, at, out);
            }
            other => panic!("schema keyword `{other}` at {at} is not checked: add it to tests/common/json_schema.rs"),
        }
    }
}

fn check_type(x: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let names: Vec<&str> = match x {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => panic!("{at}: `type` is neither a name nor a list"),
    };
    let is = |t: &str| match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.as_f64().is_some_and(|n| n.fract() == 0.0),
        other => panic!("{at}: unknown type `{other}`"),
    };
    if !names.iter().any(|t| is(t)) {
        out.push(format!("{at}: {v} is not of type {x}"));
    }
}

/// `additionalProperties`: `false` refuses keys `properties` does not
/// list; a schema checks them.
fn additional(
    root: &Value,
    s: &serde_json::Map<String, Value>,
    x: &Value,
    v: &Value,
    at: &str,
    out: &mut Vec<String>,
) {
    let Some(obj) = v.as_object() else { return };
    let listed = s.get("properties").and_then(Value::as_object);
    for (name, field) in obj {
        if listed.is_some_and(|p| p.contains_key(name)) {
            continue;
        }
        match x {
            Value::Bool(false) => out.push(format!("{at}: `{name}` is not allowed")),
            Value::Bool(true) => {}
            sub => check(root, sub, field, &format!("{at}/{name}"), out),
        }
    }
}

/// The schema's four patterns, each written out as code.
fn matches_pattern(pattern: &str, t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match pattern {
        // A semantic version, as a prefix.
        "^[0-9]+\\.[0-9]+\\.[0-9]+" => {
            let mut parts = t.splitn(3, '.');
            let (a, b, c) = (parts.next(), parts.next(), parts.next());
            let lead = c.map(|c| c.bytes().take_while(u8::is_ascii_digit).count());
            a.is_some_and(digits) && b.is_some_and(digits) && lead.is_some_and(|n| n > 0)
        }
        "^[a-z0-9_]+(/[a-z0-9_]+)*$" => t.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        }),
        "^[0-9a-f]{64}$" => {
            t.len() == 64
                && t.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        "^[0-9]{4}-[0-9]{2}$" => {
            t.len() == 7 && t.as_bytes()[4] == b'-' && digits(&t[..4]) && digits(&t[5..])
        }
        other => panic!("pattern {other} is not checked: add it to tests/common/json_schema.rs"),
    }
}

#[test]
fn the_checker_refuses_what_the_schema_forbids() {
    let schema: Value = serde_json::json!({
        "type": "object",
        "required": ["tool", "year"],
        "additionalProperties": false,
        "properties": {
            "tool": { "const": "fiscal" },
            "year": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$" },
            "n": { "type": ["integer", "null"], "minimum": 0 },
            "list": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/name" } }
        },
        "$defs": { "name": { "type": "string", "pattern": "^[a-z0-9_]+(/[a-z0-9_]+)*$" } }
    });
    let ok = serde_json::json!({ "tool": "fiscal", "year": "2025-26", "n": 3, "list": ["digital/identity"] });
    assert_eq!(errors(&schema, &ok), Vec::<String>::new());
    let bad =
        serde_json::json!({ "tool": "other", "year": "2025", "n": -1.5, "list": [], "extra": 1 });
    // const, pattern, type, minimum, minItems, additionalProperties.
    assert_eq!(
        errors(&schema, &bad).len(),
        6,
        "{:?}",
        errors(&schema, &bad)
    );
    let missing = serde_json::json!({ "list": ["Bad Name"] });
    assert_eq!(errors(&schema, &missing).len(), 3);
}
