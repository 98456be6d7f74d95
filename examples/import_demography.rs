//! Rebuild `data/demography/*.csv` from the ONS files in the shared data
//! directory: `cargo run --release --example import_demography -- SHARED_DIR [OUT_DIR]`.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let shared = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "data/demography".into()));
    let summary = fiscal::data::ons_npp::import_demography(&shared, &out)?;
    for (name, bytes) in &summary.files {
        println!("{name}\t{bytes} bytes");
    }
    println!(
        "UK base population {:.0}",
        summary.uk_base_population_persons
    );
    Ok(())
}
