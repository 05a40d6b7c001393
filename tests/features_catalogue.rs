//! The catalogue: unique snake_case names, one-line meanings, groupings,
//! markdown rendering, and the built-in app lists.

use std::collections::HashSet;

use mobileforge::features::lists::{app_lists, parse, AppLists, APP_CATEGORIES_TXT, LOAN_APPS_TXT};
use mobileforge::features::{catalogue, catalogue_for, catalogue_markdown, Grouping};

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.as_bytes()[0].is_ascii_lowercase()
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[test]
fn names_unique_snake_case_with_one_line_meanings() {
    let mut seen = HashSet::new();
    for d in catalogue() {
        assert!(is_snake_case(&d.name), "not snake_case: {}", d.name);
        assert!(seen.insert(d.name.as_str()), "duplicate feature name {}", d.name);
        assert!(!d.meaning.trim().is_empty() && !d.meaning.contains('\n'), "meaning of {}", d.name);
    }
    let total: usize = Grouping::ALL.iter().map(|g| catalogue_for(*g).len()).sum();
    assert_eq!(total, catalogue().len());
    assert!(catalogue().len() >= 1500, "{} features", catalogue().len());
}

#[test]
fn contract_names_exist_in_sms_grouping() {
    for name in ["all_sms_count_nlp", "txn_sms_count_nlp", "credit_sms_count_nlp"] {
        let d = catalogue().iter().find(|d| d.name == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(d.grouping, Grouping::Sms);
    }
    for name in ["debit_amount_sum_30d", "salary_credit_count_90d", "loan_app_count"] {
        assert!(catalogue().iter().any(|d| d.name == name), "{name} missing");
    }
}

#[test]
fn grouping_names_round_trip() {
    for g in Grouping::ALL {
        assert_eq!(Grouping::parse(g.as_str()), Some(g));
        assert_eq!(serde_json::to_value(g).unwrap(), serde_json::json!(g.as_str()));
        assert_eq!(serde_json::from_value::<Grouping>(serde_json::json!(g.as_str())).unwrap(), g);
    }
    assert_eq!(Grouping::parse("SMS"), None);
    assert_eq!(Grouping::parse("device"), None);
}

#[test]
fn markdown_lists_every_feature() {
    let md = catalogue_markdown();
    assert!(md.contains("| name | grouping | meaning |"));
    let rows = md.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, catalogue().len());
    assert!(md.contains("| `all_sms_count_nlp` | sms | "));
}

#[test]
fn app_lists_parse_and_match() {
    let lists = app_lists();
    assert_eq!(lists.categories[0].name, "loan");
    assert!(lists.categories.len() > 5);
    let idx = |n: &str| lists.categories.iter().position(|c| c.name == n).unwrap();
    let loan = 1u64 << idx("loan");
    let bnpl = 1u64 << idx("bnpl");
    assert_eq!(lists.match_set("com.kreditbee.android") & loan, loan);
    assert_eq!(lists.match_set("Money View Loans") & loan, loan);
    // One pattern in two categories hits both.
    assert_eq!(lists.match_set("com.lazypay.app") & (loan | bnpl), loan | bnpl);
    assert_eq!(lists.match_set("com.whatsapp"), 0);
    assert_eq!(lists.match_set("com.ANYDESK.anydeskandroid"), 1 << idx("remote_access"));
    // Parsing the shipped files twice gives the same lists.
    assert_eq!(parse(LOAN_APPS_TXT, APP_CATEGORIES_TXT), lists.categories);
    let custom = AppLists::new(parse("foo\n# comment\n", "[bar] Bar apps\nbaz\n"));
    assert_eq!(custom.categories[1].meaning, "bar apps");
    assert_eq!(custom.match_set("x.baz.foo"), 0b11);
}
