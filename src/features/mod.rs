//! The feature engine: turns one user's synced phone data into the flat
//! feature object of contract §4 / §8.
//!
//! Pure (no I/O). Layout:
//! - [`input`]: the input record types and their lenient deserializers;
//! - [`window`]: time windows and single-pass accumulators;
//! - [`catalogue`]: the catalogue (name, grouping, meaning of every feature)
//!   and its markdown rendering;
//! - `sms`, `extracted_sms`, `fraud`: one module per grouping, each a set of
//!   feature tables walked by one emission path (`emit`), which defines the
//!   catalogue and produces the values alike.

pub mod catalogue;
mod emit;
mod extracted_sms;
mod fraud;
pub mod input;
pub mod lists;
mod sms;
pub mod window;

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

pub use catalogue::{catalogue, catalogue_for, catalogue_markdown};
pub use input::{
    parse_inbox_date, AppRecord, CallLogRecord, ContactRecord, DeviceRecord, SmsFeatureInput, SyncEvent, UserData,
};

/// A set of features a client can ask for (`groupings` of contract §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Sms,
    Fraud,
    ExtractedSms,
}

impl Grouping {
    /// Every grouping, in catalogue order.
    pub const ALL: [Grouping; 3] = [Grouping::Sms, Grouping::Fraud, Grouping::ExtractedSms];

    /// The wire name (`sms`, `fraud`, `extracted_sms`) to a grouping; any
    /// other string (including other cases) is `None`.
    pub fn parse(s: &str) -> Option<Grouping> {
        match s {
            "sms" => Some(Grouping::Sms),
            "fraud" => Some(Grouping::Fraud),
            "extracted_sms" => Some(Grouping::ExtractedSms),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Sms => "sms",
            Grouping::Fraud => "fraud",
            Grouping::ExtractedSms => "extracted_sms",
        }
    }

    /// Groupings by [`Grouping::index`].
    const ALL_BY_INDEX: [Grouping; 3] = [Grouping::Sms, Grouping::Fraud, Grouping::ExtractedSms];

    fn index(self) -> usize {
        match self {
            Grouping::Sms => 0,
            Grouping::Fraud => 1,
            Grouping::ExtractedSms => 2,
        }
    }
}

/// One feature of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FeatureDef {
    pub name: String,
    pub grouping: Grouping,
    /// One line: what the value is.
    pub meaning: String,
}

/// Runs one grouping's emission path.
fn emit(g: Grouping, data: &UserData, req: NaiveDateTime, out: &mut emit::Out) {
    match g {
        Grouping::Sms => sms::emit(data, req, out),
        Grouping::ExtractedSms => extracted_sms::emit(data, req, out),
        Grouping::Fraud => fraud::emit(data, req, out),
    }
}

/// The features of the requested groupings for one user, with windows
/// counted back from `request_time`.
///
/// The result holds exactly the catalogue features of those groupings
/// (each present; numbers, booleans or null). A grouping listed twice counts
/// once. Deterministic: the same data and request time give the same map.
pub fn compute(data: &UserData, request_time: NaiveDateTime, groupings: &[Grouping]) -> Map<String, Value> {
    let mut values: [Option<Vec<Value>>; 3] = [None, None, None];
    for g in Grouping::ALL {
        if !groupings.contains(&g) {
            continue;
        }
        let n = catalogue_for(g).len();
        let mut out = emit::Out::values(g, n);
        emit(g, data, request_time, &mut out);
        let v = out.into_values();
        assert_eq!(v.len(), n, "feature emission of {} drifted from its catalogue", g.as_str());
        values[g.index()] = Some(v);
    }
    // Filled in name order: the ordered map then appends without searching.
    catalogue::alphabetical()
        .iter()
        .filter_map(|&(g, i)| {
            let v = values[g as usize].as_mut()?;
            let def = &catalogue_for(Grouping::ALL_BY_INDEX[g as usize])[i as usize];
            Some((def.name.clone(), std::mem::take(&mut v[i as usize])))
        })
        .collect()
}
