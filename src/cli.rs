//! Command-line definitions and dispatch. Flags are documented here once; `--help` shows
//! them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check::{Checker, FixMode, RunOptions, count_fixable, exit_code};
use crate::config::{Config, Level};
use crate::diagnostic::FileReport;
use crate::discover::{Filters, discover};
use crate::profile::Profile;
use crate::report::{self, Format, RenderOptions, Summary};
use crate::rules::{requirement_titles, rule_info};
use crate::template;

/// Exit code for usage, configuration and I/O errors.
pub const EXIT_TROUBLE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "caselint",
    version,
    about = "Checks AWS Partner case studies and customer-facing docs against the AWS SMB Competency checklist.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Markdown files and folders (folders are walked, honouring .gitignore).
    Check(CheckArgs),
    /// Fetch a published case study and check it as a public page (checklist 2.2, 2.3).
    CheckUrl(CheckUrlArgs),
    /// Start a new case study from the checklist's template.
    New(NewArgs),
    /// The whole submission at a glance: portfolio checks (2.1-2.4, 4.1) and every case study against the checklist.
    Readiness(ReadinessArgs),
    /// List every rule with its default level.
    Rules {
        /// Checklist profile to list the requirements of [default: built in].
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Explain a rule: what the checklist asks, why, and a passing example.
    Explain {
        /// A rule id such as DOC-003/product-name or UCR-002.
        rule: String,
        /// Checklist profile to explain the requirements of [default: built in].
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Print a shell completion script, e.g. `caselint completions bash > ~/.local/share/bash-completion/completions/caselint`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `caselint man > caselint.1`.
    Man,
    /// Run the language server over standard input and output, for editors.
    Server,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The Markdown file to create.
    pub file: PathBuf,
    /// Who may read the published case study.
    #[arg(long, value_enum, default_value_t = VisibilityArg::Public)]
    pub visibility: VisibilityArg,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Checklist profile to build the template from [default: built in].
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// What to start: a case study, or the self-assessment of every checklist id (3.1).
    #[arg(long, value_enum, default_value_t = NewKind::CaseStudy)]
    pub kind: NewKind,
    /// With --kind self-assessment: how the solution is delivered (decides which ids apply).
    #[arg(long, value_enum, default_value_t = DeliveryArg::Saas)]
    pub delivery_model: DeliveryArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    CaseStudy,
    SelfAssessment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeliveryArg {
    Saas,
    CustomerDeployed,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VisibilityArg {
    Public,
    Anonymous,
    Private,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check [default: the current folder].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Apply safe fixes to the files, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply fixes marked unsafe (e.g. first-mention rewrites).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Show the fixes as a unified diff instead of writing the files.
    #[arg(long)]
    pub diff: bool,
    /// Use this configuration file instead of looking for caselint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any caselint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Check only walked files matching this glob (repeatable; overrides the config's).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip walked files and folders matching this glob (repeatable; added to the config's).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Check case studies against this checklist profile instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The date date-dependent checks count from (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Also write a Markdown job summary to FILE [default: appended to $GITHUB_STEP_SUMMARY when set].
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Also write a SARIF 2.1.0 report to FILE, whatever --format prints (for upload-sarif).
    #[arg(long, value_name = "FILE")]
    pub sarif_file: Option<PathBuf>,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record this run's findings in FILE (then report only new ones: none, unless --baseline names another file).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Exit 1 on findings at this level or worse; `never` exits 0 unless caselint itself fails.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Never use the network: published pages come from the cache only.
    #[arg(long, conflicts_with = "refresh")]
    pub offline: bool,
    /// With `-` (read standard input): the file name to report, find caselint.toml from
    /// and match config globs against.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Fetch published pages again even when the cache holds them.
    #[arg(long)]
    pub refresh: bool,
    /// Print the number of findings per rule instead of the findings (human and concise).
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line, no notes on stderr.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also list what was found for the requirements that are met, and which caselint.toml each file uses.
    #[arg(short, long)]
    pub verbose: bool,
    /// Also write the checked self-assessment as the spreadsheet AWS asks for (one row per checklist id).
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Check each folder named as one whole submission (checklist 2.1-2.4), even without a
    /// `[submission]` manifest in its caselint.toml.
    #[arg(long)]
    pub submission: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckUrlArgs {
    /// The published page, e.g. https://www.partner.com/customers/acme.
    pub url: String,
    /// The customer's name: the page must name it (or, with --anonymous, must not).
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    /// How an anonymous page describes the customer.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The AWS Partner's name: the page must name it.
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// The partner's domain; the page and every redirect must stay on it [default: [web]
    /// partner_domain].
    #[arg(long, value_name = "DOMAIN")]
    pub partner_domain: Option<String>,
    /// The page is an anonymized case study (checklist 2.3).
    #[arg(long)]
    pub anonymous: bool,
    /// Never use the network: the page comes from the cache only.
    #[arg(long, conflicts_with = "refresh")]
    pub offline: bool,
    /// Fetch the page again even when the cache holds it.
    #[arg(long)]
    pub refresh: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Use this configuration file instead of looking for caselint.toml in the current folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any caselint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The date date-dependent checks count from (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Print the findings only: no summary line, no notes on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also list what was found on the page for the details that are met.
    #[arg(short, long)]
    pub verbose: bool,
}

impl ColorArg {
    /// `auto`: only on a terminal, and not when `NO_COLOR` is set.
    fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Requirement id → title, for the notes under findings: the rules' and the profile's.
fn titles_with(profile: &Profile) -> std::collections::BTreeMap<String, String> {
    let mut titles = requirement_titles();
    for requirement in &profile.requirements {
        titles.insert(requirement.id.clone(), requirement.title.clone());
    }
    titles
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|err| format!("`{text}` is not a date: write it as YYYY-MM-DD ({err})"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Findings grouped by file and checklist requirement, with the line they point at.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// The JSON report (version 1).
    Json,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::CheckUrl(args) => check_url(args),
        Command::New(args) => new_case_study(args),
        Command::Readiness(args) => readiness(args),
        Command::Rules { profile } => with_profile(profile.as_deref(), list_rules),
        Command::Explain { rule, profile } => {
            with_profile(profile.as_deref(), |p| explain(&rule, p))
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "caselint", &mut script);
            emit(&script)
        }
        Command::Server => crate::server::run(),
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => emit(&page),
                Err(err) => trouble(&format!("cannot write the manual page: {err}")),
            }
        }
    }
}

/// Writes `bytes` to stdout. A reader that went away (`caselint rules | head -1`) is not
/// an error: the output simply ends there.
fn emit(bytes: &[u8]) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => trouble(&format!("cannot write to standard output: {err}")),
    }
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
        }
    }
}

