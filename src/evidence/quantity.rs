//! Quantities: numbers that measure something (a percentage, an amount of money, a
//! duration, a multiplier, a count of things, a customer's size), as opposed to years,
//! dates, versions, list numbers and numbers inside names ("EC2", "Tier 1", "SOC 2").

use std::ops::Range;

use super::text::{Tok, TokKind, tokens};

// Word lists below are language, not logic: they may move to `lexicon/` data later.

/// Currency symbols written before an amount.
const CURRENCY_SYMBOLS: &[&str] = &["$", "€", "£", "¥", "₹", "₩", "₽", "₺", "₪", "₱"];
/// Currency codes, written before or after an amount.
const CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "aud", "cad", "nzd", "sgd", "inr", "jpy", "chf", "brl", "mxn", "zar",
    "hkd", "sek", "nok", "dkk", "aed",
];
/// Currency names, written after an amount.
const CURRENCY_NAMES: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "rupees", "yen",
];
/// Scale words after a number ("1.2 million"), and attached suffixes ("$40K", "$3M").
const SCALE_WORDS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("crore", 1e7),
];
const SCALE_SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mm", 1e6),
    ("mn", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
];
/// Words after a number that make it a percentage.
const PERCENT_WORDS: &[&str] = &["percent", "pct", "pp"];
/// Units of time.
const TIME_UNITS: &[&str] = &[
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "yr",
    "yrs",
];
/// Units of data.
const DATA_UNITS: &[&str] = &[
    "kb",
    "mb",
    "gb",
    "tb",
    "pb",
    "eb",
    "kib",
    "mib",
    "gib",
    "tib",
    "pib",
    "bytes",
    "kilobytes",
    "megabytes",
    "gigabytes",
    "terabytes",
    "petabytes",
    "exabytes",
];
/// Nouns that count a customer's size rather than a result.
const SIZE_NOUNS: &[&str] = &[
    "employee",
    "employees",
    "staff",
    "people",
    "person",
    "workers",
    "personnel",
    "associates",
    "clinicians",
    "doctors",
    "nurses",
    "physicians",
    "dentists",
    "agents",
    "clinic",
    "clinics",
    "store",
    "stores",
    "shop",
    "shops",
    "location",
    "locations",
    "office",
    "offices",
    "branch",
    "branches",
    "site",
    "sites",
    "facility",
    "facilities",
    "warehouses",
    "restaurants",
    "hotels",
    "franchises",
    "franchisees",
    "practices",
    "hospitals",
    "pharmacies",
    "schools",
    "campuses",
    "countries",
    "states",
    "cities",
    "markets",
    "customers",
    "clients",
    "patients",
    "members",
    "students",
    "beds",
    "vehicles",
    "trucks",
    "outlets",
    "dealerships",
    "plants",
    "factories",
];
/// Nouns after which "of N" is a size ("a team of 40").
const SIZE_GROUPS: &[&str] = &[
    "team",
    "staff",
    "workforce",
    "headcount",
    "chain",
    "network",
    "fleet",
    "group",
];
/// Verbs after which a number is a size ("employs 300").
const SIZE_VERBS: &[&str] = &["employs", "employing", "employ", "employed", "staffed"];
/// Words after a duration that make it the customer's age ("25 years old", "ago").
const AGE_WORDS: &[&str] = &["ago", "old"];
/// Words before a number that make it part of a name or a label ("Tier 1", "Phase 2").
const NUMBER_LABELS: &[&str] = &[
    "version",
    "v",
    "tier",
    "level",
    "phase",
    "step",
    "stage",
    "release",
    "gen",
    "generation",
    "soc",
    "iso",
    "pci",
    "dss",
    "hipaa",
    "windows",
    "server",
    "office",
    "section",
    "chapter",
    "figure",
    "fig",
    "table",
    "appendix",
    "no",
    "number",
    "room",
    "suite",
    "floor",
    "route",
    "series",
    "model",
    "type",
    "class",
    "kpi",
    "layer",
    "wave",
    "day",
    "week",
    "q",
    "fy",
    "iphone",
    "python",
    "java",
    "node",
    "php",
    "net",
    "sql",
    "postgresql",
    "mysql",
    "ubuntu",
    "rhel",
    "item",
    "page",
    "top",
    "part",
    "option",
    "goal",
    "objective",
    "sprint",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
/// Words that, right after a number, say it is not a count of something.
const NOT_NOUNS: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "per", "a", "an",
    "the", "is", "was", "were", "are", "be", "as", "than", "that", "which", "this", "it", "st",
    "nd", "rd", "th", "am", "pm", "s", "x", "times", "out", "into", "over", "under", "after",
    "before", "when", "while", "but", "so", "if", "we", "they", "he", "she", "i", "you",
];
/// Number words, accepted only before a unit ("two weeks", "three times faster").
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("a dozen", 12.0),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2000.0),
];
/// Words that are multipliers on their own.
const MULTIPLIER_WORDS: &[(&str, f64)] = &[
    ("doubled", 2.0),
    ("doubling", 2.0),
    ("doubles", 2.0),
    ("tripled", 3.0),
    ("tripling", 3.0),
    ("triples", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
    ("halving", 0.5),
    ("halves", 0.5),
    ("twofold", 2.0),
    ("threefold", 3.0),
    ("fourfold", 4.0),
    ("fivefold", 5.0),
    ("tenfold", 10.0),
];
/// Words that, after "N times" or "twice", make it a multiplier, not a frequency.
const COMPARATIVES: &[&str] = &[
    "faster", "quicker", "more", "less", "fewer", "lower", "higher", "cheaper", "greater",
    "larger", "bigger", "smaller", "shorter", "better", "as", "the", "over",
];

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// "60%", "12 percent", "5 percentage points".
    Percent,
    /// "$40,000", "€1.2M", "USD 300", "2 million dollars".
    Money,
    /// "3 days", "48-hour", "200 ms".
    Duration,
    /// "3x", "three times faster", "doubled", "tenfold".
    Multiplier,
    /// A number of things: "1,200 invoices", "15 manual steps", "40 clinics" (see
    /// [`Quantity::customer_size`]).
    Count,
    /// An amount of data: "2 TB", "500 GB".
    Size,
}

