//! The HTTP side: routes, limits and answers. Handlers parse the request
//! ([`Form::parse`]), wait for a compute slot (a semaphore as wide as the
//! machine), run the blocking work on tokio's blocking pool and answer;
//! every refusal is a 4xx with a message (JSON for the page's API, text
//! for downloads), every failure a 500 with its message.
//!
//! Nothing a request sends names a file the server opens: the assets are
//! compiled in, downloads are made in memory, and settings that would name
//! a file are refused ([`Explorer::scenario`]).

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use tokio::sync::Semaphore;

use super::assets;
use super::controls::{self, CONTROLS};
use super::explorer::{Explorer, Outcome, Refusal};
use super::form::Form;

/// The largest request body read (`POST /api/run`).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Requests that may wait for a compute slot at once; more are answered
/// 503 at once rather than queued without bound.
pub const MAX_WAITING: usize = 512;

/// What the handlers share.
pub struct Shared {
    explorer: Explorer,
    /// Compute slots: one per core.
    compute: Semaphore,
    /// Admission: requests holding or waiting for a slot.
    admission: Semaphore,
}

impl Shared {
    /// The state for `explorer`, with `slots` compute slots.
    pub fn new(explorer: Explorer, slots: usize) -> Arc<Shared> {
        Arc::new(Shared {
            explorer,
            compute: Semaphore::new(slots.max(1)),
            admission: Semaphore::new(MAX_WAITING),
        })
    }
}

/// The application's routes.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
        .route("/api/config", get(config))
        .route("/api/run", get(run_get).post(run_post))
        .route("/api/download/{name}", get(download))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared)
}

/// A JSON answer with `status`.
fn json_answer(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut r = (status, value.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    no_store(r)
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A refusal as the page shows it: `error` (the message, in the words of
/// `fiscal check` and `fiscal run`) and `problems` (each located).
fn refusal(
    status: StatusCode,
    message: &str,
    problems: &[fiscal::scenario::Diagnostic],
) -> Response {
    let problems: Vec<serde_json::Value> = problems
        .iter()
        .map(|d| {
            json!({
                "file": d.file,
                "line": d.position.map(|p| p.0),
                "column": d.position.map(|p| p.1),
                "field": d.field,
                "message": d.message,
            })
        })
        .collect();
    json_answer(
        status,
        &json!({ "ok": false, "error": message, "problems": problems }),
    )
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::BadInput(m, d) => refusal(StatusCode::UNPROCESSABLE_ENTITY, &m, &d),
        Refusal::Failure(m) => refusal(StatusCode::INTERNAL_SERVER_ERROR, &m, &[]),
    }
}

async fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "no such page: the explorer is at /, its API under /api/",
        &[],
    )
}

async fn index() -> Response {
    assets::page(assets::INDEX)
}

async fn asset(Path(name): Path<String>) -> Response {
    match assets::find(&name) {
        Some(a) => assets::page(a),
        None => not_found().await,
    }
}

/// The page's controls, interventions and the served scenario's values.
async fn config(State(s): State<Arc<Shared>>) -> Response {
    let e = &s.explorer;
    let controls: Vec<serde_json::Value> = CONTROLS
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("base".into(), json!(e.base_value(c.key)));
            }
            v
        })
        .collect();
    let interventions: Vec<serde_json::Value> = e
        .listed()
        .iter()
        .map(|l| {
            let d = l.default_setting();
            json!({
                "name": l.spec.name,
                "target": l.spec.target,
                "sub_line": l.spec.sub_line,
                "on": d.on,
                "scale": d.scale,
                "retention": d.retention_share,
                "decay": d.decay_pct,
                "in_base": l.in_base,
            })
        })
        .collect();
    let spa: Vec<serde_json::Value> = controls::SPA_PATHS
        .iter()
        .map(|(k, _, label)| json!({ "key": k, "label": label }))
        .collect();
    let base = e.base_run().scenario();
    json_answer(
        StatusCode::OK,
        &json!({
            "scenario": base.assumptions.name,
            "description": base.assumptions.description,
            "version": env!("CARGO_PKG_VERSION"),
            "controls": controls,
            "interventions": interventions,
            "spa": spa,
            "ranges": {
                "scale": controls::SCALE_RANGE,
                "retention": controls::RETENTION_RANGE,
                "decay": controls::DECAY_RANGE_PCT,
            },
        }),
    )
}