/// One configuration and the files it applies to, in discovery order.
struct Group {
    config: Config,
    /// Where it was read from (`None`: built-in defaults).
    source: Option<PathBuf>,
    files: Vec<usize>,
}

/// Which configuration each discovered file is checked with: `--config` or
/// `--no-config` for all, else the nearest `caselint.toml` of each file (so results do not
/// depend on the order or the first of the paths named). A walked file its config
/// excludes is dropped; a file named on the command line is always checked.
fn plan_groups(
    args: &CheckArgs,
    fixed: Option<&(Config, Option<PathBuf>)>,
    files: &[PathBuf],
) -> Result<(Vec<Group>, Vec<bool>), String> {
    let mut groups: Vec<Group> = Vec::new();
    let mut keep = vec![true; files.len()];
    if let Some((config, source)) = fixed {
        groups.push(Group {
            config: config.clone(),
            source: source.clone(),
            files: (0..files.len()).collect(),
        });
        return Ok((groups, keep));
    }
    let mut nearest = crate::config::Nearest::default();
    let mut index_of: std::collections::HashMap<Option<PathBuf>, usize> =
        std::collections::HashMap::new();
    for (i, file) in files.iter().enumerate() {
        // Standard input is configured as the file it stands for.
        let lookup = match (crate::check::is_stdin(file), &args.stdin_filename) {
            (true, Some(name)) => name.clone(),
            (true, None) => PathBuf::from("./-"),
            (false, _) => file.clone(),
        };
        let source = nearest.for_file(&lookup);
        let group = match index_of.get(&source) {
            Some(&g) => g,
            None => {
                let config = match &source {
                    Some(path) => Config::load(path).map_err(|err| err.to_string())?,
                    None => Config::default(),
                };
                groups.push(Group {
                    config,
                    source: source.clone(),
                    files: Vec::new(),
                });
                index_of.insert(source, groups.len() - 1);
                groups.len() - 1
            }
        };
        let named = args.paths.iter().any(|p| p == file);
        if !named && !walked_file_wanted(args, &groups[group].config, file) {
            keep[i] = false;
            continue;
        }
        groups[group].files.push(i);
    }
    groups.retain(|g| !g.files.is_empty());
    Ok((groups, keep))
}