impl QuantityKind {
    /// The name a profile uses in `kinds = [...]`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Percent => "percent",
            QuantityKind::Money => "money",
            QuantityKind::Duration => "duration",
            QuantityKind::Multiplier => "multiplier",
            QuantityKind::Count => "count",
            QuantityKind::Size => "size",
        }
    }

    pub fn from_name(name: &str) -> Option<QuantityKind> {
        [
            QuantityKind::Percent,
            QuantityKind::Money,
            QuantityKind::Duration,
            QuantityKind::Multiplier,
            QuantityKind::Count,
            QuantityKind::Size,
        ]
        .into_iter()
        .find(|k| k.as_str() == name.trim().to_ascii_lowercase())
    }

    /// Plain words for notes: "a percentage".
    pub fn describe(self) -> &'static str {
        match self {
            QuantityKind::Percent => "a percentage",
            QuantityKind::Money => "an amount of money",
            QuantityKind::Duration => "a duration",
            QuantityKind::Multiplier => "a multiplier",
            QuantityKind::Count => "a count",
            QuantityKind::Size => "an amount of data",
        }
    }
}

/// A number that measures something, with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte range in the scanned text, from a currency sign to the unit ("$40K",
    /// "3 days", "60%", "1,200 invoices"; a range "30-40%" is one quantity).
    pub range: Range<usize>,
    pub kind: QuantityKind,
    /// The customer's size or age rather than a measure of the work: "150 employees",
    /// "12 clinics", "a team of 40", "$20M in revenue", "founded 25 years ago".
    pub customer_size: bool,
    /// The number as written, scales applied ("$1.2M" → 1 200 000); for a range, its
    /// upper end. Very long numbers may be infinite; never NaN.
    pub value: f64,
    /// The same range as token indexes (for the other detectors).
    pub(crate) toks: Range<usize>,
}

/// Every quantity in `text`, in order. Ranges are byte ranges into `text`.
pub fn quantities(text: &str) -> Vec<Quantity> {
    quantities_in(&tokens(text))
}

/// A number found while scanning, before its unit is known.
struct Number {
    start: usize,
    /// Token index after the number (and after its scale).
    end: usize,
    value: f64,
    money: bool,
    /// Spelled out ("three"): only kept before a unit.
    spelled: bool,
}

