//! Request-body validation with the 422 `detail` shape of contract §3
//! (the shape existing clients already parse: `type`, `loc`, `msg`, `input`, `ctx`).
//!
//! Each request type implements [`FromBody`]; [`JsonBody`] is the extractor
//! that reads the body (bounded), parses JSON and runs the validation, so
//! every route reports problems the same way.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};
use futures::StreamExt;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::error::ApiError;

/// One validation problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detail {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub loc: Vec<Value>,
    pub msg: String,
    pub input: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ctx: Option<Value>,
}

/// Checks fields of one JSON object and collects every problem.
pub struct Checker<'a> {
    body: &'a Value,
    object: Option<&'a Map<String, Value>>,
    pub details: Vec<Detail>,
}

impl<'a> Checker<'a> {
    /// Starts checking `body`; a body that is not an object is one problem.
    pub fn new(body: &'a Value) -> Checker<'a> {
        let mut details = Vec::new();
        let object = body.as_object();
        if object.is_none() {
            details.push(Detail {
                kind: "model_attributes_type",
                loc: vec![json!("body")],
                msg: "Input should be a valid dictionary or object to extract fields from".into(),
                input: body.clone(),
                ctx: None,
            });
        }
        Checker { body, object, details }
    }

    fn loc(field: &str) -> Vec<Value> {
        vec![json!("body"), json!(field)]
    }

    fn missing(&mut self, field: &str) {
        self.details.push(Detail {
            kind: "missing",
            loc: Self::loc(field),
            msg: "Field required".into(),
            input: self.body.clone(),
            ctx: None,
        });
    }

    fn get(&self, field: &str) -> Option<&'a Value> {
        self.object.and_then(|o| o.get(field)).filter(|v| !v.is_null())
    }

    /// A required string of at most `max_chars` characters.
    pub fn string(&mut self, field: &str, max_chars: Option<usize>) -> Option<String> {
        self.object?;
        match self.get(field) {
            None => {
                self.missing(field);
                None
            }
            Some(v) => self.check_string(Self::loc(field), v, max_chars),
        }
    }

    /// An optional string (absent or null gives `None` without a problem).
    pub fn optional_string(&mut self, field: &str, max_chars: Option<usize>) -> Option<String> {
        let v = self.get(field)?;
        self.check_string(Self::loc(field), v, max_chars)
    }

    fn check_string(&mut self, loc: Vec<Value>, v: &Value, max_chars: Option<usize>) -> Option<String> {
        let Some(s) = v.as_str() else {
            self.details.push(Detail {
                kind: "string_type",
                loc,
                msg: "Input should be a valid string".into(),
                input: v.clone(),
                ctx: None,
            });
            return None;
        };
        if let Some(max) = max_chars {
            if s.chars().count() > max {
                self.details.push(Detail {
                    kind: "string_too_long",
                    loc,
                    msg: format!("String should have at most {max} characters"),
                    input: v.clone(),
                    ctx: Some(json!({ "max_length": max })),
                });
                return None;
            }
        }
        Some(s.to_string())
    }

    /// An optional integer (JSON number or numeric string), at least `min`.
    pub fn optional_int(&mut self, field: &str, min: i64) -> Option<i64> {
        let v = self.get(field)?;
        let parsed = match v {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        match parsed {
            None => {
                let (kind, msg) = if v.is_string() {
                    ("int_parsing", "Input should be a valid integer, unable to parse string as an integer")
                } else {
                    ("int_type", "Input should be a valid integer")
                };
                self.details.push(Detail {
                    kind,
                    loc: Self::loc(field),
                    msg: msg.into(),
                    input: v.clone(),
                    ctx: None,
                });
                None
            }
            Some(n) if n < min => {
                self.details.push(Detail {
                    kind: "greater_than_equal",
                    loc: Self::loc(field),
                    msg: format!("Input should be greater than or equal to {min}"),
                    input: v.clone(),
                    ctx: Some(json!({ "ge": min })),
                });
                None
            }
            Some(n) => Some(n),
        }
    }

    /// A required JSON array (missing or not a list: one problem).
    fn required_list(&mut self, field: &str) -> Option<&'a Vec<Value>> {
        self.object?;
        let Some(v) = self.get(field) else {
            self.missing(field);
            return None;
        };
        let Some(items) = v.as_array() else {
            self.details.push(Detail {
                kind: "list_type",
                loc: Self::loc(field),
                msg: "Input should be a valid list".into(),
                input: v.clone(),
                ctx: None,
            });
            return None;
        };
        Some(items)
    }

    /// A required, non-empty list of strings, each one of `allowed`. (An
    /// empty list is refused: a caller asking for nothing is a bug on its
    /// side, and answering "completed" with nothing in it would hide it.)
    pub fn enum_list(&mut self, field: &str, allowed: &[&str]) -> Option<Vec<String>> {
        let items = self.required_list(field)?;
        if items.is_empty() {
            self.details.push(Detail {
                kind: "too_short",
                loc: Self::loc(field),
                msg: "List should have at least 1 item after validation, not 0".into(),
                input: json!([]),
                ctx: Some(json!({ "field_type": "List", "min_length": 1, "actual_length": 0 })),
            });
            return None;
        }
        let expected = expected_list(allowed);
        let mut out = Vec::with_capacity(items.len());
        let before = self.details.len();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) if allowed.contains(&s) => out.push(s.to_string()),
                _ => self.details.push(Detail {
                    kind: "enum",
                    loc: vec![json!("body"), json!(field), json!(i)],
                    msg: format!("Input should be {expected}"),
                    input: item.clone(),
                    ctx: Some(json!({ "expected": expected })),
                }),
            }
        }
        (self.details.len() == before).then_some(out)
    }

    /// A required list, at most `max_len` long; returns the raw items.
    pub fn list(&mut self, field: &str, max_len: usize) -> Option<&'a Vec<Value>> {
        let items = self.required_list(field)?;
        if items.len() > max_len {
            self.details.push(Detail {
                kind: "too_long",
                loc: Self::loc(field),
                msg: format!(
                    "List should have at most {max_len} items after validation, not {}",
                    items.len()
                ),
                input: json!(format!("[{} items]", items.len())),
                ctx: Some(json!({ "field_type": "List", "max_length": max_len, "actual_length": items.len() })),
            });
            return None;
        }
        Some(items)
    }

    /// Records a problem found by the caller (for nested structures).
    pub fn push(&mut self, detail: Detail) {
        self.details.push(detail);
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ApiError> {
        if self.details.is_empty() {
            Ok(value())
        } else {
            Err(ApiError::Validation(self.details))
        }
    }
}

