//! The extraction result of contract §7: the one type shared by the engine,
//! the `/api/extract` route, the `sms extract` command, the insights pipeline
//! and the feature engine.

use serde::{Deserialize, Serialize};

/// One SMS as the sync pipeline stores it and as `/api/extract` receives it.
///
/// `sms_id` and `sms_inbox_date` are kept as raw JSON values: deployments
/// send ids as strings or numbers and dates as epoch-ms or
/// `YYYY-MM-DD HH:MM:SS`; we echo them back exactly as received.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SmsInput {
    #[serde(default)]
    pub sms_id: serde_json::Value,
    #[serde(default)]
    pub sms_sender: String,
    #[serde(default)]
    pub sms_body: String,
    #[serde(default)]
    pub sms_inbox_date: serde_json::Value,
}

/// `sender_type` of contract §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SenderType {
    Bank,
    Card,
    Wallet,
    Nbfc,
    Telecom,
    Ecommerce,
    Utility,
    Insurance,
    Investment,
    Government,
    Other,
}

impl SenderType {
    pub fn as_str(self) -> &'static str {
        match self {
            SenderType::Bank => "bank",
            SenderType::Card => "card",
            SenderType::Wallet => "wallet",
            SenderType::Nbfc => "nbfc",
            SenderType::Telecom => "telecom",
            SenderType::Ecommerce => "ecommerce",
            SenderType::Utility => "utility",
            SenderType::Insurance => "insurance",
            SenderType::Investment => "investment",
            SenderType::Government => "government",
            SenderType::Other => "other",
        }
    }
}

/// `sms_type` of contract §7 (the 14-value taxonomy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsType {
    AccountDebitExecuted,
    AccountCreditExecuted,
    CardDebitExecuted,
    CardPaymentReceived,
    CardBillGenerated,
    LoanDisbursed,
    EmiDueReminder,
    LoanOverdue,
    PaymentBounced,
    TransactionDeclined,
    BalanceUpdate,
    Otp,
    Promotional,
    Other,
}

impl SmsType {
    pub const ALL: [SmsType; 14] = [
        SmsType::AccountDebitExecuted,
        SmsType::AccountCreditExecuted,
        SmsType::CardDebitExecuted,
        SmsType::CardPaymentReceived,
        SmsType::CardBillGenerated,
        SmsType::LoanDisbursed,
        SmsType::EmiDueReminder,
        SmsType::LoanOverdue,
        SmsType::PaymentBounced,
        SmsType::TransactionDeclined,
        SmsType::BalanceUpdate,
        SmsType::Otp,
        SmsType::Promotional,
        SmsType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SmsType::AccountDebitExecuted => "account_debit_executed",
            SmsType::AccountCreditExecuted => "account_credit_executed",
            SmsType::CardDebitExecuted => "card_debit_executed",
            SmsType::CardPaymentReceived => "card_payment_received",
            SmsType::CardBillGenerated => "card_bill_generated",
            SmsType::LoanDisbursed => "loan_disbursed",
            SmsType::EmiDueReminder => "emi_due_reminder",
            SmsType::LoanOverdue => "loan_overdue",
            SmsType::PaymentBounced => "payment_bounced",
            SmsType::TransactionDeclined => "transaction_declined",
            SmsType::BalanceUpdate => "balance_update",
            SmsType::Otp => "otp",
            SmsType::Promotional => "promotional",
            SmsType::Other => "other",
        }
    }

    /// Money moved (contract §7 `is_transactional`).
    pub fn is_transactional(self) -> bool {
        matches!(
            self,
            SmsType::AccountDebitExecuted
                | SmsType::AccountCreditExecuted
                | SmsType::CardDebitExecuted
                | SmsType::CardPaymentReceived
                | SmsType::LoanDisbursed
        )
    }
}

/// `transaction_type` of contract §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TransactionType {
    #[serde(rename = "debit-transaction")]
    Debit,
    #[serde(rename = "credit-transaction")]
    Credit,
}

