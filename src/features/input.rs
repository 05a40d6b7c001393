//! Input types of the feature engine: the raw MongoDB / PostgreSQL record
//! shapes of contract §6, as the insights readers hand them over.
//!
//! Readers never trust synced documents, so every record field is optional
//! and the deserializers are lenient about *representation* (an integer
//! that arrives as a float, a number that arrives as a numeric string, a
//! BSON extended-JSON wrapper such as `{"$numberLong": "…"}`) but strict
//! about *type*: a field holding something that cannot mean the declared
//! type (e.g. `"install_time": "yesterday"` or `"is_rooted": [1]`) makes
//! the whole record fail to deserialize, and the reader skips and counts it.
//!
//! Time convention: every `NaiveDateTime` in the feature engine is UTC.
//! Epoch-millisecond values are converted as UTC; `YYYY-MM-DD HH:MM:SS`
//! strings are taken as they are (same clock as the request time).

use chrono::{DateTime, NaiveDateTime};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

use crate::sms::model::ExtractionResult;

/// One element of `device_sync_request_apps_data.apps_data`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppRecord {
    #[serde(deserialize_with = "de_opt_string")]
    pub package_name: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub app_name: Option<String>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "de_opt_i64")]
    pub install_time: Option<i64>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "de_opt_i64")]
    pub update_time: Option<i64>,
    #[serde(deserialize_with = "de_opt_bool")]
    pub is_system_app: Option<bool>,
}

/// `device_data` of `device_sync_request_device_data` (and the iOS
/// collection, whose records share these names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeviceRecord {
    #[serde(deserialize_with = "de_opt_string")]
    pub brand: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub model: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub manufacturer: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub os_version: Option<String>,
    #[serde(deserialize_with = "de_opt_i64")]
    pub sdk_int: Option<i64>,
    #[serde(deserialize_with = "de_opt_bool")]
    pub is_rooted: Option<bool>,
    #[serde(deserialize_with = "de_opt_bool")]
    pub is_emulator: Option<bool>,
    #[serde(deserialize_with = "de_opt_f64")]
    pub total_ram_mb: Option<f64>,
    #[serde(deserialize_with = "de_opt_f64")]
    pub total_storage_mb: Option<f64>,
    #[serde(deserialize_with = "de_opt_f64")]
    pub free_storage_mb: Option<f64>,
    #[serde(deserialize_with = "de_opt_f64")]
    pub battery_pct: Option<f64>,
    #[serde(deserialize_with = "de_opt_string")]
    pub network_type: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub carrier: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub android_id: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub app_device_id: Option<String>,
    #[serde(deserialize_with = "de_opt_string")]
    pub google_adv_id: Option<String>,
}

/// One element of `call_logs_sync_request_call_logs_data.call_logs_data`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallLogRecord {
    #[serde(deserialize_with = "de_opt_string")]
    pub number_hash: Option<String>,
    /// `incoming`, `outgoing`, `missed`, `rejected` (Android's numeric
    /// `CallLog.Calls.TYPE` codes 1/2/3/5 are understood too).
    #[serde(deserialize_with = "de_opt_string")]
    pub call_type: Option<String>,
    #[serde(deserialize_with = "de_opt_f64")]
    pub duration_s: Option<f64>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "de_opt_i64")]
    pub call_time: Option<i64>,
}

/// One element of `contacts_sync_request_contacts_data.contacts_data`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactRecord {
    #[serde(deserialize_with = "de_opt_string")]
    pub number_hash: Option<String>,
    #[serde(deserialize_with = "de_opt_i64")]
    pub times_contacted: Option<i64>,
    /// Epoch milliseconds (0 or absent: never).
    #[serde(deserialize_with = "de_opt_i64")]
    pub last_contacted: Option<i64>,
    #[serde(deserialize_with = "de_opt_bool")]
    pub starred: Option<bool>,
}

/// One row of the sync DB's `sync_events_log`.
///
/// `created_at` is required: a row without a usable timestamp fails to
/// deserialize (the reader skips and counts it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncEvent {
    #[serde(default, deserialize_with = "de_opt_string")]
    pub event_type: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    pub event_value: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    pub sync_request_id: Option<String>,
    #[serde(deserialize_with = "de_datetime")]
    pub created_at: NaiveDateTime,
}

