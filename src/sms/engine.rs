//! The engine: compiles the three rule files once, then extracts contract §7
//! fields from one SMS with a single keyword pass plus gated regexes.

use super::capture::GroupRegex;
use super::classify::{AmountPick, Classifier, Decision};
use super::fields::{self, FieldClasses, FieldWords, Money, Role};
use super::model::{Extraction, ExtractionResult, SenderType, SmsInput, SmsType, TransactionType};
use super::rules::{self, ClassificationFile, PatternDef, PatternsFile, SendersFile};
use super::sender::{category_suffix, Sender, SenderTable};
use super::template::template_hash_with;
use super::text::{prepare_into, ClassSet, Hit, Lexicon, LexiconBuilder};
use std::cell::RefCell;
use std::path::PathBuf;

pub use super::rules::RuleError;

/// Where to read the three rule files from; `None` = the built-in copy of
/// `config/sms/*.toml` compiled into the binary.
#[derive(Debug, Clone, Default)]
pub struct RulePaths {
    pub senders: Option<PathBuf>,
    pub classification: Option<PathBuf>,
    pub patterns: Option<PathBuf>,
}

struct Pattern {
    anchor_class: usize,
    /// This anchor's bit in [`Engine::anchor_bits`].
    anchor_bit: u64,
    regex: GroupRegex,
    types: Vec<SmsType>,
    /// Run anchored at each anchor hit (regex compiled with a leading `^`).
    at_anchor: bool,
    /// Tried after the generic phrases (scope = "fallback").
    fallback: bool,
}

/// A compiled `[[party.pattern]]` / `[[reference]]` entry before its
/// `types` are parsed.
struct RawPattern {
    anchor_class: usize,
    regex: GroupRegex,
    types: Vec<String>,
    at_anchor: bool,
    fallback: bool,
}

struct Phrase {
    anchor_class: usize,
    anchor_bit: u64,
    stops: Stops,
    types: Vec<SmsType>,
}

/// A phrase's stop words. The scan asks at every space whether the next
/// word is one of them; words of up to 8 letters/digits are compared as one
/// packed integer each instead of a byte compare per stop word.
struct Stops {
    all: Vec<Vec<u8>>,
    /// Stop words of 1–8 ASCII letters/digits, packed little-endian.
    packed: Vec<u64>,
    /// The other stop words (longer, or with punctuation).
    other: Vec<Vec<u8>>,
}

impl Stops {
    fn new(all: Vec<Vec<u8>>) -> Stops {
        let short = |w: &Vec<u8>| (1..=8).contains(&w.len()) && w.iter().all(u8::is_ascii_alphanumeric);
        let packed = all.iter().filter(|w| short(w)).map(|w| pack(w)).collect();
        let other = all.iter().filter(|w| !short(w)).cloned().collect();
        Stops { all, packed, other }
    }

    /// Whether `rest` starts with a stop word followed by a non-alphanumeric
    /// byte (or the end). For an alphanumeric stop word that is: the
    /// alphanumeric run at the start of `rest` is the word.
    #[inline]
    fn word_at(&self, rest: &[u8]) -> bool {
        let run = rest.iter().take(9).take_while(|c| c.is_ascii_alphanumeric()).count();
        if (1..=8).contains(&run) && self.packed.contains(&pack(&rest[..run])) {
            return true;
        }
        self.other.iter().any(|s| rest.starts_with(s) && rest.get(s.len()).is_none_or(|c| !c.is_ascii_alphanumeric()))
    }

    /// Whether `rest` starts with a stop word (no boundary check).
    fn prefix_of(&self, rest: &[u8]) -> bool {
        self.all.iter().any(|s| rest.starts_with(s))
    }
}

/// Up to 8 bytes as one integer (little-endian, zero-padded).
#[inline]
fn pack(w: &[u8]) -> u64 {
    w.iter().enumerate().fold(0u64, |x, (i, &c)| x | (c as u64) << (8 * i))
}

/// Per-thread buffers reused across messages (no per-message allocation
/// for the lower-cased text, the keyword hits and the money mentions).
#[derive(Default)]
struct Scratch {
    low: String,
    hits: Vec<Hit>,
    monies: Vec<Money>,
    /// The masked template stream.
    template: Vec<u8>,
}

/// The result of stage 2 for one message.
struct Classified<'e> {
    inst: Option<&'e Sender>,
    decision: Option<Decision<'e>>,
}

/// Messages per group in [`Engine::extract_all`]: large enough to keep a
/// stage warm, small enough for the group's buffers to stay in cache.
const BATCH_SIZE: usize = 64;

/// Per-thread buffers of [`Engine::extract_all`], one slot per message of a group.
#[derive(Default)]
struct BatchScratch {
    lows: Vec<String>,
    hits: Vec<Vec<Hit>>,
    monies: Vec<Vec<Money>>,
    template: Vec<u8>,
}

/// A message to extract: its sender header and its body.
pub trait Sms {
    fn sender(&self) -> &str;
    fn body(&self) -> &str;
}

impl Sms for SmsInput {
    fn sender(&self) -> &str {
        &self.sms_sender
    }
    fn body(&self) -> &str {
        &self.sms_body
    }
}

impl<S: AsRef<str>, B: AsRef<str>> Sms for (S, B) {
    fn sender(&self) -> &str {
        self.0.as_ref()
    }
    fn body(&self) -> &str {
        self.1.as_ref()
    }
}

thread_local! {
    static BATCH: RefCell<BatchScratch> = RefCell::new(BatchScratch::default());
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { low: String::new(), hits: Vec::new(), monies: Vec::new(), template: Vec::new() }) };
}

/// Bytes after an anchor hit searched by an anchored pattern.
const ANCHOR_SPAN: usize = 240;