/// A walked file against its own config's `[files]` globs, relative to the config's folder
/// (`--include` on the command line replaces the config's include; `--exclude` adds).
fn walked_file_wanted(args: &CheckArgs, config: &Config, file: &std::path::Path) -> bool {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let relative = config
        .root
        .as_ref()
        .and_then(|root| std::path::absolute(root).ok())
        .and_then(|root| absolute.strip_prefix(root).ok().map(PathBuf::from))
        .unwrap_or_else(|| file.to_path_buf());
    // As when walking: `drafts` also excludes what is under it.
    let exclude: Vec<String> = config
        .files
        .exclude
        .iter()
        .flat_map(|glob| {
            let under = format!("{}/**", glob.trim_end_matches('/'));
            [glob.clone(), under]
        })
        .collect();
    if crate::config::path_matches(&relative, &exclude) {
        return false;
    }
    !args.include.is_empty()
        || config.files.include.is_empty()
        || crate::config::path_matches(&relative, &config.files.include)
}

/// A checker for one configuration, with the command line on top.
fn checker_for(args: &CheckArgs, mut config: Config) -> Result<Checker, String> {
    config.web.offline |= args.offline;
    config.web.refresh |= args.refresh;
    let mut checker = Checker::new(config).map_err(|err| err.to_string())?;
    if let Some(path) = &args.profile {
        let profile = Profile::load(path).map_err(|err| err.to_string())?;
        checker = checker.with_profile(profile);
    }
    if let Some(today) = args.today {
        checker = checker.with_today(today);
    }
    if let Some(message) = checker.config().unknown_rules(checker.catalog()) {
        return Err(message);
    }
    if checker.config().web.fetch {
        let fetcher =
            Checker::fetcher_for(checker.config()).with_progress(shows_progress(args.quiet));
        checker = checker.with_web(std::sync::Arc::new(fetcher));
    }
    Ok(checker.with_verbose(args.verbose))
}

/// Progress lines go to stderr, only when a person watches it.
fn shows_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// The checklist's use-by date is said once per run, not on every file: drops the
/// per-file `checklist-version` warnings and returns the sentence to say instead.
fn expiry_notice(reports: &mut [FileReport], checker: &Checker, builtin: bool) -> Option<String> {
    let mut expired = false;
    for report in reports.iter_mut() {
        let before = report.diagnostics.len();
        report
            .diagnostics
            .retain(|d| d.rule != crate::rules::case_study::CHECKLIST_VERSION);
        expired |= report.diagnostics.len() != before;
    }
    if !expired {
        return None;
    }
    let profile = &checker.profile().profile;
    let which = if builtin {
        "the built-in checklist".to_string()
    } else {
        format!("the checklist profile `{}`", profile.title)
    };
    Some(format!(
        "{which} expired on {}; pass a newer profile with --profile",
        profile.valid_until
    ))
}

/// Where each cached page came from, said once so a stale page is never mistaken for the
/// live one.
fn cache_notices(fetcher: &crate::web::Fetcher) -> Vec<String> {
    let now = jiff::Timestamp::now().as_second();
    fetcher
        .served_from_cache()
        .into_iter()
        .map(|(url, fetched_at)| {
            format!(
                "{url} was read from the cache (fetched {} ago); --refresh fetches it again",
                age(now - fetched_at)
            )
        })
        .collect()
}

fn age(seconds: i64) -> String {
    let seconds = seconds.max(0);
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86_400 => format!("{} h", seconds / 3600),
        _ => format!("{} days", seconds / 86_400),
    }
}

