//! The appraisal a sceptical Treasury reviewer asks for (issue 21): a
//! saving the Exchequer does not keep moves debt by exactly nothing; an
//! asset life ends the saving on time; overlapping claims never exceed what
//! they claim; correlated draws keep their rank correlation; switching
//! values fed back give an NPV of zero; defaults that change what a number
//! means are called out; the 2017 package runs on the FSR 2017 re-run.

use crate::model::engine::{project, project_with};
use crate::model::interventions::draws::DrawPlan;
use crate::model::interventions::fields::field;
use crate::model::interventions::package::package_with;
use crate::model::interventions::paths::{base_years, paths_on, BaseYear, Outcome, Target};
use crate::model::interventions::switching::{switching_values, Appraisal};
use crate::model::interventions::{npv_real, Adoption, Correlation, Intervention};
use crate::model::Adjustments;
use crate::scenario::Scenario;
use crate::FiscalYear;
use proptest::prelude::*;

fn baseline() -> (crate::model::Assumptions, crate::data::Dataset) {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    (s.assumptions, d)
}

/// A fully realised saving with no costs, retention 1.
fn saving(name: &str, gbp_bn: f64) -> Intervention {
    toml::from_str(&format!(
        r#"
name = "{name}"
target = "non_age_related"
start_year = "2027-28"
adoption = "immediate"
saving_gbp_bn = {gbp_bn}
probability_of_success_share = 1.0
cashable_share = 1.0
exchequer_retention_share = 1.0
gbp_bn_indexation = "nominal_gdp"
"#
    ))
    .unwrap()
}

#[test]
fn a_saving_with_zero_retention_moves_debt_by_exactly_zero() {
    let (mut a, d) = baseline();
    let base = project(&a, &d).unwrap();
    let mut i = saving("recycled", 5.0);
    i.exchequer_retention_share = Some(0.0);
    i.exit_cost_multiple = 0.7; // exits follow retained savings: none here
    i.decay_pct = 2.0;
    a.intervention = vec![i];
    let with = project(&a, &d).unwrap();
    assert_eq!(base.years, with.years, "the same projection to the bit");
    // The same saving kept by the Exchequer does lower debt.
    a.intervention[0].exchequer_retention_share = Some(1.0);
    let kept = project(&a, &d).unwrap();
    assert!(kept.last().unwrap().psnd_gbp_bn < base.last().unwrap().psnd_gbp_bn);
}

fn flat_years(n: i32) -> Vec<BaseYear> {
    (2025..2025 + n)
        .map(|y| BaseYear {
            year: FiscalYear(y),
            gdp_gbp_bn: 2500.0,
            price_index: 1.0,
            line_gbp_bn: 300.0,
        })
        .collect()
}

