//! `mobileforge sms extract`: streaming JSON-lines extraction.
//!
//! One line in, one line out, in order, with memory bounded by a group of
//! 256 lines (extracted together): a 10 GB dump streams through without
//! being held.

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

/// Lines held before they are extracted together ([`Engine::extract_all`]
/// is faster on a group than one message at a time); memory stays bounded
/// by this many lines.
const GROUP: usize = 256;

/// One input line, waiting for its group to be extracted.
enum Pending {
    Sms(SmsInput),
    Error { line: u64, error: String },
}

/// Runs the extraction from `input` to `output`.
pub fn extract_stream(engine: &Engine, input: impl BufRead, mut output: impl Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut input = input;
    let mut buf = Vec::with_capacity(4096);
    let mut pending: Vec<Pending> = Vec::with_capacity(GROUP);
    loop {
        buf.clear();
        let eof = input.read_until(b'\n', &mut buf)? == 0;
        if !eof {
            summary.lines += 1;
            let line = trim_newline(&buf);
            pending.push(if line.iter().all(u8::is_ascii_whitespace) {
                Pending::Error { line: summary.lines, error: "empty line".into() }
            } else {
                match parse_line(line) {
                    Ok(sms) => Pending::Sms(sms),
                    Err(error) => Pending::Error { line: summary.lines, error },
                }
            });
        }
        if pending.len() == GROUP || (eof && !pending.is_empty()) {
            write_group(engine, &mut pending, &mut output, &mut summary)?;
        }
        if eof {
            break;
        }
    }
    output.flush()?;
    Ok(summary)
}

/// Extracts the group's messages and writes every line's answer in order.
fn write_group(engine: &Engine, pending: &mut Vec<Pending>, output: &mut impl Write, summary: &mut Summary) -> io::Result<()> {
    let mut sms = Vec::with_capacity(pending.len());
    // per line: `None` = the next extraction result, `Some` = that line's error
    let mut order = Vec::with_capacity(pending.len());
    for p in pending.drain(..) {
        match p {
            Pending::Sms(s) => {
                sms.push(s);
                order.push(None);
            }
            Pending::Error { line, error } => order.push(Some((line, error))),
        }
    }
    let mut results = engine.extract_results(sms).into_iter();
    for answer in order {
        match answer {
            None => {
                summary.extracted += 1;
                let result = results.next().expect("one result per message");
                serde_json::to_writer(&mut *output, &result)?;
            }
            Some((line, error)) => {
                summary.errors += 1;
                serde_json::to_writer(&mut *output, &json!({ "line": line, "error": error }))?;
            }
        }
        output.write_all(b"\n")?;
    }
    Ok(())
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

/// The `sms explain` command: the engine's reasons for each line of stdin
/// (a tuning aid; the answer itself is `sms extract`'s).
pub fn explain(engine: &Engine) -> io::Result<()> {
    let mut stdout = BufWriter::new(io::stdout().lock());
    for (n, line) in io::stdin().lock().split(b'\n').enumerate() {
        let line = line?;
        let line = trim_newline(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(line) {
            Ok(sms) => writeln!(stdout, "line {}: sender {:?}\n{}", n + 1, sms.sms_sender, engine.explain(&sms.sms_sender, &sms.sms_body))?,
            Err(e) => writeln!(stdout, "line {}: {e}\n", n + 1)?,
        }
    }
    stdout.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers stay in input order across group boundaries, with bad lines
    /// answered in place, and each answer is the engine's for that line.
    #[test]
    fn groups_keep_line_order() {
        let engine = Engine::builtin().unwrap();
        let mut input = String::new();
        let n = 2 * GROUP + 37;
        for i in 1..=n {
            match i % 97 {
                0 => input.push_str("not json\n"),
                13 => input.push('\n'),
                _ => input.push_str(&format!(
                    "{{\"sms_id\":{i},\"sms_sender\":\"AX-HDFCBK\",\"sms_body\":\"Rs.{i}.00 debited from A/c XX{:04} to shop{i}@upi\"}}\n",
                    i % 10_000
                )),
            }
        }
        let mut out = Vec::new();
        let summary = extract_stream(&engine, input.as_bytes(), &mut out).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), n);
        let bad = (1..=n).filter(|i| i % 97 == 0 || i % 97 == 13).count() as u64;
        assert_eq!(summary, Summary { lines: n as u64, extracted: n as u64 - bad, errors: bad });
        for (k, line) in lines.iter().enumerate() {
            let i = k + 1;
            if i % 97 == 0 || i % 97 == 13 {
                assert_eq!(line["line"], i as u64, "line {i}");
            } else {
                assert_eq!(line["sms_id"], i as u64, "line {i}");
                assert_eq!(line["transaction"], i as f64, "line {i}");
                let body = format!("Rs.{i}.00 debited from A/c XX{:04} to shop{i}@upi", i % 10_000);
                assert_eq!(line["template_hash"], engine.extract("AX-HDFCBK", &body).template_hash, "line {i}");
            }
        }
    }
}
