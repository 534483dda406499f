//! Reading and checking single front-matter values: amounts of money, dates, AWS account
//! and ACE ids, URLs, domains, customer segments, solution areas and visibility. Each
//! check returns the normalised value or a [`Problem`] written for the writer; the caller
//! turns it into a diagnostic at the value's line and writes any fix in the file's syntax.

use jiff::civil::Date;

use crate::diagnostic::Applicability;

/// Why a value is not accepted, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
    /// The corrected value (plain text; the caller quotes it as the file's syntax needs).
    pub fix: Option<(String, Applicability)>,
    /// Other values worth offering.
    pub suggestions: Vec<String>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            ..Problem::default()
        }
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    fn fix(mut self, value: impl Into<String>, applicability: Applicability) -> Self {
        self.fix = Some((value.into(), applicability));
        self
    }
}

// ---------------------------------------------------------------------------------------
// Money

pub const AMOUNT_FORMS: &str = "write a number of US dollars, such as `36000`, `\"$36,000\"`, \
     `\"36k\"`, `\"$4.5M\"`, `\"USD 4.5 million\"` or `\"$1.2B\"`";

/// Reads an amount of US dollars written as text: `$12M`, `12,000,000`, `USD 4.5 million`,
/// `36k`, `~$40,000 per year`. Negative amounts, ranges, bounds (`< $100M`), other
/// currencies and words are refused with the reason.
pub fn parse_amount(text: &str) -> Result<f64, String> {
    let original = text.trim();
    let mut s = original.to_lowercase().replace(['\u{a0}', '\u{202f}'], " ");
    if s.is_empty() {
        return Err("it is empty".into());
    }
    for currency in [
        "€", "£", "¥", "₹", "eur", "gbp", "cad", "aud", "inr", "jpy", "chf",
    ] {
        if s.contains(currency) {
            return Err("it is not in US dollars: convert it to USD".into());
        }
    }
    for approx in [
        "approximately",
        "approx.",
        "approx",
        "about",
        "around",
        "roughly",
        "circa",
        "ca.",
        "~",
        "≈",
    ] {
        if let Some(rest) = s.trim_start().strip_prefix(approx) {
            s = rest.trim_start().to_string();
        }
    }
    for bound in [
        "<",
        ">",
        "≤",
        "≥",
        "under ",
        "over ",
        "less than",
        "more than",
        "up to",
        "below",
        "above",
        "+",
    ] {
        if s.trim_start().starts_with(bound) || (bound == "+" && s.trim_end().ends_with('+')) {
            return Err("it is a bound, not an amount: give the amount itself".into());
        }
    }
    if s.starts_with('-') || s.starts_with('−') || s.contains("$-") || s.contains("usd -") {
        return Err("it is negative".into());
    }
    let mut s = s.trim().to_string();
    for suffix in [
        " per year",
        "/year",
        "/yr",
        " a year",
        " per annum",
        " annually",
        " annual",
        "/y",
        " p.a.",
        " arr",
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_string();
        }
    }
    for prefix in ["us$", "usd$", "usd", "$", "us dollars", "dollars"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start().to_string();
            break;
        }
    }
    for suffix in ["us dollars", "dollars", "dollar", "usd", "$"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix('$') {
        s = rest.trim_start().to_string();
    }
    let number_len = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '_')))
        .map_or(s.len(), |(i, _)| i);
    let (number, unit) = s.split_at(number_len);
    let mut number = number.trim().to_string();
    let unit = unit.trim();
    if number.is_empty() || !number.chars().any(|c| c.is_ascii_digit()) {
        return Err("it has no number".into());
    }
    if unit.starts_with(['-', '–', '—']) || unit.starts_with("to ") {
        return Err("it is a range: give one amount".into());
    }
    let multiplier = match unit {
        "" => 1.0,
        "k" | "K" | "thousand" | "thousands" => 1e3,
        "m" | "mm" | "mn" | "mil" | "mio" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        _ => {
            if unit.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return Err("it is not one number".into());
            }
            return Err(format!(
                "`{}` is not an amount unit (use k, M or B)",
                unit.trim()
            ));
        }
    };
    // Group separators: `,` `_` or spaces, every three digits.
    let separators = [',', '_', ' '];
    if number.contains(separators) {
        let (whole, fraction) = match number.split_once('.') {
            Some((w, f)) => (w.to_string(), Some(f.to_string())),
            None => (number.clone(), None),
        };
        let groups: Vec<&str> = whole.split(separators).collect();
        let valid = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups[1..].iter().all(|g| g.len() == 3)
            && fraction.as_deref().is_none_or(|f| !f.contains(separators));
        if !valid {
            return Err("its digit groups are unclear: write `1,200,000` or `1.2M`".into());
        }
        number = groups.concat();
        if let Some(f) = fraction {
            number = format!("{number}.{f}");
        }
    }
    let value: f64 = number
        .parse()
        .map_err(|_| "it is not a number".to_string())?;
    let value = value * multiplier;
    if !value.is_finite() {
        return Err("it is not a number".into());
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------
// AWS account id

/// Checks an AWS account id. `raw` is the text as written in the file (without quotes),
/// `quoted` whether it was quoted, `as_read` the text the parser produced, `yaml` whether
/// the front matter is YAML (where an unquoted `012345678901` is a number to many tools,
/// which drop the leading zero).
pub fn check_account_id(
    raw: &str,
    quoted: bool,
    as_read: &str,
    yaml: bool,
) -> Result<String, Problem> {
    let raw = raw.trim();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let text = if quoted || raw.is_empty() {
        as_read.trim()
    } else {
        raw
    };
    if yaml && !quoted && all_digits(text) && text.starts_with('0') {
        let digits = text.len();
        let mut problem = Problem::new(format!(
            "`aws_account_id: {text}` is not in quotes, so YAML tools read it as a number and drop \
             the leading zero: quote it: aws_account_id: \"{text}\""
        ));
        if digits == 12 {
            problem = problem.fix(text, Applicability::Safe);
        } else {
            problem.message.push_str(&format!(
                "; it must also be 12 digits and `{text}` has {digits}"
            ));
        }
        return Err(
            problem.help("an AWS account id is 12 digits; write it in quotes so none is lost")
        );
    }
    if text.len() == 12 && all_digits(text) {
        return Ok(text.to_string());
    }
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_separators = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '.' | '_'));
    if only_separators && digits.len() == 12 {
        return Err(Problem::new(format!(
            "`aws_account_id` must be 12 digits without separators: write `{digits}`"
        ))
        .fix(digits, Applicability::Safe)
        .help("the AWS console shows the id as 1234-5678-9012; the checklist form wants the 12 digits only"));
    }
    let count = digits.chars().count();
    let shown = if text.is_empty() { "it" } else { text };
    let message = if count == text.chars().count() {
        format!("`aws_account_id` must be 12 digits; `{shown}` has {count}")
    } else {
        format!(
            "`aws_account_id` must be 12 digits; `{shown}` has {count} digit{} and other characters",
            if count == 1 { "" } else { "s" }
        )
    };
    Err(Problem::new(message).help(
        "copy the 12-digit account id of the customer's AWS account, in quotes: \
         aws_account_id: \"123456789012\"",
    ))
}