#[test]
fn an_asset_life_of_n_years_ends_the_saving_after_n_years() {
    for delay in [0.0, 0.5, 2.0] {
        for n in [1u32, 3, 7, 12] {
            let mut i = saving("asset", 1.0);
            i.start_year = Some(FiscalYear(2025));
            i.delay_years = delay;
            i.running_cost_gbp_bn = 0.1;
            i.asset_life_years = Some(f64::from(n));
            let p = paths_on(&i, &flat_years(40), Outcome::Expected);
            let saving_years: Vec<usize> = (0..40)
                .filter(|&k| p.exchequer_saving_gbp_bn[k] > 0.0)
                .collect();
            assert_eq!(saving_years.len(), n as usize, "delay {delay}, life {n}");
            let first = saving_years[0];
            assert_eq!(*saving_years.last().unwrap(), first + n as usize - 1);
            for k in first..first + n as usize {
                assert!((p.exchequer_saving_gbp_bn[k] - 1.0).abs() < 1e-12);
            }
            // The retired system has no running costs either.
            assert!(p.cost_gbp_bn[first + n as usize..]
                .iter()
                .all(|c| *c == 0.0));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn overlapping_claims_on_one_line_never_exceed_the_line(
        size in 0.5f64..20.0,
        claims in proptest::collection::vec(0.0f64..40.0, 2..5),
        shares in proptest::collection::vec(0.1f64..1.0, 4),
        line_claim in 0.0f64..400.0,
    ) {
        let (mut a, d) = baseline();
        a.spending_content = vec![toml::from_str(&format!(
            "id = \"pool\"\nline = \"non_age_related\"\nsize_gbp_bn = {size}\n"
        )).unwrap()];
        a.intervention = claims.iter().enumerate().map(|(j, c)| {
            let mut i = saving(&format!("i{j}"), *c);
            i.acts_on = vec![toml::from_str(&format!("content = \"pool\"\nshare = {}\n", shares[j])).unwrap()];
            i
        }).collect();
        // Two more on a small line, claiming up to more than all of it.
        for k in 0..2 {
            let mut i = saving(&format!("p{k}"), line_claim);
            i.target = "pensioner_benefits".into();
            a.intervention.push(i);
        }
        let base = project_with(&a, &d, &Adjustments::none()).unwrap();
        let pkg = package_with(&a.intervention, &a.spending_content, &base, |_| Outcome::Expected);
        let first_line = base.years[0].spend(crate::model::Spend::NonAgeRelated);
        // Each claim before the overlap; what is removed comes off the
        // part of it that falls on the pool.
        let before: Vec<Vec<f64>> = a.intervention.iter().map(|i| {
            paths_on(i, &base_years(&base, Target::parse(&i.target)), Outcome::Expected).realised_benefit_gbp_bn
        }).collect();
        for (k, y) in base.years.iter().enumerate() {
            let pool = size * y.spend(crate::model::Spend::NonAgeRelated) / first_line;
            let on_pool: f64 = claims.iter().enumerate()
                .map(|(j, _)| shares[j] * before[j][k] - (before[j][k] - pkg.paths[j].realised_benefit_gbp_bn[k]))
                .sum();
            prop_assert!(on_pool <= pool * (1.0 + 1e-9) + 1e-12, "{}: {on_pool} on a pool of {pool}", y.year);
            let line = y.spend(crate::model::Spend::PensionerBenefits);
            let on_line: f64 = pkg.paths[claims.len()..].iter().map(|p| p.realised_benefit_gbp_bn[k]).sum();
            prop_assert!(on_line <= line * (1.0 + 1e-9) + 1e-12, "{}: {on_line} on a line of {line}", y.year);
        }
    }
}

/// Spearman's rank correlation of two samples.
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|a, b| v[*a].total_cmp(&v[*b]));
        let mut r = vec![0.0; v.len()];
        for (rank, i) in idx.into_iter().enumerate() {
            r[i] = rank as f64;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let cov: f64 = rx
        .iter()
        .zip(&ry)
        .map(|(a, b)| (a - mean) * (b - mean))
        .sum();
    let var: f64 = rx.iter().map(|a| (a - mean).powi(2)).sum();
    cov / var
}

#[test]
fn correlated_draws_reproduce_their_target_rank_correlation() {
    let mut a = saving("a", 1.0);
    a.id = Some("a".into());
    a.cashable_share = 0.5;
    a.uncertainty = Some(
        toml::from_str(
            "cashable_share = { dist = \"pert\", low = 0.2, central = 0.5, high = 0.9 }\n",
        )
        .unwrap(),
    );
    let mut b = saving("b", 1.0);
    b.id = Some("b".into());
    b.benefit_haircut_share = 0.3;
    b.optimism_bias_cost_uplift_share = 0.5;
    b.uncertainty = Some(
        toml::from_str(
            "benefit_haircut_share = { dist = \"triangular\", low = 0.1, central = 0.3, high = 0.8 }\noptimism_bias_cost_uplift_share = { dist = \"lognormal\", central = 0.5, high = 2.0 }\n",
        )
        .unwrap(),
    );
    let corr = |x: &str, y: &str, r: f64| Correlation {
        between: vec![x.into(), y.into()],
        rank_correlation: r,
        reason: String::new(),
    };
    let correlations = vec![
        corr("a.cashable_share", "b.benefit_haircut_share", 0.6),
        corr(
            "a.cashable_share",
            "b.optimism_bias_cost_uplift_share",
            -0.4,
        ),
        corr("a.success", "b.success", 0.5),
    ];
    let list = vec![a, b];
    let plan = DrawPlan::new(&list, &correlations).unwrap();
    let mut rng = crate::model::distributions::block_rng(11, 0);
    let n = 100_000;
    let (mut cash, mut hair, mut ob) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let d = plan.draw(&list, &mut rng);
        cash.push(d.interventions[0].cashable_share);
        hair.push(d.interventions[1].benefit_haircut_share);
        ob.push(d.interventions[1].optimism_bias_cost_uplift_share);
    }
    let r1 = spearman(&cash, &hair);
    let r2 = spearman(&cash, &ob);
    assert!((r1 - 0.6).abs() < 0.02, "{r1}");
    assert!((r2 + 0.4).abs() < 0.02, "{r2}");
    // The marginals are the distributions asked for.
    assert!(cash.iter().all(|v| (0.2..=0.9).contains(v)));
    let mean = cash.iter().sum::<f64>() / n as f64;
    assert!(
        (mean - (0.2 + 4.0 * 0.5 + 0.9) / 6.0).abs() < 0.003,
        "{mean}"
    );
}