/// One extracted SMS as the feature engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SmsFeatureInput {
    pub result: ExtractionResult,
    /// `sms_inbox_date` parsed with [`parse_inbox_date`]; `None` when absent
    /// or unreadable (such SMS count in all-time features only).
    pub inbox_time: Option<NaiveDateTime>,
    /// `sms_folder` (`inbox` / `sent`), when known.
    pub folder: Option<String>,
}

impl SmsFeatureInput {
    /// Builds the input from an extraction result, parsing its
    /// `sms_inbox_date`.
    pub fn new(result: ExtractionResult, folder: Option<String>) -> SmsFeatureInput {
        let inbox_time = parse_inbox_date(&result.input.sms_inbox_date);
        SmsFeatureInput { result, inbox_time, folder }
    }
}

/// Everything the feature engine knows about one user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserData {
    pub sms: Vec<SmsFeatureInput>,
    pub apps: Vec<AppRecord>,
    pub device: Option<DeviceRecord>,
    pub call_logs: Vec<CallLogRecord>,
    pub contacts: Vec<ContactRecord>,
    pub sync_events: Vec<SyncEvent>,
    /// `device_id_mapper` documents that share one of the user's device
    /// identifiers (including the user's own), as stored.
    pub device_ids: Vec<serde_json::Map<String, Value>>,
}

// ---------------------------------------------------------------------------
// Dates

/// Epoch values below this are taken as seconds rather than milliseconds
/// (1e11 ms is March 1973; 1e11 s is far in the future).
const EPOCH_SECONDS_BELOW: f64 = 100_000_000_000.0;

/// Epoch milliseconds (UTC) to a naive UTC datetime.
pub fn epoch_ms_to_datetime(ms: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(ms).map(|d| d.naive_utc())
}

fn epoch_number_to_datetime(x: f64) -> Option<NaiveDateTime> {
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    let ms = if x < EPOCH_SECONDS_BELOW { x * 1000.0 } else { x };
    if ms > 9.0e15 {
        return None;
    }
    epoch_ms_to_datetime(ms.round() as i64)
}

/// Parses a date/time string: a numeric string (epoch ms, or epoch seconds
/// when small), `YYYY-MM-DD HH:MM:SS` (optionally with fractional seconds or
/// a `T` separator), RFC 3339 with an offset (converted to UTC), or a bare
/// `YYYY-MM-DD` (midnight).
pub fn parse_datetime_str(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return s.parse::<f64>().ok().and_then(epoch_number_to_datetime);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_utc());
    }
    if let Some(stripped) = s.strip_suffix('Z') {
        if let Ok(d) = NaiveDateTime::parse_from_str(stripped, "%Y-%m-%dT%H:%M:%S%.f") {
            return Some(d);
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0);
    }
    None
}

/// Parses `sms_inbox_date` as synced: epoch ms as a JSON number, a numeric
/// string, or a `YYYY-MM-DD HH:MM:SS` string (see [`parse_datetime_str`]).
/// Also understands the extended-JSON forms `{"$date": …}` and
/// `{"$numberLong": "…"}`. Anything else gives `None`.
pub fn parse_inbox_date(v: &Value) -> Option<NaiveDateTime> {
    match v {
        Value::Number(n) => n.as_f64().and_then(epoch_number_to_datetime),
        Value::String(s) => parse_datetime_str(s),
        Value::Object(m) => {
            let inner = m
                .get("$date")
                .or_else(|| m.get("$numberLong"))
                .or_else(|| m.get("$numberDouble"))
                .or_else(|| m.get("$numberInt"))?;
            if let Value::String(s) = inner {
                // `{"$date": "2024-01-01T00:00:00Z"}` or a numeric string.
                return parse_datetime_str(s);
            }
            parse_inbox_date(inner)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Lenient field deserializers (work with serde_json and with the bson
// deserializer: they go through `deserialize_any`, never through `Value`).

/// A scalar as it may appear in a synced document.
enum Scalar {
    Null,
    Bool(bool),
    I(i64),
    F(f64),
    S(String),
    /// A `{"$date": …}` value, as epoch milliseconds.
    Date(i64),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar (number, string, bool or null)")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::I(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map(Scalar::I).unwrap_or(Scalar::F(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::F(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::S(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::S(v))
    }
    /// Extended-JSON wrappers: `{"$numberLong": "…"}`, `{"$numberInt": …}`,
    /// `{"$numberDouble": …}`, `{"$date": …}` (its inner value, so a date
    /// field reads the epoch ms or ISO string it holds).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        let mut out: Option<Scalar> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "$date" if out.is_none() => {
                    let inner = map.next_value_seed(ScalarSeed)?;
                    let ms = match inner {
                        Scalar::S(s) => parse_datetime_str(&s).map(|d| d.and_utc().timestamp_millis()),
                        Scalar::I(i) => Some(i),
                        Scalar::F(f) if f.is_finite() => Some(f.round() as i64),
                        Scalar::Date(ms) => Some(ms),
                        _ => None,
                    };
                    out = Some(Scalar::Date(ms.ok_or_else(|| de::Error::custom("unreadable $date"))?));
                }
                "$numberLong" | "$numberInt" | "$numberDouble" | "$numberDecimal" if out.is_none() => {
                    out = Some(map.next_value_seed(ScalarSeed)?);
                }
                _ => return Err(de::Error::custom(format!("unexpected object key `{key}` in a scalar field"))),
            }
        }
        out.ok_or_else(|| de::Error::custom("empty object in a scalar field"))
    }
}