/// Compiled rules. Immutable after construction, `Send + Sync`; share it
/// across threads behind an `Arc`.
pub struct Engine {
    senders: SenderTable,
    lex: Lexicon,
    classifier: Classifier,
    fw: FieldWords,
    fillers: Vec<Vec<u8>>,
    party: Vec<Pattern>,
    /// Reject prefixes bucketed by their first byte (an empty prefix is in every bucket).
    party_reject_prefixes: Vec<Vec<String>>,
    party_reject_exact: Vec<String>,
    /// Words after which a phrase anchor introduces no name (`due` in `due to`).
    party_not_after: Vec<Vec<u8>>,
    /// Leading words dropped from a name (`beneficiary` in `to beneficiary x`).
    party_strip_prefixes: Vec<Vec<u8>>,
    /// Reject substrings bucketed by their first byte: one pass over a
    /// candidate name tests them all.
    party_reject_contains: Vec<Vec<String>>,
    phrases: Vec<Phrase>,
    refs: Vec<Pattern>,
    /// Per lexicon phrase: the bits of the pattern / phrase anchors it is
    /// (one bit per anchor; past 63 anchors they share [`OVERFLOW_BIT`] and
    /// the phrase's classes are checked). The counterparty and reference
    /// searches pick their anchor hits by a bit test, instead of walking
    /// every hit's class list for every pattern.
    anchor_bits: Vec<u64>,
    /// DLT header suffix (lower case) → the class it sets (`[header_classes]`).
    header_classes: Vec<(String, usize)>,
}

/// The anchor bit shared by every anchor past the 63rd.
const OVERFLOW_BIT: u64 = 1 << 63;

const REQUIRED_KEYWORDS: [&str; 12] = [
    "currency",
    "bare_amount_lead",
    "balance",
    "limit",
    "due",
    "min_due",
    "cap",
    "account",
    "account_mask",
    "account_exclude",
    "account_filler",
    "due_date",
];

/// Keyword lists a rule file may leave out (added after deployments had
/// their own copies of the file).
const OPTIONAL_KEYWORDS: [&str; 4] = ["not_balance", "fee", "ledger", "debit_balance"];

fn compile_patterns(
    file: &str,
    kind: &str,
    defs: &[PatternDef],
    group: &str,
    lb: &mut LexiconBuilder,
) -> Result<Vec<RawPattern>, RuleError> {
    let mut out = Vec::new();
    for (i, p) in defs.iter().enumerate() {
        let entry = format!("{kind} pattern #{} (anchor {:?})", i + 1, p.anchor);
        let class = format!("@{kind}{i}");
        lb.add(&class, &p.anchor).map_err(|m| RuleError::invalid(file, &entry, m))?;
        let (at_anchor, fallback) = match p.scope.as_deref() {
            None | Some("anchor") => (true, false),
            Some("message") => (false, false),
            Some("fallback") => (false, true),
            Some(o) => return Err(RuleError::invalid(file, &entry, format!("unknown scope {o:?} (anchor|message|fallback)"))),
        };
        let src = if at_anchor { format!("^(?:{})", p.regex) } else { p.regex.clone() };
        let re = GroupRegex::new(&src, group).map_err(|m| RuleError::invalid(file, &entry, m))?;
        out.push(RawPattern { anchor_class: lb.class(&class), regex: re, types: p.types.clone(), at_anchor, fallback });
    }
    Ok(out)
}

impl Engine {
    /// The built-in rules (`config/sms/*.toml` compiled in).
    pub fn builtin() -> Result<Engine, RuleError> {
        Engine::load(&RulePaths::default())
    }

    /// Load rules from files (`None` entries use the built-in copy).
    /// Errors name the file and the offending entry.
    pub fn load(paths: &RulePaths) -> Result<Engine, RuleError> {
        let (sf, st) = rules::read_source(&paths.senders, rules::BUILTIN_SENDERS, "senders.toml")?;
        let (cf, ct) = rules::read_source(&paths.classification, rules::BUILTIN_CLASSIFICATION, "classification.toml")?;
        let (pf, pt) = rules::read_source(&paths.patterns, rules::BUILTIN_PATTERNS, "patterns.toml")?;
        let senders_file: SendersFile = rules::parse(&sf, &st)?;
        let class_file: ClassificationFile = rules::parse(&cf, &ct)?;
        let pat_file: PatternsFile = rules::parse(&pf, &pt)?;
        Engine::compile(&sf, &senders_file, &cf, &class_file, &pf, &pat_file)
    }