/// Run `job` on the blocking pool once a compute slot is free; `None`
/// when too many requests are waiting already.
async fn with_slot<T: Send + 'static>(
    s: &Arc<Shared>,
    job: impl FnOnce(&Explorer) -> T + Send + 'static,
) -> Result<T, Response> {
    let busy = || {
        refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy (too many requests at once); try again in a moment",
            &[],
        )
    };
    let Ok(_admitted) = s.admission.try_acquire() else {
        return Err(busy());
    };
    let Ok(_slot) = s.compute.acquire().await else {
        return Err(busy());
    };
    let shared = Arc::clone(s);
    tokio::task::spawn_blocking(move || job(&shared.explorer))
        .await
        .map_err(|e| {
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("the computation failed (a bug): {e}"),
                &[],
            )
        })
}

fn parse(s: &Shared, query: &str) -> Result<Form, Response> {
    Form::parse(query, s.explorer.listed().len())
        .map_err(|e| refusal(StatusCode::BAD_REQUEST, &e.0, &[]))
}

async fn run_get(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    run_query(s, q.unwrap_or_default()).await
}

async fn run_post(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!(
                    "the request body is over {} KiB; a page's settings take a few hundred bytes",
                    MAX_BODY_BYTES / 1024
                ),
                &[],
            )
        }
        Err(e) => {
            return refusal(
                e.status(),
                &format!("cannot read the request body: {e}"),
                &[],
            )
        }
    };
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "the request body is not UTF-8 text: send the settings as a query string",
            &[],
        );
    };
    run_query(s, text).await
}

/// The page's numbers and charts for the settings in `query`.
async fn run_query(s: Arc<Shared>, query: String) -> Response {
    let form = match parse(&s, &query) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let started = Instant::now();
    let answer = with_slot(&s, move |e| -> Result<serde_json::Value, Refusal> {
        let fan = form.fan;
        let o = e.compute(form)?;
        // The indicators (gap solves) and the charts need only the run:
        // on two cores, side by side.
        let draw = || -> Result<(String, String, Option<String>), Refusal> {
            let debt = e.debt_chart(&o)?.svg()?;
            let difference = e.difference_chart(&o).svg()?;
            let fan_svg = if fan {
                Some(e.fan_chart(&o)?.svg()?)
            } else {
                None
            };
            Ok((debt, difference, fan_svg))
        };
        let (_, drawn) = rayon::join(|| o.run.indicators(), draw);
        let (debt, difference, fan_svg) = drawn?;
        Ok(summary(e, &o, debt, difference, fan_svg))
    })
    .await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
    match answer {
        Ok(Ok(mut v)) => {
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "server_ms".into(),
                    json!((elapsed_ms * 100.0).round() / 100.0),
                );
            }
            let mut r = json_answer(StatusCode::OK, &v);
            if let Ok(h) = HeaderValue::from_str(&format!("compute;dur={elapsed_ms:.2}")) {
                r.headers_mut().insert("server-timing", h);
            }
            r
        }
        Ok(Err(refusal)) => refused(refusal),
        Err(r) => r,
    }
}

/// A number as `fiscal run` prints it (`n/a` when there is none).
fn fixed(v: Option<f64>, decimals: usize) -> serde_json::Value {
    match v {
        Some(x) if x.is_finite() => json!(format!("{x:.decimals$}")),
        _ => json!("n/a"),
    }
}

