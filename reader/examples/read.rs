//! Reads every `ROOT/<family>/<version>/package.py` and prints one JSON line per file.
//!
//! ```text
//! read [--python X.Y] ROOT...   {"path", "family", "version", "ours", "reason", "detail", "rc3"}
//! read --requirements     per JSON string on stdin: {"s", "ok", "reason", "rendered"}
//! read --versions         per JSON string on stdin: {"s", "ok", "reason"}
//! read --rer-form         per {"s", "versions"} on stdin: {"s", "form", "error", "contains"}
//! ```
//!
//! `--rer-form` gives `rer_requirement`'s form of `s` (or its error) and, for each
//! of `versions`, whether rer's range of that form contains it (tests/test_rer_form.py).
//!
//! Files are read with the grammar of Python `--python` (default 3.9, the oldest
//! pyrer supports).
//!
//! `ours` is `read_in_repository`'s result (`null` with `reason` where it says
//! rez must load the file); `rc3` is rer-package 1.0.0-rc.3's raw
//! `parse_static_package_py` output, unguarded, for comparison. `rendered` is
//! rer's rendering of the requirement, where it parses. Used by
//! tests/test_static_reader.py against rez 3.4.0.

use pyrer_reader::{
    check_requirement, check_version, old_format_beside, parse_requirement, read_in_repository,
    rer_requirement, PythonVersion,
};
use serde_json::{json, Value};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

fn sorted_dir(path: &Path) -> io::Result<Vec<(String, std::path::PathBuf)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            entries.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            ));
        }
    }
    entries.sort();
    Ok(entries)
}

fn read_root(root: &Path, python: PythonVersion, out: &mut impl Write) -> io::Result<()> {
    for (family, family_dir) in sorted_dir(root)? {
        for (version, version_dir) in sorted_dir(&family_dir)? {
            let path = version_dir.join("package.py");
            let Ok(source) = std::fs::read(&path) else {
                continue;
            };
            let beside = || old_format_beside(&path);
            let (ours, reason, detail) =
                match read_in_repository(&source, &family, &version, python, beside) {
                    Ok(p) => (
                        json!({"requires": p.requires, "variants": p.variants}),
                        Value::Null,
                        Value::Null,
                    ),
                    Err(err) => (Value::Null, json!(err.reason()), json!(err.to_string())),
                };
            let rc3 = std::str::from_utf8(&source)
                .ok()
                .and_then(rer_package::parse_static_package_py)
                .map_or(Value::Null, |p| {
                    json!({"name": p.name, "version": p.version,
                           "requires": p.requires, "variants": p.variants})
                });
            let line = json!({"path": path.to_string_lossy(), "family": family,
                              "version": version, "ours": ours, "reason": reason,
                              "detail": detail, "rc3": rc3});
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn check_lines(requirements: bool, out: &mut impl Write) -> io::Result<()> {
    for line in io::stdin().lock().lines() {
        let s: String = serde_json::from_str(&line?)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
        let checked = if requirements {
            check_requirement(&s)
        } else {
            check_version(&s)
        };
        let mut record = json!({"s": s, "ok": checked.is_ok(),
                                "reason": checked.err().map(|e| e.to_string())});
        if requirements {
            record["rendered"] = json!(parse_requirement(&s).map(|r| r.to_string()));
        }
        writeln!(out, "{record}")?;
    }
    Ok(())
}

fn rer_forms(out: &mut impl Write) -> io::Result<()> {
    for line in io::stdin().lock().lines() {
        let input: Value = serde_json::from_str(&line?)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
        let s = input["s"].as_str().unwrap_or_default();
        let record = match rer_requirement(s) {
            Ok(form) => {
                let range = parse_requirement(&form).and_then(|r| r.range().cloned());
                let contains: Vec<Option<bool>> = input["versions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| {
                        let v = rer_version::RerVersion::try_from(v.as_str()?).ok()?;
                        Some(range.as_ref().is_some_and(|r| r.contains(&v)))
                    })
                    .collect();
                json!({"s": s, "form": form, "error": null, "contains": contains})
            }
            Err(err) => json!({"s": s, "form": null, "error": err.to_string()}),
        };
        writeln!(out, "{record}")?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut python = PythonVersion { major: 3, minor: 9 };
    if args.first().map(String::as_str) == Some("--python") {
        let parsed = args.get(1).and_then(|v| {
            let (major, minor) = v.split_once('.')?;
            Some(PythonVersion {
                major: major.parse().ok()?,
                minor: minor.parse().ok()?,
            })
        });
        let Some(version) = parsed else {
            eprintln!("read: --python takes a version such as 3.11");
            return ExitCode::from(2);
        };
        python = version;
        args.drain(..2);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match args.first().map(String::as_str) {
        None => {
            eprintln!(
                "usage: read [--python X.Y] ROOT... | read --requirements | read --versions | \
                 read --rer-form"
            );
            return ExitCode::from(2);
        }
        Some("--requirements") => check_lines(true, &mut out),
        Some("--versions") => check_lines(false, &mut out),
        Some("--rer-form") => rer_forms(&mut out),
        Some(_) => args
            .iter()
            .try_for_each(|root| read_root(Path::new(root), python, &mut out)),
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("read: {err}");
            ExitCode::FAILURE
        }
    }
}
