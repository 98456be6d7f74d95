//! The page's state as a query string, and what it asks of the scenario.
//!
//! The same string is the page's URL (so a link shares the scenario), the
//! body of `POST /api/run` and the query of every download. Keys:
//!
//! - `f.<field>=<number>`: a control ([`super::controls::CONTROLS`]);
//! - `spa=<path>`: a State Pension age path ([`super::controls::SPA_PATHS`]);
//! - `i<n>=<on>,<scale>,<retention>,<decay>`: intervention `n` of the
//!   page's list: on (1) or off (0), a multiple of its size, the share of
//!   its cashable saving the Exchequer keeps (`exchequer_retention_share`) and the decay of its
//!   savings in % a year (`decay_pct`; 0 persists);
//! - `fan=1`: draw the fan chart too;
//! - `toml=<text>`: further settings as scenario TOML, laid over the rest.
//!
//! Parsing refuses anything else with a message that names the key and
//! says how to fix it; numbers must be finite and inside the page's ranges.

use std::collections::BTreeMap;

use super::controls::{self, DECAY_RANGE_PCT, RETENTION_RANGE, SCALE_RANGE};

/// The longest query (or `POST /api/run` body) accepted.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;
/// The longest `toml` setting accepted.
pub const MAX_TOML_BYTES: usize = 16 * 1024;

/// One intervention's page settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InterventionSetting {
    /// Whether it is in the scenario.
    pub on: bool,
    /// Multiple of its savings and costs.
    pub scale: f64,
    /// `exchequer_retention_share`.
    pub retention_share: f64,
    /// `decay_pct`.
    pub decay_pct: f64,
}

/// What the page asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    /// Control values by dotted field path.
    pub fields: BTreeMap<&'static str, f64>,
    /// A State Pension age path key, if not the scenario's own.
    pub spa: Option<&'static str>,
    /// Intervention settings by index in the page's list.
    pub interventions: BTreeMap<usize, InterventionSetting>,
    /// Whether to draw the fan chart.
    pub fan: bool,
    /// Further settings as TOML.
    pub toml: Option<String>,
}

/// A request the page cannot have sent: the message says what and how to
/// fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct FormError(pub String);

fn number(key: &str, text: &str, (lo, hi): (f64, f64), what: &str) -> Result<f64, FormError> {
    let v: f64 = text.trim().parse().map_err(|_| {
        FormError(format!(
            "`{key}`: `{}` is not a number; give {what} as a decimal number such as {lo}",
            clip(text)
        ))
    })?;
    if !v.is_finite() {
        return Err(FormError(format!(
            "`{key}`: `{}` is not a finite number; give {what} between {lo} and {hi}",
            clip(text)
        )));
    }
    if v < lo || v > hi {
        return Err(FormError(format!(
            "`{key}`: {v} is outside the page's range for {what}, {lo} to {hi}; for values beyond it, edit a scenario file (\"Download scenario\") and run it with `fiscal run`"
        )));
    }
    Ok(v)
}

/// At most 40 characters of `s`, for messages.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn intervention(key: &str, value: &str) -> Result<InterventionSetting, FormError> {
    let parts: Vec<&str> = value.split(',').collect();
    let [on, scale, retention, decay] = parts.as_slice() else {
        return Err(FormError(format!(
            "`{key}` = `{}`: give four values, on (1 or 0), scale, retention and decay, e.g. `1,1,0.5,0`",
            clip(value)
        )));
    };
    let on = match *on {
        "1" => true,
        "0" => false,
        other => {
            return Err(FormError(format!(
                "`{key}`: `{}` is not 1 (on) or 0 (off)",
                clip(other)
            )))
        }
    };
    Ok(InterventionSetting {
        on,
        scale: number(key, scale, SCALE_RANGE, "the scale")?,
        retention_share: number(
            key,
            retention,
            RETENTION_RANGE,
            "the Exchequer retention share",
        )?,
        decay_pct: number(key, decay, DECAY_RANGE_PCT, "the decay in % a year")?,
    })
}

