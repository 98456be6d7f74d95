//! docs/recipes.md: every recipe's scenario file runs, and the result
//! quoted under it is what the tool gives (regenerate the sentence from the
//! failure message if the model moves).

use crate::common::fiscal;

/// Final-year PSND (% of GDP) and the year, from `fiscal run FILE --format json`.
fn final_psnd(file: &std::path::Path) -> (String, f64) {
    let out = fiscal()
        .arg("run")
        .arg(file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = doc["results"]["projection"]["years"]
        .as_array()
        .and_then(|y| y.last())
        .cloned()
        .unwrap();
    (
        last["year"].as_str().unwrap().to_string(),
        last["psnd_pct_gdp"].as_f64().unwrap(),
    )
}

/// The TOML blocks of `text`, in order.
fn toml_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("```toml\n") {
        let body = &rest[start + 8..];
        let end = body.find("```").unwrap();
        out.push(body[..end].to_string());
        rest = &body[end..];
    }
    out
}

fn sentence(year: &str, v: f64, base: f64) -> String {
    let d = v - base;
    format!(
        "Result: PSND in the final year, {year}, is {v:.1}% of GDP against the baseline's {base:.1}% ({}{:.1} pp).",
        if d < 0.0 { "−" } else { "+" },
        d.abs()
    )
}

#[test]
fn every_recipe_runs_and_gives_the_result_quoted() {
    let doc = std::fs::read_to_string("docs/recipes.md").unwrap();
    let blocks = toml_blocks(&doc);
    assert_eq!(blocks.len(), 3, "three recipes");
    let d = tempfile::tempdir().unwrap();
    let (_, base) = final_psnd(std::path::Path::new("scenarios/baseline.toml"));
    let results: Vec<String> = doc
        .lines()
        .filter(|l| l.starts_with("Result:"))
        .map(str::to_string)
        .collect();
    assert_eq!(results.len(), blocks.len());
    let mut wrong = Vec::new();
    for (i, (block, quoted)) in blocks.iter().zip(&results).enumerate() {
        let file = d.path().join(format!("recipe{i}.toml"));
        std::fs::write(&file, block).unwrap();
        let (year, v) = final_psnd(&file);
        let expected = sentence(&year, v, base);
        if *quoted != expected {
            wrong.push(format!(
                "recipe {}: the doc says\n  {quoted}\nthe tool gives\n  {expected}",
                i + 1
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_templates_run_as_written() {
    for template in ["intervention", "scenario"] {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join(format!("{template}.toml"));
        fiscal()
            .args(["new", template, "-o"])
            .arg(&file)
            .assert()
            .success();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with('#'), "commented");
        fiscal().arg("check").arg(&file).assert().success();
        let _ = final_psnd(&file);
        // Never replaces a file.
        fiscal()
            .args(["new", template, "-o"])
            .arg(&file)
            .assert()
            .code(2);
    }
}