// ---------------------------------------------------------------------------------------
// ACE opportunity id

/// Checks an ACE opportunity id: `O` followed by 7 to 10 digits.
pub fn check_ace_id(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    let help = "ACE opportunity ids are the letter O followed by 7 to 10 digits, as Partner \
                Central shows them, for example `O1234567`";
    let digits_ok = |s: &str| (7..=10).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix('O')
        && digits_ok(rest)
    {
        return Ok(text.to_string());
    }
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '_' | '#' | ':'))
        .collect();
    if let Some(rest) = compact.strip_prefix('o')
        && digits_ok(rest)
    {
        return Err(Problem::new(format!(
            "`ace_opportunity_id` starts with a lowercase `o`: ACE ids start with a capital O: write `O{rest}`"
        ))
        .fix(format!("O{rest}"), Applicability::Safe)
        .help(help));
    }
    if compact != text
        && let Some(rest) = compact.strip_prefix('O')
        && digits_ok(rest)
    {
        return Err(Problem::new(format!(
            "`ace_opportunity_id` has extra characters: write `{compact}`"
        ))
        .fix(compact.clone(), Applicability::Safe)
        .help(help));
    }
    if let Some(rest) = compact.strip_prefix('0')
        && digits_ok(rest)
    {
        return Err(Problem::new(format!(
            "`ace_opportunity_id` starts with the digit zero where ACE ids have the letter O: write `O{rest}`"
        ))
        .fix(format!("O{rest}"), Applicability::Unsafe)
        .help(help));
    }
    if digits_ok(&compact) {
        return Err(Problem::new(format!(
            "`ace_opportunity_id` needs the letter O in front of the digits: write `O{compact}`"
        ))
        .fix(format!("O{compact}"), Applicability::Unsafe)
        .help(help));
    }
    if let Some(rest) = compact.strip_prefix(['O', 'o'])
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Problem::new(format!(
            "`ace_opportunity_id` must have 7 to 10 digits after the O; `{text}` has {}",
            rest.len()
        ))
        .help(help));
    }
    Err(Problem::new(format!(
        "`ace_opportunity_id` must be the letter O followed by 7 to 10 digits, like `O1234567`; `{text}` is not"
    ))
    .help(help))
}

