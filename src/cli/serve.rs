//! `fiscal serve [SCENARIO]`: the interactive scenario explorer, a local
//! web page served by the binary on the same model (docs/serve.md).
//!
//! The server answers on 127.0.0.1 unless `--host` says otherwise (with a
//! warning: the page has no login). It uses the library exactly as the
//! command line does: the page's settings are TOML laid over the scenario
//! ([`fiscal::Scenario::with_toml`]), projected by [`fiscal::Run::project`]
//! and drawn by [`fiscal::chart`].

mod app;
mod assets;
mod controls;
mod explorer;
mod form;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;

/// Arguments of `fiscal serve`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal serve", "explore the baseline at http://127.0.0.1:8075/"),
    ("fiscal serve digital/smarter_state_central --open", "a shipped scenario, opened in the browser"),
    ("fiscal serve my.toml --port 0", "your own scenario, on a free port (printed)"),
]))]
pub struct Args {
    /// Scenario file (TOML) or shipped scenario the page starts from; the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// Port to listen on (0: any free port, printed on start).
    #[arg(long, default_value_t = 8075)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address lets other machines use the page (which has no login): a warning says so.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Open the page in the default browser once the server is listening.
    #[arg(long)]
    pub open: bool,
}

/// Run `fiscal serve` until interrupted.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let explorer = explorer::Explorer::new(scenario)?;
    if !args.host.is_loopback() {
        super::warn(&format!(
            "--host {}: the page is open to other machines on that network, without a login; use 127.0.0.1 unless you mean it",
            args.host
        ));
    }
    let slots = std::thread::available_parallelism().map_or(2, |n| n.get());
    let shared = app::Shared::new(explorer, slots);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(slots.max(2) * 2)
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(args.host, args.port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            UsageError(format!(
                "cannot listen on {addr}: {e}; choose another port with --port (0 picks a free one)"
            ))
        })?;
        let local = listener
            .local_addr()
            .context("cannot read the address the server listens on")?;
        let url = format!("http://{local}/");
        outln!("fiscal serve: {url} (Ctrl-C stops it)")?;
        use std::io::Write as _;
        std::io::stdout().flush().map_err(super::StdoutError)?;
        if args.open {
            open_browser(&url);
        }
        axum::serve(listener, app::router(shared))
            .await
            .context("the server stopped")
    })
}

/// Ask the desktop to open `url` (a warning, not an error, when it cannot).
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        super::warn(&format!(
            "--open: cannot start {opener} ({e}); open {url} yourself"
        ));
    }
}
