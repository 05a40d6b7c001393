//! `mobileforge sms extract`: streaming JSON-lines extraction.
//!
//! One line in, one line out, in order, with memory bounded by the longest
//! line: a 10 GB dump streams through without being held.

use std::io::{self, BufRead, BufWriter, Write};
use std::time::Instant;

use serde_json::json;

use crate::sms::model::SmsInput;
use crate::sms::Engine;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub extracted: u64,
    pub errors: u64,
}

/// Runs the extraction from `input` to `output`.
pub fn extract_stream(engine: &Engine, input: impl BufRead, mut output: impl Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut input = input;
    let mut buf = Vec::with_capacity(4096);
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        summary.lines += 1;
        let line = trim_newline(&buf);
        if line.iter().all(u8::is_ascii_whitespace) {
            summary.errors += 1;
            serde_json::to_writer(&mut output, &json!({ "line": summary.lines, "error": "empty line" }))?;
            output.write_all(b"\n")?;
            continue;
        }
        match parse_line(line) {
            Ok(sms) => {
                summary.extracted += 1;
                serde_json::to_writer(&mut output, &engine.extract_one(sms))?;
            }
            Err(error) => {
                summary.errors += 1;
                serde_json::to_writer(&mut output, &json!({ "line": summary.lines, "error": error }))?;
            }
        }
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(summary)
}

fn trim_newline(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    line
}

fn parse_line(line: &[u8]) -> Result<SmsInput, String> {
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = value.as_object().ok_or("expected a JSON object")?;
    let text = |field: &str, required: bool| -> Result<String, String> {
        match obj.get(field) {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            None | Some(serde_json::Value::Null) if !required => Ok(String::new()),
            None | Some(serde_json::Value::Null) => Err(format!("missing field {field:?}")),
            Some(_) => Err(format!("field {field:?} must be a string")),
        }
    };
    Ok(SmsInput {
        sms_id: obj.get("sms_id").cloned().unwrap_or_default(),
        sms_sender: text("sms_sender", false)?,
        sms_body: text("sms_body", true)?,
        sms_inbox_date: obj.get("sms_inbox_date").cloned().unwrap_or_default(),
    })
}

/// The `sms extract` command on the process's stdin/stdout.
pub fn run(engine: &Engine) -> io::Result<Summary> {
    let started = Instant::now();
    let stdin = io::stdin().lock();
    let stdout = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let summary = extract_stream(engine, io::BufReader::with_capacity(1 << 16, stdin), stdout)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "sms extract: {} lines, {} extracted, {} errors in {:.2} s ({:.0} lines/s)",
        summary.lines,
        summary.extracted,
        summary.errors,
        secs,
        summary.lines as f64 / secs.max(1e-9)
    );
    Ok(summary)
}
