//! What the server computes: the page's settings laid over the scenario it
//! serves (through [`Scenario::with_toml`], so they are checked exactly as
//! a scenario file's keys), the run (`Run::project`, as `fiscal run` does),
//! its charts (the project's chart code, as `fiscal chart` draws them) and
//! the downloads. Everything here is blocking work for `spawn_blocking`.

use std::collections::BTreeMap;

use fiscal::chart::{self, Body, Chart, ChartKind, Frame, Input, Lines, Series};
use fiscal::model::interventions::Intervention;
use fiscal::model::{Phase, Projection};
use fiscal::run::Run;
use fiscal::scenario::{catalog, Diagnostic, Scenario};

use super::controls;
use super::form::{Form, InterventionSetting};

/// The shipped package whose interventions the page offers.
const PACKAGE: &str = "digital/smarter_state_central";
/// Paths of the page's fan (reduced-form engine): a band that draws in
/// milliseconds; `fiscal fan` draws 100,000 by default.
pub const FAN_PATHS: u64 = 4_000;
/// Seed of the page's fan, `fiscal fan`'s default.
pub const FAN_SEED: u64 = 42;

/// The name of the page's settings in messages (laid over the scenario).
const SETTINGS_NAME: &str = "page settings";
/// The name of the page's TOML text in messages.
const TOML_NAME: &str = "page TOML";

/// One intervention the page offers.
#[derive(Debug, Clone)]
pub struct Listed {
    /// As the scenario (or the shipped package) sets it.
    pub spec: Intervention,
    /// Whether the served scenario has it.
    pub in_base: bool,
}

impl Listed {
    /// Its settings when the page leaves it alone.
    pub fn default_setting(&self) -> InterventionSetting {
        InterventionSetting {
            on: self.in_base,
            scale: 1.0,
            retention_share: self.spec.retention(),
            decay_pct: self.spec.decay_pct,
        }
    }
}

/// Why a request gives no result: the request itself (4xx) or the server.
#[derive(Debug)]
pub enum Refusal {
    /// Bad input: the message (in the words `fiscal check` and `fiscal
    /// run` use) and the located problems, if any.
    BadInput(String, Vec<Diagnostic>),
    /// A failure that is not the request's fault.
    Failure(String),
}

impl From<fiscal::Error> for Refusal {
    fn from(e: fiscal::Error) -> Refusal {
        let mut text = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            text.push_str(&format!("\n  caused by: {c}"));
            cause = c.source();
        }
        if e.is_bad_input() {
            Refusal::BadInput(text, e.diagnostics().to_vec())
        } else {
            Refusal::Failure(text)
        }
    }
}

/// The scenario the server serves, run once, and what the page offers.
pub struct Explorer {
    base: Scenario,
    base_run: Run,
    listed: Vec<Listed>,
    /// The `[[spending_content]]` the offered interventions act on: the
    /// served scenario's, then the shipped package's it lacks.
    content: Vec<toml::Value>,
    spa_paths: BTreeMap<&'static str, toml::Value>,
    shocks: fiscal::data::shocks::ShockTable,
}

/// One request's results.
pub struct Outcome {
    /// The run with the page's settings.
    pub run: Run,
    /// The form it came from.
    pub form: Form,
}

fn shipped(name: &str) -> Result<Scenario, fiscal::Error> {
    let e = catalog::find(name).ok_or_else(|| {
        fiscal::Error::from_diagnostics(vec![Diagnostic {
            file: name.into(),
            position: None,
            field: None,
            message: format!("the shipped scenario `{name}` is missing (a bug)"),
        }])
    })?;
    Scenario::shipped(e)
}

impl Explorer {
    /// Run `base` and gather the page's lists.
    pub fn new(base: Scenario) -> Result<Explorer, fiscal::Error> {
        let base_run = Run::project(base.clone())?;
        let _ = base_run.indicators();
        let mut listed: Vec<Listed> = base
            .assumptions
            .intervention
            .iter()
            .map(|i| Listed {
                spec: i.clone(),
                in_base: true,
            })
            .collect();
        let package = shipped(PACKAGE)?.assumptions;
        let mut content = base.assumptions.spending_content.clone();
        for c in package.spending_content {
            if !content.iter().any(|b| b.id == c.id) {
                content.push(c);
            }
        }
        let content = content
            .iter()
            .filter_map(|c| toml::Value::try_from(c).ok())
            .collect();
        for i in package.intervention {
            if !listed.iter().any(|l| l.spec.name == i.name) {
                listed.push(Listed {
                    spec: i,
                    in_base: false,
                });
            }
        }
        let mut spa_paths = BTreeMap::new();
        for (key, scenario, _) in controls::SPA_PATHS {
            let s = shipped(scenario)?;
            let steps =
                toml::Value::try_from(&s.assumptions.state_pension_age.steps).map_err(|e| {
                    fiscal::Error::from_diagnostics(vec![Diagnostic {
                        file: (*scenario).into(),
                        position: None,
                        field: Some("state_pension_age.steps".into()),
                        message: format!("cannot be written as TOML (a bug): {e}"),
                    }])
                })?;
            spa_paths.insert(*key, steps);
        }
        let shocks = fiscal::data::shocks::ShockTable::embedded()?;
        Ok(Explorer {
            base,
            base_run,
            listed,
            content,
            spa_paths,
            shocks,
        })
    }