    fn compile(
        sf: &str,
        senders_file: &SendersFile,
        cf: &str,
        class_file: &ClassificationFile,
        pf: &str,
        pat_file: &PatternsFile,
    ) -> Result<Engine, RuleError> {
        let senders = SenderTable::compile(sf, senders_file)?;
        let mut lb = LexiconBuilder::default();
        super::classify::add_classes(cf, class_file, &mut lb)?;

        for key in REQUIRED_KEYWORDS {
            if !pat_file.keywords.contains_key(key) {
                return Err(RuleError::invalid(pf, format!("keywords.{key}"), "required keyword list is missing"));
            }
        }
        let mut fillers = Vec::new();
        for (key, list) in &pat_file.keywords {
            if !REQUIRED_KEYWORDS.contains(&key.as_str()) && !OPTIONAL_KEYWORDS.contains(&key.as_str()) {
                return Err(RuleError::invalid(pf, format!("keywords.{key}"), "unknown keyword list"));
            }
            for w in list {
                if key == "account_filler" {
                    if w.is_empty() || w.bytes().any(|b| b.is_ascii_uppercase()) {
                        return Err(RuleError::invalid(pf, format!("keywords.{key}"), format!("bad filler {w:?}")));
                    }
                    fillers.push(w.as_bytes().to_vec());
                } else {
                    lb.add(&format!("@{key}"), w).map_err(|m| RuleError::invalid(pf, format!("keywords.{key}"), m))?;
                }
            }
        }
        let party = compile_patterns(pf, "party", &pat_file.party.patterns, "p", &mut lb)?;
        let refs = compile_patterns(pf, "reference", &pat_file.reference, "r", &mut lb)?;
        let mut phrase_defs = Vec::new();
        for (i, ph) in pat_file.party.phrases.iter().enumerate() {
            let entry = format!("party phrase #{} (anchor {:?})", i + 1, ph.anchor);
            let class = format!("@phrase{i}");
            lb.add(&class, &ph.anchor).map_err(|m| RuleError::invalid(pf, &entry, m))?;
            let mut stops: Vec<&str> = pat_file.party.stops.iter().chain(&ph.stops).map(|w| w.trim()).collect();
            if stops.iter().any(|w| w.is_empty() || w.bytes().any(|b| b.is_ascii_uppercase())) {
                return Err(RuleError::invalid(pf, &entry, "stops (its own and [party] stops) must be non-empty lower-case words"));
            }
            if stops.is_empty() {
                return Err(RuleError::invalid(pf, &entry, "no stop words: a name would run to the end of the message (give `stops` here or in [party])"));
            }
            stops.sort_unstable();
            stops.dedup();
            let types = ph
                .types
                .iter()
                .map(|t| super::classify::parse_sms_type(t).ok_or_else(|| RuleError::invalid(pf, &entry, format!("unknown sms_type {t:?}"))))
                .collect::<Result<Vec<_>, _>>()?;
            phrase_defs.push((class, stops.iter().map(|w| w.as_bytes().to_vec()).collect::<Vec<_>>(), types));
        }
        let mut lex = lb.build().map_err(|m| RuleError::invalid(cf, "keywords", m))?;
        lex.set_inert_class(lex.class_id("inert"));
        let classifier = Classifier::compile(cf, class_file, &lex)?;
        let mut phrases = phrase_defs
            .into_iter()
            .map(|(class, stops, types)| Phrase {
                anchor_class: lex.class_id(&class).unwrap_or(usize::MAX),
                anchor_bit: 0,
                stops: Stops::new(stops),
                types,
            })
            .collect::<Vec<_>>();
        let cid = |k: &str| lex.class_id(&format!("@{k}")).unwrap_or(usize::MAX);
        let fc = FieldClasses {
            currency: cid("currency"),
            bare_lead: cid("bare_amount_lead"),
            balance: cid("balance"),
            ledger: cid("ledger"),
            debit_balance: cid("debit_balance"),
            limit: cid("limit"),
            due: cid("due"),
            min_due: cid("min_due"),
            cap: cid("cap"),
            fee: cid("fee"),
            account: cid("account"),
            account_mask: cid("account_mask"),
            account_exclude: cid("account_exclude"),
            due_date: cid("due_date"),
            reset: [
                lex.class_id("debit").unwrap_or(usize::MAX),
                lex.class_id("credit").unwrap_or(usize::MAX),
                cid("not_balance"),
            ],
        };
        let to_pat = |file: &str, kind: &str, v: Vec<RawPattern>| -> Result<Vec<Pattern>, RuleError> {
            v.into_iter()
                .enumerate()
                .map(|(i, RawPattern { anchor_class, regex, types, at_anchor, fallback })| {
                    let types = types
                        .iter()
                        .map(|t| {
                            super::classify::parse_sms_type(t).ok_or_else(|| {
                                RuleError::invalid(file, format!("{kind} pattern #{}", i + 1), format!("unknown sms_type {t:?}"))
                            })
                        })
                        .collect::<Result<_, _>>()?;
                    Ok(Pattern { anchor_class, anchor_bit: 0, regex, types, at_anchor, fallback })
                })
                .collect()
        };
        let mut party = to_pat(pf, "party", party)?;
        let mut refs = to_pat(pf, "reference", refs)?;
        let anchors = party
            .iter_mut()
            .map(|p| (p.anchor_class, &mut p.anchor_bit))
            .chain(phrases.iter_mut().map(|p| (p.anchor_class, &mut p.anchor_bit)))
            .chain(refs.iter_mut().map(|p| (p.anchor_class, &mut p.anchor_bit)));
        let anchor_bits = assign_anchor_bits(&lex, anchors);
        if pat_file.party.reject_contains.iter().any(String::is_empty) {
            return Err(RuleError::invalid(pf, "party.reject_contains", "empty entry (it would reject every name)"));
        }
        Ok(Engine {
            senders,
            classifier,
            fw: FieldWords::new(&fc, &lex),
            fillers,
            party,
            party_reject_prefixes: bucket_prefixes(&pat_file.party.reject_prefixes),
            party_reject_exact: pat_file.party.reject_exact.iter().map(|s| s.to_lowercase()).collect(),
            party_not_after: lower_words(&pat_file.party.not_after),
            party_strip_prefixes: lower_words(&pat_file.party.strip_prefixes),
            party_reject_contains: bucket_prefixes(&pat_file.party.reject_contains),
            phrases,
            refs,
            anchor_bits,
            header_classes: class_file
                .header_classes
                .iter()
                .filter_map(|(name, suffixes)| Some((suffixes, lex.class_id(name)?)))
                .flat_map(|(suffixes, class)| suffixes.iter().map(move |s| (s.clone(), class)))
                .collect(),
            lex,
        })
    }

    /// Number of institutions known (for diagnostics).
    pub fn institution_count(&self) -> usize {
        self.senders.len()
    }

    /// Extract one input and echo its fields (one `/api/extract` result).
    pub fn extract_one(&self, input: SmsInput) -> ExtractionResult {
        let extraction = self.extract(&input.sms_sender, &input.sms_body);
        ExtractionResult { input, extraction }
    }

    /// Extract every input and echo its fields (the results of one
    /// `/api/extract` batch, in input order). Same results as
    /// [`extract_one`](Self::extract_one) on each, faster (see
    /// [`extract_all`](Self::extract_all)).
    pub fn extract_results(&self, inputs: Vec<SmsInput>) -> Vec<ExtractionResult> {
        let extractions = self.extract_all(&inputs);
        inputs.into_iter().zip(extractions).map(|(input, extraction)| ExtractionResult { input, extraction }).collect()
    }

    /// Extract many messages; the result `k` is `extract` of message `k`.
    ///
    /// Why a batch: the engine's rules and tables (a ~320 KB keyword
    /// automaton, dozens of pattern DFAs, the classifier) do not fit in the
    /// L1 cache together, and one message at a time walks through all of
    /// them, so each stage starts cold. Here a group of messages goes
    /// through one stage before the next (scan, classification, fields,
    /// counterparty, reference, template), which keeps each stage's code
    /// and data warm, and the
    /// keyword scan walks two messages in lockstep (two independent chains
    /// of table loads). BENCHMARKS.md has the numbers.
    pub fn extract_all<M: Sms>(&self, msgs: &[M]) -> Vec<Extraction> {
        let mut out = Vec::with_capacity(msgs.len());
        BATCH.with(|b| match b.try_borrow_mut() {
            Ok(mut b) => msgs.chunks(BATCH_SIZE).for_each(|group| self.extract_group(group, &mut b, &mut out)),
            Err(_) => msgs.chunks(BATCH_SIZE).for_each(|group| self.extract_group(group, &mut BatchScratch::default(), &mut out)),
        });
        out
    }