fn check(args: CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let fixed = match fixed_config(&args) {
        Ok(fixed) => fixed,
        Err(message) => return trouble(&message),
    };
    // Walking uses the command line's globs (and those of a config named with --config);
    // each file's own caselint.toml is applied to it afterwards.
    let (mut include, mut exclude) = (args.include.clone(), args.exclude.clone());
    if let Some((config, _)) = &fixed {
        if include.is_empty() {
            include = config.files.include.clone();
        }
        exclude.extend(config.files.exclude.iter().cloned());
    }
    let filters = match Filters::new(&include, &exclude) {
        Ok(filters) => filters,
        Err(err) => return trouble(&err.to_string()),
    };
    let found = discover(&paths, &filters);
    let (groups, keep) = match plan_groups(&args, fixed.as_ref(), &found.files) {
        Ok(plan) => plan,
        Err(message) => return trouble(&message),
    };
    // Read the baseline before checking anything: a wrong path fails fast.
    let known = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(err) => return trouble(&err.to_string()),
        },
        None => None,
    };
    let color = args.color.enabled();
    let fix = match (args.fix || args.diff, args.unsafe_fixes) {
        (false, _) => FixMode::Off,
        (true, false) => FixMode::Safe,
        (true, true) => FixMode::Unsafe,
    };
    let options = RunOptions {
        fix,
        diff: args.diff,
        color,
        stdin_name: args.stdin_filename.clone(),
    };
    let notes = !args.quiet;

    let mut slots: Vec<Option<crate::check::FileOutcome>> = std::iter::repeat_with(|| None)
        .take(found.files.len())
        .collect();
    let mut checkers = Vec::new();
    for group in groups {
        let checker = match checker_for(&args, group.config) {
            Ok(checker) => checker,
            Err(message) => return trouble(&message),
        };
        let files: Vec<PathBuf> = group
            .files
            .iter()
            .map(|&i| found.files[i].clone())
            .collect();
        if args.verbose {
            let used = group
                .source
                .as_ref()
                .map_or("no caselint.toml (defaults)".to_string(), |p| {
                    p.display().to_string()
                });
            for file in &files {
                eprintln!("caselint: {} uses {used}", file.display());
            }
        }
        for (outcome, &i) in checker.run(&files, &options).into_iter().zip(&group.files) {
            slots[i] = Some(outcome);
        }
        let builtin = args.profile.is_none() && checker.config().checklist.profile.is_none();
        checkers.push((checker, builtin));
    }
    let outcomes: Vec<crate::check::FileOutcome> = slots
        .into_iter()
        .zip(&keep)
        .filter_map(|(slot, keep)| if *keep { slot } else { None })
        .collect();
    let fixes_applied: usize = outcomes.iter().map(|o| o.fixes_applied).sum();
    let diffs: Vec<String> = outcomes.iter().filter_map(|o| o.diff.clone()).collect();
    let files_checked = outcomes.len();
    let mut met = std::collections::HashMap::new();
    let mut reports: Vec<FileReport> = found.problems;
    for outcome in outcomes {
        if !outcome.met.is_empty() {
            met.insert(outcome.report.path.clone(), outcome.met);
        }
        reports.push(outcome.report);
    }

    let mut stderr_notes = Vec::new();
    let profile = match checkers.first() {
        Some((checker, _)) => checker.profile().clone(),
        None => match Profile::builtin() {
            Ok(profile) => profile,
            Err(err) => return trouble(&err.to_string()),
        },
    };
    // A folder is also checked as a whole submission when its caselint.toml declares one
    // (or --submission says so): a folder of drafts is not a submission, and "fewer than
    // four case studies" would be a false alarm on every run of a writer's CI.
    let today = args
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let config_of = |folder: &std::path::Path| match &fixed {
        Some((config, _)) => config.clone(),
        None => Config::discover(folder)
            .and_then(|path| Config::load(&path).ok())
            .unwrap_or_default(),
    };
    let portfolio = crate::submission::check_reports(
        &paths,
        &reports,
        &config_of,
        &profile,
        today,
        args.submission,
    );
    reports.extend(portfolio);
    for (checker, builtin) in &checkers {
        if let Some(notice) = expiry_notice(&mut reports, checker, *builtin)
            && !stderr_notes.contains(&notice)
        {
            stderr_notes.push(notice);
        }
        if let Some(web) = checker.web() {
            stderr_notes.extend(cache_notices(web));
        }
    }

    let titles = titles_with(&profile);
    let baselined = match apply_baselines(&args, known, &mut reports) {
        Ok(count) => count,
        Err(message) => return trouble(&message),
    };
    let mut summary = Summary::from_reports(&reports, files_checked);
    summary.fixes_applied = if args.diff { 0 } else { fixes_applied };
    summary.fixable_remaining = count_fixable(&reports, FixMode::Safe);
    summary.baselined = baselined;
    let render_options = RenderOptions {
        color,
        show_summary: !args.quiet,
        requirement_titles: titles,
        profile: Some(profile),
        statistics: args.statistics,
        met,
    };
    if let Err(message) = write_ci_files(&args, &reports, &summary, &render_options) {
        return trouble(&message);
    }
    if let (Some(path), Some(profile)) = (&args.xlsx, &render_options.profile)
        && let Err(message) =
            crate::self_assessment::export::export_checked(path, profile, &reports)
    {
        return trouble(&message);
    }
    if notes {
        for note in &stderr_notes {
            eprintln!("caselint: {note}");
        }
    }

    let format = args.format.format();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = (|| -> std::io::Result<()> {
        if matches!(format, Format::Human | Format::Concise) {
            for diff in &diffs {
                out.write_all(diff.as_bytes())?;
            }
        }
        report::render(format, &reports, &summary, &render_options, &mut out)?;
        out.flush()
    })();
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return trouble(&format!("cannot write the report: {err}"));
    }
    match (exit_code(&reports), args.fail_on) {
        (0, FailOn::Warning) if summary.warnings > 0 => 1,
        (1, FailOn::Never) => 0,
        (code, _) => code,
    }
}

