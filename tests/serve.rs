//! `fiscal serve`: the page and its API answer, the downloaded scenario
//! reproduces the page's numbers under `fiscal run`, hostile requests get a
//! 4xx with a message, and (ignored by default; `.ci/run` runs it) a load
//! test of 50 concurrent clients. The real-browser test is
//! tests/browser/check_serve.sh.

use std::time::{Duration, Instant};

use crate::common::server::{request, rss_kib, Server};
use crate::common::{fiscal, success_stdout};

/// The 2075-76 PSND and the one-off fiscal gap as `fiscal run` prints them.
pub fn run_headline(table: &str) -> (String, String) {
    let mut lines = table.lines();
    let years: Vec<&str> = lines
        .by_ref()
        .find(|l| l.contains("2075-76"))
        .unwrap()
        .split_whitespace()
        .collect();
    let col = years.iter().position(|y| *y == "2075-76").unwrap();
    let psnd_row = table
        .lines()
        .find(|l| l.starts_with("PSND (% of GDP"))
        .unwrap();
    let cells: Vec<&str> = psnd_row
        .split_whitespace()
        .rev()
        .take(years.len())
        .collect();
    let psnd = cells[years.len() - 1 - col].to_string();
    let gap = table
        .lines()
        .find(|l| l.trim_start().starts_with("Fiscal gap, one-off"))
        .unwrap()
        .split_whitespace()
        .nth(3)
        .unwrap()
        .to_string();
    (psnd, gap)
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let s = Server::start(&[]);
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/assets/app.js"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    for a in ["/assets/app.js", "/assets/app.css"] {
        assert_eq!(s.get(a).status, 200, "{a}");
    }
    let config = s.get("/api/config").json();
    assert_eq!(config["scenario"], "Baseline");
    // The baseline has no interventions: the page offers the seven of the
    // shipped smarter-state package, off.
    let ivs = config["interventions"].as_array().unwrap();
    assert_eq!(ivs.len(), 7, "{ivs:?}");
    assert!(ivs.iter().all(|i| i["on"] == false));
    let controls = config["controls"].as_array().unwrap();
    let productivity = controls
        .iter()
        .find(|c| c["key"] == "economy.productivity_growth_pct")
        .unwrap();
    assert_eq!(productivity["base"], 1.5);
}

#[test]
fn the_downloaded_scenario_gives_the_pages_numbers_under_fiscal_run() {
    let s = Server::start(&[]);
    let q = "f.economy.productivity_growth_pct=1.2&f.population.net_migration_persons=150000&spa=legislated&i0=1,1.5,0.6,1&i3=1,1,0.5,0";
    let page = s.get(&format!("/api/run?{q}")).json();
    assert_eq!(page["ok"], true, "{page}");
    assert_eq!(page["end_year"], "2075-76");
    let toml = s.get(&format!("/api/download/scenario.toml?{q}"));
    assert_eq!(toml.status, 200);
    assert!(toml
        .header("content-disposition")
        .unwrap()
        .contains("scenario.toml"));
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write(dir.path(), "page.toml", &toml.text());
    let table = success_stdout(fiscal().arg("run").arg(&file));
    let (psnd, gap) = run_headline(&table);
    assert_eq!(page["psnd_end_pct_gdp"], psnd, "{table}");
    assert_eq!(page["fiscal_gap_pct_gdp"], gap, "{table}");
    // Every year, not only the headline: the CSV download is `fiscal run`'s.
    let csv = s.get(&format!("/api/download/projection.csv?{q}"));
    let cli_csv = success_stdout(fiscal().arg("run").arg(&file).args(["--format", "csv"]));
    assert_eq!(csv.text(), cli_csv);
    // The settings moved the numbers.
    let base = s.get("/api/run").json();
    assert_ne!(base["psnd_end_pct_gdp"], page["psnd_end_pct_gdp"]);
    assert_ne!(base["charts"]["debt"], page["charts"]["debt"]);
    assert_eq!(base["psnd_difference_pp"], "0.0");
}