/// What the engine derives from one SMS (contract §7, without the echoed
/// input fields). Field names are the wire names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Extraction {
    pub sender_name: Option<String>,
    pub sender_type: Option<SenderType>,
    pub sms_type: Option<SmsType>,
    pub sms_sub_type: Option<String>,
    pub sms_nlp_tag: Option<String>,
    pub is_transactional: bool,
    pub transaction_type: Option<TransactionType>,
    /// The amount the message is about.
    pub transaction: Option<f64>,
    /// Same value as `transaction` (legacy field name kept by the contract).
    pub transaction_nlp: Option<f64>,
    pub account_last_digits: Option<String>,
    /// `x` + `account_last_digits`, e.g. `x3028`.
    pub acc_number_nlp: Option<String>,
    pub available_balance: Option<f64>,
    pub transaction_party: Option<String>,
    pub transaction_ref: Option<String>,
    pub due_amount: Option<f64>,
    /// ISO `YYYY-MM-DD` when the date could be read.
    pub due_date: Option<String>,
    pub unique_pan: Option<String>,
    pub unique_pan_nlp: Option<String>,
    pub is_classified: bool,
    pub is_extracted: bool,
    pub template_hash: String,
}

/// One element of `/api/extract`'s `results` and one line of `sms extract`:
/// the input fields followed by the extraction.
///
/// Serialised flat; deserialised through [`FlatResult`] because serde's
/// `flatten` buffers every field on the way in, which made reading 5,000
/// results several times slower.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatResult")]
pub struct ExtractionResult {
    #[serde(flatten)]
    pub input: SmsInput,
    #[serde(flatten)]
    pub extraction: Extraction,
}

/// The wire shape of [`ExtractionResult`], field by field.
#[derive(Deserialize)]
struct FlatResult {
    #[serde(default)]
    sms_id: serde_json::Value,
    #[serde(default)]
    sms_sender: String,
    #[serde(default)]
    sms_body: String,
    #[serde(default)]
    sms_inbox_date: serde_json::Value,
    #[serde(default)]
    sender_name: Option<String>,
    #[serde(default)]
    sender_type: Option<SenderType>,
    #[serde(default)]
    sms_type: Option<SmsType>,
    #[serde(default)]
    sms_sub_type: Option<String>,
    #[serde(default)]
    sms_nlp_tag: Option<String>,
    #[serde(default)]
    is_transactional: bool,
    #[serde(default)]
    transaction_type: Option<TransactionType>,
    #[serde(default)]
    transaction: Option<f64>,
    #[serde(default)]
    transaction_nlp: Option<f64>,
    #[serde(default)]
    account_last_digits: Option<String>,
    #[serde(default)]
    acc_number_nlp: Option<String>,
    #[serde(default)]
    available_balance: Option<f64>,
    #[serde(default)]
    transaction_party: Option<String>,
    #[serde(default)]
    transaction_ref: Option<String>,
    #[serde(default)]
    due_amount: Option<f64>,
    #[serde(default)]
    due_date: Option<String>,
    #[serde(default)]
    unique_pan: Option<String>,
    #[serde(default)]
    unique_pan_nlp: Option<String>,
    #[serde(default)]
    is_classified: bool,
    #[serde(default)]
    is_extracted: bool,
    #[serde(default)]
    template_hash: String,
}