    /// The served scenario's run.
    pub fn base_run(&self) -> &Run {
        &self.base_run
    }

    /// The interventions the page offers, in order.
    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }

    /// The value of a control's field in the served scenario (`None`
    /// when the scenario leaves it unset).
    pub fn base_value(&self, key: &str) -> Option<f64> {
        let v = toml::Value::try_from(&self.base.assumptions).ok()?;
        let mut cur = &v;
        for part in key.split('.') {
            cur = cur.get(part)?;
        }
        cur.as_float()
            .or_else(|| cur.as_integer().map(|i| i as f64))
    }

    /// The page's settings as scenario TOML, laid over the served scenario.
    pub fn overlay(&self, form: &Form) -> String {
        let mut root = toml::Table::new();
        let base_name = &self.base.assumptions.name;
        root.insert("name".into(), format!("{base_name} (explored)").into());
        root.insert(
            "description".into(),
            format!("{base_name} with the settings of a `fiscal serve` page").into(),
        );
        // Every control is `table.field` (see `controls::CONTROLS`).
        for (key, v) in &form.fields {
            let Some((table, field)) = key.split_once('.') else {
                continue;
            };
            if let toml::Value::Table(t) = root
                .entry(table.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            {
                t.insert(field.into(), toml::Value::Float(*v));
            }
        }
        if let Some(steps) = form.spa.and_then(|k| self.spa_paths.get(k)) {
            let mut spa = toml::Table::new();
            spa.insert("steps".into(), steps.clone());
            root.insert("state_pension_age".into(), spa.into());
        }
        if !form.interventions.is_empty() {
            let list: Vec<fiscal::model::interventions::Intervention> = self
                .listed
                .iter()
                .enumerate()
                .filter_map(|(n, l)| {
                    let s = form
                        .interventions
                        .get(&n)
                        .copied()
                        .unwrap_or_else(|| l.default_setting());
                    s.on.then(|| adjusted(&l.spec, &s))
                })
                .collect();
            // Correlations name interventions by id: a correlation stands
            // only if each of its draws is still one, `id.success` of an
            // intervention that is on or `id.field` of one whose adjusted
            // uncertainty still draws that field.
            let drawn = |b: &str| {
                let (id, field) = b.split_once('.').unwrap_or((b, ""));
                list.iter().any(|i| {
                    i.id.as_deref() == Some(id)
                        && (field == "success"
                            || i.uncertainty
                                .as_ref()
                                .is_some_and(|u| u.contains_key(field)))
                })
            };
            let correlations: Vec<toml::Value> = self
                .base
                .assumptions
                .intervention_correlation
                .iter()
                .filter(|c| c.between.iter().all(|b| drawn(b)))
                .filter_map(|c| toml::Value::try_from(c).ok())
                .collect();
            let list: Vec<toml::Value> = list
                .iter()
                .filter_map(|i| toml::Value::try_from(i).ok())
                .collect();
            root.insert("intervention".into(), list.into());
            root.insert("intervention_correlation".into(), correlations.into());
            root.insert("spending_content".into(), self.content.clone().into());
        }
        toml::to_string(&root).unwrap_or_default()
    }

    /// The served scenario with the page's settings.
    pub fn scenario(&self, form: &Form) -> Result<Scenario, Refusal> {
        let mut s = self.base.with_toml(SETTINGS_NAME, &self.overlay(form))?;
        if let Some(text) = &form.toml {
            s = s.with_toml(TOML_NAME, text)?;
        }
        // Nothing a request sends may reach the filesystem: a setting that
        // names a file (a ready population projection read from disk) is
        // refused before anything is read.
        let base_paths = self.base.input_paths();
        let own =
            |p: &std::path::PathBuf| p.as_os_str() == SETTINGS_NAME || p.as_os_str() == TOML_NAME;
        if let Some(p) = s
            .input_paths()
            .iter()
            .find(|p| !own(p) && !base_paths.contains(p))
        {
            return Err(Refusal::BadInput(
                format!(
                    "page TOML: the settings name a file ({}); the page reads no files: use the named projections and assumptions, or run a scenario file with `fiscal run`",
                    p.display()
                ),
                Vec::new(),
            ));
        }
        Ok(s)
    }

    /// Run the page's settings.
    pub fn compute(&self, form: Form) -> Result<Outcome, Refusal> {
        let run = Run::project(self.scenario(&form)?)?;
        Ok(Outcome { run, form })
    }

    /// The debt chart: the served scenario (thin) and the page's.
    pub fn debt_chart(&self, o: &Outcome) -> Result<Chart, Refusal> {
        let inputs = [Input::of(&self.base_run), Input::of(&o.run)];
        Ok(chart::build(
            ChartKind::Debt,
            &inputs,
            &chart::Options::default(),
        )?)
    }

    /// The difference chart: the page's PSND less the served scenario's,
    /// percentage points of GDP, by year. A lines chart in the house style
    /// (the briefing branch adds a `difference` chart kind to the library;
    /// this is the smallest chart that the existing code draws).
    pub fn difference_chart(&self, o: &Outcome) -> Chart {
        let base = self.base_run.projection();
        let p = o.run.projection();
        let points = p
            .years
            .iter()
            .filter_map(|y| {
                base.year(y.year)
                    .map(|b| (y.year, y.psnd_pct_gdp - b.psnd_pct_gdp))
            })
            .collect();
        Chart {
            kind: ChartKind::Debt,
            frame: Frame {
                title: "Difference in public sector net debt".into(),
                scenario: format!("Scenario: {} less {}", p.name, base.name),
                official: true,
                note: Some(format!(
                    "PSND % of GDP of {} less that of {}, percentage points; below zero, debt is lower.",
                    p.name, base.name
                )),
                sources: fiscal::chart::sources_of_data(o.run.data()),
            },
            body: Body::Lines(Lines {
                series: vec![Series {
                    label: p.name.clone(),
                    points,
                }],
                y_desc: "Percentage points of GDP".into(),
                value_suffix: " pp".into(),
                decimals: 1,
                shaded: efo_span(p),
                csv_column: "psnd_difference_pp_gdp".into(),
            }),
        }
    }

    /// The fan chart of the page's scenario ([`FAN_PATHS`] paths, seed
    /// [`FAN_SEED`], reduced-form engine), as `fiscal fan --chart` draws it.
    pub fn fan_chart(&self, o: &Outcome) -> Result<Chart, Refusal> {
        use fiscal::model::uncertainty::{self, Engine, FanOptions};
        let s = o.run.scenario();
        let a = &s.assumptions;
        let data = o.run.data();
        let opts = FanOptions {
            engine: Engine::Reduced,
            paths: FAN_PATHS,
            seed: FAN_SEED,
            shock_medium_term: None,
            draw_demography: uncertainty::demography_drawable(
                a.population.as_ref(),
                s.data.population_file.is_some(),
            ),
        };
        let fan = uncertainty::fan(a, data, &self.shocks, &opts, &|_| {})?;
        let variants = uncertainty::fan_variants(a, data)?;
        Ok(chart::fan::Fan::from_run(&fan, variants)
            .chart()
            .with_sources(chart::sources_of_data(data)))
    }

    /// The page's scenario as a file `fiscal run` accepts and that gives
    /// the page's numbers: every assumption written out (no `extends`), so
    /// it runs the same from any folder.
    pub fn scenario_toml(&self, o: &Outcome) -> Result<String, Refusal> {
        let a = &o.run.scenario().assumptions;
        let body = toml::to_string(a).map_err(|e| {
            Refusal::Failure(format!("cannot write the scenario as TOML (a bug): {e}"))
        })?;
        let mut head = String::new();
        head.push_str("# Written by `fiscal serve`: the scenario on the page, every assumption\n");
        head.push_str(&format!(
            "# written out. Served scenario: {}. Page settings: {}\n",
            self.base.assumptions.name,
            if o.form.query().is_empty() {
                "none".to_string()
            } else {
                o.form.query()
            }
        ));
        head.push_str(
            "# Run it with `fiscal run THIS_FILE`; docs/scenarios.md documents every field.\n\n",
        );
        Ok(head + &body)
    }
}

