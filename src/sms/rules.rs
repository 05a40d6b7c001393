//! The three rule files (TOML) as data, and their loading.
//!
//! * `senders.toml`        — sender vocabulary: DLT header cores and body
//!   keywords → canonical institution + sender_type.
//! * `classification.toml` — keyword classes and the ordered rules that turn
//!   class hits into sms_type / transaction_type / sub_type / nlp tag.
//! * `patterns.toml`       — keyword lists and regexes for field extraction
//!   (amount roles, accounts, references, dates, counterparty).
//!
//! Semantic validation (unknown class names, bad regexes, bad enum values)
//! happens when the engine compiles the rules; see `engine.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const BUILTIN_SENDERS: &str = include_str!("../../config/sms/senders.toml");
pub const BUILTIN_CLASSIFICATION: &str = include_str!("../../config/sms/classification.toml");
pub const BUILTIN_PATTERNS: &str = include_str!("../../config/sms/patterns.toml");

/// Error loading or validating a rule file. `Display` names the file and
/// the offending entry.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: invalid TOML: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: {entry}: {message}")]
    Invalid { file: String, entry: String, message: String },
}

impl RuleError {
    pub fn invalid(file: &str, entry: impl Into<String>, message: impl Into<String>) -> Self {
        RuleError::Invalid { file: file.to_string(), entry: entry.into(), message: message.into() }
    }
}

// ---------------------------------------------------------------- senders

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendersFile {
    #[serde(default, rename = "institution")]
    pub institutions: Vec<Institution>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Canonical name, lower case (`hdfc bank`).
    pub name: String,
    /// One of the contract's sender types (`bank`, `card`, ...).
    #[serde(rename = "type")]
    pub sender_type: String,
    /// DLT header cores (`HDFCBK`), matched case-insensitively after removing
    /// the 2-letter operator prefix (`AX-`) and the category suffix (`-S`).
    #[serde(default)]
    pub headers: Vec<String>,
    /// Body phrases identifying the institution when the header is unknown.
    #[serde(default)]
    pub keywords: Vec<String>,
}

