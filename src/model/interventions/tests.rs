//! Properties of efficiency interventions: a zero intervention changes
//! nothing to the bit, more saving never raises debt, costs alone raise it,
//! two halves equal the whole, and a permanent saving lowers final debt by
//! what the debt identity implies on the projection's own paths.

use super::{Adoption, Intervention};
use crate::data::Dataset;
use crate::model::engine::project;
use crate::model::{Assumptions, Projection};
use crate::FiscalYear;
use proptest::prelude::*;

/// The embedded default scenario's assumptions and the data it runs on.
fn baseline() -> (Assumptions, Dataset) {
    let s = crate::Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    (s.assumptions, d)
}

fn blank(name: &str) -> Intervention {
    let mut i: Intervention = toml::from_str(&format!(
        r#"
name = "{name}"
target = "non_age_related"
start_year = "2027-28"
delay_years = 1.0
adoption = "logistic"
adoption_midpoint_years = 4.0
adoption_steepness = 0.6
ramp_years = 5.0
take_up_cap_share = 0.9
upfront_years = 3
refresh_every_years = 5
refresh_cost_share = 0.3
optimism_bias_cost_uplift_share = 0.5
optimism_bias_duration_uplift_share = 0.4
benefit_haircut_share = 0.5
probability_of_success_share = 0.65
cashable_share = 0.5
exchequer_retention_share = 1.0
gbp_bn_indexation = "nominal_gdp"
"#
    ))
    .unwrap();
    i.failure_stop_years = 6.0;
    i
}

fn run_with(list: Vec<Intervention>) -> Projection {
    let (mut a, d) = baseline();
    a.intervention = list;
    project(&a, &d).unwrap()
}

#[test]
fn a_zero_intervention_leaves_the_projection_identical_to_the_bit() {
    let (a, d) = baseline();
    let base = project(&a, &d).unwrap();
    let with = run_with(vec![blank("nothing")]);
    assert_eq!(base.years, with.years);
}

#[test]
fn costs_without_savings_raise_debt() {
    let base = run_with(vec![]);
    let mut i = blank("costs only");
    i.upfront_cost_gbp_bn = 2.0;
    i.running_cost_gbp_bn = 0.3;
    let with = run_with(vec![i]);
    for (b, w) in base.years.iter().zip(&with.years).skip(2) {
        assert!(w.psnd_gbp_bn > b.psnd_gbp_bn, "{}", b.year);
    }
}

