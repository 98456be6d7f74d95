//! The docs table "How much each change moved 2075-76 PSND" must end at the
//! baseline's current 2075-76 PSND, so it cannot go stale: a change that
//! moves the number must add its row.

use fiscal::model::project;
use fiscal::scenario::Scenario;
use fiscal::years::FiscalYear;

#[test]
fn the_per_change_table_ends_at_the_current_baseline() {
    let doc = std::fs::read_to_string("docs/model.md").unwrap();
    let start = doc
        .find("## How much each change moved 2075-76 PSND")
        .expect("table heading in docs/model.md");
    let rows: Vec<&str> = doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let last = rows.last().expect("table rows");
    let value: f64 = last.split('|').nth(2).unwrap().trim().parse().unwrap();
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    let psnd = p.year(FiscalYear(2075)).unwrap().psnd_pct_gdp;
    assert!(
        (psnd - value).abs() < 0.05,
        "docs/model.md says {value}, the baseline gives {psnd:.1}: add a row for the change"
    );
}
