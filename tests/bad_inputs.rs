//! Bad inputs tried end to end, one table row each: every input the tool
//! reads (scenario TOML, data tables, files and devices, CLI arguments),
//! each run through the binary and expected to exit 2 with a message that
//! names what is wrong, and never to panic. docs/errors.md lists them.

use std::path::Path;

use crate::common::fiscal;

/// One bad input: files to write (name, text; `{d}` is the temporary
/// directory), the command line, and texts the error must contain.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    args: Vec<&'static str>,
    expected: Vec<&'static str>,
}

fn scenario(name: &'static str, text: &str, expected: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![("s.toml", text.to_string())],
        args: vec!["check", "{d}/s.toml"],
        expected: expected.to_vec(),
    }
}

fn cli(name: &'static str, args: &[&'static str], expected: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![],
        args: args.to_vec(),
        expected: expected.to_vec(),
    }
}

fn with_table(name: &'static str, key: &str, table: String, expected: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![
            (
                "s.toml",
                format!("name = \"x\"\n[data]\n{key} = \"t.csv\"\n"),
            ),
            ("t.csv", table),
        ],
        args: vec!["run", "{d}/s.toml"],
        expected: expected.to_vec(),
    }
}

/// A valid wide population table (every sex and age, mid-2022 to 2080)
/// with `edit` applied to its lines.
fn population(edit: impl Fn(usize, String) -> Option<String>) -> String {
    let mut lines = vec![format!(
        "sex,age,{}",
        (2022..=2080)
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(",")
    )];
    for sex in ["male", "female"] {
        for age in 0..=105 {
            lines.push(format!("{sex},{age}{}", ",300000".repeat(59)));
        }
    }
    let mut out = String::new();
    for (i, l) in lines.into_iter().enumerate() {
        if let Some(l) = edit(i + 1, l) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

fn cell(line: usize, value: &'static str) -> impl Fn(usize, String) -> Option<String> {
    move |i, l| {
        if i == line {
            let mut c: Vec<String> = l.split(',').map(str::to_string).collect();
            c[3] = value.to_string();
            Some(c.join(","))
        } else {
            Some(l)
        }
    }
}

fn profiles(edit: &'static str) -> String {
    let text = include_str!("../data/profiles.csv");
    match edit {
        "huge" => text.replacen("male,0,5.100284", "male,0,5e9", 1),
        "no-health" => text.replace("sex,age,health,", "sex,age,heath,"),
        // The pension part and the whole of income tax swapped.
        "part-over-whole" => text.replacen(
            ",income_tax,nics,consumption_taxes,income_tax_over_spa,",
            ",income_tax_over_spa,nics,consumption_taxes,income_tax,",
            1,
        ),
        _ => text.to_string(),
    }
}

const IV: &str = "[[intervention]]\nname = \"A\"\ntarget = \"health\"\nstart_year = \"2027-28\"\n";

fn cases() -> Vec<Case> {
    let x = "name = \"x\"\n";
    vec![
        // Scenario TOML: syntax and schema.
        scenario("malformed TOML", "name = \n", &["malformed TOML"]),
        scenario("unclosed table header", "[economy\n", &["malformed TOML"]),
        scenario("unknown top-level key", "nme = \"x\"\n", &["unknown key", "did you mean `name`"]),
        scenario("unknown section", "[econ]\nx = 1\n", &["`econ`", "unknown key"]),
        scenario("number in quotes", "[economy]\ncpi_inflation_pct = \"2.5\"\n", &["remove the quotes"]),
        scenario("boolean for a number", "[economy]\ncpi_inflation_pct = true\n", &["expected a number"]),
        scenario("table for a string", "[name]\nx = 1\n", &["`name`", "found a table"]),
        scenario("integer overflow", "[rates]\nconvergence_years = 99999999999\n", &["`rates.convergence_years`", "far too large"]),
        scenario("negative whole number", "[rates]\nconvergence_years = -1\n", &["negative"]),
        scenario("fraction for a whole number", "[rates]\nconvergence_years = 1.5\n", &["whole number"]),
        scenario("nan", "[economy]\ncpi_inflation_pct = nan\n", &["not a finite number"]),
        scenario("infinity", "[economy]\ncpi_inflation_pct = inf\n", &["not a finite number"]),
        scenario("fiscal year without the second part", "[horizon]\nbase_year = \"2025\"\n", &["not a fiscal year"]),
        scenario("fiscal year not consecutive", "[horizon]\nend_year = \"2025-27\"\n", &["not a fiscal year"]),
        scenario("fiscal year as a number", "[horizon]\nend_year = 2075\n", &["expected a string"]),
        scenario("enum value", "[spending]\nwelfare_uprating = \"rpi\"\n", &["is not one of"]),
        scenario("enum typo", "[spending]\nwelfare_uprating = \"earning\"\n", &["did you mean `earnings`"]),
        // Values: units and ranges.
        scenario("percent written as a fraction", "[economy]\ncpi_inflation_pct = 0.02\n", &["looks like a fraction", "write 2"]),
        scenario("share written as a percent", "[debt]\nindex_linked_share = 30\n", &["looks like a percent", "write 0.3"]),
        scenario("share above 1", "[debt]\nfloating_rate_share = 1.5\n", &["more than 1"]),
        scenario("productivity out of range", "[economy]\nproductivity_growth_pct = 10\n", &["plausible range"]),
        scenario("negative unemployment", "[economy]\nunemployment_rate_pct = -1\n", &["plausible range"]),
        scenario("gilt rate out of range", "[rates]\ngilt_rate_long_run_pct = 40\n", &["plausible range"]),
        scenario("debt shares above 1", "[debt]\nindex_linked_share = 0.6\nfloating_rate_share = 0.6\n", &["add up to more than 1"]),
        scenario("centred GDP weight above 1", "[economy]\ncentred_gdp_next_year_weight_share = 2\n", &["centred_gdp_next_year_weight_share"]),
        scenario("maturity zero", "[debt]\nnew_issuance_average_maturity_years = 0\n", &["plausible range"]),
        // Horizon.
        scenario("medium term before base", "[horizon]\nmedium_term_end = \"2024-25\"\n", &["before the base year"]),
        scenario("end before medium term", "[horizon]\nend_year = \"2029-30\"\n", &["before the medium-term end"]),
        scenario("end after the population", "[horizon]\nend_year = \"2125-26\"\n", &["`horizon.end_year`", "ends in mid-2122"]),
        scenario("base before the EFO", "[horizon]\nbase_year = \"1990-91\"\n", &["`horizon.base_year`", "EFO"]),
        scenario("medium term after the EFO", "[horizon]\nmedium_term_end = \"2035-36\"\n", &["outside the EFO years"]),
        scenario("horizon over 150 years", "[horizon]\nend_year = \"2190-91\"\n", &["more than 150 years"]),
        // State Pension age.
        scenario("empty timetable", "[state_pension_age]\nsteps = []\n", &["timetable is empty"]),
        scenario("steps out of order", "[state_pension_age]\nsteps = [{ from = \"2030-31\", age_years = 67.0 }, { from = \"2025-26\", age_years = 66.0 }]\n", &["steps[1].from", "time order"]),
        scenario("pension age out of range", "[state_pension_age]\nsteps = [{ from = \"2025-26\", age_years = 95.0 }]\n", &["plausible range"]),
        scenario("step missing a key", "[state_pension_age]\nsteps = [{ from = \"2025-26\" }]\n", &["missing age_years"]),
        // Names.
        scenario("empty name", "name = \"\"\n", &["name is empty"]),
        scenario("long name", &format!("name = \"{}\"\n", "n".repeat(5000)), &["200 or fewer"]),
        scenario("escape sequence in name", "name = \"a\\u001b[2Jb\"\n", &["control character U+001B"]),
        scenario("control character in description", "name = \"x\"\ndescription = \"a\\u0007b\"\n", &["`description`", "control character"]),
        // Interventions.
        scenario("unknown target", &format!("{x}[[intervention]]\nname = \"A\"\ntarget = \"defence\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\n"), &["not a spending or receipts line"]),
        scenario("target typo", &format!("{x}[[intervention]]\nname = \"A\"\ntarget = \"helth\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\n"), &["did you mean `health`"]),
        scenario("unknown cost line", &format!("{x}{IV}saving_share = 0.01\ncost_line = \"roads\"\n"), &["`roads` is not a spending line"]),
        scenario("intervention missing keys", &format!("{x}[[intervention]]\nname = \"A\"\n"), &["missing target"]),
        scenario("saving share as percent", &format!("{x}{IV}saving_share = 5\n"), &["write 0.05"]),
        scenario("intervention changes nothing", &format!("{x}{IV}"), &["changes nothing"]),
        scenario("saving larger than the line", &format!("{x}{IV}saving_gbp_bn = 300\nexchequer_retention_share = 1\ngbp_bn_indexation = \"nominal_gdp\"\n"), &["more than the whole `health` line"]),
        scenario("start outside the projection", &format!("{x}[[intervention]]\nname = \"A\"\ntarget = \"health\"\nstart_year = \"2090-91\"\nsaving_share = 0.01\n"), &["outside the projection"]),
        scenario("end before start", &format!("{x}{IV}saving_share = 0.01\nend_year = \"2026-27\"\n"), &["before the start 2027-28"]),
        scenario("reserved intervention name", &format!("{x}[[intervention]]\nname = \"Package\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\n"), &["reserved"]),
        scenario("duplicate intervention names", &format!("{x}{IV}saving_share = 0.01\n{IV}saving_share = 0.02\n"), &["already names intervention[0]"]),
        scenario("unknown adoption curve", &format!("{x}{IV}saving_share = 0.01\nadoption = \"sigmoid\"\n"), &["is not one of"]),
        scenario("zero steepness", &format!("{x}{IV}saving_share = 0.01\nadoption_steepness = 0\n"), &["must be above 0"]),
        scenario("zero ramp", &format!("{x}{IV}saving_share = 0.01\nadoption = \"linear\"\nramp_years = 0\n"), &["end before it starts"]),
        scenario("productivity without years", &format!("{x}{IV}productivity_growth_pp = 0.5\n"), &["productivity_years"]),
        scenario("sub-line twice", &format!("{x}{IV}saving_share = 0.01\nsub_line_share = 0.5\nsub_line_gbp_bn = 10\n"), &["not both"]),
        scenario("decay out of range", &format!("{x}{IV}saving_share = 0.01\ndecay_pct = 150\n"), &["plausible range"]),
        scenario("probability above 1", &format!("{x}{IV}saving_share = 0.01\nprobability_of_success_share = 1.5\n"), &["more than 1"]),
        scenario("retention not stated", &format!("{x}{IV}saving_share = 0.01\n"), &["`intervention[0].exchequer_retention_share`", "there is no default"]),
        scenario("£bn without indexation", &format!("{x}{IV}saving_gbp_bn = 1\nexchequer_retention_share = 1\n"), &["`intervention[0].gbp_bn_indexation`", "flat_cash"]),
        scenario("prices year outside the projection", &format!("{x}{IV}saving_gbp_bn = 1\nexchequer_retention_share = 1\ngbp_bn_indexation = \"flat_cash\"\ngbp_bn_prices_year = \"2016-17\"\n"), &["gbp_bn_prices_year", "outside the projection"]),
        scenario("unknown indexation", &format!("{x}{IV}saving_gbp_bn = 1\nexchequer_retention_share = 1\ngbp_bn_indexation = \"gdp\"\n"), &["is not one of"]),
        scenario("point value outside its range", &format!("{x}{IV}saving_share = 0.01\nexchequer_retention_share = 1\ncashable_share = 0.95\n[intervention.uncertainty]\ncashable_share = {{ dist = \"pert\", low = 0.3, central = 0.5, high = 0.8 }}\n"), &["`intervention[0].cashable_share`", "outside its own distribution's range 0.3..0.8"]),
        scenario("start twice", &format!("{x}{IV}saving_share = 0.01\nexchequer_retention_share = 1\nstart_years_after_base = 2\n"), &["not both"]),
        scenario("unknown content", &format!("{x}{IV}saving_share = 0.01\nexchequer_retention_share = 1\nacts_on = [{{ content = \"staff\", share = 1 }}]\n"), &["`staff` is not a [[spending_content]] id"]),
        scenario("bad intervention id", &format!("{x}{IV}saving_share = 0.01\nexchequer_retention_share = 1\nid = \"Channel Shift\"\n"), &["lower-case letters"]),
        scenario("correlation with an unknown id", &format!("{x}{IV}saving_share = 0.01\nexchequer_retention_share = 1\nid = \"a\"\n[[intervention_correlation]]\nbetween = [\"a.success\", \"b.success\"]\nrank_correlation = 0.5\n"), &["intervention_correlation[0].between", "no intervention has id `b`"]),
        scenario("units without a name", &format!("{x}{IV}exchequer_retention_share = 1\ngbp_bn_indexation = \"flat_cash\"\nunits_quantity = 3\nsaving_gbp_bn_per_unit = 0.1\n"), &["says what one unit is"]),
        // Population settings.
        scenario("variant typo", "[population]\nvariant = \"high-fertilty\"\n", &["did you mean `high-fertility`"]),
        scenario("fertility out of range", "[population]\ntfr_children_per_woman = 9\n", &["`population.tfr_children_per_woman`", "plausible range"]),
        scenario("migration in thousands", "[population]\nnet_migration_persons = 140\n", &["looks like thousands", "140000"]),
        scenario("migration out of range", "[population]\nnet_migration_persons = 5000000\n", &["plausible range"]),
        scenario("migration year key", "[population]\nnet_migration_persons_by_year = { \"20x0\" = 100000 }\n", &["not a calendar year"]),
        scenario("target year absurd", "[population]\ntfr_children_per_woman = 1.6\ntfr_target_year = 99999\n", &["not a calendar year"]),
        scenario("unknown ready projection", "[population]\nprojection = \"npp2019\"\n", &["npp2019"]),
        scenario("projection with assumptions", "[population]\nprojection = \"npp2022\"\nnet_migration_persons = 100000.0\n", &["cannot be combined"]),
        // Files.
        scenario("extends a missing file", "extends = \"nope.toml\"\n", &["cannot read scenario file", "nope.toml"]),
        scenario("extends itself", "extends = \"s.toml\"\n", &["cycle"]),
        scenario("extends /dev/zero", "extends = \"/dev/zero\"\n", &["not a regular file"]),
        scenario("extends a directory", "extends = \"{d}\"\n", &["not a regular file"]),
        scenario("file over 1 MB", &"# padding\n".repeat(120_000), &["larger than 1 MB"]),
        Case {
            name: "not UTF-8",
            files: vec![("s.toml", "name = \"\u{FFFD}\"\n".to_string())],
            args: vec!["check", "{d}/latin1.toml"],
            expected: vec!["not UTF-8"],
        },
        cli("scenario file missing", &["run", "{d}/missing.toml"], &["cannot read scenario file"]),
        cli("scenario path is a directory", &["check", "{d}"], &["not a regular file"]),
        // Data tables substituted by a scenario.
        with_table("population cell NaN", "population_file", population(cell(5, "NaN")), &["t.csv:5", "not a finite number"]),
        with_table("population cell 1e308", "population_file", population(cell(5, "1e308")), &["t.csv:5", "plausible range"]),
        with_table("population cell negative", "population_file", population(cell(5, "-3")), &["t.csv:5", "negative"]),
        with_table("population cell text", "population_file", population(cell(7, "many")), &["t.csv:7", "not a number"]),
        with_table("population missing a row", "population_file", population(|i, l| (i != 60).then_some(l)), &["aged"]),
        with_table("population ragged row", "population_file", population(|i, l| Some(if i == 9 { l + ",1" } else { l })), &["t.csv:9", "fields"]),
        with_table("population blank line", "population_file", population(|i, l| Some(if i == 9 { String::new() } else { l })), &["t.csv:9", "blank line"]),
        with_table("population empty", "population_file", String::new(), &["empty"]),
        with_table("population bad year header", "population_file", population(|i, l| Some(if i == 1 { l.replace("2030", "20x0") } else { l })), &["not a calendar year"]),
        with_table("population years not consecutive", "population_file", population(|i, l| Some(if i == 1 { l.replace("2030", "2031") } else { l })), &["consecutively"]),
        with_table("population too short", "population_file", population(|_, l| Some(l.rsplitn(30, ',').last().unwrap_or("").to_string())), &["`horizon.end_year`"]),
        with_table("profile weight huge", "profiles_file", profiles("huge"), &["plausible range"]),
        with_table("profile column missing", "profiles_file", profiles("no-health"), &["missing column `health`"]),
        Case {
            name: "population from a device",
            files: vec![("s.toml", "name = \"x\"\n[data]\npopulation_file = \"/dev/urandom\"\n".into())],
            args: vec!["run", "{d}/s.toml"],
            expected: vec!["not a regular file"],
        },
        // Command-line arguments.
        cli("end year before the medium term", &["run", "--end-year", "2020-21"], &["--end-year 2020-21"]),
        cli("end year not a fiscal year", &["run", "--end-year", "2070"], &["not a fiscal year"]),
        cli("gap target as a fraction", &["gap", "--target", "0.4"], &["looks like a fraction"]),
        cli("gap target not a number", &["gap", "--target", "forty"], &["invalid value 'forty'"]),
        cli("gap staging zero", &["gap", "--staged", "0"], &["staging interval"]),
        cli("gap by a calendar year", &["gap", "--by", "2075"], &["not a fiscal year"]),
        cli("pyramid fiscal year", &["chart", "pyramid", "--years", "2050-51", "-o", "{d}/p.svg"], &["is a fiscal year"]),
        cli("unknown chart", &["chart", "pie", "-o", "{d}/p.svg"], &["invalid value 'pie'"]),
        cli("chart image format", &["chart", "debt", "-o", "{d}/p.gif"], &["cannot tell the image format"]),
        cli("report format", &["report", "-o", "{d}/r.docx"], &["cannot tell the report format"]),
        cli("compare one scenario", &["compare", "scenarios/baseline.toml"], &["at least two"]),
        cli("unknown format", &["run", "--format", "xml"], &["invalid value 'xml'"]),
        cli("unknown subcommand", &["frobnicate"], &["unrecognized subcommand"]),
        cli("output under a file", &["run", "--out", "Cargo.toml/x"], &["not usable"]),
        cli("run outputs clash", &["run", "--out", "{d}/o", "--charts", "{d}/o"], &["same file"]),
        Case {
            name: "chart data would replace the scenario",
            files: vec![("s.csv", "name = \"x\"\n".into())],
            args: vec!["chart", "debt", "-o", "{d}/s.svg", "{d}/s.csv"],
            expected: vec!["would replace the input"],
        },
        cli("import from a missing directory", &["data", "import", "--shared", "{d}/none", "--out", "{d}/data"], &["importing from"]),
        // Tobacco duty's long-term path.
        scenario("tobacco duty path unknown", "[receipts]\ntobacco_duty_path = \"fall\"\n", &["`receipts.tobacco_duty_path`", "is not one of"]),
        scenario("tobacco duty decline negative", "[receipts]\ntobacco_duty_cash_decline_pct_a_year = -2\n", &["receipts.tobacco_duty_cash_decline_pct_a_year", "plausible range"]),
        scenario("tobacco duty decline too steep", "[receipts]\ntobacco_duty_cash_decline_pct_a_year = 80\n", &["receipts.tobacco_duty_cash_decline_pct_a_year", "plausible range"]),
        with_table("income tax part over the whole", "profiles_file", profiles("part-over-whole"), &["t.csv", "`income_tax_over_spa`", "exceeds column `income_tax`", "age"]),
        scenario("retired stock-flow field", "[debt]\nstock_flow_adjustment_pct_gdp = 0.75\n", &["debt.stock_flow_adjustment_pct_gdp", "other_stock_flow_pct_gdp"]),
        scenario("other stock-flow out of range", "[debt]\nother_stock_flow_pct_gdp = 40\n", &["debt.other_stock_flow_pct_gdp", "plausible range"]),
        scenario("student-age band reversed", "[debt.student_loans]\nlending_age_from = 25\nlending_age_to = 18\n", &["debt.student_loans.lending_age_to", "youngest first"]),
        scenario("student loans never repaid", "[debt.student_loans]\nrepayment_years = 0\n", &["debt.student_loans.repayment_years", "plausible range"]),
        // A past report's start point and fuel duty path (issue 20).
        scenario("start point of an unknown line", "[spending]\nstart_point_pct_gdp = { helth = 7.0 }\n", &["spending.start_point_pct_gdp.helth", "did you mean `health`"]),
        scenario("start point out of range", "[spending]\nstart_point_pct_gdp = { health = 45 }\n", &["spending.start_point_pct_gdp.health", "plausible range"]),
        scenario("start point leaves no other spending", "[spending]\nstart_point_pct_gdp = { health = 25, education = 25 }\n", &["spending.start_point_pct_gdp", "non-age-related spending"]),
        scenario("fuel duty path unknown", "[receipts]\nfuel_duty_path = \"fall\"\n", &["`receipts.fuel_duty_path`", "is not one of"]),
        // The historical forecasts database (fiscal data import hofd).
        cli("historical forecast vintage unknown", &["data", "import", "hofd", "--file", "tests/fixtures/import/hofd.xlsx", "--vintage", "November 2106", "--out", "{d}/data"], &["no vintage `November 2106`", "\"November 2016\""]),
        cli("historical forecast vintage without debt interest", &["data", "import", "hofd", "--file", "tests/fixtures/import/hofd.xlsx", "--vintage", "March 2010", "--out", "{d}/data"], &["cannot be a medium term", "no row in PSDebtint"]),
        cli("historical forecasts workbook declaring A1:XFD1048576", &["data", "import", "hofd", "--file", "tests/fixtures/import/hofd_hostile.xlsx", "--list"], &["cell XFD1048576", "outside the area read"]),
        cli("historical forecasts workbook not a workbook", &["data", "import", "hofd", "--file", "Cargo.toml", "--list"], &["not a readable .xlsx workbook"]),
        cli("historical forecasts: neither vintage nor list", &["data", "import", "hofd", "--file", "tests/fixtures/import/hofd.xlsx"], &["--vintage"]),
    ]
}

/// Every regular file under `dir` with its bytes (directories are not
/// files: an output directory made before a refusal is not a partial file).
fn snapshot(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            } else {
                out.insert(e.path(), Vec::new());
            }
        }
    }
    out
}