// ---------------------------------------------------------------------------------------
// Dates

const MONTHS: [&str; 12] = [
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
];

fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) || (word == "sept" && *m == "september"))
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn iso(y: i16, m: i8, d: i8) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Checks a calendar date `y-m-d`, naming why it is not one.
fn real_date(y: i64, m: i64, d: i64) -> Result<Date, String> {
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err("it is not a calendar date".into());
    };
    if !(1..=9999).contains(&y) {
        return Err(format!("{y} is not a year"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    let first = Date::new(y, m, 1).map_err(|e| e.to_string())?;
    let days = first.days_in_month();
    if !(1..=days).contains(&d) {
        return Err(format!("{} has {days} days", first.strftime("%B %Y")));
    }
    Date::new(y, m, d).map_err(|e| e.to_string())
}

fn number(s: &str) -> Option<i64> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Reads `production_since`: a real calendar date written `YYYY-MM-DD`. A date and time
/// (`2025-07-01T09:00:00Z`, as TOML or YAML timestamps give) counts as its date.
pub fn parse_date(text: &str) -> Result<Date, Problem> {
    let text = text.trim();
    let help = "write the date the solution went live as YYYY-MM-DD, for example 2025-07-01";
    let date_part = text
        .split_once(['T', 't', ' '])
        .filter(|(d, _)| d.len() == 10)
        .map_or(text, |(d, _)| d);
    let parts: Vec<&str> = date_part.split('-').collect();
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && let (Some(y), Some(m), Some(d)) = (number(y), number(m), number(d))
    {
        return match real_date(y, m, d) {
            Ok(date) if parts[1].len() == 2 && parts[2].len() == 2 => Ok(date),
            Ok(date) => {
                let fixed = date.to_string();
                Err(Problem::new(format!(
                    "`production_since` must be written YYYY-MM-DD with two-digit month and day: write `{fixed}`"
                ))
                .fix(fixed, Applicability::Safe)
                .help(help))
            }
            Err(why) => Err(Problem::new(format!(
                "`production_since: {text}` is not a real date: {why}"
            ))
            .help(help)),
        };
    }
    // Other numeric forms: 2025/07/01, 2025.07.01, 07/01/2025, 1.7.2025
    let pieces: Vec<&str> = date_part.split(['/', '.', '-']).collect();
    if let [a, b, c] = pieces[..]
        && let (Some(na), Some(nb), Some(nc)) = (number(a), number(b), number(c))
    {
        let candidate = if a.len() == 4 {
            Some((na, nb, nc))
        } else if c.len() == 4 {
            // Day and month order: only when one of them cannot be a month.
            match (na > 12, nb > 12) {
                (true, false) => Some((nc, nb, na)),
                (false, true) => Some((nc, na, nb)),
                _ if na == nb => Some((nc, na, nb)),
                _ => None,
            }
        } else {
            None
        };
        return Err(match candidate.map(|(y, m, d)| real_date(y, m, d)) {
            Some(Ok(date)) => {
                let fixed = date.to_string();
                let applicability = if a.len() == 4 { Applicability::Safe } else { Applicability::Unsafe };
                Problem::new(format!(
                    "`production_since` must be written YYYY-MM-DD: write `{fixed}`"
                ))
                .fix(fixed, applicability)
                .help(help)
            }
            Some(Err(why)) => Problem::new(format!(
                "`production_since: {text}` is not a real date: {why}"
            ))
            .help(help),
            None => Problem::new(format!(
                "`production_since: {text}` can be read as two different dates: write it as YYYY-MM-DD"
            ))
            .help(help),
        });
    }
    // Month names: "July 1, 2025", "1 July 2025", "July 2025", "2025-07".
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().find_map(|w| month_number(w));
    let year = words
        .iter()
        .filter_map(|w| (w.len() == 4).then(|| number(w)).flatten())
        .next();
    let day = words
        .iter()
        .filter_map(|w| {
            let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            (w.len() <= 2).then(|| number(w)).flatten()
        })
        .next();
    let year_month = match parts[..] {
        [y, m] if y.len() == 4 && m.len() <= 2 => number(y).zip(number(m)),
        _ => None,
    };
    let (year, month, day) = match (year, month, day, year_month) {
        (_, _, _, Some((y, m))) => (Some(y), i8::try_from(m).ok(), None),
        (y, m, d, None) => (y, m, d),
    };
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => match real_date(y, i64::from(m), d) {
            Ok(date) => Err(Problem::new(format!(
                "`production_since` must be written YYYY-MM-DD: write `{date}`"
            ))
            .fix(date.to_string(), Applicability::Safe)
            .help(help)),
            Err(why) => Err(Problem::new(format!(
                "`production_since: {text}` is not a real date: {why}"
            ))
            .help(help)),
        },
        (Some(y), Some(m), None) if (1..=12).contains(&m) => {
            let guess = i16::try_from(y).map(|y| iso(y, m, 1)).unwrap_or_default();
            Err(Problem::new(format!(
                "`production_since` needs the day too, written YYYY-MM-DD: for example `{guess}`"
            ))
            .fix(guess, Applicability::Unsafe)
            .help(help))
        }
        _ => Err(Problem::new(format!(
            "`production_since` must be a date written YYYY-MM-DD; `{text}` is not one"
        ))
        .help(help)),
    }
}

// ---------------------------------------------------------------------------------------
// URLs and domains

/// The host of an `http(s)://` URL, or why it is not one. No network access.
pub fn check_url(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    let help = "write the full address of the published page, starting with https://";
    if text.chars().any(char::is_whitespace) {
        return Err(
            Problem::new("`public_url` contains a space: a web address has none").help(help),
        );
    }
    let lower = text.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else if lower.contains("://") {
        return Err(Problem::new(format!(
            "`public_url` must be a web page address starting with https://; `{text}` is not"
        ))
        .help(help));
    } else {
        let guess = format!("https://{}", text.trim_start_matches('/'));
        let mut problem = Problem::new(format!(
            "`public_url` must start with https://: write `{guess}`"
        ))
        .help(help);
        if looks_like_host(text.split(['/', '?', '#']).next().unwrap_or("")) {
            problem = problem.fix(guess, Applicability::Unsafe);
        }
        return Err(problem);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = host_port
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host_port, |(h, _)| h);
    if !looks_like_host(host) {
        return Err(Problem::new(format!(
            "`public_url` has no valid web address after the scheme; `{text}` names no site"
        ))
        .help(help));
    }
    Ok(host.to_ascii_lowercase())
}

/// A host name with at least one dot, made of letters, digits, hyphens (or non-ASCII
/// letters, for internationalised names).
fn looks_like_host(host: &str) -> bool {
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()))
}

