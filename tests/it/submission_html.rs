//! The readiness page in a real browser: headless Chromium (Debian's `chromium`, which
//! `.ci/run` installs) renders it, the rendered DOM holds the expected matrix cells, a
//! screenshot is taken, and the console stays free of errors. Skipped, with a message,
//! where no Chromium is installed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{caselint, fixtures};

fn chromium() -> Option<PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// What the browser made of a page: the DOM after rendering, and the console errors it
/// logged (failed loads, blocked fetches, script errors).
struct Rendered {
    dom: String,
    console_errors: Vec<String>,
}

fn render(browser: &Path, page: &Path, profile: &Path, extra: &[String]) -> Rendered {
    let url = format!("file://{}", page.display());
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .output()
        .expect("chromium runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Chromium logs every console message as `INFO:CONSOLE(line)`, whatever its level.
    // The page has no script, so any message at all (a blocked load, a CSP violation)
    // is a defect.
    let console_errors = stderr
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Rendered {
        dom: String::from_utf8_lossy(&output.stdout).into_owned(),
        console_errors,
    }
}

#[test]
fn readiness_page_renders_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED readiness_page_renders_in_a_headless_browser: no chromium on PATH (.ci/run installs Debian's chromium)"
        );
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let page = out.path().join("report.html");
    let status = caselint()
        .current_dir(fixtures("submission"))
        .args(["readiness", "--today", "2026-02-01", "--html"])
        .arg(&page)
        .arg("old-deployment")
        .output()
        .expect("runs");
    assert_eq!(status.status.code(), Some(1));

    let rendered = render(
        &browser,
        &page,
        &out.path().join("profile"),
        &["--dump-dom".to_string()],
    );
    assert!(
        rendered.console_errors.is_empty(),
        "console errors: {:#?}",
        rendered.console_errors
    );
    let dom = &rendered.dom;
    assert!(
        dom.contains(r#"id="verdict" class="verdict not-ready""#),
        "{dom}"
    );
    // The old deployment misses CS-2.1; the others meet it; the private one has no
    // published page to check.
    for (file, requirement, status) in [
        ("birchwood-dental.md", "CS-2.1", "missing"),
        ("acme-dental.md", "CS-2.1", "met"),
        ("acme-dental.md", "UCR-002", "met"),
        ("contoso-machining.md", "CS-2.2", "n/a"),
        ("northwind-traders.md", "CS-2.2", "met"),
    ] {
        let cell = format!(
            r#"data-case-study="{file}" data-requirement="{requirement}" data-status="{status}""#
        );
        assert!(dom.contains(&cell), "no cell {cell}");
    }
    assert!(dom.contains(r#"data-rule="SUB-2.1/recent" data-status="missing""#));
    assert!(dom.contains("2026-02-01"));
    assert!(dom.contains("smb-2025-08"));

    let shot = out.path().join("report.png");
    let shot_arg = format!("--screenshot={}", shot.display());
    let rendered = render(
        &browser,
        &page,
        &out.path().join("profile-shot"),
        &[shot_arg, "--window-size=1280,1800".to_string()],
    );
    assert!(
        rendered.console_errors.is_empty(),
        "{:#?}",
        rendered.console_errors
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
}

/// The console check itself: a page whose remote image the same Content-Security-Policy
/// blocks, and whose script breaks, is caught, so a clean run above means something.
#[test]
fn the_console_check_catches_errors() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED the_console_check_catches_errors: no chromium on PATH");
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let page = out.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>\
         <body><img src=\"http://127.0.0.1:9/x.png\"><script>nope();</script></body></html>",
    )
    .expect("page");
    let rendered = render(
        &browser,
        &page,
        &out.path().join("profile"),
        &["--dump-dom".to_string()],
    );
    assert!(
        !rendered.console_errors.is_empty(),
        "no error seen in: {}",
        rendered.dom
    );
}