/// The fields an intervention's scale multiplies: its gross savings and its
/// costs (and their distributions, when the scenario gives them).
const SCALED: &[&str] = &[
    "saving_share",
    "saving_gbp_bn",
    "productivity_growth_pp",
    "units_quantity",
    "upfront_cost_gbp_bn",
    "running_cost_gbp_bn",
    "citizen_time_saving_gbp_bn",
];

/// `spec` at the page's scale, retention and decay.
fn adjusted(spec: &Intervention, s: &InterventionSetting) -> Intervention {
    let mut i = spec.clone();
    let k = s.scale;
    i.saving_share *= k;
    i.saving_gbp_bn *= k;
    i.productivity_growth_pp *= k;
    i.units_quantity *= k;
    i.upfront_cost_gbp_bn *= k;
    i.running_cost_gbp_bn *= k;
    i.citizen_time_saving_gbp_bn *= k;
    i.exchequer_retention_share = Some(s.retention_share);
    i.decay_pct = s.decay_pct;
    if let Some(u) = &mut i.uncertainty {
        for key in SCALED {
            if let Some(d) = u.get_mut(*key) {
                d.low = d.low.map(|v| v * k);
                d.central *= k;
                d.high *= k;
            }
        }
        if s.retention_share != spec.retention() {
            u.remove("exchequer_retention_share");
        }
        if s.decay_pct != spec.decay_pct {
            u.remove("decay_pct");
        }
    }
    i
}

/// First and last year of the OBR medium-term forecast.
fn efo_span(p: &Projection) -> Option<(fiscal::years::FiscalYear, fiscal::years::FiscalYear)> {
    let mut efo = p
        .years
        .iter()
        .filter(|y| y.phase == Phase::Efo)
        .map(|y| y.year);
    let first = efo.next()?;
    Some((first, efo.next_back().unwrap_or(first)))
}
