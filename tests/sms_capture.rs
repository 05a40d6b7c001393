//! The DFA-only group capture (`sms::capture`) gives exactly what the regex
//! crate's captures give, for every counterparty and reference pattern of
//! the built-in rules, on messages built from the patterns' own words (so
//! the patterns match often, and often almost match) and on the public
//! corpus when it is present.

use mobileforge::sms::capture::GroupRegex;
use proptest::prelude::*;
use std::sync::OnceLock;

/// (pattern as the engine compiles it, anchored?, group name)
fn patterns() -> &'static Vec<(GroupRegex, bool, String)> {
    static P: OnceLock<Vec<(GroupRegex, bool, String)>> = OnceLock::new();
    P.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/sms/patterns.toml")).unwrap();
        let file: toml::Value = toml::from_str(&text).unwrap();
        let mut out = Vec::new();
        let lists = [(file["party"]["pattern"].as_array().unwrap(), "p"), (file["reference"].as_array().unwrap(), "r")];
        for (list, group) in lists {
            for p in list {
                let regex = p["regex"].as_str().unwrap();
                let anchored = p.get("scope").and_then(|s| s.as_str()).unwrap_or("anchor") == "anchor";
                let src = if anchored { format!("^(?:{regex})") } else { regex.to_string() };
                out.push((GroupRegex::new(&src, group).unwrap(), anchored, src));
            }
        }
        out
    })
}

fn check(hay: &str) {
    for (re, anchored, src) in patterns() {
        let slow = re.slow_span(hay);
        assert_eq!(re.group_span(hay), slow, "pattern {src:?} on {hay:?}");
        if *anchored {
            assert_eq!(re.group_span_anchored(hay), slow, "pattern {src:?} (anchored) on {hay:?}");
        } else {
            assert_eq!(re.group_spans(hay, 4).collect::<Vec<_>>(), re.slow_spans(hay, 4), "pattern {src:?} (all) on {hay:?}");
        }
    }
}

#[test]
fn most_built_in_patterns_take_the_fast_path() {
    // If the shape analysis stopped recognising the patterns, the equality
    // tests below would pass without testing anything.
    let fast = patterns().iter().filter(|(re, _, _)| re.has_fast_path()).count();
    assert!(fast * 10 >= patterns().len() * 8, "only {fast} of {} patterns have a fast path", patterns().len());
}

#[test]
fn a_greedy_run_at_the_end_counts_characters_and_knows_its_non_ascii_members() {
    // `(?i)[a-z0-9]` holds the Kelvin sign (U+212A) and the long s (U+017F)
    let re = GroupRegex::new(r"(?i)\bref\s*(?P<r>[A-Z0-9]{6,})", "r").unwrap();
    assert!(re.has_fast_path());
    for hay in ["ref ab\u{212A}12345 x", "ref abc\u{17F}1", "ref ab12", "ref ab12é345", "ref abcdef", "ref ab12\u{212A}"] {
        assert_eq!(re.group_span(hay), re.slow_span(hay), "{hay:?}");
    }
    assert_eq!(re.group_span("ref ab\u{212A}12345 x"), Some((4, 14)));
    // too short after the prefix's first choice: the regex crate decides (here: no match)
    assert_eq!(re.group_span("ref ab12"), None);
    // a negated class holds every non-ASCII character
    let re = GroupRegex::new(r"neft cr-[a-z0-9]+-(?P<p>[^-]+)", "p").unwrap();
    for hay in ["neft cr-n123-रमेश कुमार-x", "neft cr-n123-ab😀c", "neft cr-n123--x"] {
        assert_eq!(re.group_span(hay), re.slow_span(hay), "{hay:?}");
    }
}

#[test]
fn a_lazy_loop_before_the_group_follows_the_backtrackers_chain() {
    // `(?:X)*?` before the group: 0 loops, then 1, ... until BODY·SUF completes
    let re = GroupRegex::new(r"^(?:info:?\s*(?:upi|neft)\s*[*/\-]\s*(?:[a-z0-9]+\s*[*/\-]\s*)*?(?P<p>[a-z][^*/.\-]*?)\s*(?:\*|\.|\bon\b|$))", "p").unwrap();
    assert!(re.has_fast_path());
    let hay = "info: upi/icic/222333444555/demo merchant on 26-12-25";
    assert_eq!(re.group_span_anchored(hay), Some((28, 41)), "{:?}", re.slow_span(hay));
    for hay in [
        hay,
        "info upi/demo merchant.",
        "info upi/ab/cd/ef",
        "info upi/12/34/",
        "info upi/12/34/x",
        "info:neft-n123-acme ltd-x",
        "info upi/ab*cd*",
        "info upi/",
        "info upi/ /x y",
    ] {
        assert_eq!(re.group_span_anchored(hay), re.slow_span(hay), "{hay:?}");
        check(hay);
    }
    // an X that can match empty is not a chain (it would not advance)
    let re = GroupRegex::new(r"^(?:a(?:b*)*?(?P<p>[a-z]+?)x)", "p").unwrap();
    for hay in ["abbbcx", "acx", "abx", "ax"] {
        assert_eq!(re.group_span_anchored(hay), re.slow_span(hay), "{hay:?}");
    }
}