impl Form {
    /// Parse a query string; `interventions` is the length of the page's
    /// intervention list.
    pub fn parse(query: &str, interventions: usize) -> Result<Form, FormError> {
        if query.len() > MAX_QUERY_BYTES {
            return Err(FormError(format!(
                "the settings are {} bytes, over the {} KiB the page accepts; a page's settings take a few hundred bytes",
                query.len(),
                MAX_QUERY_BYTES / 1024
            )));
        }
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| {
            FormError(format!(
                "the settings are not a valid query string ({e}); open the page afresh"
            ))
        })?;
        let mut form = Form::default();
        let mut seen = std::collections::BTreeSet::new();
        for (key, value) in &pairs {
            if !seen.insert(key.as_str()) {
                return Err(FormError(format!(
                    "`{}` is given twice; give each setting once",
                    clip(key)
                )));
            }
            form.set(key, value, interventions)?;
        }
        Ok(form)
    }

    fn set(&mut self, key: &str, value: &str, interventions: usize) -> Result<(), FormError> {
        if let Some(field) = key.strip_prefix("f.") {
            let Some(c) = controls::find(field) else {
                return Err(FormError(format!(
                    "`{}` is not a setting the page offers; the page's fields are {}",
                    clip(key),
                    controls::CONTROLS
                        .iter()
                        .map(|c| format!("f.{}", c.key))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            let v = number(key, value, (c.min, c.max), c.label)?;
            self.fields.insert(c.key, v);
            return Ok(());
        }
        match key {
            "spa" => {
                let Some(p) = controls::SPA_PATHS.iter().find(|p| p.0 == value) else {
                    return Err(FormError(format!(
                        "`spa` = `{}` is not a State Pension age path the page offers; give one of: {}",
                        clip(value),
                        controls::SPA_PATHS.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
                    )));
                };
                self.spa = Some(p.0);
            }
            "fan" => {
                self.fan = match value {
                    "1" => true,
                    "0" => false,
                    _ => return Err(FormError("`fan`: give 1 (draw the fan) or 0".into())),
                }
            }
            "toml" => {
                if value.len() > MAX_TOML_BYTES {
                    return Err(FormError(format!(
                        "`toml`: the settings text is {} bytes, over {} KiB; put long scenarios in a file and run them with `fiscal run`",
                        value.len(),
                        MAX_TOML_BYTES / 1024
                    )));
                }
                if !value.trim().is_empty() {
                    self.toml = Some(value.to_string());
                }
            }
            _ => {
                let index = key
                    .strip_prefix('i')
                    .filter(|n| {
                        !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
                    })
                    .and_then(|n| n.parse::<usize>().ok());
                match index {
                    Some(n) if n < interventions => {
                        self.interventions.insert(n, intervention(key, value)?);
                    }
                    Some(n) => {
                        return Err(FormError(format!(
                            "`{key}`: the page lists {interventions} interventions, numbered 0 to {}; there is no intervention {n}",
                            interventions.saturating_sub(1)
                        )))
                    }
                    None => {
                        return Err(FormError(format!(
                            "`{}` is not a setting the page knows (f.<field>, spa, i<n>, fan, toml); open the page afresh",
                            clip(key)
                        )))
                    }
                }
            }
        }
        Ok(())
    }

    /// The canonical query string of the form (keys in a fixed order).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in &self.fields {
            pairs.push((format!("f.{k}"), v.to_string()));
        }
        if let Some(s) = self.spa {
            pairs.push(("spa".into(), s.into()));
        }
        for (n, s) in &self.interventions {
            pairs.push((
                format!("i{n}"),
                format!(
                    "{},{},{},{}",
                    u8::from(s.on),
                    s.scale,
                    s.retention_share,
                    s.decay_pct
                ),
            ));
        }
        if self.fan {
            pairs.push(("fan".into(), "1".into()));
        }
        if let Some(t) = &self.toml {
            pairs.push(("toml".into(), t.clone()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_form_parses_and_prints_back() {
        let q = "f.economy.productivity_growth_pct=1.2&spa=legislated&i2=1%2C1.5%2C0.5%2C2&fan=1&toml=%5Beconomy%5D";
        let f = Form::parse(q, 3).unwrap();
        assert_eq!(f.fields["economy.productivity_growth_pct"], 1.2);
        assert_eq!(f.spa, Some("legislated"));
        assert!(f.fan);
        assert_eq!(f.interventions[&2].scale, 1.5);
        assert_eq!(Form::parse(&f.query(), 3).unwrap(), f);
    }

    #[test]
    fn hostile_values_are_refused_with_a_message() {
        for (q, says) in [
            (
                "f.economy.productivity_growth_pct=NaN",
                "not a finite number",
            ),
            (
                "f.economy.productivity_growth_pct=inf",
                "not a finite number",
            ),
            (
                "f.economy.productivity_growth_pct=1e999",
                "not a finite number",
            ),
            (
                "f.economy.productivity_growth_pct=9",
                "outside the page's range",
            ),
            ("f.economy.productivity_growth_pct=abc", "not a number"),
            ("f.data.population_file=1", "not a setting the page offers"),
            ("../../etc/passwd=1", "not a setting the page knows"),
            ("i9=1,1,1,0", "there is no intervention 9"),
            ("i0=1,1,1", "four values"),
            ("i0=2,1,1,0", "not 1 (on) or 0"),
            ("spa=/etc/passwd", "not a State Pension age path"),
            ("fan=1&fan=0", "given twice"),
        ] {
            let e = Form::parse(q, 3).unwrap_err();
            assert!(e.0.contains(says), "{q}: {e}");
        }
        let long = "x".repeat(MAX_QUERY_BYTES + 1);
        assert!(Form::parse(&long, 3).unwrap_err().0.contains("KiB"));
    }
}