#[test]
fn impossible_correlations_are_refused_naming_the_entry() {
    let mut list = Vec::new();
    for id in ["a", "b", "c"] {
        let mut i = saving(id, 1.0);
        i.id = Some(id.into());
        list.push(i);
    }
    let corr = |x: &str, y: &str, r: f64| Correlation {
        between: vec![x.into(), y.into()],
        rank_correlation: r,
        reason: String::new(),
    };
    let e = DrawPlan::new(
        &list,
        &[
            corr("a.success", "b.success", 0.9),
            corr("b.success", "c.success", 0.9),
            corr("a.success", "c.success", -0.9),
        ],
    )
    .unwrap_err();
    assert_eq!(e.field, "rank_correlation");
    assert!(e.message.contains("positive definite"), "{}", e.message);
    let e = DrawPlan::new(&list, &[corr("a.cashable_share", "b.success", 0.3)]).unwrap_err();
    assert!(
        e.message.contains("no distribution for `cashable_share`"),
        "{}",
        e.message
    );
}

#[test]
fn switching_values_fed_back_give_an_npv_of_zero() {
    let s = Scenario::load_named(std::path::Path::new("digital/smarter_state_central")).unwrap();
    let d = s.dataset().unwrap();
    let a = &s.assumptions;
    let (base, replay) =
        crate::model::engine::project_recorded(a, &d, &Adjustments::none()).unwrap();
    let sv = switching_values(&Appraisal::new(a, &d, &base)).unwrap();
    // Trials replayed from the recorded projection give every switching
    // value of trials projected again, to the bit.
    let mut replayed = Appraisal::new(a, &d, &base);
    replayed.replay = Some(&replay);
    assert_eq!(switching_values(&replayed).unwrap(), sv);
    assert!(sv.package.iter().any(|v| v.debt_zero_at.is_some()));
    let deflator = a.economy.gdp_deflator_growth_pct;
    let mut checked = 0;
    for v in &sv.interventions {
        let Some(x) = v.npv_zero_at else { continue };
        let j = a
            .intervention
            .iter()
            .position(|i| Some(&i.name) == v.intervention.as_ref())
            .unwrap();
        let mut i = a.intervention[j].clone();
        field(&v.field).unwrap().put(&mut i, x);
        let p = paths_on(
            &i,
            &base_years(&base, Target::parse(&i.target)),
            Outcome::Expected,
        );
        let npv = npv_real(&p.net_gbp_bn(), deflator);
        assert!(npv.abs() < 0.01, "{} {} at {x}: NPV {npv}", i.name, v.field);
        checked += 1;
    }
    for v in &sv.package {
        let Some(x) = v.npv_zero_at else { continue };
        let mut list = a.intervention.clone();
        for i in list.iter_mut() {
            if v.intervention.as_ref().is_none_or(|n| *n == i.name) {
                field(&v.field).unwrap().put(i, x);
            }
        }
        let pkg = package_with(&list, &a.spending_content, &base, |_| Outcome::Expected);
        let net: Vec<f64> = (0..base.years.len())
            .map(|k| pkg.paths.iter().map(|p| p.net_gbp_bn()[k]).sum())
            .collect();
        let npv = npv_real(&net, deflator);
        assert!(
            npv.abs() < 0.01,
            "package {:?} {} at {x}: NPV {npv}",
            v.intervention,
            v.field
        );
        // And the debt switching value gives no change in final debt.
        if let Some(y) = v.debt_zero_at {
            let mut list = a.intervention.clone();
            for i in list.iter_mut() {
                if v.intervention.as_ref().is_none_or(|n| *n == i.name) {
                    field(&v.field).unwrap().put(i, y);
                }
            }
            let pkg = package_with(&list, &a.spending_content, &base, |_| Outcome::Expected);
            let with = project_with(a, &d, &pkg.adjustments).unwrap();
            let change = with.last().unwrap().psnd_pct_gdp - base.last().unwrap().psnd_pct_gdp;
            assert!(change.abs() < 0.001, "{change}");
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} switching values to check");
}

#[test]
fn a_default_take_up_curve_is_called_out_with_its_first_year() {
    let (mut a, _) = baseline();
    // "£1bn a year from 2028" with no take-up curve stated.
    let mut i = saving("newcomer", 1.0);
    i.adoption = None;
    i.start_year = Some(FiscalYear(2028));
    a.intervention = vec![i];
    let notes = crate::model::interventions::notes::notes(&a);
    let note = notes.iter().find(|n| n.contains("newcomer")).unwrap();
    assert!(
        note.contains("£0.007bn in its first year of benefits (2028-29)"),
        "{note}"
    );
    assert!(note.contains("adoption = \"immediate\""), "{note}");
    // Stated, it is not.
    a.intervention[0].adoption = Some(Adoption::Immediate);
    a.intervention[0].decay_pct = 1.0;
    assert!(crate::model::interventions::notes::notes(&a).is_empty());
}

#[test]
fn the_2017_package_runs_on_the_fsr_2017_re_run() {
    let text = std::fs::read_to_string("scenarios/digital/smarter_state_2017.toml").unwrap();
    let published = std::fs::canonicalize("scenarios/published/fsr_2017.toml").unwrap();
    let moved = text.replace(
        "extends = \"../baseline.toml\"",
        &format!("extends = {:?}", published.display().to_string()),
    );
    assert_ne!(moved, text);
    let s = Scenario::from_text("2017.toml", &moved, None).unwrap();
    assert_eq!(s.assumptions.horizon.base_year, FiscalYear(2016));
    let run = crate::run::Run::project(s).unwrap();
    let r = run.interventions.unwrap();
    // Every programme starts the year after the base year, 2017-18: the
    // builds are paid from then, and nothing is saved before.
    for e in &r.interventions {
        let first = e
            .years
            .iter()
            .find(|y| y.cost_gbp_bn > 0.0 || y.gross_saving_gbp_bn > 0.0)
            .unwrap();
        assert!(first.year >= FiscalYear(2017), "{}", e.name);
        if e.name.contains("Verify") || e.name.contains("fund") {
            assert_eq!(first.year, FiscalYear(2017), "{}", e.name);
        }
    }
    assert_eq!(r.package.years.last().unwrap().year, FiscalYear(2066));
}

#[test]
fn intervention_fields_can_be_swept() {
    use crate::scenario::sweep;
    let s = Scenario::load_named(std::path::Path::new("digital/nhs_productivity_central")).unwrap();
    let d = s.dataset().unwrap();
    let v = sweep::parse_vary("intervention.nhs_productivity.exchequer_retention_share=0..1:0.5")
        .unwrap();
    let points = sweep::run(&s, &d, &[v]).unwrap();
    assert_eq!(points.len(), 3);
    // Keeping more of the saving leaves less debt.
    assert!(points[0].final_psnd_pct_gdp > points[1].final_psnd_pct_gdp);
    assert!(points[1].final_psnd_pct_gdp > points[2].final_psnd_pct_gdp);
    // Every intervention at once, and by position.
    assert!(sweep::parse_vary("intervention.*.decay_pct=0..4:2").is_ok());
    let all = sweep::apply(&s.assumptions, "intervention.*.decay_pct", 3.0, false).unwrap();
    assert!(all.intervention.iter().all(|i| i.decay_pct == 3.0));
    let one = sweep::apply(&s.assumptions, "intervention[1].cashable_share", 0.5, false).unwrap();
    assert_eq!(one.intervention[1].cashable_share, 0.5);
    let e = sweep::parse_vary("intervention.nhs_productivity.cashable_shar=0..1:0.5").unwrap_err();
    assert!(
        e.to_string().contains("did you mean `cashable_share`"),
        "{e}"
    );
    let e = sweep::apply(
        &s.assumptions,
        "intervention.nhs.cashable_share",
        0.5,
        false,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("no intervention has id `nhs`"),
        "{e}"
    );
    let e = sweep::apply(&s.assumptions, "intervention[5].cashable_share", 0.5, false).unwrap_err();
    assert!(e.to_string().contains("not intervention[5]"), "{e}");
}

#[test]
fn sensitivity_moves_each_uncertain_intervention_field() {
    let s = Scenario::load_named(std::path::Path::new("digital/sme_procurement_central")).unwrap();
    let d = s.dataset().unwrap();
    let sens = crate::model::uncertainty::sensitivity::sensitivities(&s.assumptions, &d).unwrap();
    let v = sens
        .variants
        .iter()
        .find(|v| v.name.ends_with(": exchequer_retention_share"))
        .unwrap();
    assert!(v.low_label.starts_with("5th pct"), "{}", v.low_label);
    // More retained, less debt.
    assert!(v.high.final_psnd_pct_gdp < v.low.final_psnd_pct_gdp);
}

#[test]
fn the_full_fan_draws_the_scenarios_own_intervention_tables() {
    use crate::model::uncertainty::{fan, Engine, FanOptions};
    let s = Scenario::load_named(std::path::Path::new("digital/nhs_productivity_central")).unwrap();
    let d = s.dataset().unwrap();
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let o = FanOptions {
        engine: Engine::Full,
        paths: 32,
        seed: 5,
        shock_medium_term: None,
        draw_demography: false,
    };
    let run = |a: &crate::model::Assumptions| fan(a, &d, &table, &o, &|_| {}).unwrap();
    let with = run(&s.assumptions);
    // The same scenario with every intervention fixed at its point values
    // and certain to succeed: the macro draws are the same, the
    // interventions' are gone.
    let mut fixed = s.assumptions.clone();
    fixed.intervention_correlation.clear();
    for i in &mut fixed.intervention {
        i.uncertainty = None;
        i.probability_of_success_share = 1.0;
    }
    let without = run(&fixed);
    assert_ne!(with.summary, without.summary);
    let mut none = s.assumptions.clone();
    none.intervention.clear();
    // Correlations name interventions: without any, none can stand.
    none.intervention_correlation.clear();
    none.spending_content.clear();
    let macro_only = run(&none);
    assert_ne!(with.summary, macro_only.summary);
    // On the streaming engine the joint fan does not depend on the number
    // of threads (three blocks, the last one partial).
    let o = FanOptions { paths: 40, ..o };
    let on_threads = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(|| fan(&s.assumptions, &d, &table, &o, &|_| {}).unwrap())
    };
    assert_eq!(on_threads(1).summary, on_threads(2).summary);
}