/// `--write-baseline` records the findings; then the `--baseline` file (or, without one,
/// the baseline just written) hides the findings it records. Returns how many it hid.
fn apply_baselines(
    args: &CheckArgs,
    known: Option<crate::baseline::Baseline>,
    reports: &mut [FileReport],
) -> Result<usize, String> {
    use crate::baseline::{Baseline, base_dir};
    let mut filter = known.zip(args.baseline.clone());
    if let Some(path) = &args.write_baseline {
        let written = Baseline::from_reports(reports, &base_dir(path));
        written.write(path).map_err(|err| err.to_string())?;
        eprintln!(
            "caselint: recorded {} finding{} in {}",
            written.findings.len(),
            if written.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        if filter.is_none() {
            filter = Some((written, path.clone()));
        }
    }
    Ok(match filter {
        Some((baseline, path)) => baseline.filter(reports, &base_dir(&path)),
        None => 0,
    })
}

/// The outputs beside stdout: `--sarif-file`, and the job summary (`--summary`, else
/// appended to `$GITHUB_STEP_SUMMARY`, which GitHub Actions sets in every step).
fn write_ci_files(
    args: &CheckArgs,
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
) -> Result<(), String> {
    if let Some(path) = &args.sarif_file {
        let mut sarif = Vec::new();
        report::render(Format::Sarif, reports, summary, options, &mut sarif)
            .and_then(|()| std::fs::write(path, &sarif))
            .map_err(|err| {
                format!(
                    "cannot write the SARIF report to {}: {err}. Check that its folder exists and is writable",
                    path.display()
                )
            })?;
    }
    let markdown = report::summary::render_markdown(reports, summary, options);
    if let Some(path) = &args.summary {
        std::fs::write(path, &markdown).map_err(|err| {
            format!(
                "cannot write the job summary to {}: {err}. Check that its folder exists and is writable",
                path.display()
            )
        })?;
    } else if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(format!("{markdown}\n").as_bytes()));
        if let Err(err) = appended {
            return Err(format!(
                "cannot append the job summary to $GITHUB_STEP_SUMMARY ({}): {err}",
                PathBuf::from(path).display()
            ));
        }
    }
    Ok(())
}

/// The configuration named with `--config` (or the defaults, with `--no-config`) for every
/// file; `None`: each file uses its nearest `caselint.toml`.
fn fixed_config(args: &CheckArgs) -> Result<Option<(Config, Option<PathBuf>)>, String> {
    if args.no_config {
        return Ok(Some((Config::default(), None)));
    }
    match &args.config {
        Some(path) => Config::load(path)
            .map(|config| Some((config, Some(path.clone()))))
            .map_err(|err| err.to_string()),
        None => Ok(None),
    }
}