/// `partner.domain`: a bare domain such as `partner.example`.
pub fn check_domain(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    let help = "write the domain of your website only, for example `partner.example`: no https://, no www., no path";
    let lower = text.to_lowercase();
    if looks_like_host(&lower) && !lower.starts_with("www.") {
        return Ok(lower);
    }
    let without_scheme = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = without_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .trim_end_matches('.');
    if looks_like_host(host) {
        return Err(Problem::new(format!(
            "`partner.domain` must be the domain only: write `{host}`"
        ))
        .fix(host.to_string(), Applicability::Safe)
        .help(help));
    }
    Err(Problem::new(format!(
        "`partner.domain` must be a domain like `partner.example`; `{text}` is not one"
    ))
    .help(help))
}

// ---------------------------------------------------------------------------------------
// Customer segment

/// The customer segments AWS uses, as caselint writes them.
pub const SEGMENTS: [&str; 6] = [
    "SMB",
    "Enterprise",
    "Startup",
    "ISV",
    "Digital Native Business",
    "Public Sector",
];

/// Other ways writers name the segments (compared after [`segment_key`]).
const SEGMENT_SYNONYMS: &[(&str, &str)] = &[
    ("smb", "SMB"),
    ("smbs", "SMB"),
    ("small business", "SMB"),
    ("small businesses", "SMB"),
    ("small and medium business", "SMB"),
    ("small and medium businesses", "SMB"),
    ("small and medium sized business", "SMB"),
    ("small and mid sized business", "SMB"),
    ("small to medium business", "SMB"),
    ("small and medium enterprise", "SMB"),
    ("small and medium enterprises", "SMB"),
    ("sme", "SMB"),
    ("smes", "SMB"),
    ("s mb", "SMB"),
    ("enterprise", "Enterprise"),
    ("enterprises", "Enterprise"),
    ("large enterprise", "Enterprise"),
    ("large business", "Enterprise"),
    ("strategic", "Enterprise"),
    ("startup", "Startup"),
    ("startups", "Startup"),
    ("start up", "Startup"),
    ("isv", "ISV"),
    ("isvs", "ISV"),
    ("independent software vendor", "ISV"),
    ("software vendor", "ISV"),
    ("dnb", "Digital Native Business"),
    ("digital native", "Digital Native Business"),
    ("digital natives", "Digital Native Business"),
    ("digital native business", "Digital Native Business"),
    ("digital native businesses", "Digital Native Business"),
    ("public sector", "Public Sector"),
    ("government", "Public Sector"),
    ("education", "Public Sector"),
    ("nonprofit", "Public Sector"),
    ("non profit", "Public Sector"),
    ("not for profit", "Public Sector"),
];

