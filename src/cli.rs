//! Command-line definitions and dispatch. Flags are documented here once; `--help` shows
//! them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{Checker, FixMode, RunOptions, count_fixable, exit_code};
use crate::config::Config;
use crate::diagnostic::FileReport;
use crate::discover::{Filters, discover};
use crate::profile::Profile;
use crate::report::{self, Format, RenderOptions, Summary};
use crate::rules::{all_rules, requirement_titles, rule_info};
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
    #[arg(long)]
    pub offline: bool,
    /// With `-` (read standard input): the file name to report, find caselint.toml from
    /// and match config globs against.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
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
    #[arg(long)]
    pub offline: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
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
    Human,
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
        Command::Rules { profile } => with_profile(profile.as_deref(), list_rules),
        Command::Explain { rule, profile } => {
            with_profile(profile.as_deref(), |p| explain(&rule, p))
        }
    }
}

fn check(args: CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Standard input is configured as the file it stands for.
    let config_paths: Vec<PathBuf> = paths
        .iter()
        .map(
            |path| match (crate::check::is_stdin(path), &args.stdin_filename) {
                (true, Some(name)) => name.clone(),
                (true, None) => PathBuf::from("."),
                (false, _) => path.clone(),
            },
        )
        .collect();
    let mut config = match load_config(&args, &config_paths) {
        Ok(config) => config,
        Err(message) => return trouble(&message),
    };
    config.web.offline |= args.offline;
    let include = if args.include.is_empty() {
        config.files.include.clone()
    } else {
        args.include.clone()
    };
    let mut exclude = config.files.exclude.clone();
    exclude.extend(args.exclude.iter().cloned());
    let filters = match Filters::new(&include, &exclude) {
        Ok(filters) => filters,
        Err(err) => return trouble(&err.to_string()),
    };
    // Building the name automaton and walking the folders are independent: do both at once.
    let (checker, found) = rayon::join(|| Checker::new(config), || discover(&paths, &filters));
    let mut checker = match checker {
        Ok(checker) => checker,
        Err(err) => return trouble(&err.to_string()),
    };
    // Read the baseline before checking anything: a wrong path fails fast.
    let known = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(err) => return trouble(&err.to_string()),
        },
        None => None,
    };
    if let Some(path) = &args.profile {
        match Profile::load(path) {
            Ok(profile) => checker = checker.with_profile(profile),
            Err(err) => return trouble(&err.to_string()),
        }
    }
    if let Some(today) = args.today {
        checker = checker.with_today(today);
    }
    if checker.config().web.fetch {
        let fetcher = Checker::fetcher_for(checker.config());
        checker = checker.with_web(std::sync::Arc::new(fetcher));
    }

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

    let outcomes = checker.run(&found.files, &options);
    let fixes_applied: usize = outcomes.iter().map(|o| o.fixes_applied).sum();
    let diffs: Vec<String> = outcomes.iter().filter_map(|o| o.diff.clone()).collect();
    let files_checked = outcomes.len();
    let mut reports: Vec<FileReport> = found.problems;
    reports.extend(outcomes.into_iter().map(|o| o.report));

    let titles = titles_with(checker.profile());
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
        show_summary: true,
        requirement_titles: titles.clone(),
        profile: Some(checker.profile().clone()),
    };
    if let Err(message) = write_ci_files(&args, &reports, &summary, &render_options) {
        return trouble(&message);
    }

    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = (|| -> std::io::Result<()> {
        if format == Format::Human {
            for diff in &diffs {
                out.write_all(diff.as_bytes())?;
            }
        }
        report::render(
            format,
            &reports,
            &summary,
            &RenderOptions {
                color,
                show_summary: true,
                requirement_titles: titles,
                profile: Some(checker.profile().clone()),
            },
            &mut out,
        )?;
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

fn load_config(args: &CheckArgs, paths: &[PathBuf]) -> Result<Config, String> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => paths.first().and_then(|p| Config::discover(p)),
    };
    match path {
        Some(path) => Config::load(&path).map_err(|err| err.to_string()),
        None => Ok(Config::default()),
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
    config.web.fetch = true;
    let fetcher = std::sync::Arc::new(Checker::fetcher_for(&config));
    let partner_domain = args
        .partner_domain
        .clone()
        .or_else(|| config.web.partner_domain.clone());
    let mut checker = match Checker::new(config) {
        Ok(checker) => checker.with_web(fetcher),
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
    let reports = vec![checker.check_url(&args.url, &info)];
    let color = args.color.enabled();
    let titles = titles_with(checker.profile());
    let summary = Summary::from_reports(&reports, 1);
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = report::render(
        format,
        &reports,
        &summary,
        &RenderOptions {
            color,
            show_summary: true,
            requirement_titles: titles,
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
    let mut out = String::new();
    for rule in all_rules() {
        out.push_str(&format!(
            "{:<28} {:<8} {}\n",
            rule.id,
            level_name(rule.default_level),
            rule.title
        ));
    }
    out.push_str(&format!(
        "\nCase-study requirements ({}):\n",
        profile.profile.title
    ));
    for requirement in &profile.requirements {
        out.push_str(&format!(
            "{:<28} {:<8} {} (applies to {})\n",
            requirement.id,
            level_name(requirement.level),
            requirement.title,
            requirement.kinds.join(", ")
        ));
        for check in &requirement.checks {
            out.push_str(&format!(
                "  {:<26} {:<8} {}\n",
                check.id,
                level_name(check.level.unwrap_or(requirement.level)),
                check.message
            ));
        }
    }
    print!("{out}");
    0
}

fn explain(id: &str, profile: &Profile) -> u8 {
    if let Some(rule) = rule_info(id) {
        println!("{} — {}\n", rule.id, rule.title);
        println!(
            "Checklist {}: \"{}\"\n",
            rule.requirement, rule.checklist_words
        );
        println!("What it checks\n  {}\n", rule.what);
        println!("Why it matters\n  {}\n", rule.why);
        println!(
            "Example\n  Instead of: {}\n  Write:      {}\n",
            rule.bad_example, rule.good_example
        );
        println!("Fix\n  {}\n", rule.fix_safety);
        println!(
            "Default level: {} (case studies and public pages), {} (other docs). Applies to {}.",
            level_name(rule.default_level),
            level_name(rule.default_level_docs),
            rule.applies_to
        );
        return 0;
    }
    let requirement_id = id.split('/').next().unwrap_or(id);
    if let Some(requirement) = profile.requirement(requirement_id) {
        println!("{} — {}\n", requirement.id, requirement.title);
        println!("The checklist asks\n  \"{}\"\n", requirement.words);
        if !requirement.why.is_empty() {
            println!("Why it matters\n  {}\n", requirement.why);
        }
        println!("What satisfies it\n  {}", requirement.help);
        let section = if requirement.section.is_empty() {
            &requirement.title
        } else {
            &requirement.section
        };
        if requirement.checks.iter().any(|c| c.scope == "section") {
            println!(
                "  caselint reads the section headed `## {section}` (or one of: {}).",
                requirement.headings.join(", ")
            );
        }
        for check in &requirement.checks {
            println!("  - {}: {}", check.id, check.message);
        }
        if !requirement.example.is_empty() {
            println!("\nA passing example\n  {}", requirement.example);
        }
        println!(
            "\nLevel: {}. Checklist: {}.",
            level_name(requirement.level),
            profile.profile.title
        );
        return 0;
    }
    let mut known: Vec<&str> = all_rules().iter().map(|r| r.id).collect();
    known.extend(profile.requirements.iter().map(|r| r.id.as_str()));
    let hint = known
        .iter()
        .map(|k| {
            (
                k,
                strsim::jaro_winkler(&id.to_ascii_uppercase(), &k.to_ascii_uppercase()),
            )
        })
        .filter(|(_, s)| *s > 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| format!(" Did you mean `{k}`?"))
        .unwrap_or_default();
    trouble(&format!(
        "no rule called `{id}`.{hint} Run `caselint rules` to list them."
    ))
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
    let text = template::case_study(&profile, visibility);
    if let Err(err) = crate::fix::write_atomic(&args.file, &text) {
        return trouble(&err.to_string());
    }
    println!(
        "Created {}: replace every TODO, then run `caselint check {}`.",
        args.file.display(),
        args.file.display()
    );
    0
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