pub(crate) fn quantities_in(toks: &[Tok]) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    // Bare numbers (no unit), kept only when a `from X to Y` or `X-Y` pairs them with
    // a quantity that has one.
    let mut bare: Vec<(Number, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == TokKind::Punct && !CURRENCY_SYMBOLS.contains(&toks[i].low()) {
            i += 1;
            continue;
        }
        if toks[i].kind == TokKind::Word
            && let Some((&(_, value), _)) = MULTIPLIER_WORDS
                .iter()
                .map(|w| (w, ()))
                .find(|((w, _), _)| toks[i].is(w))
        {
            out.push(Quantity {
                range: toks[i].range.clone(),
                kind: QuantityKind::Multiplier,
                value,
                customer_size: false,
                toks: i..i + 1,
            });
            i += 1;
            continue;
        }
        if toks[i].is("twice") && toks.get(i + 1).is_some_and(|t| t.is_any(COMPARATIVES)) {
            out.push(Quantity {
                range: toks[i].range.clone(),
                kind: QuantityKind::Multiplier,
                value: 2.0,
                customer_size: false,
                toks: i..i + 1,
            });
            i += 1;
            continue;
        }
        let Some(number) = number_at(toks, i) else {
            i += 1;
            continue;
        };
        let next = number.end;
        match unit_after(toks, &number) {
            Some((kind, end, customer_size)) => {
                let start = number.start;
                out.push(Quantity {
                    range: toks[start].range.start..toks[end - 1].range.end,
                    kind,
                    value: number.value,
                    customer_size,
                    toks: start..end,
                });
                i = end;
            }
            None => {
                if !number.spelled {
                    bare.push((number, out.len()));
                }
                i = next;
            }
        }
    }
    pair_bare_numbers(toks, &mut out, bare);
    size_from_context(toks, &mut out);
    out
}

/// The number starting at token `i` (with a currency before it and a scale after it),
/// unless it is a year, a date, a version, a list number or part of a name.
fn number_at(toks: &[Tok], i: usize) -> Option<Number> {
    number_after(toks, i, false)
}

/// `number_at`, knowing whether a currency came just before (then "M" is million).
fn number_after(toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    let tok = toks.get(i)?;
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let start = i;
    // Currency before: "$40", "US$40", "USD 40", "€ 40".
    if tok.kind == TokKind::Punct && CURRENCY_SYMBOLS.contains(&tok.low()) {
        let n = toks.get(i + 1)?;
        if n.kind != TokKind::Num {
            return None;
        }
        let mut number = number_after(toks, i + 1, true)?;
        number.money = true;
        number.start = i;
        // "US$40", "A$40": the letters before the sign belong to it.
        if let Some(p) = prev
            && p.kind == TokKind::Word
            && !tok.space_before
            && p.lower.len() <= 2
        {
            number.start = i - 1;
        }
        return Some(number);
    }
    if tok.kind == TokKind::Word && tok.is_any(CURRENCY_CODES) {
        let n = toks.get(i + 1)?;
        if n.kind != TokKind::Num || !n.space_before {
            return None;
        }
        let mut number = number_after(toks, i + 1, true)?;
        number.money = true;
        number.start = i;
        return Some(number);
    }
    let (value, mut end, spelled) = match tok.kind {
        TokKind::Num => (parse_number(&tok.lower)?, i + 1, false),
        TokKind::Word => {
            if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| tok.is(w)) {
                (v, i + 1, true)
            } else if tok.is("a") && toks.get(i + 1).is_some_and(|t| t.is("dozen")) {
                (12.0, i + 2, true)
            } else {
                return None;
            }
        }
        TokKind::Punct => return None,
    };
    if !spelled {
        // Part of a code or a name: "COVID-19", "A-1", "v2.1", ".5" after a word.
        if let Some(p) = prev
            && !tok.space_before
        {
            let glued_word = p.kind == TokKind::Word;
            // After a number, only a dash starts a range ("30-40%"); "3:1", "24/7" and
            // "1.2.3" are ratios, times, fractions and versions.
            let after_number = i >= 2
                && (toks[i - 2].kind == TokKind::Num
                    || CURRENCY_SYMBOLS.contains(&toks[i - 2].low()));
            let glued_code = matches!(p.low(), "-" | "." | "/" | "_" | ":" | "#")
                && i >= 2
                && !p.space_before
                && (!after_number || matches!(p.low(), ":" | "/" | "."));
            if glued_word || glued_code || p.lower == "#" {
                return None;
            }
        }
        if let Some(p) = prev
            && (p.is_any(NUMBER_LABELS) || p.is_any(MONTHS) || p.is_punct('#'))
            && !money
        {
            // "Tier 1", "March 12": unless a unit follows ("Phase 2 took 3 weeks" is
            // handled at "3").
            let next = toks.get(i + 1);
            if !next
                .is_some_and(|n| n.is_punct('%') || n.is_any(PERCENT_WORDS) || n.is_any(TIME_UNITS))
            {
                return None;
            }
        }
        let next = toks.get(i + 1);
        if let Some(n) = next {
            // Times, fractions and dates: "9:30", "24/7", "3/12/2024", "12 March".
            if !n.space_before
                && matches!(n.low(), ":" | "/")
                && toks
                    .get(i + 2)
                    .is_some_and(|t| t.kind == TokKind::Num && !t.space_before)
            {
                return None;
            }
            if n.kind == TokKind::Word && !n.space_before && n.is_any(&["st", "nd", "rd", "th"]) {
                return None;
            }
            if n.is_any(MONTHS) && n.kind == TokKind::Word && n.space_before && value <= 31.0 {
                // "12 March", but "3 mar" is rare enough to accept the loss.
                return None;
            }
        }
        // A year: 1900..=2100 written without separators, not followed by a unit.
        if tok.lower.len() == 4 && (1900.0..=2100.0).contains(&value) && !money {
            let unit = next.is_some_and(|n| {
                n.is_punct('%')
                    || n.is_any(PERCENT_WORDS)
                    || n.is_any(TIME_UNITS)
                    || n.is_any(SIZE_NOUNS)
                    || n.is_any(CURRENCY_CODES)
                    || n.is_any(CURRENCY_NAMES)
            });
            if !unit {
                return None;
            }
        }
    }
    // Scale: "$40K", "1.2 million".
    let mut value = value;
    if let Some(n) = toks.get(end) {
        if n.kind == TokKind::Word
            && !n.space_before
            && let Some(&(_, scale)) = SCALE_SUFFIXES.iter().find(|(s, _)| n.is(s))
        {
            // "5m" without a currency may be minutes or metres: only money, or a capital
            // ("1.5M records"), makes it a million. The lower-case form is borrowed exactly
            // when the text had no capital.
            let capital = matches!(n.lower, std::borrow::Cow::Owned(_));
            if money || capital || n.lower != "m" && n.lower != "mm" {
                value *= scale;
                end += 1;
            }
        } else if let Some(&(_, scale)) = SCALE_WORDS.iter().find(|(s, _)| n.is(s)) {
            value *= scale;
            end += 1;
        }
    }
    Some(Number {
        start,
        end,
        value: if value.is_nan() { 0.0 } else { value },
        money,
        spelled,
    })
}

