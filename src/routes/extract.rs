//! `POST /api/extract` (sms role, contract §7): classify and extract a batch of SMS.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::http::validate::{Checker, Detail, FromBody, JsonBody};
use crate::http::{ApiError, AppState, RequestId};
use crate::sms::model::{ExtractionResult, SmsInput};

pub const MAX_USER_ID_CHARS: usize = 64;

#[derive(Serialize)]
struct ExtractResponse<'a> {
    results: &'a [ExtractionResult],
}

pub struct ExtractRequest {
    pub client_id: String,
    pub user_id: Option<String>,
    pub sms: Vec<SmsInput>,
}

/// Reads one SMS item, reporting problems under `["body", "sms", i, field]`.
fn sms_item(i: usize, item: &Value, details: &mut Vec<Detail>) -> Option<SmsInput> {
    let loc = |field: Option<&str>| {
        let mut l = vec![json!("body"), json!("sms"), json!(i)];
        if let Some(f) = field {
            l.push(json!(f));
        }
        l
    };
    let Some(obj) = item.as_object() else {
        details.push(Detail {
            kind: "model_attributes_type",
            loc: loc(None),
            msg: "Input should be a valid dictionary or object to extract fields from".into(),
            input: item.clone(),
            ctx: None,
        });
        return None;
    };
    let before = details.len();
    let mut text = |field: &str, required: bool| -> String {
        match obj.get(field) {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) if !required => String::new(),
            None | Some(Value::Null) => {
                details.push(Detail {
                    kind: "missing",
                    loc: loc(Some(field)),
                    msg: "Field required".into(),
                    input: item.clone(),
                    ctx: None,
                });
                String::new()
            }
            Some(other) => {
                details.push(Detail {
                    kind: "string_type",
                    loc: loc(Some(field)),
                    msg: "Input should be a valid string".into(),
                    input: other.clone(),
                    ctx: None,
                });
                String::new()
            }
        }
    };
    let sms_body = text("sms_body", true);
    let sms_sender = text("sms_sender", false);
    (details.len() == before).then(|| SmsInput {
        sms_id: obj.get("sms_id").cloned().unwrap_or(Value::Null),
        sms_sender,
        sms_body,
        sms_inbox_date: obj.get("sms_inbox_date").cloned().unwrap_or(Value::Null),
    })
}

/// The fast path's shape: exactly what a valid request holds.
#[derive(Deserialize)]
struct TypedRequest {
    client_id: String,
    #[serde(default)]
    user_id: Option<String>,
    sms: Vec<TypedSms>,
}

#[derive(Deserialize)]
struct TypedSms {
    #[serde(default)]
    sms_id: Value,
    #[serde(default)]
    sms_sender: Option<String>,
    sms_body: String,
    #[serde(default)]
    sms_inbox_date: Value,
}

fn max_sms(req: &HttpRequest) -> usize {
    req.app_data::<web::Data<AppState>>().map(|s| s.settings.sms.max_sms_count).unwrap_or(1000)
}

impl FromBody for ExtractRequest {
    fn from_bytes(bytes: &[u8], req: &HttpRequest) -> Option<Self> {
        // sonic-rs here (the bulk path); anything it refuses goes to
        // `from_body`, whose serde_json errors the 422 answer quotes.
        let t: TypedRequest = crate::json::from_slice(bytes).ok()?;
        let user_id_ok = t.user_id.as_ref().is_none_or(|u| u.chars().count() <= MAX_USER_ID_CHARS);
        if !user_id_ok || t.sms.len() > max_sms(req) {
            return None;
        }
        Some(ExtractRequest {
            client_id: t.client_id,
            user_id: t.user_id,
            sms: t
                .sms
                .into_iter()
                .map(|s| SmsInput {
                    sms_id: s.sms_id,
                    sms_sender: s.sms_sender.unwrap_or_default(),
                    sms_body: s.sms_body,
                    sms_inbox_date: s.sms_inbox_date,
                })
                .collect(),
        })
    }

    fn from_body(body: &Value, req: &HttpRequest) -> Result<Self, ApiError> {
        let max = max_sms(req);
        let mut c = Checker::new(body);
        let client_id = c.string("client_id", None);
        let user_id = c.optional_string("user_id", Some(MAX_USER_ID_CHARS));
        let mut sms = Vec::new();
        if let Some(items) = c.list("sms", max) {
            let mut details = Vec::new();
            sms.reserve(items.len());
            for (i, item) in items.iter().enumerate() {
                if let Some(s) = sms_item(i, item, &mut details) {
                    sms.push(s);
                }
            }
            for d in details {
                c.push(d);
            }
        }
        c.finish(|| ExtractRequest { client_id: client_id.unwrap_or_default(), user_id, sms })
    }
}

pub async fn extract(
    req: HttpRequest,
    body: JsonBody<ExtractRequest>,
    state: web::Data<AppState>,
    request_id: RequestId,
) -> Result<HttpResponse, ApiError> {
    state
        .auth
        .authenticate(&req, Some(&body.value.client_id), || body.raw(), request_id.as_str())
        .await?;
    let engine = state.engine(request_id.as_str())?.clone();
    let sms = body.value.sms;
    let count = sms.len();
    // A full batch is a few milliseconds of CPU (engine + JSON): run it on
    // the blocking pool, so this worker keeps serving other connections
    // (health checks, the other batches of the same insights request) and
    // the batches in flight use every core.
    let encoded = web::block(move || {
        // each result is its echoed input plus ~550 bytes of fields
        let capacity = 64 + sms.iter().map(|s| s.sms_body.len() + s.sms_sender.len() + 640).sum::<usize>();
        let results: Vec<_> = sms.into_iter().map(|s| engine.extract_one(s)).collect();
        crate::json::to_vec_with_capacity(&ExtractResponse { results: &results }, capacity)
    })
    .await
    .map_err(|e| ApiError::internal(request_id.as_str(), format!("extraction task failed: {e}")))?
    .map_err(|e| ApiError::internal(request_id.as_str(), format!("cannot encode the results: {e}")))?;
    tracing::info!(count, user_id = body.value.user_id.as_deref().unwrap_or(""), "extracted");
    Ok(HttpResponse::Ok().content_type("application/json").body(encoded))
}