#[test]
fn charts_download_as_svg_and_png() {
    let s = Server::start(&[]);
    let svg = s.get("/api/download/difference.svg?f.economy.productivity_growth_pct=1");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.text().contains("Difference in public sector net debt"));
    let png = s.get("/api/download/debt.png");
    assert_eq!(png.status, 200);
    assert_eq!(&png.body[..8], b"\x89PNG\r\n\x1a\n");
}

/// `status`, and a JSON body with an `error` message containing `says`.
fn refused(a: &crate::common::server::Answer, status: u16, says: &str) {
    assert_eq!(a.status, status, "{}", a.text());
    let j = a.json();
    assert_eq!(j["ok"], false);
    let msg = j["error"].as_str().unwrap();
    assert!(msg.contains(says), "expected {says:?} in {msg:?}");
}

#[test]
fn hostile_requests_are_answered_4xx_with_a_message() {
    let s = Server::start(&[]);
    // Huge bodies and queries.
    refused(&s.post("/api/run", &vec![b'a'; 4 << 20]), 413, "KiB");
    let long = format!("/api/run?toml={}", "x".repeat(40_000));
    refused(&s.get(&long), 400, "KiB");
    // Non-finite and out-of-range numbers.
    for q in [
        "f.economy.productivity_growth_pct=NaN",
        "f.economy.productivity_growth_pct=inf",
        "f.economy.productivity_growth_pct=-1e999",
        "i0=1,NaN,1,0",
    ] {
        refused(&s.get(&format!("/api/run?{q}")), 400, "not a finite number");
    }
    refused(
        &s.get("/api/run?f.economy.productivity_growth_pct=50"),
        400,
        "outside the page's range",
    );
    // Path-like names.
    for p in [
        "/assets/..%2F..%2FCargo.toml",
        "/assets/../../Cargo.toml",
        "/api/download/..%2F..%2Fetc%2Fpasswd",
        "/etc/passwd",
    ] {
        refused(&s.get(p), 404, "no such page");
    }
    refused(
        &s.get("/api/run?..%2F..%2Fetc%2Fpasswd=1"),
        400,
        "not a setting the page knows",
    );
    refused(
        &s.get("/api/run?spa=..%2Fbaseline.toml"),
        400,
        "not a State Pension age path",
    );
    // Settings as TOML that would read a file are refused before reading.
    let toml = |t: &str| {
        format!(
            "/api/run?toml={}",
            t.replace(' ', "+")
                .replace('=', "%3D")
                .replace('\n', "%0A")
                .replace('/', "%2F")
                .replace('[', "%5B")
                .replace(']', "%5D")
                .replace('"', "%22")
        )
    };
    refused(
        &s.get(&toml("[population]\nprojection = \"/etc/passwd\"")),
        422,
        "reads no files",
    );
    refused(
        &s.get(&toml("extends = \"/etc/passwd\"")),
        422,
        "cannot be laid over a loaded scenario",
    );
    refused(
        &s.get(&toml("[data]\npopulation_file = \"/etc/passwd\"")),
        422,
        "cannot be laid over a loaded scenario",
    );
    // Invalid TOML and invalid values: located, in `fiscal check`'s words.
    refused(&s.get(&toml("[economy")), 422, "page TOML:1");
    let bad = s.get(&toml("[economy]\nproductivity_growth_pct = nan"));
    refused(&bad, 422, "productivity_growth_pct");
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write(
        dir.path(),
        "bad.toml",
        "[economy]\nproductivity_growth_pct = nan\n",
    );
    let out = fiscal().arg("check").arg(&file).output().unwrap();
    let check = String::from_utf8_lossy(&out.stderr);
    let page_problem = bad.json()["problems"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(check.contains(&page_problem), "{check} / {page_problem}");
    // The server is still up.
    assert_eq!(s.get("/api/config").status, 200);
}

#[test]
fn a_served_scenario_with_interventions_starts_with_them_on() {
    let s = Server::start(&["digital/smarter_state_central"]);
    let config = s.get("/api/config").json();
    let ivs = config["interventions"].as_array().unwrap();
    assert_eq!(ivs.len(), 7);
    assert!(ivs.iter().all(|i| i["on"] == true));
    let run = s.get("/api/run").json();
    assert_ne!(run["share_of_gap_closed_pct"], "n/a", "{run}");
    // All off: no share to close.
    let off: Vec<String> = (0..7).map(|n| format!("i{n}=0,1,0.5,0")).collect();
    let run = s.get(&format!("/api/run?{}", off.join("&"))).json();
    assert_eq!(run["share_of_gap_closed_pct"], "n/a", "{run}");
}

/// 50 clients for 30 s (`FISCAL_SERVE_LOAD_SECS` to change), each sending
/// one request after another with its own settings: no error, the server
/// alive, its memory flat (within 25 % or 32 MiB of its size after a
/// warm-up). Run by `.ci/run`: `cargo test --test suite serve:: -- --ignored`.
#[test]
#[ignore = "30 s; .ci/run runs it"]
fn load_50_clients_30_seconds() {
    let secs: u64 = std::env::var("FISCAL_SERVE_LOAD_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let mut s = Server::start(&["digital/smarter_state_central"]);
    let addr = s.addr;
    // Warm up: every allocation pattern once.
    for k in 0..20 {
        let a = request(
            addr,
            "GET",
            &format!(
                "/api/run?f.economy.productivity_growth_pct={}",
                1.0 + 0.05 * k as f64
            ),
            b"",
        );
        assert_eq!(a.status, 200);
    }
    let rss_start = rss_kib(s.pid());
    let end = Instant::now() + Duration::from_secs(secs);
    let clients: Vec<_> = (0..50)
        .map(|c| {
            std::thread::spawn(move || {
                let (mut ok, mut bad) = (0u32, Vec::new());
                let mut k = 0;
                while Instant::now() < end {
                    let q = format!(
                        "f.economy.productivity_growth_pct={}&i{}=1,{},0.5,0",
                        1.0 + 0.01 * ((c * 7 + k) % 100) as f64,
                        c % 7,
                        0.5 + 0.1 * (k % 10) as f64
                    );
                    let a = request(
                        addr,
                        if k % 2 == 0 { "GET" } else { "POST" },
                        &if k % 2 == 0 {
                            format!("/api/run?{q}")
                        } else {
                            "/api/run".into()
                        },
                        if k % 2 == 0 { b"" } else { q.as_bytes() },
                    );
                    if a.status == 200 {
                        ok += 1;
                    } else {
                        bad.push(format!("{}: {}", a.status, a.text()));
                    }
                    k += 1;
                }
                (ok, bad)
            })
        })
        .collect();
    let mut total = 0;
    let mut errors = Vec::new();
    for c in clients {
        let (ok, bad) = c.join().unwrap();
        total += ok;
        errors.extend(bad);
    }
    let rss_end = rss_kib(s.pid());
    eprintln!(
        "load: {total} requests in {secs} s ({:.0}/s), {} errors; RSS {rss_start} KiB after warm-up, {rss_end} KiB at the end",
        total as f64 / secs as f64,
        errors.len()
    );
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(5)]);
    assert!(s.alive());
    assert!(total > 0);
    if rss_start > 0 {
        assert!(
            rss_end <= rss_start + (rss_start / 4).max(32 * 1024),
            "memory grew from {rss_start} KiB to {rss_end} KiB"
        );
    }
}

#[test]
fn a_non_loopback_host_is_warned_about() {
    use std::io::{BufRead, BufReader, Read};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fiscal"))
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("http://0.0.0.0:"), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("warning: --host 0.0.0.0"), "{err}");
}
