//! PSND excluding the Bank of England and public sector net financial
//! liabilities (PSNFL) next to PSND, as gaps from PSND.
//!
//! In EFO years each gap is the OBR databank's (one vintage: PSND less the
//! other measure). After the medium term:
//!
//! - the Bank of England's contribution (PSND − PSND ex BoE) comes from
//!   quantitative easing, so it falls in proportion to the QE reserves on
//!   the QT path: `gap_BoE[t] = gap_BoE[T] · QE[t] / QE[T]` (held when
//!   `QE[T]` is zero);
//! - PSND − PSNFL is mostly illiquid financial assets (student loans and
//!   other loans, equity), which the stock-flow adjustment buys:
//!   `gap_FL[t] = gap_FL[t−1] + SFA[t]`.

use crate::data::Dataset;
use crate::model::error::ModelError;
use crate::years::FiscalYear;

/// Tracks the two gaps year by year.
#[derive(Debug, Clone)]
pub struct OtherMeasures {
    qe_reserves_gbp_bn: Vec<f64>,
    t_mt: usize,
    boe_gap_mt_gbp_bn: f64,
    psnfl_gap_gbp_bn: f64,
}

fn databank(data: &Dataset, series: &str, year: FiscalYear) -> Result<f64, ModelError> {
    data.efo.get(series, year).map_err(|_| ModelError::EfoYear {
        series: series.to_string(),
        year,
    })
}

/// PSND ex BoE and PSNFL in one year, £bn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// PSND excluding the Bank of England, £bn.
    pub psnd_ex_boe_gbp_bn: f64,
    /// Public sector net financial liabilities, £bn.
    pub psnfl_gbp_bn: f64,
}

impl OtherMeasures {
    /// From the QE reserves path (by year index from the base year) and the
    /// index of the last medium-term year.
    pub fn new(qe_reserves_gbp_bn: Vec<f64>, t_mt: usize) -> Self {
        OtherMeasures {
            qe_reserves_gbp_bn,
            t_mt,
            boe_gap_mt_gbp_bn: 0.0,
            psnfl_gap_gbp_bn: 0.0,
        }
    }

    /// The measures in year `k` (`year`), with PSND `psnd_gbp_bn` and
    /// stock-flow adjustment `sfa_gbp_bn`; call once a year in order.
    pub fn year(
        &mut self,
        data: &Dataset,
        k: usize,
        year: FiscalYear,
        psnd_gbp_bn: f64,
        sfa_gbp_bn: f64,
    ) -> Result<Measures, ModelError> {
        let boe_gap = if k <= self.t_mt && !data.efo.series.contains_key("databank.psnd") {
            // A vintage without the databank measures (outturn-only or an
            // EFO imported without `--outturn`): the gaps are not known and
            // are taken as zero (docs/reproduce.md, Vintages).
            self.psnfl_gap_gbp_bn = 0.0;
            self.boe_gap_mt_gbp_bn = 0.0;
            0.0
        } else if k <= self.t_mt {
            let psnd = databank(data, "databank.psnd", year)?;
            let gap = psnd - databank(data, "databank.psnd_ex_boe", year)?;
            self.psnfl_gap_gbp_bn = psnd - databank(data, "databank.psnfl", year)?;
            self.boe_gap_mt_gbp_bn = gap;
            gap
        } else {
            self.psnfl_gap_gbp_bn += sfa_gbp_bn;
            let qe = |i: usize| self.qe_reserves_gbp_bn.get(i).copied().unwrap_or(0.0);
            if qe(self.t_mt) > 0.0 {
                self.boe_gap_mt_gbp_bn * qe(k).max(0.0) / qe(self.t_mt)
            } else {
                self.boe_gap_mt_gbp_bn
            }
        };
        Ok(Measures {
            psnd_ex_boe_gbp_bn: psnd_gbp_bn - boe_gap,
            psnfl_gbp_bn: psnd_gbp_bn - self.psnfl_gap_gbp_bn,
        })
    }
}
