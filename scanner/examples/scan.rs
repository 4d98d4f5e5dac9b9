//! Command-line front of the scanner: `scan [OPTIONS] ROOT...`, a summary or JSON Lines.
//!
//! Options mirror `ScanOptions` and are spelled as `pyrer scan` spells them:
//! `--check-package-files`, `--package-filenames a,b`, `--no-allow-unversioned`,
//! `--disable-pkg-ignore`, `--file-lock-dir NAME`, `--backend auto|std|io_uring`,
//! `--concurrency N`, `--json`, and `--check` (exit 1 when there are problems);
//! `--families a,b` looks families up by name instead of listing the roots, and
//! `--list-families` prints the families (JSON `"kind": "family"` records)
//! instead of the packages. Problems are reported on stderr and the scan goes on; so
//! are roots that are missing or not directories (rez lists nothing there, silently),
//! which JSON also lists, after the problems, as `{"absent_root": {"root", "reason"}}`.
//! JSON strings hold paths as Python's `os.fsdecode` would (surrogate escapes).
//! Exit codes: 0 done, 1 `--check` and problems or absent roots, 2 bad usage or options.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use pyrer_scanner::{
    absent_root_line, scan_repo, BackendChoice, OnProblem, ScanOptions, ScanOutput,
};

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("scan: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut options = ScanOptions {
        on_problem: OnProblem::Collect,
        ..ScanOptions::default()
    };
    let mut check = false;
    let mut json = false;
    let mut list_families = false;
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .and_then(|v| v.into_string().ok())
                .ok_or(format!("{name} needs a value"))
        };
        match arg.to_str() {
            Some("--check") => check = true,
            Some("--check-package-files") => options.check_package_definition_files = true,
            Some("--no-allow-unversioned") => options.allow_unversioned_packages = false,
            Some("--disable-pkg-ignore") => options.disable_pkg_ignore = true,
            Some("--json") => json = true,
            Some("--list-families") => list_families = true,
            Some("--families") => {
                let list = value("--families")?;
                let names = list.split(',').filter(|s| !s.is_empty()).map(String::from);
                options.families = Some(names.collect());
            }
            Some("--package-filenames") => {
                let list = value("--package-filenames")?;
                options.package_filenames = list
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(Into::into)
                    .collect();
            }
            Some("--file-lock-dir") => {
                options.file_lock_dir = Some(value("--file-lock-dir")?.into())
            }
            Some("--backend") => {
                options.backend =
                    BackendChoice::parse(&value("--backend")?).map_err(|e| e.to_string())?
            }
            Some("--concurrency") => {
                options.concurrency = value("--concurrency")?
                    .parse()
                    .map_err(|e| format!("--concurrency: {e}"))?
            }
            Some(flag) if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => roots.push(PathBuf::from(arg)),
        }
    }
    if roots.is_empty() {
        return Err("usage: scan [OPTIONS] ROOT...".to_string());
    }
    let start = Instant::now();
    // (problems are collected, so an error here is fatal: bad options, no backend)
    let output = scan_repo(&roots, &options).map_err(|err| err.to_string())?;
    let elapsed = start.elapsed();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        write_json(&mut stdout, &output, list_families).map_err(|e| e.to_string())?;
    } else {
        let families: std::collections::HashSet<_> = output
            .packages
            .iter()
            .map(|p| (p.root_index, &p.family))
            .collect();
        let fallback = output
            .fallback_reason
            .as_ref()
            .map(|reason| format!(" (auto chose it: {reason})"))
            .unwrap_or_default();
        let _ = writeln!(
            stdout,
            "{} families, {} packages, {} problems, backend {}{fallback}, {:.1} ms",
            families.len(),
            output.packages.len(),
            output.problems.len(),
            output.backend.as_str(),
            elapsed.as_secs_f64() * 1e3
        );
    }
    let _ = stdout.flush();
    for problem in &output.problems {
        eprintln!("problem: {problem}");
    }
    for absent in &output.absent_roots {
        let root = roots[absent.root_index].as_os_str().as_encoded_bytes();
        eprintln!("scan: {}", absent_root_line(root, absent.absence));
    }
    Ok(
        if !check || (output.problems.is_empty() && output.absent_roots.is_empty()) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

fn write_json(out: &mut impl Write, output: &ScanOutput, families: bool) -> std::io::Result<()> {
    for f in output.families.iter().filter(|_| families) {
        writeln!(
            out,
            "{{\"root\": {}, \"family\": {}, \"kind\": \"family\", \"version\": null, \"format\": {}, \"path\": {}}}",
            f.root_index,
            json_str(f.name.as_bytes()),
            f.format.map_or("null".to_string(), |f| format!("\"{}\"", f.extension())),
            json_str(f.path.as_os_str().as_encoded_bytes()),
        )?;
    }
    for p in output.packages.iter().filter(|_| !families) {
        writeln!(
            out,
            "{{\"root\": {}, \"family\": {}, \"kind\": \"{}\", \"version\": {}, \"format\": {}, \"path\": {}}}",
            p.root_index,
            json_str(p.family.as_bytes()),
            p.kind.as_str(),
            p.version.as_ref().map_or("null".to_string(), |v| json_str(v.as_encoded_bytes())),
            p.format.map_or("null".to_string(), |f| format!("\"{}\"", f.extension())),
            json_str(p.path.as_os_str().as_encoded_bytes()),
        )?;
    }
    for p in &output.problems {
        writeln!(
            out,
            "{{\"problem\": {{\"path\": {}, \"operation\": \"{}\", \"errno\": {}, \"message\": {}}}}}",
            json_str(p.path.as_os_str().as_encoded_bytes()),
            p.operation.as_str(),
            p.errno.map_or("null".to_string(), |e| e.to_string()),
            json_str(p.message.as_bytes()),
        )?;
    }
    for a in &output.absent_roots {
        writeln!(
            out,
            "{{\"absent_root\": {{\"root\": {}, \"reason\": \"{}\"}}}}",
            a.root_index,
            a.absence.as_str(),
        )?;
    }
    Ok(())
}

/// A JSON string of `bytes` decoded as Python's `surrogateescape` would decode them.
fn json_str(mut bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            Err(e) => {
                let (ok, bad) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(ok).unwrap_or_default(), bad)
            }
        };
        for c in valid.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
                c => s.push(c),
            }
        }
        match rest.split_first() {
            None => break,
            Some((byte, tail)) => {
                s.push_str(&format!("\\udc{byte:02x}"));
                bytes = tail;
            }
        }
    }
    s.push('"');
    s
}