#[test]
fn shapes_outside_the_fast_path_are_left_to_the_regex_crate() {
    // a greedy group followed by more pattern: no fast path, same answer
    let re = GroupRegex::new(r"on\s+(?P<p>[a-z][\w.]*)\s+(?:is|was)\b", "p").unwrap();
    assert!(!re.has_fast_path());
    assert_eq!(re.group_span("paid on amazon.in is done"), Some((8, 17)));
    // a lazy run whose first choice after the prefix cannot complete: the
    // backtracker goes back into the prefix, and so must we
    let re = GroupRegex::new(r"^(?:a+?(?P<p>[a-z]+?)x)", "p").unwrap();
    assert!(re.has_fast_path());
    assert_eq!(re.group_span_anchored("aaab1x"), None);
    assert_eq!(re.group_span_anchored("aaabx"), re.slow_span("aaabx"));
    // not anchored: the "anchored" entry point must not assume a match at 0
    let re = GroupRegex::new(r"x(?P<p>[a-z]+?)!", "p").unwrap();
    assert_eq!(re.group_span_anchored("abxcd!"), Some((3, 5)));
    let re = GroupRegex::new(r"(?:ab|a)(?P<p>[b-z]+?)!", "p").unwrap();
    assert_eq!(re.group_span("xabc!"), re.slow_span("xabc!"));
    assert_eq!(re.group_span("ab!"), re.slow_span("ab!"));
    check("ab!");
}

#[test]
fn corpus_messages_give_the_same_groups() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/sms_public.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("corpus not found at {path}; skipped");
        return;
    };
    let mut checked = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let body = v["body"].as_str().unwrap_or("");
        let low = body.to_ascii_lowercase();
        // every suffix that starts a word, as the engine's anchor windows do
        for (i, _) in low.char_indices().filter(|&(i, _)| i == 0 || low.as_bytes()[i - 1] == b' ') {
            check(&low[i..]);
            check(&body[i..]);
        }
        checked += 1;
    }
    assert!(checked > 100);
}

fn pattern_words() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "upi/", "dr/", "cr/", "p2m/", "/", "523712345678", "vinod", "kumar", "sah", "value", "on", ".", " ", "  ", "\n",
        "payment from", "\"", "info:", "neft", "ach", "-", "*", "imps", "neft cr-", "for imps", "neftinward", "@upi_",
        "12-09-2025", "fvg:", "avl", "by sender", ",", "ach credit:", "has received", "your", "beneficiary", "payee",
        "credited to the", "a/c", "x1234", "of", "raised by", "refund of", "frm", "will be credited", "from account",
        "(", "linked to mobile", ";", "credited", "10:22:33", "ist", "debit:", "rs", "rs.", "1,500.00", "bal", "card",
        "12-jan-25", "a/c no.", "transaction of", "is", "was", "for", "via e-mandate", "successful", "transaction",
        "mandate", "under", "purchase of", "in", "has been", "confirmed for order", "sent by", "~to", "~", "to", "vpa",
        "vinod.k@okaxis", "@ybl", "towards", "ref", "reference", "no", "number", "id", ":", "#", "refno", "rrn", "utr",
        "upi:", "imps/", "txn", "ABC123", "Ref No", "UPI/DR/", "\u{20b9}", "\u{0930}\u{0941}", "é", "tx", "a", "b",
    ]);
    prop::collection::vec(words, 0..24).prop_map(|w| w.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn generated_messages_give_the_same_groups(hay in pattern_words()) {
        check(&hay);
        check(&hay.to_ascii_lowercase());
    }

    #[test]
    fn arbitrary_text_gives_the_same_groups(hay in "\\PC{0,80}") {
        check(&hay);
    }
}