/// Run `case` (with `env` set); a description of what went wrong, if
/// anything: the exit code must be 2, the message must hold every
/// expected text, nothing may panic, and the case's directory must be as
/// it was (inputs intact, no output and no temporary left).
fn run_case(case: &Case, env: &[(&str, &str)]) -> Option<String> {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().to_str().unwrap();
    for (name, text) in &case.files {
        let path = d.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text.replace("{d}", dir)).unwrap();
    }
    // Latin-1 bytes, for the not-UTF-8 case.
    std::fs::write(d.path().join("latin1.toml"), b"name = \"caf\xe9\"\n").unwrap();
    let before = snapshot(d.path());
    let args: Vec<String> = case.args.iter().map(|a| a.replace("{d}", dir)).collect();
    let mut cmd = fiscal();
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(&args)
        .write_stdin(Vec::<u8>::new());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let missing: Vec<_> = case.expected.iter().filter(|e| !err.contains(*e)).collect();
    let after = snapshot(d.path());
    let changed: Vec<_> = after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(bytes))
        .map(|(p, _)| p.display().to_string())
        .chain(
            before
                .keys()
                .filter(|p| !after.contains_key(*p))
                .map(|p| p.display().to_string()),
        )
        .collect();
    if out.status.code() != Some(2)
        || err.contains("panicked")
        || !missing.is_empty()
        || !changed.is_empty()
    {
        return Some(format!(
            "{}: exit {:?}, missing {missing:?}, files changed or left {changed:?}, in: {err}",
            case.name,
            out.status.code()
        ));
    }
    None
}