/// Lowercase words only: `Small-and-Medium Business` → `small and medium business`.
pub fn segment_key(text: &str) -> String {
    text.to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The segment's canonical name, when the text names one of [`SEGMENTS`] (any case,
/// punctuation or a known synonym).
pub fn normalize_segment(text: &str) -> Option<&'static str> {
    let key = segment_key(text);
    SEGMENT_SYNONYMS
        .iter()
        .find(|(synonym, _)| *synonym == key)
        .map(|(_, segment)| *segment)
}

/// Checks `customer.segment`. Mid-market is deliberately not read as SMB: AWS defines SMB
/// by revenue (under the profile's limit), and mid-market companies fall on both sides.
pub fn check_segment(text: &str) -> Result<&'static str, Problem> {
    if let Some(segment) = normalize_segment(text) {
        return Ok(segment);
    }
    let key = segment_key(text);
    let list = SEGMENTS.map(|s| format!("`{s}`")).join(", ");
    let help = format!("write one of {list}");
    if [
        "mid market",
        "midmarket",
        "mid size",
        "midsize",
        "mid sized",
        "medium",
        "medium business",
        "commercial",
    ]
    .contains(&key.as_str())
    {
        let mut problem = Problem::new(format!(
            "`customer.segment: {}` is not a segment AWS uses: write `SMB` if the customer's \
             annual revenue is under $100M, otherwise `Enterprise`",
            text.trim()
        ))
        .help(help);
        problem.suggestions = vec!["SMB".into(), "Enterprise".into()];
        return Err(problem);
    }
    let candidates: Vec<&str> = SEGMENT_SYNONYMS.iter().map(|(s, _)| *s).collect();
    let mut problem = Problem::new(format!(
        "`customer.segment: {}` is not a segment caselint knows",
        text.trim()
    ))
    .help(help);
    if let Some(close) = closest(&key, &candidates)
        && let Some(segment) = normalize_segment(close)
    {
        problem
            .message
            .push_str(&format!("; did you mean `{segment}`?"));
        problem = problem.fix(segment, Applicability::Unsafe);
    }
    Err(problem)
}

// ---------------------------------------------------------------------------------------
// Visibility

/// `public`, `anonymous` or `private`, from any case, or a problem with the likely value.
pub fn check_visibility(text: &str) -> Result<super::Visibility, Problem> {
    use super::Visibility;
    let key = segment_key(text);
    match key.as_str() {
        "public" => return Ok(Visibility::Public),
        "anonymous" => return Ok(Visibility::Anonymous),
        "private" => return Ok(Visibility::Private),
        _ => {}
    }
    let help = "write `public` (the customer is named in a published case study), `anonymous` \
                (published without the customer's name) or `private` (shared with AWS only)";
    let synonym = match key.as_str() {
        "anonymized" | "anonymised" | "anonymous public" | "anonymized public"
        | "anonymised public" => Some(("anonymous", Applicability::Safe)),
        "anon" | "unnamed" | "redacted" => Some(("anonymous", Applicability::Unsafe)),
        "published" | "named" | "public case study" | "yes" | "true" => {
            Some(("public", Applicability::Unsafe))
        }
        "confidential" | "internal" | "not public" | "nda" | "private case study" | "no"
        | "false" => Some(("private", Applicability::Unsafe)),
        _ => None,
    }
    .or_else(|| {
        closest(&key, &["public", "anonymous", "private"]).map(|v| (v, Applicability::Unsafe))
    });
    let shown = text.trim();
    match synonym {
        Some((value, applicability)) => Err(Problem::new(format!(
            "`visibility: {shown}` is not one of public, anonymous or private: did you mean `{value}`?"
        ))
        .fix(value, applicability)
        .help(help)),
        None => Err(Problem::new(format!(
            "`visibility: {shown}` is not one of public, anonymous or private"
        ))
        .help(help)),
    }
}

// ---------------------------------------------------------------------------------------
// Solution area

/// Lowercase words without "and", `&` and punctuation.
fn area_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "and")
        .map(str::to_string)
        .collect()
}

