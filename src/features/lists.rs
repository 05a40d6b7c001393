//! Reference lists built into the binary: loan apps and other app
//! categories (`config/features/*.txt`), matched against each app's package
//! name and app name in one Aho-Corasick pass.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// `config/features/loan_apps.txt`: one pattern a line.
pub const LOAN_APPS_TXT: &str = include_str!("../../config/features/loan_apps.txt");
/// `config/features/app_categories.txt`: `[name] meaning` sections of patterns.
pub const APP_CATEGORIES_TXT: &str = include_str!("../../config/features/app_categories.txt");

/// One app category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppCategory {
    /// snake_case, used in feature names (`loan` for the loan-app list).
    pub name: String,
    /// What the category holds, for feature meanings.
    pub meaning: String,
    /// Lower-case patterns.
    pub patterns: Vec<String>,
}

/// The categories: `loan` first, then those of `app_categories.txt` in file
/// order. At most 64 (a match set is a `u64`).
pub struct AppLists {
    pub categories: Vec<AppCategory>,
    matcher: AhoCorasick,
    /// Category of each pattern id.
    pattern_category: Vec<u8>,
}

/// Non-empty lines without `#` comments, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
}

/// Parses the two list files. Panics on a malformed built-in file (caught
/// by the tests, never at run time with the shipped files).
pub fn parse(loan_txt: &str, categories_txt: &str) -> Vec<AppCategory> {
    let mut cats = vec![AppCategory {
        name: "loan".into(),
        meaning: "digital-lending / loan apps (config/features/loan_apps.txt)".into(),
        patterns: lines(loan_txt).map(str::to_ascii_lowercase).collect(),
    }];
    for line in lines(categories_txt) {
        if let Some(rest) = line.strip_prefix('[') {
            let (name, meaning) = rest.split_once(']').expect("category header `[name] meaning`");
            let name = name.trim().to_string();
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "category name `{name}` must be snake_case"
            );
            assert!(cats.iter().all(|c| c.name != name), "duplicate category `{name}`");
            let meaning = meaning.trim();
            // Meanings keep the file's wording; a capital first letter is
            // lowered (not an acronym's) so they read well inside sentences.
            let mut chars = meaning.chars();
            let meaning = match (chars.next(), chars.next()) {
                (Some(a), Some(b)) if a.is_ascii_uppercase() && !b.is_ascii_uppercase() => {
                    format!("{}{}", a.to_ascii_lowercase(), &meaning[1..])
                }
                _ => meaning.to_string(),
            };
            cats.push(AppCategory { name, meaning, patterns: Vec::new() });
        } else {
            let last = cats.len() - 1;
            assert!(last > 0, "pattern `{line}` before the first [category] header");
            cats[last].patterns.push(line.to_ascii_lowercase());
        }
    }
    assert!(cats.len() <= 64, "at most 64 app categories");
    cats
}

impl AppLists {
    pub fn new(categories: Vec<AppCategory>) -> AppLists {
        let mut pats: Vec<&str> = Vec::new();
        let mut pattern_category = Vec::new();
        for (i, c) in categories.iter().enumerate() {
            for p in &c.patterns {
                pats.push(p);
                pattern_category.push(i as u8);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .expect("app list patterns");
        AppLists { categories, matcher, pattern_category }
    }

    /// Bit `i` set when the text matches category `i`.
    pub fn match_set(&self, text: &str) -> u64 {
        let mut set = 0u64;
        for m in self.matcher.find_overlapping_iter(text) {
            set |= 1 << self.pattern_category[m.pattern().as_usize()];
        }
        set
    }
}

/// The built-in lists.
pub fn app_lists() -> &'static AppLists {
    static LISTS: OnceLock<AppLists> = OnceLock::new();
    LISTS.get_or_init(|| AppLists::new(parse(LOAN_APPS_TXT, APP_CATEGORIES_TXT)))
}