    fn extract_group<M: Sms>(&self, msgs: &[M], b: &mut BatchScratch, out: &mut Vec<Extraction>) {
        let n = msgs.len();
        if b.lows.len() < n {
            b.lows.resize_with(n, String::new);
            b.hits.resize_with(n, Vec::new);
            b.monies.resize_with(n, Vec::new);
        }
        let BatchScratch { lows, hits, monies, template } = b;
        // stage 1: preparation and keyword scan, two messages at a time
        let texts: Vec<_> = msgs.iter().zip(lows.iter_mut()).map(|(m, low)| prepare_into(m.body(), low)).collect();
        let mut sets = Vec::with_capacity(n);
        for k in (0..n).step_by(2) {
            if k + 1 < n {
                let (h0, h1) = hits[k..].split_at_mut(1);
                let (s0, s1) = self.lex.scan_pair(&lows[k], &mut h0[0], &lows[k + 1], &mut h1[0]);
                sets.push(s0);
                sets.push(s1);
            } else {
                sets.push(self.lex.scan_into(&lows[k], &mut hits[k]));
            }
        }
        for (k, set) in sets.iter_mut().enumerate() {
            self.add_header_class(msgs[k].sender(), set);
        }
        // stage 2: sender, money, classification
        let classified: Vec<_> = (0..n).map(|k| self.classify_stage(msgs[k].sender(), &lows[k], &hits[k], &sets[k], &mut monies[k])).collect();
        // stage 3: the fields
        let start = out.len();
        let mut spans = Vec::with_capacity(n);
        for (k, c) in classified.into_iter().enumerate() {
            out.push(self.fields_stage(&lows[k], &hits[k], &sets[k], &monies[k], c));
        }
        // the counterparty and reference searches (dozens of pattern DFAs)
        // each get a loop of their own, so their tables stay warm: +4-5%
        for (k, x) in out[start..].iter_mut().enumerate() {
            spans.push(self.party_into(x, &lows[k], &hits[k], &sets[k]));
        }
        for (k, x) in out[start..].iter_mut().enumerate() {
            self.ref_into(x, &texts[k], &hits[k], &sets[k]);
        }
        // stage 4: template hashes
        for (k, x) in out[start..].iter_mut().enumerate() {
            x.template_hash = template_hash_with(&lows[k], spans[k], template);
        }
    }