/// Short names writers use for the checklist's areas, as words an area name contains.
const AREA_SYNONYMS: &[(&str, &str)] = &[
    ("hr", "human resources"),
    ("people", "human resources"),
    ("hcm", "human resources"),
    ("payroll", "human resources"),
    ("recruiting", "human resources"),
    ("bi", "analytics"),
    ("business intelligence", "analytics"),
    ("data analytics", "analytics"),
    ("reporting", "analytics"),
    ("crm", "customer engagement"),
    ("customer experience", "customer engagement"),
    ("cx", "customer engagement"),
    ("contact center", "customer engagement"),
    ("customer service", "customer engagement"),
    ("erp", "financial management"),
    ("finance", "financial management"),
    ("accounting", "financial management"),
    ("fintech", "financial management"),
    ("backup", "data storage"),
    ("disaster recovery", "data storage"),
    ("dr", "data storage"),
    ("data protection", "data storage"),
    ("storage", "data storage"),
    ("cybersecurity", "security"),
    ("cyber security", "security"),
    ("productivity", "productivity"),
    ("workflow", "productivity"),
    ("automation", "productivity"),
    ("collaboration", "productivity"),
    ("martech", "marketing"),
    ("digital marketing", "marketing"),
    ("advertising", "marketing"),
];

/// The outcome of matching a written solution area against the profile's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaMatch {
    /// The profile's exact spelling.
    Exact(String),
    /// Not one of them; the likely one(s), best first, and whether the best is a typo
    /// (safe to replace) or a guess.
    Near(Vec<String>, Option<Applicability>),
    None,
}

pub fn match_solution_area(text: &str, areas: &[String]) -> AreaMatch {
    let words = area_words(text);
    let area_words_list: Vec<(String, Vec<String>)> =
        areas.iter().map(|a| (a.clone(), area_words(a))).collect();
    if let Some((area, _)) = area_words_list.iter().find(|(_, w)| *w == words) {
        return AreaMatch::Exact(area.clone());
    }
    if words.is_empty() {
        return AreaMatch::None;
    }
    // A typo: close on the joined words.
    let joined = words.join(" ");
    let mut scored: Vec<(usize, &String)> = area_words_list
        .iter()
        .map(|(area, w)| (strsim::damerau_levenshtein(&joined, &w.join(" ")), area))
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    if let Some(&(best, area)) = scored.first() {
        let limit = (joined.chars().count().max(4) / 4).max(1);
        let unique = scored.get(1).is_none_or(|(d, _)| *d > best);
        if best <= limit && unique {
            return AreaMatch::Near(vec![area.clone()], Some(Applicability::Safe));
        }
    }
    // Some of an area's words, or a known short name.
    let synonym_words: Vec<String> = AREA_SYNONYMS
        .iter()
        .find(|(short, _)| area_words(short) == words)
        .map(|(_, long)| area_words(long))
        .unwrap_or_default();
    let containing: Vec<String> = area_words_list
        .iter()
        .filter(|(_, w)| {
            let all =
                |needle: &[String]| !needle.is_empty() && needle.iter().all(|n| w.contains(n));
            all(&words) || all(&synonym_words)
        })
        .map(|(area, _)| area.clone())
        .collect();
    match containing.len() {
        0 => {}
        1 => return AreaMatch::Near(containing, Some(Applicability::Unsafe)),
        _ => return AreaMatch::Near(containing, None),
    }
    // Otherwise the most similar, if it is similar at all.
    let best = areas
        .iter()
        .map(|a| {
            (
                strsim::normalized_damerau_levenshtein(&joined, &area_words(a).join(" ")),
                a,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, area)) if score >= 0.5 => AreaMatch::Near(vec![area.clone()], None),
        _ => AreaMatch::None,
    }
}

// ---------------------------------------------------------------------------------------