/// `caselint check-url URL`: one published page, checked as a public page.
fn check_url(args: CheckUrlArgs) -> u8 {
    let config = if args.no_config {
        Ok(Config::default())
    } else {
        match args
            .config
            .clone()
            .or_else(|| Config::discover(std::path::Path::new(".")))
        {
            Some(path) => Config::load(&path).map_err(|e| e.to_string()),
            None => Ok(Config::default()),
        }
    };
    let mut config = match config {
        Ok(config) => config,
        Err(message) => return trouble(&message),
    };
    config.web.offline |= args.offline;
    config.web.refresh |= args.refresh;
    config.web.fetch = true;
    let fetcher = std::sync::Arc::new(
        Checker::fetcher_for(&config).with_progress(shows_progress(args.quiet)),
    );
    let partner_domain = args
        .partner_domain
        .clone()
        .or_else(|| config.web.partner_domain.clone());
    let mut checker = match Checker::new(config) {
        Ok(checker) => checker.with_web(fetcher).with_verbose(args.verbose),
        Err(err) => return trouble(&err.to_string()),
    };
    if let Some(today) = args.today {
        checker = checker.with_today(today);
    }
    let info = crate::web::PageInfo {
        visibility: if args.anonymous {
            "anonymous"
        } else {
            "public"
        }
        .to_string(),
        customer_name: args.customer.clone(),
        customer_description: args.description.clone(),
        partner_name: args.partner.clone(),
        partner_domain,
        solution_area: None,
    };
    let mut reports = vec![checker.check_url(&args.url, &info)];
    // The page as read becomes the report's source, so what the details found points into
    // the text caselint read, as for a draft.
    let mut met = std::collections::HashMap::new();
    if args.verbose && !reports[0].source.is_empty() {
        let found = checker.met(&reports[0].path, reports[0].source.clone());
        met.insert(reports[0].path.clone(), found);
    }
    let mut notes = Vec::new();
    notes.extend(expiry_notice(&mut reports, &checker, true));
    if let Some(web) = checker.web() {
        notes.extend(cache_notices(web));
    }
    if !args.quiet {
        for note in &notes {
            eprintln!("caselint: {note}");
        }
    }
    let color = args.color.enabled();
    let titles = titles_with(checker.profile());
    let summary = Summary::from_reports(&reports, 1);
    let format = args.format.format();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = report::render(
        format,
        &reports,
        &summary,
        &RenderOptions {
            color,
            show_summary: !args.quiet,
            requirement_titles: titles,
            profile: Some(checker.profile().clone()),
            met,
            ..RenderOptions::default()
        },
        &mut out,
    )
    .and_then(|()| out.flush());
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return trouble(&format!("cannot write the report: {err}"));
    }
    exit_code(&reports)
}

fn trouble(message: &str) -> u8 {
    eprintln!("caselint: {message}");
    EXIT_TROUBLE
}

fn with_profile(path: Option<&std::path::Path>, run: impl FnOnce(&Profile) -> u8) -> u8 {
    let profile = match path {
        Some(path) => Profile::load(path),
        None => Profile::builtin(),
    };
    match profile {
        Ok(profile) => run(&profile),
        Err(err) => trouble(&err.to_string()),
    }
}

fn list_rules(profile: &Profile) -> u8 {
    use crate::catalog::EntryKind;
    use std::fmt::Write as _;
    let entries = crate::catalog::entries(profile);
    let mut out = String::new();
    let line = |out: &mut String, indent: &str, id: &str, level: Level, title: &str| {
        let _ = writeln!(
            out,
            "{indent}{id:<width$} {:<8} {title}",
            level_name(level),
            width = 28 - indent.len()
        );
    };
    for entry in entries.iter().filter(|e| e.kind == EntryKind::Rule) {
        line(&mut out, "", &entry.id, entry.level, &entry.title);
    }
    out.push_str("\nAbout the files and caselint's own comments:\n");
    for entry in entries.iter().filter(|e| e.kind == EntryKind::Tool) {
        line(&mut out, "", &entry.id, entry.level, &entry.title);
    }
    let _ = writeln!(
        out,
        "\nCase-study requirements ({}):",
        profile.profile.title
    );
    for requirement in &profile.requirements {
        let _ = writeln!(
            out,
            "{:<28} {:<8} {} (applies to {})",
            requirement.id,
            level_name(requirement.level),
            requirement.title,
            requirement.kinds.join(", ")
        );
        for entry in entries.iter().filter(|e| {
            e.kind == EntryKind::Check && e.requirement.as_deref() == Some(requirement.id.as_str())
        }) {
            line(&mut out, "  ", &entry.id, entry.level, &entry.title);
        }
    }
    emit(out.as_bytes())
}