#[test]
fn every_bad_input_exits_2_with_its_message() {
    let mut cases = cases();
    cases.extend(hardening_cases());
    assert!(cases.len() >= 150, "{} cases", cases.len());
    eprintln!("{} bad inputs", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c, &[])).collect();
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n---\n")
    );
}

#[test]
fn bad_environment_exits_2_with_its_message() {
    let case = cli(
        "SOURCE_DATE_EPOCH in the year 10000",
        &["report", "-o", "{d}/r.xlsx"],
        &["SOURCE_DATE_EPOCH", "outside 1970 to 9999", "unset it"],
    );
    let failures: Vec<String> = [
        ("SOURCE_DATE_EPOCH", "253402300800"),
        ("SOURCE_DATE_EPOCH", "-5"),
    ]
    .iter()
    .filter_map(|e| run_case(&case, &[*e]))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

/// A scenario with one intervention whose `[intervention.uncertainty]`
/// holds `line`.
fn iv_uncertainty(name: &'static str, line: &str, expected: &[&'static str]) -> Case {
    scenario(
        name,
        &format!("name = \"x\"\n{IV}saving_share = 0.02\n[intervention.uncertainty]\n{line}\n"),
        expected,
    )
}

/// A scenario file `s.toml` (the run's input) and a command reading it
/// that would write over it or another of its inputs.
fn overwrite(
    name: &'static str,
    files: Vec<(&'static str, String)>,
    args: &[&'static str],
    expected: &[&'static str],
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        expected: expected.to_vec(),
    }
}

/// The inputs of issue 25 (Hardening III), by class, as families.
fn hardening_cases() -> Vec<Case> {
    let mut v = Vec::new();
    let x = "name = \"x\"\n";
    // Silent nonsense: shock standard deviations by field and slip.
    for field in [
        "real_growth",
        "inflation",
        "interest_rate",
        "primary_balance",
    ] {
        let f: &'static str = Box::leak(format!("uncertainty.{field}_sd_pp").into_boxed_str());
        for (value, expected) in [
            ("100", &["looks like basis points", "write 1"][..]),
            ("150", &["looks like basis points", "write 1.5"][..]),
            ("1e300", &["plausible range 0..=10"][..]),
            ("-1", &["plausible range 0..=10"][..]),
            ("nan", &["not a finite number"][..]),
        ] {
            let mut e = vec![f];
            e.extend_from_slice(expected);
            v.push(scenario(
                Box::leak(format!("{field} sd {value}").into_boxed_str()),
                &format!("{x}[uncertainty]\n{field}_sd_pp = {value}\n"),
                Box::leak(e.into_boxed_slice()),
            ));
        }
        let f: &'static str =
            Box::leak(format!("uncertainty.{field}_persistence").into_boxed_str());
        for (value, expected) in [
            ("50", "looks like a percent"),
            ("1.5", "outside -1..1"),
            ("-1e9", "outside -1..1"),
            ("1", "strictly between"),
        ] {
            v.push(scenario(
                Box::leak(format!("{field} persistence {value}").into_boxed_str()),
                &format!("{x}[uncertainty]\n{field}_persistence = {value}\n"),
                Box::leak(vec![f, expected].into_boxed_slice()),
            ));
        }
    }
    for (name, matrix, expected) in [
        (
            "correlation 3 x 3",
            "[[1.0,0.0,0.0],[0.0,1.0,0.0],[0.0,0.0,1.0]]",
            &["uncertainty.correlation", "4 × 4"][..],
        ),
        (
            "correlation in percent",
            "[[1,30,0,0],[30,1,0,0],[0,0,1,0],[0,0,0,1]]",
            &[
                "uncertainty.correlation[0][1]",
                "looks like a percent",
                "write 0.3",
            ][..],
        ),
        (
            "correlation diagonal 2",
            "[[2,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]",
            &["uncertainty.correlation[0][0]"][..],
        ),
        (
            "correlation not symmetric",
            "[[1,0.5,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]",
            &["uncertainty.correlation"][..],
        ),
        (
            "correlation not positive semi-definite",
            "[[1,0.9,-0.9,0],[0.9,1,0.9,0],[-0.9,0.9,1,0],[0,0,0,1]]",
            &["uncertainty.correlation"][..],
        ),
    ] {
        v.push(scenario(
            name,
            &format!("{x}[uncertainty]\ncorrelation = {matrix}\n"),
            expected,
        ));
    }
    // The same, run by the commands that use them (not only `check`).
    for cmd in ["fan", "sensitivity", "run"] {
        v.push(Case {
            name: Box::leak(format!("{cmd} with a shock of 1e300").into_boxed_str()),
            files: vec![(
                "s.toml",
                format!("{x}[uncertainty]\nreal_growth_sd_pp = 1e300\n"),
            )],
            args: vec![cmd, "{d}/s.toml"],
            expected: vec!["uncertainty.real_growth_sd_pp", "plausible range"],
        });
    }
    // Intervention distributions, in the terms the user wrote.
    v.push(iv_uncertainty(
        "lognormal share",
        "saving_share = { dist = \"lognormal\", central = 0.01, high = 0.02 }",
        &["saving_share", "median 0.01", "no upper limit", "pert"],
    ));
    v.push(iv_uncertainty(
        "share high in percent",
        "saving_share = { dist = \"pert\", low = 0.01, central = 0.02, high = 5 }",
        &["high 5 is outside 0..1", "write 0.05"],
    ));
    v.push(iv_uncertainty(
        "share low negative",
        "saving_share = { dist = \"triangular\", low = -0.1, central = 0.02, high = 0.05 }",
        &["low -0.1 is outside 0..1"],
    ));
    v.push(iv_uncertainty(
        "years negative",
        "ramp_years = { dist = \"pert\", low = -2, central = 3, high = 5 }",
        &["ramp_years", "low -2 is below 0"],
    ));
    v.push(iv_uncertainty(
        "lognormal years without a floor",
        "adoption_midpoint_years = { dist = \"lognormal\", central = 5, high = 8 }",
        &["adoption_midpoint_years", "add low = 0"],
    ));
    v.push(iv_uncertainty(
        "distribution out of order",
        "saving_share = { dist = \"pert\", low = 0.05, central = 0.02, high = 0.06 }",
        &["low 0.05 exceeds central"],
    ));
    v.push(iv_uncertainty(
        "distribution not finite",
        "saving_share = { dist = \"pert\", low = 0.01, central = 0.02, high = inf }",
        &["saving_share", "finite"],
    ));
    v.push(iv_uncertainty(
        "pert without low",
        "saving_share = { dist = \"pert\", central = 0.02, high = 0.05 }",
        &["needs low, central and high"],
    ));
    v.push(iv_uncertainty(
        "unknown distribution",
        "saving_share = { dist = \"normal\", central = 0.02, high = 0.05 }",
        &["is not one of"],
    ));
    // Sweeps: point counts that overflow, steps and ranges.
    for (name, spec, expected) in [
        (
            "sweep step 1e-300",
            "economy.productivity_growth_pct=1..2:1e-300",
            &[
                "--vary",
                "economy.productivity_growth_pct",
                "more than 1000000 values",
                "larger step",
            ][..],
        ),
        (
            "sweep range 1e300",
            "economy.productivity_growth_pct=0..1e300:1",
            &["more than 1000000 values"][..],
        ),
        (
            "sweep step below the precision",
            "economy.productivity_growth_pct=1e17..1.00000000000001e17:1e-300",
            &["more than 1000000 values"][..],
        ),
        (
            "sweep step 0",
            "economy.productivity_growth_pct=1..2:0",
            &["greater than zero"][..],
        ),
        (
            "sweep step negative",
            "economy.productivity_growth_pct=1..2:-0.5",
            &["greater than zero"][..],
        ),
        (
            "sweep reversed",
            "economy.productivity_growth_pct=2..1:0.5",
            &["write the smaller value first"][..],
        ),
        (
            "sweep without a step",
            "economy.productivity_growth_pct=1..2",
            &["give a step"][..],
        ),
        (
            "sweep not a number",
            "economy.productivity_growth_pct=one..2:1",
            &["not a number"][..],
        ),
        (
            "sweep infinite",
            "economy.productivity_growth_pct=1..inf:1",
            &["not a number"][..],
        ),
        (
            "sweep unknown field",
            "economy.productivity_growth_pc=1..2:1",
            &["did you mean `economy.productivity_growth_pct`"][..],
        ),
        ("sweep a table", "economy=1..2:1", &["is a table"][..]),
        (
            "sweep whole numbers",
            "rates.convergence_years=1..2:0.5",
            &["whole numbers"][..],
        ),
        (
            "sweep end out of range",
            "economy.productivity_growth_pct=1..50:7",
            &["economy.productivity_growth_pct", "plausible range"][..],
        ),
        (
            "sweep share as percent",
            "debt.index_linked_share=10..30:10",
            &["debt.index_linked_share", "looks like a percent"][..],
        ),
        (
            "sweep without =",
            "economy.productivity_growth_pct",
            &["FIELD=FROM..TO:STEP"][..],
        ),
    ] {
        v.push(cli(
            name,
            Box::leak(vec!["sweep", "--vary", spec].into_boxed_slice()),
            expected,
        ));
    }
    v.push(cli(
        "sweep grid over the limit",
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.001",
            "--vary",
            "rates.gilt_rate_long_run_pct=3..4:0.001",
        ],
        &["more than 1000000 points"],
    ));
    v.push(cli(
        "sweep over the time limit",
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=0..999:1",
            "--vary",
            "rates.gilt_rate_long_run_pct=0..998:1",
        ],
        &["a sweep of 999000 points", "--force"],
    ));
    v.push(cli(
        "sweep heatmap of one field",
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "--chart",
            "{d}/h.svg",
        ],
        &["exactly two --vary"],
    ));
    // Standard input: empty or closed.
    for cmd in [
        "run",
        "check",
        "fan",
        "sensitivity",
        "population",
        "gap",
        "interventions",
    ] {
        v.push(cli(
            Box::leak(format!("{cmd} - with empty standard input").into_boxed_str()),
            Box::leak(vec![cmd, "-"].into_boxed_slice()),
            &[
                "`-`",
                "standard input is empty or closed",
                "pipe a scenario",
            ],
        ));
    }
    v.push(cli(
        "compare - with empty standard input",
        &["compare", "-", "scenarios/baseline.toml"],
        &["`-`", "empty or closed"],
    ));
    v.push(cli(
        "stdin twice",
        &["compare", "-", "-"],
        &["one scenario only"],
    ));
    // Names: bidirectional controls and line separators.
    for (code, ch) in [
        ("202A", '\u{202A}'),
        ("202B", '\u{202B}'),
        ("202C", '\u{202C}'),
        ("202D", '\u{202D}'),
        ("202E", '\u{202E}'),
        ("2066", '\u{2066}'),
        ("2067", '\u{2067}'),
        ("2068", '\u{2068}'),
        ("2069", '\u{2069}'),
        ("200E", '\u{200E}'),
        ("200F", '\u{200F}'),
        ("2028", '\u{2028}'),
        ("2029", '\u{2029}'),
    ] {
        let u: &'static str = Box::leak(format!("U+{code}").into_boxed_str());
        v.push(scenario(
            Box::leak(format!("name with {u}").into_boxed_str()),
            &format!("name = \"a{ch}b\"\n"),
            Box::leak(vec!["`name`", u, "remove it"].into_boxed_slice()),
        ));
    }
    v.push(scenario("intervention name with U+202E", &format!("{x}[[intervention]]\nname = \"A\u{202E}B\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\n"), &["intervention[0].name", "U+202E", "bidirectional"]));
    v.push(scenario(
        "description with U+2028",
        "name = \"x\"\ndescription = \"a\u{2028}b\"\n",
        &["`description`", "control character"],
    ));
    v.push(scenario(
        "intervention description with U+2066",
        &format!("{x}{IV}saving_share = 0.01\ndescription = \"a\u{2066}b\"\n"),
        &["intervention[0].description", "control character"],
    ));
    // Data loss: an output over an input of the run.
    let s_toml = || ("s.toml", "name = \"x\"\n".to_string());
    let with_pop = || {
        vec![
            (
                "s.toml",
                "name = \"x\"\n[data]\npopulation_file = \"population.csv\"\n".to_string(),
            ),
            ("population.csv", population(|_, l| Some(l))),
        ]
    };
    v.push(overwrite(
        "fan --paths-out over the scenario",
        vec![s_toml()],
        &[
            "fan",
            "{d}/s.toml",
            "--paths",
            "1000",
            "--paths-out",
            "{d}/s.toml",
        ],
        &["would replace the input", "s.toml"],
    ));
    v.push(overwrite(
        "fan --chart data over the scenario",
        vec![("s.csv", "name = \"x\"\n".into())],
        &[
            "fan",
            "{d}/s.csv",
            "--paths",
            "1000",
            "--chart",
            "{d}/s.svg",
        ],
        &["would replace the input", "s.csv"],
    ));
    v.push(overwrite(
        "fan --out over a substituted table",
        vec![
            (
                "s.toml",
                "name = \"x\"\n[data]\npopulation_file = \"fan.csv\"\n".into(),
            ),
            ("fan.csv", population(|_, l| Some(l))),
        ],
        &["fan", "{d}/s.toml", "--paths", "1000", "--out", "{d}"],
        &["would replace the input", "fan.csv"],
    ));
    v.push(overwrite(
        "sweep -o over the scenario",
        vec![s_toml()],
        &[
            "sweep",
            "{d}/s.toml",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "-o",
            "{d}/s.toml",
        ],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "sweep --chart data over the scenario",
        vec![("s.csv", "name = \"x\"\n".into())],
        &[
            "sweep",
            "{d}/s.csv",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "--vary",
            "rates.gilt_rate_long_run_pct=3..4:0.5",
            "--chart",
            "{d}/s.svg",
        ],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "sensitivity --chart data over the scenario",
        vec![("s.csv", "name = \"x\"\n".into())],
        &["sensitivity", "{d}/s.csv", "--chart", "{d}/s.svg"],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "sensitivity --chart over the scenario",
        vec![("s.svg", "name = \"x\"\n".into())],
        &["sensitivity", "{d}/s.svg", "--chart", "{d}/s.svg"],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "interventions --chart data over the scenario",
        vec![("s.csv", format!("{x}{IV}saving_share = 0.01\n"))],
        &[
            "interventions",
            "{d}/s.csv",
            "--paths",
            "10",
            "--chart",
            "{d}/s.svg",
        ],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "population --out over the substituted table",
        with_pop(),
        &["population", "{d}/s.toml", "--out", "{d}"],
        &["would replace the input", "population.csv"],
    ));
    v.push(overwrite(
        "run --out over the substituted table",
        with_pop(),
        &["run", "{d}/s.toml", "--out", "{d}"],
        &["would replace the input", "population.csv"],
    ));
    v.push(overwrite(
        "chart fan data over the scenario",
        vec![("s.csv", "name = \"x\"\n".into())],
        &["chart", "fan", "{d}/s.csv", "-o", "{d}/s.svg"],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "report over the scenario",
        vec![("s.html", "name = \"x\"\n".into())],
        &["report", "{d}/s.html", "-o", "{d}/s.html"],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "gap --out over the scenario",
        vec![("gap.csv", "name = \"x\"\n".into())],
        &["gap", "{d}/gap.csv", "--out", "{d}"],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "compare --out over a scenario",
        vec![("compare.csv", "name = \"x\"\n".into())],
        &[
            "compare",
            "{d}/compare.csv",
            "scenarios/baseline.toml",
            "--out",
            "{d}",
        ],
        &["would replace the input"],
    ));
    v.push(overwrite(
        "extended scenario overwritten",
        vec![
            ("base.toml", "name = \"b\"\n".into()),
            ("s.toml", "extends = \"base.toml\"\nname = \"x\"\n".into()),
        ],
        &[
            "sweep",
            "{d}/s.toml",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "-o",
            "{d}/base.toml",
        ],
        &["would replace the input", "base.toml"],
    ));
    // Two outputs of one command on one file.
    v.push(cli(
        "fan --paths-out is fan.csv of --out",
        &[
            "fan",
            "--paths",
            "1000",
            "--out",
            "{d}",
            "--paths-out",
            "{d}/fan.csv",
        ],
        &["same file"],
    ));
    v.push(cli(
        "fan --chart data is fan.csv of --out",
        &[
            "fan",
            "--paths",
            "1000",
            "--out",
            "{d}",
            "--chart",
            "{d}/fan.svg",
        ],
        &["same file"],
    ));
    v.push(cli(
        "sweep -o is the heatmap's data",
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "--vary",
            "rates.gilt_rate_long_run_pct=3..4:0.5",
            "-o",
            "{d}/h.csv",
            "--chart",
            "{d}/h.svg",
        ],
        &["same file"],
    ));
    v.push(cli(
        "run --out and --charts together",
        &["run", "--out", "{d}", "--charts", "{d}"],
        &["same file"],
    ));
    // Devices, FIFOs' kin and directories as outputs: refused, never replaced.
    v.push(cli(
        "fan --paths-out /dev/null",
        &["fan", "--paths", "1000", "--paths-out", "/dev/null"],
        &["/dev/null", "is a device"],
    ));
    v.push(cli(
        "sweep -o /dev/full",
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=1..2:0.5",
            "-o",
            "/dev/full",
        ],
        &["is a device"],
    ));
    v.push(
        cli(
            "chart onto a directory",
            &["chart", "debt", "-o", "{d}/sub.svg"],
            &[],
        )
        .with_dir("sub.svg", &["is a directory"]),
    );
    v.push(
        cli(
            "population --out with a directory named population.csv",
            &["population", "--out", "{d}"],
            &[],
        )
        .with_dir("population.csv", &["is a directory"]),
    );
    // Resources.
    v.push(cli(
        "fan --threads 100000",
        &["fan", "--paths", "1000", "--threads", "100000"],
        &["--threads 100000", "cores available"],
    ));
    v.push(cli(
        "fan --paths-out of 10^8 paths",
        &["fan", "--paths", "100000000", "--paths-out", "{d}/p.csv"],
        &["--paths-out", "GB", "--force"],
    ));
    // The run-time limit (5 minutes at about three times the measured
    // rates, src/cli/limits.rs) is tested with the sweep above: the
    // largest fan (10^8 paths, about 3 minutes estimated on one thread)
    // and the largest appraisal (10^6 paths) are under it.
    v.push(cli(
        "interventions --paths over the maximum",
        &[
            "interventions",
            "scenarios/digital/smarter_state_central.toml",
            "--paths",
            "1000001",
        ],
        &["more than 1000000"],
    ));
    v.push(cli("fan --paths 0", &["fan", "--paths", "0"], &["--paths"]));
    // Unclear errors made clear.
    for target in ["1e308", "inf", "-1e308", "1000", "nan"] {
        v.push(cli(
            Box::leak(format!("gap --target {target}").into_boxed_str()),
            Box::leak(vec!["gap", "--target", target].into_boxed_slice()),
            &["--target", "plausible range", "percent of GDP"],
        ));
    }
    // The importers: outputs among their inputs.
    v.push(cli(
        "import into the publications",
        &["data", "import", "--shared", "{d}", "--out", "{d}/data"],
        &["overlap", "outside"],
    ));
    v.push(cli(
        "shocks into the publications",
        &["data", "shocks", "--shared", "{d}", "--out", "{d}"],
        &["overlap"],
    ));
    v.push(Case {
        name: "vintage over its EFO table",
        files: vec![("vintages/v.csv", "x\n".into())],
        args: vec![
            "data",
            "import",
            "--vintage",
            "v",
            "--efo",
            "{d}/vintages/v.csv",
            "--out",
            "{d}",
        ],
        expected: vec!["would replace the input", "v.csv"],
    });
    v
}

impl Case {
    /// The case with a directory `name` in its folder, and more expected texts.
    fn with_dir(mut self, name: &'static str, expected: &[&'static str]) -> Case {
        self.files.push((
            Box::leak(format!("{name}/keep").into_boxed_str()),
            "kept\n".into(),
        ));
        self.expected.extend_from_slice(expected);
        self
    }
}
