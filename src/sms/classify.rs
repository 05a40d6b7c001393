//! Ordered classification rules over keyword classes.

use super::model::{SmsType, TransactionType};
use super::rules::{ClassificationFile, LabelDef, RuleDef, RuleError};
use super::text::{ClassMask, ClassSet, Hit, Lexicon, LexiconBuilder};

pub fn parse_sms_type(s: &str) -> Option<SmsType> {
    SmsType::ALL.iter().copied().find(|t| t.as_str() == s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountPick {
    None,
    Transaction,
    Due,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TxSpec {
    None,
    Debit,
    Credit,
    Direction,
}

#[derive(Debug, Clone)]
enum TypeSpec {
    Fixed(Option<SmsType>),
    Direction { debit: Option<SmsType>, credit: Option<SmsType> },
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    any: Vec<usize>,
    any_m: ClassMask,
    all_m: ClassMask,
    none_m: ClassMask,
    needs_amount: bool,
    ty: TypeSpec,
    tx: TxSpec,
    pub amount: AmountPick,
    pub balance: bool,
    pub purpose: Option<String>,
    /// The `verb` class, if the rule names one (a class id at compile time,
    /// then its bit in `Classifier::verb_bits`).
    verb: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Label {
    pub value: String,
    any_m: ClassMask,
    none_m: ClassMask,
    types: Vec<SmsType>,
}

pub struct Classifier {
    pub rules: Vec<Rule>,
    pub sub_types: Vec<Label>,
    pub purposes: Vec<Label>,
    /// Per lexicon phrase, which of the direction classes it is in:
    /// `debit`, `credit`, and the optional `debit_weak` / `credit_weak`
    /// (direction words that decide only when the message has no word of
    /// `debit` / `credit`), and `direction_generic` (words of `debit` /
    /// `credit` that say a transaction happened, not which way: a sum's own
    /// `dr` / `cr` mark overrides them). `direction` tests each hit once.
    direction_bits: Vec<u8>,
    /// Per lexicon phrase, a bit for each class some rule names as its `verb`.
    verb_bits: Vec<u64>,
}

const DEBIT: u8 = 1;
const CREDIT: u8 = 2;
const DEBIT_WEAK: u8 = 4;
const CREDIT_WEAK: u8 = 8;
const GENERIC: u8 = 16;

/// Outcome of classification.
#[derive(Debug, Clone)]
pub struct Decision<'r> {
    pub rule: &'r Rule,
    pub sms_type: Option<SmsType>,
    pub transaction_type: Option<TransactionType>,
    /// Byte span of the word that decided the direction, if any.
    pub verb: Option<(usize, usize)>,
}

/// Adds the classification classes to the lexicon.
pub fn add_classes(file: &str, f: &ClassificationFile, lb: &mut LexiconBuilder) -> Result<(), RuleError> {
    for (name, phrases) in &f.classes {
        if name.starts_with('@') {
            return Err(RuleError::invalid(file, format!("class {name:?}"), "class names may not start with '@'"));
        }
        if phrases.is_empty() {
            return Err(RuleError::invalid(file, format!("class {name:?}"), "class has no phrases"));
        }
        for p in phrases {
            lb.add(name, p).map_err(|m| RuleError::invalid(file, format!("class {name:?}"), m))?;
        }
    }
    for (name, suffixes) in &f.header_classes {
        let entry = format!("header class {name:?}");
        if f.classes.contains_key(name) || name.starts_with('@') {
            return Err(RuleError::invalid(file, entry, "a header class needs a name of its own (not a phrase class's, not starting with '@')"));
        }
        if suffixes.is_empty() || suffixes.iter().any(|s| s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_lowercase())) {
            return Err(RuleError::invalid(file, entry, "list one or more DLT suffixes, one or two lower-case letters each (\"p\" for `VM-XYZ-P`)"));
        }
        lb.class(name);
    }
    for required in ["debit", "credit"] {
        if !f.classes.contains_key(required) {
            return Err(RuleError::invalid(file, "classes", format!("class {required:?} is required")));
        }
    }
    Ok(())
}

fn ids(file: &str, entry: &str, lex: &Lexicon, names: &[String], user: &ClassificationFile) -> Result<Vec<usize>, RuleError> {
    names
        .iter()
        .map(|n| {
            if !user.classes.contains_key(n) && !user.header_classes.contains_key(n) {
                return Err(RuleError::invalid(file, entry, format!("unknown class {n:?}")));
            }
            lex.class_id(n).ok_or_else(|| RuleError::invalid(file, entry, format!("unknown class {n:?}")))
        })
        .collect()
}

fn opt_type(file: &str, entry: &str, s: &str) -> Result<Option<SmsType>, RuleError> {
    if s == "none" {
        return Ok(None);
    }
    parse_sms_type(s).map(Some).ok_or_else(|| RuleError::invalid(file, entry, format!("unknown sms_type {s:?}")))
}

fn compile_rule(file: &str, i: usize, r: &RuleDef, lex: &Lexicon, f: &ClassificationFile) -> Result<Rule, RuleError> {
    let entry = format!("rule #{} ({:?})", i + 1, r.name);
    let ty = if r.sms_type == "direction" {
        let d = r.debit_type.as_deref().ok_or_else(|| RuleError::invalid(file, &entry, "direction rule needs debit_type"))?;
        let c = r.credit_type.as_deref().ok_or_else(|| RuleError::invalid(file, &entry, "direction rule needs credit_type"))?;
        TypeSpec::Direction { debit: opt_type(file, &entry, d)?, credit: opt_type(file, &entry, c)? }
    } else {
        TypeSpec::Fixed(opt_type(file, &entry, &r.sms_type)?)
    };
    let tx = match r.transaction.as_str() {
        "none" => TxSpec::None,
        "debit" => TxSpec::Debit,
        "credit" => TxSpec::Credit,
        "direction" => TxSpec::Direction,
        o => return Err(RuleError::invalid(file, &entry, format!("unknown transaction {o:?}"))),
    };
    if matches!(ty, TypeSpec::Direction { .. }) != (tx == TxSpec::Direction) {
        return Err(RuleError::invalid(file, &entry, "sms_type = \"direction\" and transaction = \"direction\" go together"));
    }
    let amount = match r.amount.as_str() {
        "none" => AmountPick::None,
        "transaction" => AmountPick::Transaction,
        "due" => AmountPick::Due,
        o => return Err(RuleError::invalid(file, &entry, format!("unknown amount {o:?}"))),
    };
    if r.any.is_empty() && r.all.is_empty() && tx != TxSpec::Direction {
        return Err(RuleError::invalid(file, &entry, "rule needs `any` or `all` conditions"));
    }
    let (any, all, none) = (ids(file, &entry, lex, &r.any, f)?, ids(file, &entry, lex, &r.all, f)?, ids(file, &entry, lex, &r.none, f)?);
    let verb = match &r.verb {
        Some(v) => Some(ids(file, &entry, lex, std::slice::from_ref(v), f)?[0]),
        None => None,
    };
    Ok(Rule {
        name: r.name.clone(),
        any_m: ClassMask::from_ids(&any),
        all_m: ClassMask::from_ids(&all),
        none_m: ClassMask::from_ids(&none),
        any,
        needs_amount: r.needs_amount,
        ty,
        tx,
        amount,
        balance: r.balance,
        purpose: r.purpose.clone(),
        verb,
    })
}

fn compile_label(file: &str, kind: &str, i: usize, l: &LabelDef, lex: &Lexicon, f: &ClassificationFile) -> Result<Label, RuleError> {
    let entry = format!("{kind} #{} ({:?})", i + 1, l.value);
    if l.any.is_empty() {
        return Err(RuleError::invalid(file, entry, "needs `any` classes"));
    }
    let types = l
        .types
        .iter()
        .map(|t| parse_sms_type(t).ok_or_else(|| RuleError::invalid(file, &entry, format!("unknown sms_type {t:?}"))))
        .collect::<Result<_, _>>()?;
    let (any, none) = (ids(file, &entry, lex, &l.any, f)?, ids(file, &entry, lex, &l.none, f)?);
    Ok(Label { value: l.value.clone(), any_m: ClassMask::from_ids(&any), none_m: ClassMask::from_ids(&none), types })
}

impl Classifier {
    pub fn compile(file: &str, f: &ClassificationFile, lex: &Lexicon) -> Result<Self, RuleError> {
        if f.rules.is_empty() {
            return Err(RuleError::invalid(file, "rule", "at least one rule is required"));
        }
        let mut rules: Vec<Rule> = f.rules.iter().enumerate().map(|(i, r)| compile_rule(file, i, r, lex, f)).collect::<Result<_, _>>()?;
        // the verb classes as bits: each rule keeps its class's bit
        let mut verb_classes: Vec<usize> = rules.iter().filter_map(|r| r.verb).collect();
        verb_classes.sort_unstable();
        verb_classes.dedup();
        if verb_classes.len() > 64 {
            return Err(RuleError::invalid(file, "rule", "at most 64 distinct `verb` classes"));
        }
        for r in &mut rules {
            r.verb = r.verb.and_then(|c| verb_classes.iter().position(|&v| v == c));
        }
        let verb_bits = lex.per_phrase(|cls| {
            verb_classes.iter().enumerate().fold(0u64, |acc, (bit, &v)| if cls.iter().any(|&c| c as usize == v) { acc | 1 << bit } else { acc })
        });
        let sub_types = f.sub_types.iter().enumerate().map(|(i, l)| compile_label(file, "sub_type", i, l, lex, f)).collect::<Result<_, _>>()?;
        let purposes = f.purposes.iter().enumerate().map(|(i, l)| compile_label(file, "purpose", i, l, lex, f)).collect::<Result<_, _>>()?;
        let (debit, credit) = (lex.class_id("debit").unwrap(), lex.class_id("credit").unwrap());
        let (debit_weak, credit_weak) = (lex.class_id("debit_weak"), lex.class_id("credit_weak"));
        let generic = lex.class_id("direction_generic");
        let direction_bits = lex.per_phrase(|cls| {
            let is = |class: Option<usize>, bit: u8| if class.is_some_and(|k| cls.iter().any(|&c| c as usize == k)) { bit } else { 0 };
            is(Some(debit), DEBIT) | is(Some(credit), CREDIT) | is(debit_weak, DEBIT_WEAK) | is(credit_weak, CREDIT_WEAK) | is(generic, GENERIC)
        });
        Ok(Classifier { rules, sub_types, purposes, direction_bits, verb_bits })
    }

    /// First debit/credit word in the message: (is_debit, span). The
    /// transaction sum's own mark (`sign`: `A/c XX4521 Rs.12,500.00 Dr. on
    /// 12-02-27`, `Txn of Rs.36,400.00 CR on A/c`) decides when no strong
    /// word but a generic one (`direction_generic`) occurs, and a weak word
    /// (`debit_weak` / `credit_weak`) only when neither does: "Payment of
    /// Rs 500 credited to your a/c" is a credit, while "Payment of Rs 500 to
    /// X is successful" is a debit.
    fn direction(&self, hits: &[Hit], sign: Option<(bool, (usize, usize))>) -> Option<(bool, (usize, usize))> {
        let mut weak = None;
        for h in hits {
            let bits = self.direction_bits[h.phrase as usize];
            if bits & GENERIC != 0 && sign.is_some() {
                continue;
            }
            if bits & (DEBIT | CREDIT) != 0 {
                return Some((bits & DEBIT != 0, (h.start as usize, h.end as usize)));
            }
            if weak.is_none() && bits & (DEBIT_WEAK | CREDIT_WEAK) != 0 {
                weak = Some((bits & DEBIT_WEAK != 0, (h.start as usize, h.end as usize)));
            }
        }
        sign.or(weak)
    }

    /// The first rule whose conditions hold. `sign` is the direction a sum's
    /// own `dr` / `cr` mark gives ([`Classifier::direction`]).
    pub fn classify<'r>(&'r self, set: &ClassSet, hits: &[Hit], has_amount: bool, sign: Option<(bool, (usize, usize))>) -> Option<Decision<'r>> {
        let mut dir: Option<Option<(bool, (usize, usize))>> = None;
        for r in &self.rules {
            // bit-mask forms of `all`, `any`, `none`
            if !set.contains_all(&r.all_m) {
                continue;
            }
            if !r.any.is_empty() && !set.intersects(&r.any_m) {
                continue;
            }
            if set.intersects(&r.none_m) {
                continue;
            }
            if r.needs_amount && !has_amount {
                continue;
            }
            let d = *dir.get_or_insert_with(|| self.direction(hits, sign));
            let (sms_type, tt, verb) = match (&r.ty, r.tx) {
                (TypeSpec::Direction { debit, credit }, _) => match d {
                    Some((true, span)) => (*debit, Some(TransactionType::Debit), Some(span)),
                    Some((false, span)) => (*credit, Some(TransactionType::Credit), Some(span)),
                    None => continue,
                },
                (TypeSpec::Fixed(t), tx) => {
                    let tt = match tx {
                        TxSpec::Debit => Some(TransactionType::Debit),
                        TxSpec::Credit => Some(TransactionType::Credit),
                        _ => None,
                    };
                    let verb = match r.verb {
                        Some(c) => hits
                            .iter()
                            .find(|h| self.verb_bits[h.phrase as usize] & (1 << c) != 0)
                            .map(|h| (h.start as usize, h.end as usize))
                            .or(d.map(|x| x.1)),
                        None => d.map(|x| x.1),
                    };
                    (*t, tt, verb)
                }
            };
            return Some(Decision { rule: r, sms_type, transaction_type: tt, verb });
        }
        None
    }

    pub fn label<'a>(labels: &'a [Label], set: &ClassSet, ty: Option<SmsType>) -> Option<&'a str> {
        labels
            .iter()
            .find(|l| {
                (l.types.is_empty() || ty.is_some_and(|t| l.types.contains(&t)))
                    && set.intersects(&l.any_m)
                    && !set.intersects(&l.none_m)
            })
            .map(|l| l.value.as_str())
    }
}