fn explain(id: &str, profile: &Profile) -> u8 {
    use std::fmt::Write as _;
    let mut out = String::new();
    let id = id.trim();
    if let Some(rule) = rule_info(id) {
        let _ = writeln!(out, "{} — {}\n", rule.id, rule.title);
        let _ = writeln!(
            out,
            "Checklist {}: \"{}\"\n",
            rule.requirement, rule.checklist_words
        );
        let _ = writeln!(out, "What it checks\n  {}\n", rule.what);
        let _ = writeln!(out, "Why it matters\n  {}\n", rule.why);
        let _ = writeln!(
            out,
            "Example\n  Instead of: {}\n  Write:      {}\n",
            rule.bad_example, rule.good_example
        );
        let _ = writeln!(out, "Fix\n  {}\n", rule.fix_safety);
        let _ = writeln!(
            out,
            "Default level: {} (case studies and public pages), {} (other docs). Applies to {}.",
            level_name(rule.default_level),
            level_name(rule.default_level_docs),
            rule.applies_to
        );
        return emit(out.as_bytes());
    }
    let entries = crate::catalog::entries(profile);
    let Some(entry) = crate::catalog::find(&entries, id) else {
        let hint = crate::catalog::did_you_mean(&entries, id)
            .map(|best| format!(" Did you mean `{best}`?"))
            .unwrap_or_default();
        return trouble(&format!(
            "no rule called `{id}`.{hint} Run `caselint rules` to list them."
        ));
    };
    let requirement = entry
        .requirement
        .as_deref()
        .and_then(|r| profile.requirement(r));
    let _ = writeln!(out, "{} — {}\n", entry.id, entry.title);
    match requirement {
        Some(requirement) => {
            if entry.id != requirement.id {
                let _ = writeln!(out, "Part of {} — {}\n", requirement.id, requirement.title);
            }
            let _ = writeln!(out, "The checklist asks\n  \"{}\"\n", requirement.words);
            if !requirement.why.is_empty() {
                let _ = writeln!(out, "Why it matters\n  {}\n", requirement.why);
            }
            let _ = writeln!(out, "What satisfies it\n  {}", requirement.help);
            let section = if requirement.section.is_empty() {
                &requirement.title
            } else {
                &requirement.section
            };
            if requirement.checks.iter().any(|c| c.scope == "section") {
                let _ = writeln!(
                    out,
                    "  caselint reads the section headed `## {section}` (or one of: {}).",
                    requirement.headings.join(", ")
                );
            }
            if entry.id == requirement.id {
                for check in entries.iter().filter(|e| {
                    e.kind == crate::catalog::EntryKind::Check
                        && e.requirement.as_deref() == Some(requirement.id.as_str())
                }) {
                    let _ = writeln!(out, "  - {}: {}", check.id, check.title);
                }
            }
            if !requirement.example.is_empty() {
                let _ = writeln!(out, "\nA passing example\n  {}", requirement.example);
            }
            let _ = writeln!(
                out,
                "\nLevel: {}. Checklist: {}.",
                level_name(entry.level),
                profile.profile.title
            );
        }
        None => {
            if !entry.detail.is_empty() {
                let _ = writeln!(out, "{}\n", entry.detail);
            }
            if let Some(requirement) = &entry.requirement {
                let _ = writeln!(out, "Checklist requirement: {requirement}.");
            }
            let _ = writeln!(out, "Level: {}.", level_name(entry.level));
        }
    }
    emit(out.as_bytes())
}

