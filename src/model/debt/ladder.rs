//! The conventional gilt maturity ladder: each year's redemptions are
//! refinanced at that year's gilt rate, spread evenly over maturities
//! `1..=2M−1` (average `M` years), and net new conventional issuance joins
//! the ladder the same way. Each rung keeps its own coupon bill, so the
//! effective rate moves slowly toward market rates.

// The ladder indexes its own maturity buckets, created to the maturity it is
// given.
#![allow(clippy::indexing_slicing)]

/// One rung of the conventional ladder: what matures in a given year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Rung {
    amount_gbp_bn: f64,
    coupon_gbp_bn: f64,
}

/// The conventional gilt ladder; rung `j` matures `j` years after the
/// current year (rung 0 has already been refinanced).
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    /// In a plain vector (a year's maturing shifts it down one rung, a
    /// copy of a few hundred bytes) so each pass runs over one slice.
    rungs: Vec<Rung>,
    issue_span_years: usize,
    /// The stock and the coupon bill, £bn: the rungs summed front to back
    /// from 0, redone in the same pass as every change (the same doubles
    /// as a separate pass; the debt side reads them twice a year).
    totals: (f64, f64),
}

impl Ladder {
    /// A ladder with redemption amounts `shape[k]` for k years after the
    /// current one (k = 0 is the year after calibration), scaled to
    /// `stock_gbp_bn` at the uniform coupon `rate_pct`; new issues spread
    /// over `1..=2M−1` years for an average maturity of `M`.
    #[cfg(test)]
    pub fn new(
        shape: &[f64],
        stock_gbp_bn: f64,
        rate_pct: f64,
        average_maturity_years: u32,
    ) -> Ladder {
        let span = (2 * average_maturity_years.max(1) - 1) as usize;
        let total: f64 = shape.iter().sum();
        let n = shape.len().max(span) + 1;
        let mut rungs = vec![Rung::default(); n];
        if total > 0.0 {
            // Rung k+1 of the ladder (seen from the calibration year) matures in the
            // k-th year after it; the first call to `roll` makes it rung 0.
            for (k, a) in shape.iter().enumerate() {
                let amount = stock_gbp_bn * a / total;
                rungs[k + 1] = Rung {
                    amount_gbp_bn: amount,
                    coupon_gbp_bn: amount * rate_pct / 100.0,
                };
            }
        } else {
            let mut l = Ladder::of(rungs, span);
            l.issue(stock_gbp_bn, rate_pct);
            return l;
        }
        Ladder::of(rungs, span)
    }

    fn of(rungs: Vec<Rung>, issue_span_years: usize) -> Ladder {
        let mut l = Ladder {
            rungs,
            issue_span_years,
            totals: (0.0, 0.0),
        };
        l.totals = sum(&l.rungs);
        l
    }

    /// A ladder from `(amount, coupon)` pairs, £bn, for rungs maturing
    /// 1, 2, ... years after the current one; new issues spread over
    /// `1..=2M−1` years for an average maturity of `M`.
    pub fn from_rungs(rungs: &[(f64, f64)], average_maturity_years: u32) -> Ladder {
        let span = (2 * average_maturity_years.max(1) - 1) as usize;
        let n = rungs.len().max(span) + 1;
        let mut out = vec![Rung::default(); n];
        for (k, (amount, coupon)) in rungs.iter().enumerate() {
            out[k + 1] = Rung {
                amount_gbp_bn: *amount,
                coupon_gbp_bn: *coupon,
            };
        }
        Ladder::of(out, span)
    }

    /// What matures in the coming year (amount, coupon), £bn.
    pub fn maturing(&self) -> (f64, f64) {
        self.rungs
            .get(1)
            .map(|r| (r.amount_gbp_bn, r.coupon_gbp_bn))
            .unwrap_or((0.0, 0.0))
    }

    /// Move to the next year and redeem what matures (without refinancing).
    pub fn mature(&mut self) {
        self.mature_scaled(None);
    }