    /// Extract contract §7 fields from one SMS. Never panics.
    pub fn extract(&self, sender: &str, body: &str) -> Extraction {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.extract_with(sender, body, &mut s),
            Err(_) => self.extract_with(sender, body, &mut Scratch::default()),
        })
    }

    fn extract_with(&self, sender: &str, body: &str, scratch: &mut Scratch) -> Extraction {
        let Scratch { low: low_buf, hits, monies, template } = scratch;
        let text = prepare_into(body, low_buf);
        let low = low_buf.as_str();
        let mut set = self.lex.scan_into(low, hits);
        self.add_header_class(sender, &mut set);
        let classified = self.classify_stage(sender, low, hits, &set, monies);
        let mut x = self.fields_stage(low, hits, &set, monies, classified);
        let party_span = self.party_into(&mut x, low, hits, &set);
        self.ref_into(&mut x, &text, hits, &set);
        x.template_hash = template_hash_with(low, party_span, template);
        x
    }

    /// Why a message reads as it does, for people tuning the rule files:
    /// the phrases found and their classes, each money mention with its
    /// role, and the rule that decided (`mobileforge sms explain`).
    pub fn explain(&self, sender: &str, body: &str) -> String {
        use std::fmt::Write as _;
        let mut low = String::new();
        let _ = prepare_into(body, &mut low);
        let mut hits = Vec::new();
        let mut set = self.lex.scan_into(&low, &mut hits);
        self.add_header_class(sender, &mut set);
        let mut monies = Vec::new();
        let classified = self.classify_stage(sender, &low, &hits, &set, &mut monies);
        let mut out = String::new();
        let _ = writeln!(out, "text: {low}");
        for h in &hits {
            let names: Vec<&str> = self.lex.phrase_classes(h.phrase).iter().map(|&c| self.lex.class_name(c as usize)).collect();
            let _ = writeln!(out, "  phrase {:?} @{} [{}]", &low[h.start as usize..h.end as usize], h.start, names.join(" "));
        }
        let header: Vec<&str> = (0..self.lex.class_count()).filter(|&c| set.contains(c) && !hits.iter().any(|h| self.lex.phrase_classes(h.phrase).contains(&(c as u16)))).map(|c| self.lex.class_name(c)).collect();
        if !header.is_empty() {
            let _ = writeln!(out, "  from the sender header: [{}]", header.join(" "));
        }
        for m in &monies {
            let _ = writeln!(out, "  money {:?} = {} role {:?}{}{}", &low[m.start..m.end], m.value, m.role, if m.minus { " minus" } else { "" }, if m.dr { " dr" } else if m.cr { " cr" } else { "" });
        }
        match &classified.decision {
            Some(d) => {
                let verb = d.verb.map(|(s, e)| &low[s..e]).unwrap_or("-");
                let _ = writeln!(out, "  rule: {}\n  verb: {verb:?}", d.rule.name);
            }
            None => out.push_str("  rule: none matched\n"),
        }
        out
    }

    /// The class a sender header's DLT suffix sets (`-P`: promotional
    /// content only), if the rules name one.
    fn add_header_class(&self, sender: &str, set: &mut ClassSet) {
        if self.header_classes.is_empty() {
            return;
        }
        if let Some(suffix) = category_suffix(sender) {
            for (s, class) in &self.header_classes {
                if s.eq_ignore_ascii_case(suffix) {
                    set.insert(*class);
                }
            }
        }
    }

    /// Stage 2 of a message: sender, money mentions and their roles, the
    /// classification decision.
    fn classify_stage(&self, sender: &str, low: &str, hits: &[Hit], set: &ClassSet, monies: &mut Vec<Money>) -> Classified<'_> {
        let inst = self.senders.lookup(sender, low);
        fields::find_money_into(low, hits, &self.fw, monies);
        fields::assign_roles(low, monies, hits, &self.fw);
        let has_amount = monies.iter().any(|m| matches!(m.role, Role::Txn | Role::Due | Role::Fee));
        // the transaction sum's own mark (`Rs.12,500.00 Dr.`), when the first
        // sum that moved is the one marked; several marked sums are a mini
        // statement's lines
        let b = low.as_bytes();
        let mut txns = monies.iter().filter(|m| m.role == Role::Txn);
        let sign = match txns.next() {
            Some(m) if !txns.any(|o| o.sign(b).is_some()) => m.sign(b).map(|dr| (dr, (m.end, m.end))),
            _ => None,
        };
        let decision = self.classifier.classify(set, hits, has_amount, sign);
        Classified { inst, decision }
    }

    /// Stage 3 of a message: every field but the counterparty, the reference
    /// ([`party_into`](Self::party_into), [`ref_into`](Self::ref_into),
    /// which the batch path runs in loops of their own so that their dozens
    /// of pattern automata stay warm across the group) and the template hash.
    fn fields_stage(
        &self,
        low: &str,
        hits: &[Hit],
        set: &ClassSet,
        monies: &[Money],
        Classified { inst, decision }: Classified<'_>,
    ) -> Extraction {
        let mut x = Extraction::default();
        if let Some(s) = inst {
            x.sender_name = Some(s.name.clone());
            x.sender_type = Some(s.sender_type);
        }

        if let Some(d) = &decision {
            x.sms_type = d.sms_type;
            x.transaction_type = d.transaction_type;
            x.transaction = pick_amount(low, monies, d.rule.amount, d.verb);
            if d.rule.balance {
                // the available balance before the ledger one (`ledger bal ... available bal ...`)
                x.available_balance = monies
                    .iter()
                    .find(|m| m.role == Role::Balance)
                    .or_else(|| monies.iter().find(|m| m.role == Role::Ledger))
                    .map(Money::balance);
            }
            if matches!(x.sms_type, Some(SmsType::CardBillGenerated | SmsType::EmiDueReminder | SmsType::LoanOverdue)) {
                x.due_amount = x.transaction;
                x.due_date = fields::find_due_date(low, hits, &self.fw);
            }
            if x.sms_type != Some(SmsType::Otp) && x.sms_type != Some(SmsType::Promotional) {
                x.account_last_digits = fields::find_account(low, hits, &self.fw, &self.fillers);
            }
            x.sms_sub_type = if x.transaction.is_some() || x.transaction_type.is_some() {
                Classifier::label(&self.classifier.sub_types, set, x.sms_type).map(str::to_string)
            } else {
                None
            };
            x.sms_nlp_tag = x.sms_type.map(|t| {
                let purpose = d
                    .rule
                    .purpose
                    .as_deref()
                    .or_else(|| Classifier::label(&self.classifier.purposes, set, Some(t)));
                let ts = t.as_str();
                match purpose {
                    Some(p) => {
                        let mut tag = String::with_capacity(ts.len() + 1 + p.len());
                        tag.push_str(ts);
                        tag.push('_');
                        tag.push_str(p);
                        tag
                    }
                    None => ts.to_string(),
                }
            });
        } else {
            x.account_last_digits = fields::find_account(low, hits, &self.fw, &self.fillers);
        }

        x.transaction_nlp = x.transaction;
        x.acc_number_nlp = x.account_last_digits.as_ref().map(|d| {
            let mut s = String::with_capacity(d.len() + 1);
            s.push('x');
            s.push_str(d);
            s
        });
        x.is_transactional = x.sms_type.is_some_and(SmsType::is_transactional);
        x.is_classified = x.sms_type.is_some();
        x.is_extracted = x.transaction.is_some() || x.available_balance.is_some() || x.account_last_digits.is_some();
        if let (Some(name), Some(st)) = (&x.sender_name, x.sender_type) {
            let last2 = x.account_last_digits.as_deref().map(|d| &d[d.len().saturating_sub(2)..]).unwrap_or("-1");
            let st = st.as_str();
            let mut pan = String::with_capacity(st.len() + name.len() + last2.len() + 6);
            pan.push_str(st);
            pan.push_str(" | ");
            pan.push_str(name);
            pan.push_str(" | ");
            pan.push_str(last2);
            x.unique_pan_nlp = Some(pan.clone());
            x.unique_pan = Some(pan);
        }
        x
    }

    /// The counterparty of a classified message with an amount (not an OTP or
    /// a promotion); returns its span.
    fn party_into(&self, x: &mut Extraction, low: &str, hits: &[Hit], set: &ClassSet) -> Option<(usize, usize)> {
        let wants_party = x.transaction.is_some() && !matches!(x.sms_type, Some(SmsType::Otp | SmsType::Promotional));
        if !wants_party {
            return None;
        }
        let (p, s, e) = self.find_party(low, hits, set, x.sms_type)?;
        x.transaction_party = Some(p);
        Some((s, e))
    }

    /// The reference of a message with an amount or a direction.
    fn ref_into(&self, x: &mut Extraction, text: &str, hits: &[Hit], set: &ClassSet) {
        if x.transaction.is_some() || x.transaction_type.is_some() {
            x.transaction_ref = self.find_ref(text, hits, set);
        }
    }

    /// The hits of one pattern's or phrase's anchor (`class`, `bit`).
    fn anchor_hits<'h>(&'h self, hits: &'h [Hit], class: usize, bit: u64) -> impl Iterator<Item = &'h Hit> + 'h {
        hits.iter().filter(move |h| {
            self.anchor_bits[h.phrase as usize] & bit != 0
                && (bit != OVERFLOW_BIT || self.lex.phrase_classes(h.phrase).iter().any(|&c| c as usize == class))
        })
    }

    fn window(text: &str, start: usize) -> &str {
        let mut end = (start + ANCHOR_SPAN).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[start..end]
    }

    fn find_party(&self, low: &str, hits: &[Hit], set: &ClassSet, ty: Option<SmsType>) -> Option<(String, usize, usize)> {
        self.party_regexes(low, hits, set, ty, false)
            .or_else(|| self.party_phrases(low, hits, set, ty))
            .or_else(|| self.party_regexes(low, hits, set, ty, true))
    }

    fn party_regexes(&self, low: &str, hits: &[Hit], set: &ClassSet, ty: Option<SmsType>, fallback: bool) -> Option<(String, usize, usize)> {
        for p in self.party.iter().filter(|p| p.fallback == fallback) {
            if !set.contains(p.anchor_class) {
                continue;
            }
            if !p.types.is_empty() && !ty.is_some_and(|t| p.types.contains(&t)) {
                continue;
            }
            if p.at_anchor {
                for st in self.anchor_hits(hits, p.anchor_class, p.anchor_bit).take(6).map(|h| h.start as usize) {
                    let w = Self::window(low, st);
                    let Some((s, e)) = p.regex.group_span_anchored(w) else { continue };
                    if let Some(found) = self.accept_party(low, st + s, st + e) {
                        return Some(found);
                    }
                }
            } else {
                for (s, e) in p.regex.group_spans(low, 4) {
                    if let Some(found) = self.accept_party(low, s, e) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    fn party_phrases(&self, low: &str, hits: &[Hit], set: &ClassSet, ty: Option<SmsType>) -> Option<(String, usize, usize)> {
        for ph in &self.phrases {
            if !set.contains(ph.anchor_class) {
                continue;
            }
            if !ph.types.is_empty() && !ty.is_some_and(|t| ph.types.contains(&t)) {
                continue;
            }
            for h in self.anchor_hits(hits, ph.anchor_class, ph.anchor_bit).take(6) {
                if self.after_not_after_word(low.as_bytes(), h.start as usize) {
                    continue;
                }
                if let Some((s, e)) = scan_phrase(low.as_bytes(), h.end as usize, &ph.stops) {
                    if let Some(found) = self.accept_party(low, s, e) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    /// Whether the word before `at` (across spaces) is one of `[party] not_after`.
    fn after_not_after_word(&self, b: &[u8], at: usize) -> bool {
        if self.party_not_after.is_empty() {
            return false;
        }
        let mut e = at;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        s < e && self.party_not_after.iter().any(|w| w.as_slice() == &b[s..e])
    }

    fn accept_party(&self, low: &str, s: usize, e: usize) -> Option<(String, usize, usize)> {
        let (s, e) = self.clean_party(low, s, e)?;
        let t = &low[s..e];
        // fast path: ASCII without control whitespace or double spaces needs no re-joining
        let mut odd = false;
        let mut prev = 0u8;
        for &c in t.as_bytes() {
            if matches!(c, 9..=13) || c >= 0x80 || (c == b' ' && prev == b' ') {
                odd = true;
                break;
            }
            prev = c;
        }
        let name = if odd && (t.contains(|c: char| c.is_whitespace() && c != ' ') || t.contains("  ")) {
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            t.to_string()
        };
        Some((name, s, e))
    }

    /// Trim a captured counterparty and reject non-names. Returns the span.
    fn clean_party(&self, low: &str, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
        // Byte scanners may stop inside a multi-byte character: snap the span
        // inwards to character boundaries before slicing (found by cargo fuzz).
        e = e.min(low.len());
        while s < e && !low.is_char_boundary(s) {
            s += 1;
        }
        while e > s && !low.is_char_boundary(e) {
            e -= 1;
        }
        let b = low.as_bytes();
        let junk = |c: u8| matches!(c, b' ' | b'.' | b',' | b'-' | b'/' | b':' | b';' | b'*' | b'(' | b')' | b'"' | b'\'' | b'|' | b'~' | b'\t' | b'\n' | b'\r');
        let trim_end = |s: usize, mut e: usize| {
            while e > s && junk(b[e - 1]) {
                e -= 1;
            }
            e
        };
        while s < e && junk(b[s]) {
            s += 1;
        }
        e = trim_end(s, e);
        // a sender's signature glued after the name (`agri produce market committee -cboi`)
        if let Some(dash) = b[s..e].windows(2).rposition(|w| w == b" -") {
            let tail = &b[s + dash + 2..e];
            if !tail.is_empty() && tail.iter().all(u8::is_ascii_alphabetic) {
                e = trim_end(s, s + dash);
            }
        }
        // leading words that are not the name (`beneficiary`), and a channel
        // and reference glued before a VPA (`upi-630912347000-dominos@hdfcbank`)
        let strip = |s: usize| -> Option<usize> {
            let t = &b[s..e];
            if let Some(w) = self.party_strip_prefixes.iter().find(|w| {
                t.starts_with(w) && t.get(w.len()).is_some_and(|c| !c.is_ascii_alphanumeric())
            }) {
                return Some(s + w.len());
            }
            // a cheque or reference number before the name (`004131 sree annapoorna hotel`)
            let digits = t.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits >= 5 && t.get(digits) == Some(&b' ') && t.get(digits + 1).is_some_and(u8::is_ascii_alphabetic) {
                return Some(s + digits);
            }
            let ch = [&b"upi-"[..], b"imps-"].into_iter().find(|p| t.starts_with(p))?;
            let digits = t[ch.len()..].iter().take_while(|c| c.is_ascii_digit()).count();
            let rest = &t[ch.len() + digits..];
            (digits >= 6 && rest.first() == Some(&b'-') && rest.contains(&b'@')).then_some(s + ch.len() + digits + 1)
        };
        while let Some(next) = strip(s) {
            s = next;
            while s < e && junk(b[s]) {
                s += 1;
            }
        }
        if e <= s {
            return None;
        }
        // a remark after the name, set off by a spaced dash (`from phonepe
        // pvt ltd - merchant settlement 02apr`, `to sunita waghmare - salary
        // mar27`); a channel word before such a dash was stripped above
        if let Some(dash) = b[s..e].windows(3).position(|w| w == b" - ") {
            e = trim_end(s, s + dash);
        }
        // a masked number closing the name is the payee's account or phone
        // (`billpay - airtel postpaid 98xxxxxx40`), not part of it
        if let Some(sp) = b[s..e].iter().rposition(|&c| c == b' ') {
            if fields::has_masked_number(&b[s + sp + 1..e]) && !fields::has_masked_number(&b[s..s + sp]) {
                e = trim_end(s, s + sp);
            }
        }
        // the legal name ends at its `ltd` / `limited` / `llp`: what follows
        // is a remark (`zentrix healthcare pvt ltd-sal aug 27`, `phonepe
        // private limited merchant settlement`)
        for suffix in [&b"ltd"[..], b"limited", b"llp"] {
            let name = &b[s..e];
            let found = name.windows(suffix.len()).enumerate().find(|&(k, w)| {
                w == suffix && k > 0 && name[k - 1] == b' ' && name.get(k + suffix.len()).is_some_and(|&c| matches!(c, b' ' | b'-' | b'.'))
            });
            if let Some((k, _)) = found {
                let cut = s + k + suffix.len();
                if b[cut..e].iter().any(u8::is_ascii_alphanumeric) {
                    e = cut;
                }
                break;
            }
        }
        // the payee's bank after their name (`anil mehta's hdfc bank`); a
        // brand's own `'s` stays (`mcdonald's india`)
        if let Some(poss) = b[s..e].windows(3).position(|w| w == b"'s ") {
            let tail = &b[s + poss + 3..e];
            if tail.ends_with(b"bank") || tail.starts_with(b"bank") || tail.starts_with(b"a/c") || tail.starts_with(b"account") {
                e = s + poss;
            }
        }
        // a web address printed as the merchant (`www flipkart com`)
        if b[s..e].starts_with(b"www ") {
            s += 4;
            for tld in [&b" co in"[..], b" com", b" in"] {
                if b[s..e].ends_with(tld) && e - s > tld.len() {
                    e -= tld.len();
                    break;
                }
            }
        }
        // a VPA glued to the next sentence (`to vpa shop@sbi.Ref No 6347...`)
        let glued = &b[s..e];
        if glued.ends_with(b".ref") && glued.contains(&b'@') && !glued.contains(&b' ') {
            e -= 4;
        }
        // keep a closing quote/paren/dot that belongs to the name (`d'mart`, `pte. ltd.`)
        let t = &low[s..e];
        if !t.bytes().any(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let tb = t.as_bytes();
        if self.party_reject_exact.iter().any(|r| r.len() == t.len() && r == t) {
            return None;
        }
        let vpa = tb.contains(&b'@') && !tb.contains(&b' ');
        if !vpa && self.party_reject_prefixes[tb[0] as usize].iter().any(|r| tb.starts_with(r.as_bytes())) {
            return None;
        }
        if self.rejected_substring(tb) {
            return None;
        }
        // an e-mail address (`report at care@bank.co.in`) is not a VPA
        if let Some(at) = tb.iter().position(|&c| c == b'@') {
            let domain = &tb[at + 1..];
            if [&b".com"[..], b".in", b".net", b".org"].iter().any(|tld| domain.ends_with(tld)) {
                return None;
            }
        }
        // one character is not a name, nor is a time (`06:09 ...`)
        if tb.len() < 2 || (tb.len() >= 4 && tb[0].is_ascii_digit() && (tb[1] == b':' || tb[2] == b':')) {
            return None;
        }
        // a length of time (`overdue by 15 days`) or a date (`pay by 03 dec`) is not a name
        if is_duration(tb) || is_day_and_month(tb) {
            return None;
        }
        // a capture that ran over a masked number (`for l&t finance loan
        // xxxxxx4421 presented on ...`) overran its name: where it ends is unknown
        if fields::has_masked_number(tb) {
            return None;
        }
        // a phone/reference number is not a name
        if t.as_bytes()[0].is_ascii_digit() && !t.contains('@') && t.bytes().filter(u8::is_ascii_digit).count() >= 5 {
            return None;
        }
        if e - s > 64 {
            let mut cut = s + 64;
            while !low.is_char_boundary(cut) {
                cut -= 1;
            }
            e = cut;
        }
        Some((s, e))
    }

    /// Whether `name` holds one of the `reject_contains` substrings.
    fn rejected_substring(&self, name: &[u8]) -> bool {
        name.iter().enumerate().any(|(i, &b)| {
            self.party_reject_contains[b as usize].iter().any(|w| name[i..].starts_with(w.as_bytes()))
        })
    }

    fn find_ref(&self, text: &str, hits: &[Hit], set: &ClassSet) -> Option<String> {
        let ok = |r: &str| r.len() >= 6 && r.bytes().any(|b| b.is_ascii_digit());
        for p in &self.refs {
            if !set.contains(p.anchor_class) {
                continue;
            }
            if p.at_anchor {
                for st in self.anchor_hits(hits, p.anchor_class, p.anchor_bit).take(4).map(|h| h.start as usize) {
                    let w = Self::window(text, st);
                    if let Some(r) = p.regex.group_span_anchored(w).map(|(s, e)| &w[s..e]) {
                        if ok(r) {
                            return Some(r.to_string());
                        }
                    }
                }
            } else if let Some(r) = p.regex.group_span(text).map(|(s, e)| &text[s..e]) {
                if ok(r) {
                    return Some(r.to_string());
                }
            }
        }
        None
    }
}

/// `15 days`, `3 months`, `24 hrs`: a number and a unit of time.
fn is_duration(t: &[u8]) -> bool {
    const UNITS: [&[u8]; 9] = [b"day", b"week", b"month", b"year", b"hour", b"hr", b"minute", b"min", b"yr"];
    let d = t.iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 {
        return false;
    }
    let rest = t[d..].strip_prefix(b" ").unwrap_or(&t[d..]);
    let word = &rest[..rest.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(rest.len())];
    UNITS.iter().any(|u| word.starts_with(u) && word.len() <= u.len() + 3)
}

/// `03 dec`, `3-dec-26`, `15 december 2026`: a day and a month, perhaps a
/// year, and nothing else.
fn is_day_and_month(t: &[u8]) -> bool {
    let d = t.iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 || d > 2 {
        return false;
    }
    let rest = match t.get(d) {
        Some(b' ' | b'-' | b'/') => &t[d + 1..],
        _ => &t[d..],
    };
    // a month word of at most 9 letters (`september`), not a longer one (`decorators`)
    fields::read_month(rest, 0).is_some_and(|(_, word)| {
        word <= 9 && rest[word..].iter().all(|c| c.is_ascii_digit() || matches!(c, b' ' | b'-' | b'/' | b','))
    })
}

/// The name after a preposition: skip `:`/`@`/spaces, then run to the first
/// stop word or built-in terminator. Returns the byte span.
fn scan_phrase(b: &[u8], mut i: usize, stops: &Stops) -> Option<(usize, usize)> {
    // the anchor must be followed by a separator (not `atm`, `tom`)
    if i < b.len() && b[i].is_ascii_alphanumeric() {
        return None;
    }
    let lim = (i + ANCHOR_SPAN).min(b.len());
    while i < lim && matches!(b[i], b' ' | b':' | b'@' | b'.') {
        i += 1;
    }
    // `to VPA name@bank`, `from UPI ID name@bank`: these words introduce the payee
    for intro in [&b"vpa"[..], b"upi id"] {
        let n = intro.len();
        if b.get(i..lim).is_some_and(|w| w.starts_with(intro)) && b.get(i + n).is_some_and(|&c| matches!(c, b' ' | b':' | b'-')) {
            i += n;
            while i < lim && matches!(b[i], b' ' | b':' | b'-') {
                i += 1;
            }
            break;
        }
    }
    if i >= lim || !b[i].is_ascii_alphanumeric() {
        return None;
    }
    // `to m/s lakshmi fertilisers`: the firm's title, whose slash would end the name
    if b[i..lim].starts_with(b"m/s") && b.get(i + 3).is_some_and(|&c| matches!(c, b' ' | b'.')) {
        i += 3;
        while i < lim && matches!(b[i], b' ' | b'.') {
            i += 1;
        }
        if i >= lim || !b[i].is_ascii_alphanumeric() {
            return None;
        }
    }
    let start = i;
    let mut j = i;
    while j < lim {
        let c = b[j];
        match c {
            b'\n' | b'\r' | b';' | b',' | b'(' | b'/' | b'~' | b'|' | b'"' => break,
            b'.' => {
                // sentence end: `. `, end, or `.rrn`-style glued word; keep `a.b`, `amazon.in`
                let next = b.get(j + 1).copied();
                let glued_word = b.get(j + 1..j + 4).is_some_and(|w| w.iter().all(u8::is_ascii_alphabetic))
                    && stops.prefix_of(&b[j + 1..]);
                // an initial inside the name (`m. k. stores`): a one-letter word, then `. ` and a letter,
                let word = b[start..j].iter().rposition(|&c| c == b' ').map_or(start, |p| start + p + 1);
                // or an honorific (`mr. arun kumar`)
                let initial = (j - word == 1 && b[word].is_ascii_alphabetic() || matches!(&b[word..j], b"mr" | b"mrs" | b"ms" | b"smt" | b"shri"))
                    && next == Some(b' ')
                    && b.get(j + 2).is_some_and(u8::is_ascii_alphabetic);
                if !initial && (next.is_none() || next.is_some_and(|n| n == b' ' || n == b'\n') || glued_word) {
                    break;
                }
            }
            b' ' => {
                if b.get(j..j + 3) == Some(b"   ") {
                    break;
                }
                // a date or time after the name
                if let (Some(d1), Some(d2)) = (b.get(j + 1), b.get(j + 2)) {
                    if d1.is_ascii_digit() && (d2.is_ascii_digit() || matches!(d2, b'-' | b'/')) {
                        let k = if d2.is_ascii_digit() { j + 3 } else { j + 2 };
                        if b.get(k).is_some_and(|c| matches!(c, b'-' | b'/' | b':')) || !d2.is_ascii_digit() {
                            break;
                        }
                    }
                }
                let rest = &b[j + 1..];
                if stops.word_at(rest) {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    // `to RD a/c ...`, `from a/c ...`: the cut `a` of `a/c` is not part of the name
    if b[j..].starts_with(b"/c") && (b[start..j] == *b"a" || b[start..j].ends_with(b" a")) {
        j -= if j - start == 1 { 1 } else { 2 };
    }
    (j > start).then_some((start, j))
}

/// Give each anchor (pattern / phrase class, in rule order) a bit and
/// return, per lexicon phrase, the bits of the anchors it belongs to.
fn assign_anchor_bits<'a>(lex: &Lexicon, anchors: impl Iterator<Item = (usize, &'a mut u64)>) -> Vec<u64> {
    let mut bit_of_class = vec![0u64; lex.class_count()];
    for (slot, (class, bit)) in anchors.enumerate() {
        *bit = if slot < 63 { 1 << slot } else { OVERFLOW_BIT };
        if let Some(b) = bit_of_class.get_mut(class) {
            *b |= *bit;
        }
    }
    lex.per_phrase(|classes| classes.iter().fold(0, |acc, &c| acc | bit_of_class[c as usize]))
}

/// Words (lower-cased) in 256 buckets by first byte, order kept: the
/// reject prefixes and substrings, each tested only where its first byte is.
/// A rule file's word list, trimmed and lower-cased, as bytes.
fn lower_words(list: &[String]) -> Vec<Vec<u8>> {
    list.iter().map(|s| s.trim().to_lowercase().into_bytes()).collect()
}

fn bucket_prefixes(list: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); 256];
    for p in list.iter().map(|s| s.to_lowercase()) {
        match p.as_bytes().first() {
            Some(&b) => out[b as usize].push(p),
            None => out.iter_mut().for_each(|v| v.push(String::new())),
        }
    }
    out
}

/// The amount the message is about.
fn pick_amount(low: &str, monies: &[Money], pick: AmountPick, verb: Option<(usize, usize)>) -> Option<f64> {
    let txn = || -> Option<f64> {
        let cands = monies.iter().filter(|m| m.role == Role::Txn);
        match verb {
            Some((vs, ve)) => {
                // a verb in an Indian script ends its clause (subject-object-verb:
                // `आपका ऋण ₹30,000 ... खाता में भेज दिया गया है। ... किस्त ₹720`): its
                // sum stands before it
                let sov = low.as_bytes().get(vs).is_some_and(|&c| c >= 0x80);
                let before = if sov { cands.clone().filter(|m| m.end <= vs).max_by_key(|m| m.end) } else { None };
                before
                    .or_else(|| cands.min_by_key(|m| if m.end <= vs { vs - m.end } else { m.start.saturating_sub(ve) }))
                    .map(|m| m.value)
            }
            None => monies.iter().find(|m| m.role == Role::Txn).map(|m| m.value),
        }
    };
    let first = |r: Role| monies.iter().find(|m| m.role == r).map(|m| m.value);
    // a worked-out sum (`EMI Rs.2,340 + late fee Rs.300 = Rs.2,640`) before
    // the first due word's figure (`Total outstanding Rs.21,060`)
    let due = || monies.iter().find(|m| m.total).or_else(|| monies.iter().find(|m| m.role == Role::Due)).map(Money::due);
    match pick {
        AmountPick::None => None,
        AmountPick::Transaction => txn().or_else(due).or_else(|| first(Role::Fee)),
        AmountPick::Due => due().or_else(txn).or_else(|| first(Role::MinDue)).or_else(|| first(Role::Fee)),
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Engine>();
    let _ = (SenderType::Bank, TransactionType::Debit);
    let _: Option<&Hit> = None;
}
