//! The request path of `fiscal serve`, end to end on loopback: a slider
//! move is one `GET /api/run` (parse the settings, lay them over the
//! scenario, `Run::project`, the indicators, the debt and difference SVG
//! charts, the JSON answer). For the embedded baseline and the
//! smarter-state package (seven interventions, each evaluated alone and
//! with its share of the fiscal gap), 60 moves of the productivity slider
//! each, fresh values every time; prints the median and 90th percentile of
//! the server's compute time (its `server_ms`) and of the round trip.
//! Results and the machine: docs/performance.md ("fiscal serve").
//!
//! `cargo bench --bench serve` (the release `fiscal` binary is built for it).

#[path = "../tests/common/server.rs"]
#[allow(dead_code)]
mod server;

use std::time::Instant;

fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * q).round() as usize]
}

fn main() {
    for scenario in ["baseline", "digital/smarter_state_central"] {
        let s = server::Server::start(&[scenario]);
        // Warm-up: the first answers fill caches and the blocking pool.
        for k in 0..5 {
            s.get(&format!(
                "/api/run?f.economy.productivity_growth_pct={}",
                0.5 + 0.1 * k as f64
            ));
        }
        let (mut server_ms, mut round_ms) = (Vec::new(), Vec::new());
        for k in 0..60 {
            let t = Instant::now();
            let a = s.get(&format!(
                "/api/run?f.economy.productivity_growth_pct={:.3}",
                1.0 + 0.01 * k as f64 + 0.001
            ));
            round_ms.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(a.status, 200, "{}", a.text());
            server_ms.push(a.json()["server_ms"].as_f64().unwrap_or(f64::NAN));
        }
        println!(
            "serve/{scenario}: server compute median {:.1} ms, p90 {:.1} ms; round trip median {:.1} ms, p90 {:.1} ms (60 moves)",
            quantile(&mut server_ms, 0.5),
            quantile(&mut server_ms, 0.9),
            quantile(&mut round_ms, 0.5),
            quantile(&mut round_ms, 0.9),
        );
    }
}