// --------------------------------------------------------- classification

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassificationFile {
    /// Keyword classes: name → phrases (lexicon syntax, see `text.rs`).
    pub classes: BTreeMap<String, Vec<String>>,
    /// Classes set by the sender header's DLT category suffix instead of a
    /// phrase: name → suffixes (`promo_header = ["p"]` for `VM-FLXLON-P`).
    #[serde(default)]
    pub header_classes: BTreeMap<String, Vec<String>>,
    /// Ordered rules; the first whose conditions hold decides the class.
    #[serde(rename = "rule")]
    pub rules: Vec<RuleDef>,
    /// Ordered channel rules (sms_sub_type); first match wins.
    #[serde(default, rename = "sub_type")]
    pub sub_types: Vec<LabelDef>,
    /// Ordered purpose rules, appended to the sms_type for sms_nlp_tag.
    #[serde(default, rename = "purpose")]
    pub purposes: Vec<LabelDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub name: String,
    /// At least one of these classes must be present.
    #[serde(default)]
    pub any: Vec<String>,
    /// Every one of these classes must be present.
    #[serde(default)]
    pub all: Vec<String>,
    /// None of these classes may be present.
    #[serde(default)]
    pub none: Vec<String>,
    /// The rule only applies when the message quotes an amount.
    #[serde(default)]
    pub needs_amount: bool,
    /// An sms_type, or `direction` (decided by which of the `debit` /
    /// `credit` classes occurs first), or `none` (no type).
    pub sms_type: String,
    #[serde(default)]
    pub debit_type: Option<String>,
    #[serde(default)]
    pub credit_type: Option<String>,
    /// `none`, `debit`, `credit` or `direction`.
    #[serde(default = "default_none")]
    pub transaction: String,
    /// Which amount to report: `none`, `transaction` or `due`.
    #[serde(default = "default_none")]
    pub amount: String,
    /// Report a stated balance (default true).
    #[serde(default = "default_true")]
    pub balance: bool,
    /// Fixed purpose for the nlp tag (otherwise the purpose rules decide).
    #[serde(default)]
    pub purpose: Option<String>,
    /// A class whose first word is the verb the amount is picked nearest to
    /// (default: the first debit/credit word). `refund` makes "amount paid
    /// rs 4,420 ... refund rs 2,920 will be credited" report the refund.
    #[serde(default)]
    pub verb: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelDef {
    pub value: String,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
    /// Restrict to these sms_types (empty = all transactional types).
    #[serde(default)]
    pub types: Vec<String>,
}

fn default_none() -> String {
    "none".into()
}
fn default_true() -> bool {
    true
}

// --------------------------------------------------------------- patterns

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternsFile {
    /// Keyword lists used by the field extractors. Required keys: currency,
    /// balance, limit, due, min_due, cap, bare_amount_lead, account,
    /// account_mask, account_exclude, account_filler, reference, due_date.
    pub keywords: BTreeMap<String, Vec<String>>,
    /// Regexes for transaction references, tried in order (group `r`).
    #[serde(default)]
    pub reference: Vec<PatternDef>,
    pub party: PartyDef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyDef {
    /// Captures starting with one of these are not counterparties.
    #[serde(default)]
    pub reject_prefixes: Vec<String>,
    /// Captures equal to one of these are not counterparties.
    #[serde(default)]
    pub reject_exact: Vec<String>,
    /// Captures containing one of these are not counterparties (`a/c`).
    #[serde(default)]
    pub reject_contains: Vec<String>,
    /// Leading words dropped from a capture (`to beneficiary mohit gupta`
    /// names `mohit gupta`). Each ends at a word boundary.
    #[serde(default)]
    pub strip_prefixes: Vec<String>,
    /// Regex patterns, tried in order before the generic phrases.
    #[serde(rename = "pattern")]
    pub patterns: Vec<PatternDef>,
    /// Stop words of every `[[party.phrase]]` (each phrase adds its own).
    #[serde(default)]
    pub stops: Vec<String>,
    /// A `[[party.phrase]]` anchor right after one of these words does not
    /// introduce a name: `due to insufficient funds`, `owing to`.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Generic "preposition + name" phrases (`at X`, `to X`, `from X`), tried
    /// in order after the patterns. Hand-scanned (no regex): the name runs
    /// from after the anchor to the first stop word or built-in terminator
    /// (newline ; , ( / ~ | a sentence-ending dot, 3 spaces, a date/time).
    #[serde(default, rename = "phrase")]
    pub phrases: Vec<PhraseDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseDef {
    pub anchor: String,
    /// Words ending the name (matched as ` word` with a word boundary after),
    /// in addition to `[party] stops`.
    #[serde(default)]
    pub stops: Vec<String>,
    #[serde(default)]
    pub types: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    /// Literal phrase (lexicon syntax) that must occur for the regex to be
    /// tried at all — keeps the per-message cost low.
    pub anchor: String,
    /// Regex over the lower-cased message with a named group (`p` for a
    /// party, `r` for a reference).
    pub regex: String,
    /// Only for these sms_types (empty = any).
    #[serde(default)]
    pub types: Vec<String>,
    /// `anchor` (default): the regex must match starting AT an occurrence of
    /// the anchor phrase (it is run anchored on the next few hundred bytes —
    /// cheap). `message`: the regex is searched over the whole message (use
    /// when the match starts before the anchor).
    #[serde(default)]
    pub scope: Option<String>,
}

// ----------------------------------------------------------------- loading

pub struct RuleSources {
    pub senders: (String, String),
    pub classification: (String, String),
    pub patterns: (String, String),
}

pub fn read_source(path: &Option<PathBuf>, builtin: &str, builtin_name: &str) -> Result<(String, String), RuleError> {
    match path {
        None => Ok((format!("<built-in {builtin_name}>"), builtin.to_string())),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|source| RuleError::Io { file: p.display().to_string(), source })?;
            Ok((p.display().to_string(), text))
        }
    }
}

pub fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| RuleError::Parse { file: file.to_string(), message: e.to_string() })
}

#[allow(dead_code)]
pub fn display(p: &Path) -> String {
    p.display().to_string()
}