fn summary(
    e: &Explorer,
    o: &Outcome,
    debt: String,
    difference: String,
    fan: Option<String>,
) -> serde_json::Value {
    let p = o.run.projection();
    let base = e.base_run().projection();
    let last = p.years.last();
    let base_last = last.and_then(|l| base.year(l.year));
    let ind = o.run.indicators();
    let h = &ind.headline;
    let base_gap = e.base_run().indicators().headline.fiscal_gap_pct_gdp;
    json!({
        "ok": true,
        "name": p.name,
        "base_name": base.name,
        "end_year": last.map(|y| y.year.to_string()),
        "psnd_end_pct_gdp": fixed(last.map(|y| y.psnd_pct_gdp), 1),
        "base_psnd_end_pct_gdp": fixed(base_last.map(|y| y.psnd_pct_gdp), 1),
        "psnd_difference_pp": fixed(last.zip(base_last).map(|(a, b)| a.psnd_pct_gdp - b.psnd_pct_gdp), 1),
        "fiscal_gap_pct_gdp": fixed(h.fiscal_gap_pct_gdp, 2),
        "base_fiscal_gap_pct_gdp": fixed(base_gap, 2),
        "s1_pct_gdp": fixed(h.s1_pct_gdp, 2),
        "s2_pct_gdp": fixed(h.s2_pct_gdp, 2),
        "share_of_gap_closed_pct": fixed(ind.share_of_gap_closed_by_interventions.map(|x| 100.0 * x), 1),
        "target": format!("PSND {:.0} % of GDP in {}", h.target_pct_gdp, h.target_year),
        "warnings": p.warnings(),
        "query": o.form.query(),
        "charts": { "debt": debt, "difference": difference, "fan": fan },
    })
}

/// A download: the scenario TOML, the projection CSV, or a chart.
async fn download(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(kind) = Download::of(&name) else {
        return not_found().await;
    };
    let mut form = match parse(&s, q.as_deref().unwrap_or_default()) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if matches!(kind, Download::Chart("fan", _)) {
        form.fan = true;
    }
    let answer = with_slot(&s, move |e| -> Result<Vec<u8>, Refusal> {
        let o = e.compute(form)?;
        Ok(match kind {
            Download::Scenario => e.scenario_toml(&o)?.into_bytes(),
            Download::Csv => fiscal::output::csv::projection_csv(o.run.projection()).into_bytes(),
            Download::Chart(which, format) => {
                let chart = match which {
                    "debt" => e.debt_chart(&o)?,
                    "difference" => e.difference_chart(&o),
                    _ => e.fan_chart(&o)?,
                };
                chart.render(format)?
            }
        })
    })
    .await;
    match answer {
        Ok(Ok(bytes)) => {
            let mut r = Response::new(Body::from(bytes));
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(kind.content_type()),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            no_store(r)
        }
        Ok(Err(r)) => refused(r),
        Err(r) => r,
    }
}

/// What `/api/download/{name}` gives.
#[derive(Debug, Clone, Copy)]
enum Download {
    Scenario,
    Csv,
    Chart(&'static str, fiscal::chart::ImageFormat),
}

impl Download {
    /// The download a file name asks for; only the names the page links.
    fn of(name: &str) -> Option<Download> {
        use fiscal::chart::ImageFormat::{Pdf, Png, Svg};
        Some(match name {
            "scenario.toml" => Download::Scenario,
            "projection.csv" => Download::Csv,
            "debt.svg" => Download::Chart("debt", Svg),
            "debt.png" => Download::Chart("debt", Png),
            "debt.pdf" => Download::Chart("debt", Pdf),
            "difference.svg" => Download::Chart("difference", Svg),
            "difference.png" => Download::Chart("difference", Png),
            "difference.pdf" => Download::Chart("difference", Pdf),
            "fan.svg" => Download::Chart("fan", Svg),
            "fan.png" => Download::Chart("fan", Png),
            "fan.pdf" => Download::Chart("fan", Pdf),
            _ => return None,
        })
    }

    fn content_type(self) -> &'static str {
        match self {
            Download::Scenario => "application/toml; charset=utf-8",
            Download::Csv => "text/csv; charset=utf-8",
            Download::Chart(_, fiscal::chart::ImageFormat::Svg) => "image/svg+xml",
            Download::Chart(_, fiscal::chart::ImageFormat::Png) => "image/png",
            Download::Chart(_, fiscal::chart::ImageFormat::Pdf) => "application/pdf",
        }
    }
}
