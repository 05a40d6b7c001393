//! SMS extraction engine (contract §7): sender lookup, classification and
//! field extraction driven by the rule files in `config/sms/`.
//!
//! ```no_run
//! use mobileforge::sms::Engine;
//! let engine = Engine::builtin().unwrap();
//! let x = engine.extract("AX-HDFCBK-S", "Rs.500.00 debited from A/c XX1234 on 20-Oct-25 to merchant@upi");
//! assert_eq!(x.transaction, Some(500.0));
//! ```

pub mod capture;
pub mod classify;
pub mod engine;
pub mod fields;
pub mod model;
pub mod rules;
pub mod sender;
pub mod template;
pub mod text;

pub use engine::{Engine, RuleError, RulePaths, Sms};
pub use model::{Extraction, ExtractionResult, SenderType, SmsInput, SmsType, TransactionType};