/// "1,200.50" → 1200.5. `None` for versions and addresses ("2.0.1") and for separators
/// that are not thousands groups ("1,2,3", a list).
fn parse_number(digits: &str) -> Option<f64> {
    if digits.matches('.').count() > 1 {
        return None;
    }
    let int = digits.split('.').next().unwrap_or("");
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let clean: String = digits.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok().filter(|v| !v.is_nan())
}

/// The unit after a number: the kind and the token index after the quantity (a rate
/// such as "a year" or "/month" included).
fn unit_after(toks: &[Tok], number: &Number) -> Option<(QuantityKind, usize, bool)> {
    let mut at = number.end;
    // "30+%", "1,000+ users": the plus means "or more".
    if toks
        .get(at)
        .is_some_and(|t| t.is_punct('+') && !t.space_before)
    {
        at += 1;
    }
    // The noun or the words after make it the customer's size ("150 employees").
    let mut customer = false;
    // A range: "30-40%", "$10–20K", "3 to 5 days" is two quantities (see pairing).
    if let Some(dash) = toks.get(at)
        && matches!(dash.low(), "-" | "–")
        && let Some(second) = toks.get(at + 1)
        && second.kind == TokKind::Num
        && (!dash.space_before || dash.lower == "–")
        && let Some(upper) = number_at(toks, at + 1)
    {
        let upper = Number {
            start: number.start,
            money: number.money || upper.money,
            ..upper
        };
        return unit_after(toks, &upper);
    }
    let next = toks.get(at);
    let kind = if number.money {
        // "$40" with or without a word after.
        Some(QuantityKind::Money)
    } else if let Some(n) = next {
        if n.is_punct('%') || n.is_any(PERCENT_WORDS) {
            at += 1;
            Some(QuantityKind::Percent)
        } else if (n.is("per") && toks.get(at + 1).is_some_and(|t| t.is("cent")))
            || (n.is("percentage") && toks.get(at + 1).is_some_and(|t| t.is("points")))
        {
            at += 2;
            Some(QuantityKind::Percent)
        } else if (n.is("x") && !n.space_before && !number.spelled)
            || n.is_punct('×')
            || (n.is("times") && toks.get(at + 1).is_some_and(|t| t.is_any(COMPARATIVES)))
        {
            at += 1;
            Some(QuantityKind::Multiplier)
        } else if n.is_punct('-')
            && !n.space_before
            && toks.get(at + 1).is_some_and(|t| t.is("fold"))
        {
            at += 2;
            Some(QuantityKind::Multiplier)
        } else if n.is_any(CURRENCY_CODES) || n.is_any(CURRENCY_NAMES) {
            at += 1;
            Some(QuantityKind::Money)
        } else {
            // "3-day", "40-person": a hyphen glues the unit as an adjective.
            let (word_at, glued) = if n.is_punct('-') && !n.space_before {
                (at + 1, true)
            } else {
                (at, false)
            };
            match toks.get(word_at) {
                // Letters glued to a number without a hyphen are a code ("2FA", "5G"),
                // except units of time ("24h", "200ms").
                Some(w)
                    if w.kind == TokKind::Word
                        && (glued != w.space_before
                            || w.is_any(TIME_UNITS)
                            || w.is_any(DATA_UNITS)) =>
                {
                    if w.is_any(TIME_UNITS) && !(w.is("s") || w.is("h"))
                        || (w.is_any(&["s", "h"]) && !w.space_before)
                    {
                        at = word_at + 1;
                        // "business days", "working hours"
                        if toks.get(at).is_some_and(|t| t.is_any(AGE_WORDS) && !glued) {
                            at += 1;
                            customer = true;
                            Some(QuantityKind::Duration)
                        } else {
                            Some(QuantityKind::Duration)
                        }
                    } else if w.is_any(&["business", "working", "calendar"])
                        && toks.get(word_at + 1).is_some_and(|t| t.is_any(TIME_UNITS))
                    {
                        at = word_at + 2;
                        Some(QuantityKind::Duration)
                    } else if w.is_any(DATA_UNITS) {
                        at = word_at + 1;
                        Some(QuantityKind::Size)
                    } else if glued && w.is_any(&["strong", "seat"]) {
                        at = word_at + 1;
                        customer = true;
                        Some(QuantityKind::Count)
                    } else if let Some(size_at) = size_noun_near(toks, word_at) {
                        at = size_at + 1;
                        customer = true;
                        Some(QuantityKind::Count)
                    } else if !w.is_any(NOT_NOUNS)
                        && !w.is_any(MONTHS)
                        && !number.spelled
                        && (w.lower.chars().count() > 1)
                    {
                        at = word_at + 1;
                        Some(QuantityKind::Count)
                    } else if number.spelled && w.is_any(SIZE_NOUNS) {
                        at = word_at + 1;
                        customer = true;
                        Some(QuantityKind::Count)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
    } else {
        None
    }?;
    // A rate: "$40,000 a year", "3 hours per week", "200/month".
    if let Some(n) = toks.get(at)
        && let Some(u) = toks.get(at + 1)
        && (n.is_any(&["a", "an", "per", "each", "every"]) || (n.is_punct('/') && !n.space_before))
        && u.is_any(TIME_UNITS)
    {
        at += 2;
    } else if let Some(n) = toks.get(at)
        && n.is_any(&["annually", "monthly", "weekly", "daily", "yearly"])
    {
        at += 1;
    }
    Some((kind, at, customer))
}

/// A size noun at `at` or after at most two describing words ("12 dental clinics",
/// "300 full-time employees"); its token index.
fn size_noun_near(toks: &[Tok], at: usize) -> Option<usize> {
    let mut words = 0;
    for (j, tok) in toks.iter().enumerate().skip(at).take(5) {
        match tok.kind {
            TokKind::Word if tok.is_any(SIZE_NOUNS) => return Some(j),
            TokKind::Word if !tok.is_any(NOT_NOUNS) && !tok.is_any(TIME_UNITS) => {
                words += 1;
                if words > 2 {
                    return None;
                }
            }
            TokKind::Punct if tok.lower == "-" && !tok.space_before => {}
            _ => return None,
        }
    }
    None
}

/// Pairs bare numbers with their neighbours: in "from 12 to 3 hours" and "from 120
/// errors to 15", the bare number takes the other's kind; in "from 12 to 3" both are
/// counts. Other bare numbers are dropped.
fn pair_bare_numbers(toks: &[Tok], out: &mut Vec<Quantity>, bare: Vec<(Number, usize)>) {
    let mut added = Vec::new();
    for (number, _) in &bare {
        let before = number.start.checked_sub(1).map(|p| &toks[p]);
        let after = toks.get(number.end);
        // "a team of 40", "employs 300".
        let size = before.is_some_and(|t| t.is_any(SIZE_VERBS))
            || (before.is_some_and(|t| t.is("of"))
                && number.start >= 2
                && toks[number.start - 2].is_any(SIZE_GROUPS));
        let partner_kind = if size {
            Some(QuantityKind::Count)
        } else if after.is_some_and(|t| t.is("to") || t.is_punct('–')) {
            // "from 12 to 3 hours": the quantity after "to".
            let kind = out
                .iter()
                .find(|q| q.toks.start == number.end + 1)
                .map(|q| q.kind)
                .or_else(|| {
                    bare.iter()
                        .any(|(b, _)| b.start == number.end + 1)
                        .then_some(QuantityKind::Count)
                });
            // "from 12 to 3 hours", "between 5 and", and plain "5 to 10 minutes".
            kind
        } else if before.is_some_and(|t| t.is("to")) && number.start >= 2 {
            // "from 3 days to 4": the quantity before "to".
            let to_at = number.start - 1;
            let from_q = out
                .iter()
                .find(|q| q.toks.end == to_at)
                .filter(|q| q.toks.start > 0 && toks[q.toks.start - 1].is_any(&["from", "between"]))
                .map(|q| q.kind);
            let from_bare = bare.iter().any(|(b, _)| {
                b.end == to_at && b.start > 0 && toks[b.start - 1].is_any(&["from", "between"])
            });
            from_q.or(from_bare.then_some(QuantityKind::Count))
        } else {
            None
        };
        if let Some(kind) = partner_kind {
            added.push(Quantity {
                range: toks[number.start].range.start..toks[number.end - 1].range.end,
                kind,
                value: number.value,
                customer_size: size,
                toks: number.start..number.end,
            });
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|q| q.toks.start);
    }
}

/// Sizes told by the words before a number: "a team of 40 engineers" is already a size
/// by its noun; "employs 300" and "a team of 40" are sizes by the words before.
/// Money near "revenue" or "turnover" is the customer's size too.
fn size_from_context(toks: &[Tok], out: &mut [Quantity]) {
    for q in out.iter_mut() {
        let s = q.toks.start;
        let before = |k: usize| s.checked_sub(k).map(|p| &toks[p]);
        if matches!(q.kind, QuantityKind::Count | QuantityKind::Money) {
            let group = before(1).is_some_and(|t| t.is("of"))
                && before(2).is_some_and(|t| t.is_any(SIZE_GROUPS));
            let verb = before(1).is_some_and(|t| t.is_any(SIZE_VERBS));
            let revenue = q.kind == QuantityKind::Money
                && (1..=4).any(|k| {
                    before(k).is_some_and(|t| t.is_any(&["revenue", "revenues", "turnover"]))
                }
                    || toks
                        .get(q.toks.end..(q.toks.end + 4).min(toks.len()))
                        .is_some_and(|w| {
                            w.iter().any(|t| t.is_any(&["revenue", "revenues", "turnover"]))
                        }));
            if (group && q.kind == QuantityKind::Count) || verb || revenue {
                q.customer_size = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, QuantityKind)> {
        quantities(text)
            .into_iter()
            .map(|q| (&text[q.range], q.kind))
            .collect()
    }

    use QuantityKind::*;

    #[test]
    fn percentages_money_durations_multipliers() {
        assert_eq!(
            found("Costs fell 60% and errors 12 percent, a 5 percentage points gain."),
            [
                ("60%", Percent),
                ("12 percent", Percent),
                ("5 percentage points", Percent)
            ]
        );
        assert_eq!(
            found("It saved $40,000 a year, US$1.2M, €300, USD 5,000 and 2 million dollars."),
            [
                ("$40,000 a year", Money),
                ("US$1.2M", Money),
                ("€300", Money),
                ("USD 5,000", Money),
                ("2 million dollars", Money)
            ]
        );
        assert_eq!(
            found("from 3 days to 4 hours, a 48-hour window, 200 ms, two weeks, 5 business days"),
            [
                ("3 days", Duration),
                ("4 hours", Duration),
                ("48-hour", Duration),
                ("200 ms", Duration),
                ("two weeks", Duration),
                ("5 business days", Duration)
            ]
        );
        assert_eq!(
            found("3x faster, three times faster, doubled, a 10-fold rise, twice as fast"),
            [
                ("3x", Multiplier),
                ("three times", Multiplier),
                ("doubled", Multiplier),
                ("10-fold", Multiplier),
                ("twice", Multiplier)
            ]
        );
        let q = quantities("US$1.2M");
        assert_eq!(q[0].value, 1_200_000.0);
        assert_eq!(quantities("$40K")[0].value, 40_000.0);
    }

    /// Quantities that are the customer's size.
    fn sizes(text: &str) -> Vec<(&str, QuantityKind)> {
        quantities(text)
            .into_iter()
            .filter(|q| q.customer_size)
            .map(|q| (&text[q.range], q.kind))
            .collect()
    }

    #[test]
    fn sizes_and_counts() {
        let text = "Acme has 150 employees, 12 dental clinics and a team of 40; it employs 300.";
        assert_eq!(
            sizes(text),
            [
                ("150 employees", Count),
                ("12 dental clinics", Count),
                ("40", Count),
                ("300", Count)
            ]
        );
        assert_eq!(sizes("a 40-person team"), [("40-person", Count)]);
        assert_eq!(sizes("a 40-clinic group"), [("40-clinic", Count)]);
        assert_eq!(sizes("founded 25 years ago"), [("25 years ago", Duration)]);
        assert_eq!(sizes("annual revenue of $20M"), [("$20M", Money)]);
        assert_eq!(
            found("It stores 2 TB, then 500GB, and 3 terabytes."),
            [("2 TB", Size), ("500GB", Size), ("3 terabytes", Size)]
        );
        assert!(sizes("It processes 1,200 invoices.").is_empty());
        assert_eq!(
            found("It processes 1,200 invoices and 15 manual steps."),
            [("1,200 invoices", Count), ("15 manual", Count)]
        );
        assert_eq!(
            found("errors fell from 120 to 15"),
            [("120", Count), ("15", Count)]
        );
        assert_eq!(
            found("from 12 to 3 hours"),
            [("12", Duration), ("3 hours", Duration)]
        );
        assert_eq!(found("30-40% less"), [("30-40%", Percent)]);
    }

    #[test]
    fn plus_signs_capital_m_ranges_and_ratios() {
        assert_eq!(
            found("30+% more, 1000+ users, 1.5M records, 5m later, 5 to 10 minutes, a 3:1 ratio"),
            [
                ("30+%", Percent),
                ("1000+ users", Count),
                ("1.5M records", Count),
                ("5", Duration),
                ("10 minutes", Duration)
            ]
        );
        assert_eq!(quantities("1.5M records")[0].value, 1_500_000.0);
    }

    #[test]
    fn numbers_that_are_not_quantities() {
        for text in [
            "In 2024 the company moved.",
            "Since March 12, 2025 and on 12 March 2025.",
            "Amazon EC2 and S3, t3.large, Tier 1, Phase 2, SOC 2, ISO 27001, COVID-19.",
            "Version 2.0.1 at 10.0.0.1, open 24/7 from 9:30, the 3rd site.",
            "1. First 2. Second",
            "It was one of the best.",
            "1,2,3",
            "$",
            "%",
            "$ and % and x",
            "KPI 1: speed",
            "Python 3 and Windows Server 2019",
            "١٢٣ ٤٥٪",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "9".repeat(500);
        for text in [
            long.as_str(),
            "$$$ %% 1,,2 ..3 3.. -5 – —",
            "1e10 1_000 0x1F ½ ⅓ 1,000,00 9,999,999,999,999,999,999%",
            "$9999999999999999999999999999999999999999999999999999999999999T",
            "from to from 1 to",
            "3 to",
            "x 3 x",
            "é1 2é ü%",
        ] {
            for q in quantities(text) {
                assert!(text.get(q.range.clone()).is_some());
                assert!(!q.value.is_nan());
            }
        }
        let q = quantities(&format!("{long}%"));
        assert_eq!(q.len(), 1);
        assert!(q[0].value.is_infinite());
    }
}