/// Years with nominal GDP growing 4 % and prices 2 % a year.
fn growing_years(n: i32) -> Vec<BaseYear> {
    (0..n)
        .map(|k| BaseYear {
            year: FiscalYear(2025 + k),
            gdp_gbp_bn: 2500.0 * 1.04f64.powi(k),
            price_index: 1.02f64.powi(k),
            line_gbp_bn: 300.0,
        })
        .collect()
}

#[test]
fn amounts_grow_as_their_indexation_says_from_their_prices_year() {
    use crate::model::interventions::Indexation;
    let years = growing_years(10);
    let at = |ix: Indexation, prices: Option<i32>| {
        let mut i = saving("indexed", 1.0);
        i.start_year = Some(FiscalYear(2025));
        i.gbp_bn_indexation = Some(ix);
        i.gbp_bn_prices_year = prices.map(FiscalYear);
        paths_on(&i, &years, Outcome::Expected).exchequer_saving_gbp_bn
    };
    let flat = at(Indexation::FlatCash, None);
    assert!(flat.iter().all(|v| (v - 1.0).abs() < 1e-12), "{flat:?}");
    let gdp = at(Indexation::NominalGdp, None);
    assert!((gdp[9] - 1.04f64.powi(9)).abs() < 1e-12);
    let real = at(Indexation::GdpDeflator, None);
    assert!((real[9] - 1.02f64.powi(9)).abs() < 1e-12);
    // £1bn in 2030-31 prices is £1bn in 2030-31.
    let later = at(Indexation::NominalGdp, Some(2030));
    assert!((later[5] - 1.0).abs() < 1e-12 && later[0] < 1.0);
}

