//! One emission path for both the catalogue and the values.
//!
//! Each grouping module walks its feature tables and calls [`Out::put`] once
//! per feature, in a fixed order that does not depend on the data. Run in
//! *definition* mode (to build the catalogue) `put` evaluates the name and
//! meaning closures and ignores the value; run in *value* mode it keeps only
//! the value. `compute` then pairs the values with the catalogue's names by
//! position, so names, meanings and values cannot drift apart.

use serde_json::Value;

use super::{FeatureDef, Grouping};

pub(crate) struct Out {
    grouping: Grouping,
    defs: Option<Vec<FeatureDef>>,
    values: Vec<Value>,
}

impl Out {
    pub(crate) fn definitions(grouping: Grouping) -> Out {
        Out { grouping, defs: Some(Vec::new()), values: Vec::new() }
    }

    pub(crate) fn values(grouping: Grouping, capacity: usize) -> Out {
        Out { grouping, defs: None, values: Vec::with_capacity(capacity) }
    }

    /// One feature: its value, name and one-line meaning.
    #[inline]
    pub(crate) fn put(&mut self, value: Value, name: impl FnOnce() -> String, meaning: impl FnOnce() -> String) {
        match &mut self.defs {
            Some(defs) => defs.push(FeatureDef { name: name(), grouping: self.grouping, meaning: meaning() }),
            None => self.values.push(value),
        }
    }

    pub(crate) fn into_defs(self) -> Vec<FeatureDef> {
        self.defs.unwrap_or_default()
    }

    pub(crate) fn into_values(self) -> Vec<Value> {
        self.values
    }
}

/// `put` with `format!` arguments: `feat!(out, value, ["name_{}", x], ["meaning {}", y])`.
macro_rules! feat {
    ($out:expr, $value:expr, [$($name:tt)+], [$($meaning:tt)+]) => {
        $out.put($value, || format!($($name)+), || format!($($meaning)+))
    };
}
pub(crate) use feat;

/// Count.
#[inline]
pub(crate) fn int(x: u64) -> Value {
    Value::from(x)
}

/// Signed integer or null.
#[inline]
pub(crate) fn opt_int(x: Option<i64>) -> Value {
    x.map_or(Value::Null, Value::from)
}

/// Money amount, rounded to paise; null when undefined.
#[inline]
pub(crate) fn money(x: Option<f64>) -> Value {
    num(x.map(|v| (v * 100.0).round() / 100.0))
}

/// Ratio / share / mean, rounded to 6 decimals; null when undefined.
#[inline]
pub(crate) fn frac(x: Option<f64>) -> Value {
    num(x.map(|v| (v * 1e6).round() / 1e6))
}

/// A float as it is; null when undefined or not finite.
#[inline]
pub(crate) fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() => {
            // Normalise -0.0 so output is byte-stable.
            let v = if v == 0.0 { 0.0 } else { v };
            serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
        }
        _ => Value::Null,
    }
}

/// Bool or null.
#[inline]
pub(crate) fn flag(x: Option<bool>) -> Value {
    x.map_or(Value::Null, Value::Bool)
}
