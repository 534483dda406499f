//! Time to check one 50 KB case study (target: under 10 ms), with the profile and the
//! lexicon loaded once. `cargo bench --bench case_study`; prints, asserts nothing.

use std::time::Instant;

use caselint::check::Checker;
use caselint::config::Config;

mod support;

fn main() {
    let (sample, doc) = support::grown_case_study(50_000);
    let start = Instant::now();
    let checker = Checker::new(Config::default())
        .expect("checker builds")
        .with_today(jiff::civil::date(2026, 2, 1));
    let setup = start.elapsed();
    let runs = 50;
    let mut times = Vec::with_capacity(runs);
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let report = checker.check_source(&sample, doc.clone());
        times.push(start.elapsed());
        findings = report.diagnostics.len();
    }
    times.sort();
    println!(
        "setup (lexicon + profile): {:.1} ms\n{} KB case study: median {:.2} ms, best {:.2} ms over {runs} runs ({findings} findings)",
        setup.as_secs_f64() * 1e3,
        doc.len() / 1000,
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
    );
}