    /// [`Ladder::mature`], then every amount and coupon multiplied by
    /// `factor` if given (the inflation uplift of index-linked gilts), in
    /// one pass that also sums the stock: the same doubles as maturing,
    /// scaling and summing one after the other.
    pub fn mature_scaled(&mut self, factor: Option<f64>) {
        let n = self.rungs.len();
        let (mut stock, mut coupon) = (0.0, 0.0);
        for j in 0..n {
            // Rung j + 1 moves down; rung 0 is redeemed; the far end is new.
            let mut r = if j == 0 || j + 1 == n {
                Rung::default()
            } else {
                self.rungs[j + 1]
            };
            if let Some(f) = factor {
                r.amount_gbp_bn *= f;
                r.coupon_gbp_bn *= f;
            }
            self.rungs[j] = r;
            stock += r.amount_gbp_bn;
            coupon += r.coupon_gbp_bn;
        }
        self.totals = (stock, coupon);
    }

    /// Rung `j + 1` becomes rung `j`; an empty rung joins at the far end.
    #[cfg(test)]
    fn shift(&mut self) {
        if let Some(last) = self.rungs.len().checked_sub(1) {
            self.rungs.copy_within(1.., 0);
            self.rungs[last] = Rung::default();
        }
    }

    /// Multiply every amount and coupon by `factor`.
    #[cfg(test)]
    pub fn scale(&mut self, factor: f64) {
        for r in self.rungs.iter_mut() {
            r.amount_gbp_bn *= factor;
            r.coupon_gbp_bn *= factor;
        }
        self.totals = sum(&self.rungs);
    }

    /// Add `gbp_bn` to the coupon bill, spread over the rungs pro rata to
    /// their amounts (so it runs off as they mature).
    pub fn add_coupon_pro_rata(&mut self, gbp_bn: f64) {
        let stock = self.stock_gbp_bn();
        if stock > 0.0 {
            for r in self.rungs.iter_mut() {
                r.coupon_gbp_bn += gbp_bn * r.amount_gbp_bn / stock;
            }
            self.totals = sum(&self.rungs);
        }
    }

    /// Total conventional stock, £bn.
    pub fn stock_gbp_bn(&self) -> f64 {
        self.totals().0
    }

    /// Annual coupon bill of the stock, £bn.
    #[cfg(test)]
    pub fn coupon_gbp_bn(&self) -> f64 {
        self.totals().1
    }

    /// The stock and the coupon bill, £bn (the rungs summed front to back).
    pub fn totals(&self) -> (f64, f64) {
        self.totals
    }

    /// Move to the next year: redeem the rung that matures and refinance it
    /// at `gilt_rate_pct`.
    #[cfg(test)]
    pub fn roll(&mut self, gilt_rate_pct: f64) {
        self.shift();
        let matured = std::mem::take(&mut self.rungs[0]);
        self.totals = sum(&self.rungs);
        self.issue(matured.amount_gbp_bn, gilt_rate_pct);
    }