struct ScalarSeed;
impl<'de> de::DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

fn num_from_str(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// String field: strings as they are, numbers and bools as their text.
pub fn de_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Null => None,
        Scalar::S(s) => Some(s),
        Scalar::I(i) => Some(i.to_string()),
        Scalar::F(f) => Some(f.to_string()),
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::Date(ms) => Some(ms.to_string()),
    })
}

/// Float field: ints, floats, numeric strings (empty string: absent).
pub fn de_opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::I(i) | Scalar::Date(i) => Ok(Some(i as f64)),
        Scalar::F(f) if f.is_finite() => Ok(Some(f)),
        Scalar::F(_) => Ok(None),
        Scalar::S(s) if s.trim().is_empty() => Ok(None),
        Scalar::S(s) => num_from_str(&s)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("expected a number, got string `{s}`"))),
        Scalar::Bool(_) => Err(de::Error::custom("expected a number, got a bool")),
    }
}

/// Integer field: ints, integral floats (`33.0`), numeric strings; a float
/// with a fraction is rounded (epoch values sometimes arrive as doubles).
pub fn de_opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let f = match scalar(d)? {
        Scalar::Null => return Ok(None),
        Scalar::I(i) | Scalar::Date(i) => return Ok(Some(i)),
        Scalar::F(f) => f,
        Scalar::S(s) if s.trim().is_empty() => return Ok(None),
        Scalar::S(s) => {
            if let Ok(i) = s.trim().parse::<i64>() {
                return Ok(Some(i));
            }
            num_from_str(&s).ok_or_else(|| de::Error::custom(format!("expected an integer, got string `{s}`")))?
        }
        Scalar::Bool(_) => return Err(de::Error::custom("expected an integer, got a bool")),
    };
    if f.is_finite() && f.abs() < 9.2e18 {
        Ok(Some(f.round() as i64))
    } else {
        Err(de::Error::custom("integer out of range"))
    }
}

/// Bool field: `true`/`false`, 0/1, and the strings `true`/`false`/`1`/`0`/
/// `yes`/`no` (any case).
pub fn de_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Bool(b) => Ok(Some(b)),
        Scalar::I(0) => Ok(Some(false)),
        Scalar::I(1) => Ok(Some(true)),
        Scalar::F(0.0) => Ok(Some(false)),
        Scalar::F(1.0) => Ok(Some(true)),
        Scalar::S(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "true" | "1" | "yes" | "y" => Ok(Some(true)),
            "false" | "0" | "no" | "n" => Ok(Some(false)),
            _ => Err(de::Error::custom(format!("expected a bool, got string `{s}`"))),
        },
        _ => Err(de::Error::custom("expected a bool")),
    }
}

/// Required datetime: `YYYY-MM-DD HH:MM:SS` / ISO / RFC 3339 strings, epoch
/// ms (or seconds) numbers.
pub fn de_datetime<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let parsed = match scalar(d)? {
        Scalar::S(s) => parse_datetime_str(&s),
        Scalar::Date(ms) => epoch_ms_to_datetime(ms),
        Scalar::I(i) => epoch_number_to_datetime(i as f64),
        Scalar::F(f) => epoch_number_to_datetime(f),
        Scalar::Null => return Err(de::Error::custom("missing datetime")),
        Scalar::Bool(_) => None,
    };
    parsed.ok_or_else(|| de::Error::custom("unreadable datetime"))
}
