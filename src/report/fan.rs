//! The report's uncertainty section: for each scenario a reduced-form fan
//! of PSND (10,000 paths, seed 42: enough for smooth bands in a fraction
//! of a second; `fiscal fan` takes more) and the chance of debt above
//! 100, 150 and 200 % of GDP in the final year.

use std::fmt::Write as _;

use super::html::esc;
use super::{Entry, ReportError};
use crate::chart::fan::Fan;
use crate::data::shocks::ShockTable;
use crate::model::uncertainty::{self, sensitivity, Engine, FanOptions};

/// Paths of the report's fans.
pub const REPORT_PATHS: u64 = 10_000;

/// The `<section id="uncertainty">` of the HTML report.
pub fn section(entries: &[Entry<'_>]) -> Result<String, ReportError> {
    let mut o = String::from("<section id=\"uncertainty\">\n<h2>Uncertainty</h2>\n");
    let table = ShockTable::embedded();
    for e in entries {
        let a = &e.scenario.assumptions;
        let opts = FanOptions {
            engine: Engine::Reduced,
            paths: REPORT_PATHS,
            seed: 42,
            shock_medium_term: None,
            draw_demography: false,
        };
        let run = table.as_ref().map_err(ToString::to_string).and_then(|t| {
            uncertainty::fan(a, e.data, t, &opts, &|_| {}).map_err(|x| x.to_string())
        });
        let variants = sensitivity::fan_variants(a, e.data).unwrap_or_default();
        match run {
            Ok(run) => {
                let chart = Fan::from_run(&run, variants)
                    .chart()
                    .with_sources(crate::chart::sources_of_data(e.data));
                let _ = writeln!(
                    o,
                    "<figure class=\"chart\" id=\"fan-{}\" aria-label=\"{}\">",
                    esc(&a.name),
                    esc(&format!("{}. {}", chart.frame.title, chart.frame.scenario))
                );
                o.push_str(&chart.svg()?);
                let _ = writeln!(
                    o,
                    "<figcaption>{}. {}</figcaption>\n</figure>",
                    esc(&chart.frame.title),
                    esc(&chart.frame.scenario)
                );
                if let (Some(y), Some(p)) = (run.years.last(), run.summary.p_above_in_year.last()) {
                    let _ = writeln!(
                        o,
                        "<p>{}: probability that PSND exceeds 100 % of GDP in {y}: {:.0} %; 150 %: {:.0} %; 200 %: {:.0} %. Shocks estimated from UK history ({}); see docs/uncertainty.md.</p>",
                        esc(&a.name),
                        100.0 * p[0],
                        100.0 * p[1],
                        100.0 * p[2],
                        esc(run.shocks.as_ref().map_or("", |s| s.source.as_str()))
                    );
                }
            }
            Err(msg) => {
                let _ = writeln!(o, "<p>{}: no fan ({})</p>", esc(&a.name), esc(&msg));
            }
        }
    }
    o.push_str("</section>\n");
    Ok(o)
}