#[test]
fn budgets_cut_as_planned_bank_the_plan_when_the_programme_fails() {
    use crate::model::interventions::BudgetsCut;
    let mut i = saving("planned", 2.0);
    i.start_year = Some(FiscalYear(2025));
    i.benefit_haircut_share = 0.5;
    i.budgets_cut = BudgetsCut::AsPlanned;
    let years = flat_years(8);
    let failed = paths_on(&i, &years, Outcome::Failure);
    // The budget falls by the plan, nothing is saved: services are lost.
    assert!(failed
        .exchequer_saving_gbp_bn
        .iter()
        .all(|v| (v - 2.0).abs() < 1e-12));
    assert_eq!(
        failed.exchequer_saving_gbp_bn,
        failed.service_shortfall_gbp_bn
    );
    let ok = paths_on(&i, &years, Outcome::Success);
    // On success half the plan arrives: the other half is services lost.
    assert!(ok
        .service_shortfall_gbp_bn
        .iter()
        .all(|v| (v - 1.0).abs() < 1e-12));
    i.budgets_cut = BudgetsCut::AsRealised;
    let realised = paths_on(&i, &years, Outcome::Failure);
    assert!(realised.exchequer_saving_gbp_bn.iter().all(|v| *v == 0.0));
}

#[test]
fn exit_costs_are_paid_as_the_retained_saving_rises() {
    let mut i = saving("exits", 3.0);
    i.start_year = Some(FiscalYear(2025));
    i.adoption = Some(Adoption::Linear);
    i.ramp_years = Some(3.0);
    i.exit_cost_multiple = 0.7;
    let p = paths_on(&i, &flat_years(8), Outcome::Expected);
    // £1bn, £1bn and £1bn of rise over three years: 0.7 each, then none.
    let exits: Vec<f64> = p
        .exit_cost_gbp_bn
        .iter()
        .map(|v| (v * 1e9).round() / 1e9)
        .collect();
    assert_eq!(exits, vec![0.7, 0.7, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0]);
    // Recycled savings need no exits.
    i.exchequer_retention_share = Some(0.0);
    let p = paths_on(&i, &flat_years(8), Outcome::Expected);
    assert!(p.exit_cost_gbp_bn.iter().all(|v| *v == 0.0));
}

#[test]
fn citizens_time_saving_adds_to_the_social_benefit_as_it_erodes() {
    let mut i = saving("time", 2.0);
    i.start_year = Some(FiscalYear(2025));
    i.decay_pct = 10.0;
    let years = flat_years(6);
    let without = paths_on(&i, &years, Outcome::Success);
    i.citizen_time_saving_gbp_bn = 1.0;
    let with = paths_on(&i, &years, Outcome::Success);
    // The same Exchequer paths; the social benefit gains the citizens'
    // time at the take-up, eroded 10 % a year like the saving itself.
    assert_eq!(
        without.exchequer_saving_gbp_bn,
        with.exchequer_saving_gbp_bn
    );
    let gained: Vec<f64> = with
        .social_benefit_gbp_bn
        .iter()
        .zip(&without.social_benefit_gbp_bn)
        .map(|(w, o)| w - o)
        .collect();
    for (k, g) in gained.iter().enumerate() {
        let share = with.gross_saving_gbp_bn[k] / 2.0 * 0.9f64.powi(k as i32);
        assert!((g - share).abs() < 1e-12, "year {k}: {g} vs {share}");
    }
    assert!(gained.iter().all(|g| *g > 0.0));
}