/// `'a', 'b' or 'c'`
fn expected_list(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// A request body type: built from parsed JSON, or the list of problems.
pub trait FromBody: Sized {
    fn from_body(body: &Value, req: &HttpRequest) -> Result<Self, ApiError>;

    /// Optional fast path for large bodies: a typed parse straight from the
    /// bytes. `None` means "not valid as it stands": [`FromBody::from_body`]
    /// then runs on the parsed JSON and reports every problem.
    fn from_bytes(_bytes: &[u8], _req: &HttpRequest) -> Option<Self> {
        None
    }
}

/// A validated request body, plus its bytes (parsed again into JSON only
/// when needed, e.g. for an unauthorized-request log).
pub struct JsonBody<T> {
    pub value: T,
    bytes: web::Bytes,
}

impl<T> JsonBody<T> {
    /// The body as JSON (`null` if it somehow no longer parses).
    pub fn raw(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }
}

/// The body limit, stored in app data by the server builder.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

impl<T: FromBody + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let limit = req.app_data::<BodyLimit>().map(|l| l.0).unwrap_or(32 << 20);
            let declared = req
                .headers()
                .get(actix_web::http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|n| n > limit) {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            let mut bytes = web::BytesMut::with_capacity(declared.unwrap_or(1024).min(limit));
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::Validation(vec![json_invalid(&format!("could not read body: {e}"), 0)])
                })?;
                if bytes.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge { limit });
                }
                bytes.extend_from_slice(&chunk);
            }
            let bytes = bytes.freeze();
            if let Some(value) = T::from_bytes(&bytes, &req) {
                return Ok(JsonBody { value, bytes });
            }
            let raw: Value = serde_json::from_slice(&bytes).map_err(|e| {
                ApiError::Validation(vec![json_invalid(&e.to_string(), byte_offset(&bytes, &e))])
            })?;
            let value = T::from_body(&raw, &req)?;
            Ok(JsonBody { value, bytes })
        })
    }
}

fn byte_offset(bytes: &[u8], e: &serde_json::Error) -> usize {
    let (line, column) = (e.line(), e.column());
    let mut offset = 0;
    for (i, l) in bytes.split(|b| *b == b'\n').enumerate() {
        if i + 1 == line {
            return offset + column.saturating_sub(1);
        }
        offset += l.len() + 1;
    }
    offset
}

fn json_invalid(error: &str, position: usize) -> Detail {
    Detail {
        kind: "json_invalid",
        loc: vec![json!("body"), json!(position)],
        msg: "JSON decode error".into(),
        input: json!({}),
        ctx: Some(json!({ "error": error })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_list_reads_like_pydantic() {
        assert_eq!(expected_list(&["sms", "fraud", "extracted_sms"]), "'sms', 'fraud' or 'extracted_sms'");
        assert_eq!(expected_list(&["a"]), "'a'");
    }

    #[test]
    fn checker_collects_every_problem() {
        let body = json!({"user_id": 5, "groupings": ["sms", "nope"]});
        let mut c = Checker::new(&body);
        assert!(c.string("user_id", Some(64)).is_none());
        assert!(c.string("client_id", None).is_none());
        assert!(c.enum_list("groupings", &["sms", "fraud"]).is_none());
        let kinds: Vec<_> = c.details.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, vec!["string_type", "missing", "enum"]);
        assert_eq!(c.details[2].loc, vec![json!("body"), json!("groupings"), json!(1)]);
    }

    #[test]
    fn an_empty_enum_list_is_too_short() {
        let body = json!({"groupings": []});
        let mut c = Checker::new(&body);
        assert!(c.enum_list("groupings", &["sms", "fraud"]).is_none());
        assert_eq!(c.details.len(), 1);
        assert_eq!(c.details[0].kind, "too_short");
        assert_eq!(c.details[0].loc, vec![json!("body"), json!("groupings")]);
        let one = json!({"groupings": ["fraud"]});
        let mut c = Checker::new(&one);
        assert_eq!(c.enum_list("groupings", &["sms", "fraud"]), Some(vec!["fraud".to_string()]));
    }

    #[test]
    fn long_user_id_is_rejected() {
        let long = "u".repeat(65);
        let body = json!({ "user_id": long });
        let mut c = Checker::new(&body);
        assert!(c.string("user_id", Some(64)).is_none());
        assert_eq!(c.details[0].kind, "string_too_long");
        let ok = json!({ "user_id": "u".repeat(64) });
        let mut c = Checker::new(&ok);
        assert!(c.string("user_id", Some(64)).is_some());
    }
}