/// The candidate closest to `word` if it is close enough to be a typo: at most a quarter
/// of the longer word's characters differ (at least one). Ties keep the first.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = strsim::damerau_levenshtein(&word, &candidate.to_lowercase());
        let longest = word.chars().count().max(candidate.chars().count());
        if distance <= (longest / 4).max(1) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// "eight" for 8; digits beyond twelve.
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_accepted() {
        for (text, expected) in [
            ("$12M", 12e6),
            ("12,000,000", 12e6),
            ("USD 4.5 million", 4.5e6),
            ("36k", 36e3),
            ("36K", 36e3),
            ("$1.2B", 1.2e9),
            ("US$ 3,000", 3e3),
            ("12 000 000", 12e6),
            ("~$40,000 per year", 4e4),
            ("40000 USD", 4e4),
            ("$0", 0.0),
            ("approximately $2.5 million", 2.5e6),
            ("1_000", 1e3),
        ] {
            let got = parse_amount(text).unwrap_or(f64::NAN);
            assert!((got - expected).abs() < 1e-6, "{text}: {got}");
        }
    }

    #[test]
    fn amounts_refused_with_reason() {
        for (text, why) in [
            ("twelve-ish", "no number"),
            ("-5", "negative"),
            ("$-5", "negative"),
            ("€12M", "US dollars"),
            ("$10-20M", "range"),
            ("< $100M", "bound"),
            ("under $100M", "bound"),
            ("1,2", "groups"),
            ("12 apples", "unit"),
            ("", "empty"),
            ("$", "no number"),
            ("1.2.3", "not a number"),
            ("100M+", "bound"),
        ] {
            let err = parse_amount(text).expect_err(text);
            assert!(err.contains(why), "{text}: {err}");
        }
    }

    #[test]
    fn account_ids() {
        assert_eq!(
            check_account_id("123456789012", true, "123456789012", true),
            Ok("123456789012".into())
        );
        assert_eq!(
            check_account_id("123456789012", false, "123456789012", true),
            Ok("123456789012".into())
        );
        assert_eq!(
            check_account_id("012345678901", true, "012345678901", true),
            Ok("012345678901".into())
        );
        assert_eq!(
            check_account_id("012345678901", false, "012345678901", false),
            Ok("012345678901".into())
        );
        let p = check_account_id("12345", true, "12345", true).expect_err("short");
        assert_eq!(
            p.message,
            "`aws_account_id` must be 12 digits; `12345` has 5"
        );
        let p = check_account_id("0123", false, "0123", true).expect_err("short zero");
        assert!(p.message.contains("`0123` has 4"), "{}", p.message);
        assert!(p.fix.is_none());
        let p = check_account_id("0o17", false, "15", true).expect_err("octal");
        assert!(p.message.contains("`0o17`"), "{}", p.message);
        let p = check_account_id("012345678901", false, "012345678901", true).expect_err("zero");
        assert!(
            p.message
                .contains("quote it: aws_account_id: \"012345678901\""),
            "{}",
            p.message
        );
        assert_eq!(p.fix, Some(("012345678901".into(), Applicability::Safe)));
        let p =
            check_account_id("1234-5678-9012", false, "1234-5678-9012", false).expect_err("dashes");
        assert_eq!(p.fix, Some(("123456789012".into(), Applicability::Safe)));
        let p = check_account_id("abc", true, "abc", false).expect_err("letters");
        assert!(
            p.message.contains("has 0 digits and other"),
            "{}",
            p.message
        );
        assert!(check_account_id("", true, "", false).is_err());
    }

    #[test]
    fn ace_ids() {
        assert_eq!(check_ace_id("O1234567"), Ok("O1234567".into()));
        assert_eq!(check_ace_id("O1234567890"), Ok("O1234567890".into()));
        let p = check_ace_id("o1234567").expect_err("lower");
        assert!(p.message.contains("lowercase `o`"));
        assert_eq!(p.fix, Some(("O1234567".into(), Applicability::Safe)));
        let p = check_ace_id("01234567").expect_err("zero");
        assert!(p.message.contains("digit zero"));
        assert_eq!(p.fix, Some(("O1234567".into(), Applicability::Unsafe)));
        let p = check_ace_id("1234567").expect_err("no O");
        assert_eq!(p.fix, Some(("O1234567".into(), Applicability::Unsafe)));
        let p = check_ace_id("O-1234567").expect_err("dash");
        assert_eq!(p.fix, Some(("O1234567".into(), Applicability::Safe)));
        let p = check_ace_id("O12345").expect_err("short");
        assert!(p.message.contains("has 5"), "{}", p.message);
        assert!(check_ace_id("opp-123").is_err());
        assert!(check_ace_id("").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2025-07-01").map(|d| d.to_string()),
            Ok("2025-07-01".into())
        );
        assert_eq!(
            parse_date("2025-07-01T09:00:00Z").map(|d| d.to_string()),
            Ok("2025-07-01".into())
        );
        let p = parse_date("2025-02-30").expect_err("feb");
        assert!(
            p.message.contains("February 2025 has 28 days"),
            "{}",
            p.message
        );
        let p = parse_date("2024-13-01").expect_err("month");
        assert!(p.message.contains("no month 13"), "{}", p.message);
        for (text, fixed) in [
            ("2025/07/01", "2025-07-01"),
            ("2025-7-1", "2025-07-01"),
            ("July 1, 2025", "2025-07-01"),
            ("1 July 2025", "2025-07-01"),
            ("1st Sept 2025", "2025-09-01"),
            ("25/12/2024", "2024-12-25"),
            ("12/25/2024", "2024-12-25"),
            ("July 2025", "2025-07-01"),
            ("2025-07", "2025-07-01"),
        ] {
            let p = parse_date(text).expect_err(text);
            assert_eq!(
                p.fix.as_ref().map(|f| f.0.as_str()),
                Some(fixed),
                "{text}: {}",
                p.message
            );
        }
        let p = parse_date("07/01/2025").expect_err("ambiguous");
        assert!(p.message.contains("two different dates"), "{}", p.message);
        assert!(p.fix.is_none());
        for text in ["soon", "", "2025", "31 February 2025", "0000-01-01"] {
            let p = parse_date(text).expect_err(text);
            assert!(p.fix.is_none(), "{text}");
        }
    }

    #[test]
    fn urls_and_domains() {
        assert_eq!(
            check_url("https://www.partner.example/customers/acme"),
            Ok("www.partner.example".into())
        );
        assert_eq!(
            check_url("http://user@Partner.example:8080?x"),
            Ok("partner.example".into())
        );
        let p = check_url("www.partner.example/acme").expect_err("scheme");
        assert_eq!(
            p.fix.map(|f| f.0),
            Some("https://www.partner.example/acme".into())
        );
        assert!(check_url("ftp://partner.example").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://localhost/x").is_err());
        assert!(check_url("https://a b.example").is_err());
        assert!(check_url("see our website").is_err());
        assert_eq!(
            check_domain("Partner.example"),
            Ok("partner.example".into())
        );
        let p = check_domain("https://www.partner.example/about").expect_err("url");
        assert_eq!(p.fix, Some(("partner.example".into(), Applicability::Safe)));
        assert!(check_domain("Partner Inc").is_err());
    }

    #[test]
    fn segments() {
        assert_eq!(check_segment("smb"), Ok("SMB"));
        assert_eq!(check_segment("Small and Medium-sized Business"), Ok("SMB"));
        assert_eq!(check_segment("small & medium business"), Ok("SMB"));
        assert_eq!(check_segment("Start-up"), Ok("Startup"));
        assert_eq!(check_segment("DNB"), Ok("Digital Native Business"));
        let p = check_segment("Mid-market").expect_err("mid");
        assert!(p.message.contains("under $100M"));
        assert!(p.fix.is_none());
        let p = check_segment("Entreprise").expect_err("typo");
        assert_eq!(p.fix.map(|f| f.0), Some("Enterprise".into()));
        assert!(check_segment("unicorn").expect_err("x").fix.is_none());
    }

    #[test]
    fn visibilities() {
        use super::super::Visibility;
        assert_eq!(check_visibility("Public"), Ok(Visibility::Public));
        assert_eq!(check_visibility(" private "), Ok(Visibility::Private));
        let p = check_visibility("anonymized").expect_err("syn");
        assert_eq!(p.fix, Some(("anonymous".into(), Applicability::Safe)));
        let p = check_visibility("pubic").expect_err("typo");
        assert!(p.message.contains("did you mean `public`?"));
        assert!(check_visibility("sometimes").expect_err("x").fix.is_none());
    }

    fn areas() -> Vec<String> {
        [
            "Data Storage, Protection & Disaster Recovery",
            "Security",
            "Analytics & Visualization",
            "Financial Management & Resource Planning",
            "Customer Engagement",
            "Marketing",
            "Human Resources",
            "Productivity & Business Process",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn solution_areas() {
        let a = areas();
        let exact = |s: &str| AreaMatch::Exact(s.to_string());
        assert_eq!(
            match_solution_area("productivity and business process", &a),
            exact("Productivity & Business Process")
        );
        assert_eq!(
            match_solution_area("Data Storage Protection and Disaster-Recovery", &a),
            exact("Data Storage, Protection & Disaster Recovery")
        );
        assert_eq!(
            match_solution_area("Productivty & Business Process", &a),
            AreaMatch::Near(
                vec!["Productivity & Business Process".into()],
                Some(Applicability::Safe)
            )
        );
        assert_eq!(
            match_solution_area("Analytics", &a),
            AreaMatch::Near(
                vec!["Analytics & Visualization".into()],
                Some(Applicability::Unsafe)
            )
        );
        assert_eq!(
            match_solution_area("HR", &a),
            AreaMatch::Near(vec!["Human Resources".into()], Some(Applicability::Unsafe))
        );
        assert!(matches!(
            match_solution_area("Management", &a),
            AreaMatch::Near(_, None) | AreaMatch::Near(_, Some(Applicability::Unsafe))
        ));
        assert_eq!(
            match_solution_area("Quantum computing", &a),
            AreaMatch::None
        );
        assert_eq!(match_solution_area("", &a), AreaMatch::None);
    }

    #[test]
    fn closest_and_counts() {
        assert_eq!(
            closest("solution_are", &["solution_area", "visibility"]),
            Some("solution_area")
        );
        assert_eq!(closest("xyz", &["solution_area"]), None);
        assert_eq!(count_word(8), "eight");
        assert_eq!(count_word(20), "20");
    }
}
