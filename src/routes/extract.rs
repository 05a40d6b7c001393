//! `POST /api/extract` (sms role, contract §7): classify and extract a batch of SMS.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::http::cpu_pool::CpuPool;
use crate::http::validate::{Checker, Detail, FromBody, JsonBody};
use crate::http::{ApiError, AppState, RequestId};
use crate::sms::model::SmsInput;

pub const MAX_USER_ID_CHARS: usize = 64;

/// Fewest messages worth a blocking task of their own.
const MIN_CHUNK: usize = 200;

/// How many chunks a batch of `count` messages is cut into: one per core,
/// none smaller than [`MIN_CHUNK`].
fn chunk_count(count: usize) -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    (count / MIN_CHUNK).clamp(1, cores)
}

/// `items` cut into `parts` consecutive runs of near-equal length.
fn split_in_order<T>(mut items: Vec<T>, parts: usize) -> Vec<Vec<T>> {
    let parts = parts.max(1);
    let mut out = Vec::with_capacity(parts);
    for k in (1..=parts).rev() {
        let take = items.len() / k;
        let rest = items.split_off(take);
        out.push(std::mem::replace(&mut items, rest));
    }
    out
}

/// What the answer starts with, before the first chunk's JSON array.
const RESULTS_OPEN: &[u8] = b"{\"results\":";

/// Completes the answer `{"results":[...]}`. `head` is [`RESULTS_OPEN`]
/// followed by the first chunk's JSON array, encoded in place in a buffer
/// sized for the whole answer; the items of the later chunks' arrays are
/// appended to it. Only the later chunks are copied (a 1,000-SMS answer is
/// ~750 KB, and joining every chunk into a new buffer was ~4% of
/// `serve sms`' CPU).
fn finish_results(mut head: Vec<u8>, rest: &[Vec<u8>]) -> Vec<u8> {
    fn inner(a: &[u8]) -> &[u8] {
        if a.len() >= 2 { &a[1..a.len() - 1] } else { &a[..0] }
    }
    debug_assert!(head.starts_with(RESULTS_OPEN) && head.ends_with(b"]"));
    head.pop(); // the first array's `]`
    head.reserve(2 + rest.iter().map(Vec::len).sum::<usize>());
    for a in rest {
        let items = inner(a);
        if items.is_empty() {
            continue;
        }
        // items are objects: the byte before them is `[` only when none came yet
        if head.last() != Some(&b'[') {
            head.push(b',');
        }
        head.extend_from_slice(items);
    }
    head.extend_from_slice(b"]}");
    head
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
    // A full batch is a few milliseconds of CPU (engine + JSON): it runs on
    // the engine threads (`CpuPool`, one per core), so this worker keeps
    // serving other connections (health checks, the other batches of the
    // same insights request). A large batch is cut into consecutive chunks
    // run side by side, so a batch alone on the machine (the last one of an
    // insights request) uses every core; the chunks' JSON arrays are joined
    // into the one `results` array.
    // Each result is its echoed input plus the extraction fields: a seeded
    // 1,000-SMS batch answers ~806 KB, ~665 bytes a result beyond its body
    // and sender. An estimate below that made every answer buffer grow
    // (a realloc copying it, ~2% of `serve sms`' CPU), so it errs high.
    let capacity = |chunk: &[SmsInput]| 2 + chunk.iter().map(|s| s.sms_body.len() + s.sms_sender.len() + 768).sum::<usize>();
    let whole = RESULTS_OPEN.len() + capacity(&sms);
    let tasks: Vec<_> = split_in_order(sms, chunk_count(count))
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let engine = engine.clone();
            CpuPool::global().run(move || {
                // the first chunk is encoded into the answer's own buffer
                let mut out = if i == 0 {
                    let mut head = Vec::with_capacity(whole);
                    head.extend_from_slice(RESULTS_OPEN);
                    head
                } else {
                    Vec::with_capacity(capacity(&chunk))
                };
                let results = engine.extract_results(chunk);
                crate::json::write_into(&mut out, &results).map(|()| out)
            })
        })
        .collect();
    let mut arrays = Vec::with_capacity(tasks.len());
    for task in tasks {
        let array = task
            .await
            .map_err(|e| ApiError::internal(request_id.as_str(), format!("extraction task failed: {e}")))?
            .map_err(|e| ApiError::internal(request_id.as_str(), format!("cannot encode the results: {e}")))?;
        arrays.push(array);
    }
    let mut arrays = arrays.into_iter();
    let head = arrays.next().unwrap_or_else(|| [RESULTS_OPEN, b"[]"].concat());
    let encoded = finish_results(head, arrays.as_slice());
    tracing::info!(count, user_id = body.value.user_id.as_deref().unwrap_or(""), "extracted");
    Ok(HttpResponse::Ok().content_type("application/json").body(encoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sms::{model::ExtractionResult, Engine};
    use serde::Serialize;

    #[test]
    fn splits_keep_every_item_in_order() {
        for n in [0usize, 1, 2, 5, 199, 200, 1000, 1001] {
            for parts in 1..=5 {
                let chunks = split_in_order((0..n).collect::<Vec<_>>(), parts);
                assert_eq!(chunks.len(), parts);
                assert_eq!(chunks.concat(), (0..n).collect::<Vec<_>>(), "n={n} parts={parts}");
                let (min, max) = (chunks.iter().map(Vec::len).min().unwrap(), chunks.iter().map(Vec::len).max().unwrap());
                assert!(max - min <= 1, "near-equal: n={n} parts={parts}");
            }
        }
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(MIN_CHUNK - 1), 1);
    }

    #[test]
    fn joined_chunks_are_the_single_array_byte_for_byte() {
        #[derive(Serialize)]
        struct Whole<'a> {
            results: &'a [ExtractionResult],
        }
        let engine = Engine::builtin().unwrap();
        let sms: Vec<SmsInput> = (0..7)
            .map(|i| SmsInput {
                sms_id: json!(i),
                sms_sender: "AX-HDFCBK".into(),
                sms_body: format!("Rs {i}00.00 debited from a/c xx1234 to shop{i}\n\"q\""),
                sms_inbox_date: json!("2025-01-01 00:00:00"),
            })
            .collect();
        let all: Vec<ExtractionResult> = sms.iter().cloned().map(|s| engine.extract_one(s)).collect();
        let whole = serde_json::to_vec(&Whole { results: &all }).unwrap();
        for parts in 1..=7 {
            let mut arrays: Vec<Vec<u8>> = split_in_order(all.clone(), parts)
                .iter()
                .map(|c| crate::json::to_vec(c).unwrap())
                .collect();
            let head = [RESULTS_OPEN, &arrays.remove(0)].concat();
            let joined = finish_results(head, &arrays);
            assert_eq!(String::from_utf8(joined).unwrap(), String::from_utf8(whole.clone()).unwrap());
        }
        let head = |a: &[u8]| [RESULTS_OPEN, a].concat();
        assert_eq!(finish_results(head(b"[]"), &[]), b"{\"results\":[]}");
        assert_eq!(finish_results(head(b"[]"), &[b"[1]".to_vec(), b"[]".to_vec(), b"[2,3]".to_vec()]), b"{\"results\":[1,2,3]}");
        assert_eq!(finish_results(head(b"[0]"), &[b"[]".to_vec(), b"[1]".to_vec()]), b"{\"results\":[0,1]}");
    }
}