#[test]
fn a_permanent_saving_lowers_final_debt_as_the_identity_implies() {
    // A saving of s % of GDP every year from 2030-31, fully realised.
    let s_pct = 0.5;
    let base = run_with(vec![]);
    let mut i = blank("permanent");
    i.start_year = Some(FiscalYear(2030));
    i.delay_years = 0.0;
    i.adoption = Some(Adoption::Immediate);
    i.take_up_cap_share = 1.0;
    i.benefit_haircut_share = 0.0;
    i.probability_of_success_share = 1.0;
    i.cashable_share = 1.0;
    i.saving_gbp_bn = s_pct / 100.0 * base.years[0].gdp_gbp_bn;
    let with = run_with(vec![i]);
    // Predicted change in final PSND: each year's saving accumulates at the
    // baseline's effective interest rate, and saves half a year of interest
    // in its own year (the half-year convention):
    // ΔD[T] = −Σ S[t] (1 + i[t]/2) Π_{j>t} (1 + i[j]).
    let k0 = base
        .years
        .iter()
        .position(|y| y.year == FiscalYear(2030))
        .unwrap();
    let mut predicted = 0.0;
    for y in base.years.iter().skip(k0) {
        let i = y.effective_interest_rate_pct / 100.0;
        predicted = predicted * (1.0 + i) - s_pct / 100.0 * y.gdp_gbp_bn * (1.0 + i / 2.0);
    }
    let last_b = base.years.last().unwrap();
    let last_w = with.years.last().unwrap();
    let actual = last_w.psnd_gbp_bn - last_b.psnd_gbp_bn;
    let gap = (actual - predicted) / predicted;
    // The marginal cost of debt (new gilts at market rates) differs a little
    // from the average effective rate: allowed 1 %.
    assert!(
        gap.abs() < 0.01,
        "actual {actual:.1} vs predicted {predicted:.1} (gap {:.2} %)",
        100.0 * gap
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn more_saving_never_raises_debt(s in 0.0f64..0.5, extra in 0.0f64..0.5, target in 0usize..3) {
        let key = ["non_age_related", "health", "income_tax"][target];
        let make = |share: f64| {
            let mut i = blank("x");
            i.target = key.into();
            i.saving_share = share;
            i.upfront_cost_gbp_bn = 1.0;
            i.running_cost_gbp_bn = 0.1;
            i
        };
        let less = run_with(vec![make(s)]);
        let more = run_with(vec![make(s + extra)]);
        for (x, y) in less.years.iter().zip(&more.years) {
            prop_assert!(y.psnd_gbp_bn <= x.psnd_gbp_bn + 1e-9, "{}", x.year);
        }
    }

    #[test]
    fn two_halves_equal_the_whole(share in 0.0f64..0.4, gbp in 0.0f64..5.0, cost in 0.0f64..3.0) {
        let mut whole = blank("whole");
        whole.saving_share = share;
        whole.saving_gbp_bn = gbp;
        whole.upfront_cost_gbp_bn = cost;
        whole.running_cost_gbp_bn = cost / 10.0;
        let mut half_a = whole.clone();
        half_a.name = "a".into();
        half_a.saving_share /= 2.0;
        half_a.saving_gbp_bn /= 2.0;
        half_a.upfront_cost_gbp_bn /= 2.0;
        half_a.running_cost_gbp_bn /= 2.0;
        let mut half_b = half_a.clone();
        half_b.name = "b".into();
        let one = run_with(vec![whole]);
        let two = run_with(vec![half_a, half_b]);
        for (x, y) in one.years.iter().zip(&two.years) {
            prop_assert!((x.psnd_gbp_bn - y.psnd_gbp_bn).abs() < 1e-9 * x.psnd_gbp_bn, "{}", x.year);
        }
    }
}

/// The worked example of docs/interventions.md ("A worked example by
/// hand"): a six-year horizon with flat GDP and no inflation, so that every
/// number can be checked with a calculator.
mod worked_example {
    use crate::model::interventions::paths::{paths_on, BaseYear, Outcome};
    use crate::model::interventions::{npv_real, Adoption, Intervention};
    use crate::FiscalYear;

    fn base() -> Vec<BaseYear> {
        (2025..2031)
            .map(|y| BaseYear {
                year: FiscalYear(y),
                gdp_gbp_bn: 2500.0,
                price_index: 1.0,
                line_gbp_bn: 300.0,
            })
            .collect()
    }

    fn example(optimism: bool) -> Intervention {
        let mut i = super::blank("Worked example");
        i.start_year = Some(FiscalYear(2025));
        i.adoption = Some(Adoption::Immediate);
        i.take_up_cap_share = 1.0;
        i.saving_gbp_bn = 2.0;
        i.delay_years = 1.0;
        i.upfront_cost_gbp_bn = 1.0;
        i.upfront_years = 2;
        i.running_cost_gbp_bn = 0.1;
        i.refresh_every_years = 2;
        i.refresh_cost_share = 0.2;
        i.benefit_haircut_share = 0.5;
        i.cashable_share = 0.5;
        i.probability_of_success_share = 0.8;
        i.failure_stop_years = 1.5;
        i.optimism_bias_cost_uplift_share = if optimism { 0.5 } else { 0.0 };
        i.optimism_bias_duration_uplift_share = if optimism { 0.5 } else { 0.0 };
        i
    }

    fn npv(i: &Intervention, outcome: Outcome, social: bool) -> f64 {
        let p = paths_on(i, &base(), outcome);
        let benefit = if social {
            &p.social_benefit_gbp_bn
        } else {
            &p.exchequer_saving_gbp_bn
        };
        let net: Vec<f64> = benefit
            .iter()
            .zip(&p.cost_gbp_bn)
            .map(|(b, c)| b - c)
            .collect();
        npv_real(&net, 0.0)
    }

    /// To the penny: £0.01m is 0.00001 £bn; within half of it.
    fn assert_penny(model_gbp_bn: f64, hand_gbp_m: f64) {
        let model_m = 1000.0 * model_gbp_bn;
        assert!(
            (model_m - hand_gbp_m).abs() < 0.005,
            "model £{model_m:.4}m, by hand £{hand_gbp_m:.2}m"
        );
    }

    #[test]
    fn expected_paths_are_the_hand_computed_ones() {
        let p = paths_on(&example(false), &base(), Outcome::Expected);
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(
            close(&p.realised_saving_gbp_bn, &[0.0, 0.4, 0.4, 0.4, 0.4, 0.4]),
            "{:?}",
            p.realised_saving_gbp_bn
        );
        assert!(
            close(&p.cost_gbp_bn, &[0.5, 0.6, 0.08, 0.08, 0.24, 0.08]),
            "{:?}",
            p.cost_gbp_bn
        );
        assert!(close(
            &p.social_benefit_gbp_bn,
            &[0.0, 0.8, 0.8, 0.8, 0.8, 0.8]
        ));
        let ob = paths_on(&example(true), &base(), Outcome::Expected);
        assert!(
            close(&ob.cost_gbp_bn, &[0.75, 0.75, 0.08, 0.08, 0.24, 0.08]),
            "{:?}",
            ob.cost_gbp_bn
        );
        assert!(close(
            &ob.realised_saving_gbp_bn,
            &[0.0, 0.0, 0.4, 0.4, 0.4, 0.4]
        ));
    }

    #[test]
    fn npv_without_optimism_bias_matches_the_hand_calculation() {
        assert_penny(npv(&example(false), Outcome::Expected, false), 302.97);
        assert_penny(npv(&example(false), Outcome::Expected, true), 2108.99);
    }

    #[test]
    fn npv_with_optimism_bias_matches_the_hand_calculation() {
        assert_penny(npv(&example(true), Outcome::Expected, false), -478.43);
    }

    #[test]
    fn failure_path_npv_matches_the_hand_calculation() {
        assert_penny(npv(&example(false), Outcome::Failure, false), -1079.71);
        assert_penny(npv(&example(true), Outcome::Failure, false), -1474.64);
        // Nothing after the stop point: no running or refresh costs.
        let f = paths_on(&example(false), &base(), Outcome::Failure);
        assert!(f.cost_gbp_bn.iter().skip(2).all(|c| *c == 0.0));
        assert!(f.realised_saving_gbp_bn.iter().all(|s| *s == 0.0));
    }
}

/// The baseline with two programmes that may fail (one a cash saving with
/// running costs, one a share of health spending), its projection without
/// them and what that projection recorded.
fn two_uncertain_programmes() -> (
    Assumptions,
    Dataset,
    Projection,
    crate::model::engine::Replay,
) {
    use crate::model::engine::project_recorded;
    use crate::model::Adjustments;
    let (mut a, d) = baseline();
    let mut one = blank("one");
    one.saving_gbp_bn = 3.0;
    one.upfront_cost_gbp_bn = 2.0;
    one.running_cost_gbp_bn = 0.2;
    one.probability_of_success_share = 0.6;
    let mut two = blank("two");
    two.target = "health".into();
    two.saving_share = 0.01;
    two.upfront_cost_gbp_bn = 1.0;
    two.probability_of_success_share = 0.7;
    a.intervention = vec![one, two];
    let (base, replay) = project_recorded(&a, &d, &Adjustments::none()).unwrap();
    (a, d, base, replay)
}

/// Without distributions, a path differs from another only in which
/// programmes succeed, and the NPV is linear in success: the mean over many
/// paths must converge on the expected-value appraisal.
#[test]
fn probabilistic_paths_average_to_the_expected_value_appraisal() {
    use crate::model::interventions::evaluate;
    use crate::model::interventions::probabilistic::{simulate, Settings};
    let (a, d, base, replay) = two_uncertain_programmes();
    let expected = evaluate(&a, &d, &base, Some(&replay))
        .unwrap()
        .package
        .exchequer_npv_gbp_bn;
    let settings = Settings {
        paths: 256,
        seed: 4,
        gap_without_pct_gdp: None,
    };
    let done = std::sync::atomic::AtomicU64::new(0);
    let count = |n: u64| {
        done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    };
    let draws = simulate(&a, &d, &base, Some(&replay), &settings, &count).unwrap();
    // Progress is reported once per path, whatever the thread count.
    assert_eq!(done.into_inner(), 256);
    let v: Vec<f64> = draws.iter().map(|x| x.exchequer_npv_gbp_bn).collect();
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    assert!(sd > 0.0, "paths should differ");
    assert!(
        (mean - expected).abs() < 4.0 * sd / n.sqrt(),
        "mean {mean:.3} against expected {expected:.3} (sd {sd:.3})"
    );
    // Both outcomes occur, and the same seed gives the same paths.
    assert!(draws.iter().any(|x| x.successes() == 0) && draws.iter().any(|x| x.successes() == 2));
    assert_eq!(
        draws,
        simulate(&a, &d, &base, Some(&replay), &settings, &|_| {}).unwrap()
    );
}

/// A path's debt and fiscal gap replayed from the recorded flows of the
/// projection without interventions are the re-projection's to the bit:
/// the same draws, both ways, give equal results (every field, every year).
#[test]
fn replayed_paths_equal_reprojected_paths() {
    use crate::model::interventions::probabilistic::{evaluate_path, plan};
    use crate::model::Adjustments;
    let (a, d, base, replay) = two_uncertain_programmes();
    // A package moves no rate, so its paths are replayed, not re-projected.
    assert!(replay.accepts(&Adjustments::none()));
    let plan = plan(&a).unwrap();
    // Each path's own fiscal gap too (solved on the replay as well).
    let gap = crate::model::indicators::one_off_gap(&a, &d, Adjustments::none());
    let mut rng = crate::model::distributions::block_rng(9, 0);
    for _ in 0..16 {
        let draw = plan.draw(&a.intervention, &mut rng);
        let mut replayed = evaluate_path(&a, &d, &base, Some(&replay), &draw, gap).unwrap();
        let projected = evaluate_path(&a, &d, &base, None, &draw, gap).unwrap();
        // The replayed path's gap is searched from the gap without the
        // package (secant), the re-projected one's from zero: two roots of
        // the same residual, each within 1e-6 pp of debt of the target,
        // with debt moving tens of pp per pp of step, so the shares agree
        // far inside 1e-8; everything else is equal to the bit.
        let (r, p) = (replayed.gap_share_closed, projected.gap_share_closed);
        let (Some(r), Some(p)) = (r, p) else {
            panic!("a path without its gap: {r:?} {p:?}");
        };
        assert!((r - p).abs() < 1e-8, "{r} {p}");
        replayed.gap_share_closed = projected.gap_share_closed;
        assert_eq!(replayed, projected);
    }
}

/// Each intervention's debt, the package's and the retention cases' are
/// replayed from the projection without interventions: every number of the
/// evaluation is the re-projected one, to the bit.
#[test]
fn replayed_evaluation_equals_the_reprojected_one() {
    use crate::model::interventions::evaluate;
    let (a, d, base, replay) = two_uncertain_programmes();
    let reprojected = evaluate(&a, &d, &base, None).unwrap();
    let replayed = evaluate(&a, &d, &base, Some(&replay)).unwrap();
    assert_eq!(reprojected, replayed);
    assert!(replayed.package.final_psnd_change_pp_gdp.abs() > 0.01);
}

/// A path drawn into the previous path's package is the path drawn afresh:
/// every draw sets the same fields.
#[test]
fn draws_into_a_reused_package_equal_fresh_draws() {
    use crate::model::interventions::draws::PackageDraw;
    use crate::model::interventions::probabilistic::plan;
    let (a, _, _, _) = two_uncertain_programmes();
    let plan = plan(&a).unwrap();
    let mut fresh_rng = crate::model::distributions::block_rng(5, 0);
    let mut reused_rng = crate::model::distributions::block_rng(5, 0);
    let mut reused = PackageDraw::default();
    for _ in 0..32 {
        let fresh = plan.draw(&a.intervention, &mut fresh_rng);
        plan.draw_into(&a.intervention, &mut reused_rng, &mut reused);
        assert_eq!(fresh, reused);
    }
}