fn new_case_study(args: NewArgs) -> u8 {
    let profile = match &args.profile {
        Some(path) => Profile::load(path),
        None => Profile::builtin(),
    };
    let profile = match profile {
        Ok(profile) => profile,
        Err(err) => return trouble(&err.to_string()),
    };
    if args.file.exists() && !args.force {
        return trouble(&format!(
            "{} already exists: choose another name, or add --force to overwrite it",
            args.file.display()
        ));
    }
    let visibility = match args.visibility {
        VisibilityArg::Public => crate::meta::Visibility::Public,
        VisibilityArg::Anonymous => crate::meta::Visibility::Anonymous,
        VisibilityArg::Private => crate::meta::Visibility::Private,
    };
    let text = match (args.kind, args.delivery_model) {
        (NewKind::CaseStudy, _) => template::case_study(&profile, visibility),
        (NewKind::SelfAssessment, model) => {
            use crate::profile::DeliveryModel::{CustomerDeployed, Saas};
            let models: &[crate::profile::DeliveryModel] = match model {
                DeliveryArg::Saas => &[Saas],
                DeliveryArg::CustomerDeployed => &[CustomerDeployed],
                DeliveryArg::Both => &[],
            };
            template::self_assessment(&profile, models)
        }
    };
    if let Err(err) = crate::fix::write_atomic(&args.file, &text) {
        return trouble(&err.to_string());
    }
    emit(
        format!(
            "Created {}: replace every TODO, then run `caselint check {}`.\n",
            args.file.display(),
            args.file.display()
        )
        .as_bytes(),
    )
}

fn level_name(level: crate::config::Level) -> &'static str {
    match level {
        crate::config::Level::Off => "off",
        crate::config::Level::Warning => "warning",
        crate::config::Level::Error => "error",
    }
}

/// For `main`: parses the process arguments, mapping clap's own exit codes onto ours.
pub fn main_with_args() -> u8 {
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(err) => {
            let code = if err.use_stderr() { EXIT_TROUBLE } else { 0 };
            let _ = err.print();
            code
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ReadinessArgs {
    /// The submission's folder, or the caselint.toml holding its [submission] manifest [default: the current folder].
    pub path: Option<PathBuf>,
    /// What to print: the overview for people, or the readiness JSON (version 1).
    #[arg(long, value_enum, default_value_t = ReadinessFormat::Human)]
    pub format: ReadinessFormat,
    /// Also write the overview as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Also write the submission's self-assessment (the one file with `caselint:
    /// self-assessment`) as the spreadsheet AWS asks for, one row per checklist id.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Use this configuration file instead of looking for caselint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any caselint.toml (and so any manifest).
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Check against this checklist profile instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The date date-dependent checks count from (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Never use the network: published pages come from the cache only.
    #[arg(long)]
    pub offline: bool,
    /// No notes on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReadinessFormat {
    Human,
    Json,
}

/// `caselint readiness`: exit 0 when nothing blocks the submission, 1 when something
/// does, 2 when a file or the configuration could not be read.
fn readiness(args: ReadinessArgs) -> u8 {
    use crate::submission::run::{Options, run};
    let options = Options {
        path: args.path.clone().unwrap_or_else(|| PathBuf::from(".")),
        config: args.config.clone(),
        no_config: args.no_config,
        profile: args.profile.clone(),
        today: args.today,
        offline: args.offline,
        xlsx: args.xlsx.clone(),
    };
    let found = match run(&options) {
        Ok(found) => found,
        Err(message) => return trouble(&message),
    };
    if !args.quiet {
        for note in &found.notes {
            eprintln!("caselint: {note}");
        }
    }
    if let Some(path) = &args.html {
        let folder = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let page = report::readiness::html::render(&found.overview, folder.as_deref());
        if let Err(err) = crate::fix::write_atomic(path, &page) {
            return trouble(&format!("cannot write the HTML report: {err}"));
        }
    }
    let mut out = Vec::new();
    let rendered = match args.format {
        ReadinessFormat::Human => report::readiness::human::render(&found.overview, &mut out),
        ReadinessFormat::Json => report::readiness::json::render(&found.overview, &mut out),
    };
    if let Err(err) = rendered {
        return trouble(&format!("cannot write the report: {err}"));
    }
    match emit(&out) {
        0 if found.trouble => EXIT_TROUBLE,
        0 if found.overview.verdict.errors > 0 => 1,
        code => code,
    }
}