impl From<FlatResult> for ExtractionResult {
    fn from(f: FlatResult) -> Self {
        ExtractionResult {
            input: SmsInput {
                sms_id: f.sms_id,
                sms_sender: f.sms_sender,
                sms_body: f.sms_body,
                sms_inbox_date: f.sms_inbox_date,
            },
            extraction: Extraction {
                sender_name: f.sender_name,
                sender_type: f.sender_type,
                sms_type: f.sms_type,
                sms_sub_type: f.sms_sub_type,
                sms_nlp_tag: f.sms_nlp_tag,
                is_transactional: f.is_transactional,
                transaction_type: f.transaction_type,
                transaction: f.transaction,
                transaction_nlp: f.transaction_nlp,
                account_last_digits: f.account_last_digits,
                acc_number_nlp: f.acc_number_nlp,
                available_balance: f.available_balance,
                transaction_party: f.transaction_party,
                transaction_ref: f.transaction_ref,
                due_amount: f.due_amount,
                due_date: f.due_date,
                unique_pan: f.unique_pan,
                unique_pan_nlp: f.unique_pan_nlp,
                is_classified: f.is_classified,
                is_extracted: f.is_extracted,
                template_hash: f.template_hash,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire bytes of one full result: every field, in wire order (the
    /// input's fields, then the extraction's).
    #[test]
    fn a_result_serialises_flat_with_every_field_in_wire_order() {
        let r = ExtractionResult {
            input: SmsInput {
                sms_id: serde_json::json!("1"),
                sms_sender: "VM-SBIUPI".into(),
                sms_body: "dear upi user a/c x3028 debited by 80.0 on date 22sep25 trf to vinod kumar sah refno 000000642062".into(),
                sms_inbox_date: serde_json::json!("2025-09-22 10:00:00"),
            },
            extraction: Extraction {
                sender_name: Some("state bank of india".into()),
                sender_type: Some(SenderType::Bank),
                sms_type: Some(SmsType::AccountDebitExecuted),
                sms_sub_type: Some("upi".into()),
                sms_nlp_tag: Some("account_debit_executed_transfer_out".into()),
                is_transactional: true,
                transaction_type: Some(TransactionType::Debit),
                transaction: Some(80.0),
                transaction_nlp: Some(80.0),
                account_last_digits: Some("3028".into()),
                acc_number_nlp: Some("x3028".into()),
                available_balance: None,
                transaction_party: Some("vinod kumar sah".into()),
                transaction_ref: Some("000000642062".into()),
                due_amount: None,
                due_date: None,
                unique_pan: Some("bank | state bank of india | 28".into()),
                unique_pan_nlp: Some("bank | state bank of india | 28".into()),
                is_classified: true,
                is_extracted: true,
                template_hash: "c983efba04929adf".into(),
            },
        };
        let expected = r#"{"sms_id":"1","sms_sender":"VM-SBIUPI","sms_body":"dear upi user a/c x3028 debited by 80.0 on date 22sep25 trf to vinod kumar sah refno 000000642062","sms_inbox_date":"2025-09-22 10:00:00","sender_name":"state bank of india","sender_type":"bank","sms_type":"account_debit_executed","sms_sub_type":"upi","sms_nlp_tag":"account_debit_executed_transfer_out","is_transactional":true,"transaction_type":"debit-transaction","transaction":80.0,"transaction_nlp":80.0,"account_last_digits":"3028","acc_number_nlp":"x3028","available_balance":null,"transaction_party":"vinod kumar sah","transaction_ref":"000000642062","due_amount":null,"due_date":null,"unique_pan":"bank | state bank of india | 28","unique_pan_nlp":"bank | state bank of india | 28","is_classified":true,"is_extracted":true,"template_hash":"c983efba04929adf"}"#;
        assert_eq!(serde_json::to_string(&r).unwrap(), expected);
        // The parts alone: the input's and the extraction's fields as objects.
        let input = serde_json::to_value(&r.input).unwrap();
        let extraction = serde_json::to_value(&r.extraction).unwrap();
        assert_eq!(input.as_object().unwrap().len(), 4);
        assert_eq!(extraction.as_object().unwrap().len(), 21);
        let back: ExtractionResult = serde_json::from_str(expected).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn results_round_trip_through_json() {
        let r = ExtractionResult {
            input: SmsInput {
                sms_id: serde_json::json!(7),
                sms_sender: "AX-HDFCBK".into(),
                sms_body: "Rs.5 debited".into(),
                sms_inbox_date: serde_json::json!("2025-01-01 00:00:00"),
            },
            extraction: Extraction {
                sms_type: Some(SmsType::AccountDebitExecuted),
                transaction_type: Some(TransactionType::Debit),
                transaction: Some(5.0),
                is_transactional: true,
                template_hash: "abc".into(),
                ..Default::default()
            },
        };
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.contains("\"transaction_type\":\"debit-transaction\""));
        let back: ExtractionResult = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
    }
}