    /// Issue `amount_gbp_bn` of new gilts at `rate_pct`, spread evenly over the
    /// following `1..=span` years. Symmetric for net assets: an amount of the
    /// opposite sign to the stock first retires the stock pro rata (at its
    /// own coupons), and any remainder is issued as new rungs of its own
    /// sign (negative rungs are assets earning `rate_pct`). The new totals
    /// are summed in the pass that changes the rungs.
    pub fn issue(&mut self, amount_gbp_bn: f64, rate_pct: f64) {
        let stock = self.totals.0;
        let mut keep = 1.0;
        let mut rest = amount_gbp_bn;
        if stock != 0.0 && stock.signum() != amount_gbp_bn.signum() && amount_gbp_bn != 0.0 {
            keep = ((stock + amount_gbp_bn) / stock).max(0.0);
            rest = if keep > 0.0 {
                0.0
            } else {
                stock + amount_gbp_bn
            };
        }
        let span = self.issue_span_years;
        if rest != 0.0 && self.rungs.len() <= span {
            self.rungs.resize(span + 1, Rung::default());
        }
        let each = rest / span as f64;
        let (mut total_stock, mut total_coupon) = (0.0, 0.0);
        for (j, r) in self.rungs.iter_mut().enumerate() {
            // A buyback retires every rung pro rata first; then what is
            // left to issue joins rungs 1..=span.
            if keep != 1.0 {
                r.amount_gbp_bn *= keep;
                r.coupon_gbp_bn *= keep;
            }
            if rest != 0.0 && (1..=span).contains(&j) {
                r.amount_gbp_bn += each;
                r.coupon_gbp_bn += each * rate_pct / 100.0;
            }
            total_stock += r.amount_gbp_bn;
            total_coupon += r.coupon_gbp_bn;
        }
        self.totals = (total_stock, total_coupon);
    }
}

/// The rungs' stock and coupon bill, summed front to back from 0.
fn sum(rungs: &[Rung]) -> (f64, f64) {
    let (mut stock, mut coupon) = (0.0, 0.0);
    for r in rungs {
        stock += r.amount_gbp_bn;
        coupon += r.coupon_gbp_bn;
    }
    (stock, coupon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinancing_moves_the_effective_rate_toward_market() {
        let mut l = Ladder::new(&[1.0; 10], 100.0, 2.0, 5);
        assert!((l.coupon_gbp_bn() - 2.0).abs() < 1e-12);
        for _ in 0..40 {
            l.roll(5.0);
        }
        assert!((l.stock_gbp_bn() - 100.0).abs() < 1e-9);
        assert!((l.coupon_gbp_bn() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn first_roll_refinances_only_the_first_year() {
        let mut l = Ladder::new(&[10.0, 90.0], 100.0, 0.0, 1);
        l.roll(10.0);
        // 10 matured and was reissued at 10 %.
        assert!((l.coupon_gbp_bn() - 1.0).abs() < 1e-12);
        assert!((l.stock_gbp_bn() - 100.0).abs() < 1e-12);
    }

    #[test]
    fn maturing_rungs_leave_and_uplift_scales() {
        let mut l = Ladder::from_rungs(&[(10.0, 1.0), (20.0, 0.5)], 1);
        assert_eq!(l.maturing(), (10.0, 1.0));
        l.mature();
        assert!((l.stock_gbp_bn() - 20.0).abs() < 1e-12);
        l.scale(1.1);
        assert!((l.coupon_gbp_bn() - 0.55).abs() < 1e-12);
        l.add_coupon_pro_rata(1.0);
        assert!((l.coupon_gbp_bn() - 1.55).abs() < 1e-12);
    }

    #[test]
    fn net_assets_earn_the_rate_they_were_bought_at() {
        let mut l = Ladder::from_rungs(&[(50.0, 2.0), (50.0, 2.0)], 1);
        // Retire the 100 of debt (at its 4 % coupons) and buy 200 of assets at 5 %.
        l.issue(-300.0, 5.0);
        assert!((l.stock_gbp_bn() + 200.0).abs() < 1e-12);
        assert!((l.coupon_gbp_bn() + 10.0).abs() < 1e-12);
        // Selling assets is the mirror image.
        l.issue(100.0, 7.0);
        assert!((l.stock_gbp_bn() + 100.0).abs() < 1e-12);
        assert!((l.coupon_gbp_bn() + 5.0).abs() < 1e-12);
    }

    #[test]
    fn buyback_scales_pro_rata() {
        let mut l = Ladder::new(&[1.0; 4], 100.0, 4.0, 2);
        l.issue(-50.0, 9.0);
        assert!((l.stock_gbp_bn() - 50.0).abs() < 1e-12);
        assert!((l.coupon_gbp_bn() - 2.0).abs() < 1e-12);
    }
}
