//! Medians, ratios and the markdown written to `benches/RESULTS.md`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

/// A markdown table; the first tool is the baseline of the ratio column.
pub fn table(title: &str, names: &[&str], times: &[Vec<Duration>], counts: &[usize]) -> String {
    let base = median(&times[0]).as_secs_f64();
    let mut out = format!(
        "### {title}\n\n| tool | packages | median | min | max | speed-up vs rez |\n|---|---|---|---|---|---|\n"
    );
    for ((name, t), n) in names.iter().zip(times).zip(counts) {
        let med = median(t).as_secs_f64();
        let min = t.iter().min().copied().unwrap_or_default().as_secs_f64();
        let max = t.iter().max().copied().unwrap_or_default().as_secs_f64();
        out.push_str(&format!(
            "| {name} | {n} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1}× |\n",
            med * 1e3,
            min * 1e3,
            max * 1e3,
            base / med
        ));
    }
    out
}

fn sh(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// This run's command line, as the `cargo run` that repeats it.
pub fn command() -> String {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .map(|a| {
            if a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./,=:".contains(c))
            {
                a
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect();
    format!("cargo run --release -p pyrer-benches -- {}", args.join(" "))
}

/// The type of the filesystem holding `path`, as `df -T` names it.
pub fn fs_type(path: &Path) -> String {
    Command::new("df")
        .arg("-T")
        .arg(path)
        .output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            text.lines()
                .nth(1)
                .and_then(|l| l.split_whitespace().nth(1).map(String::from))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// The machine, as a markdown list; `filesystem` describes where the tree lives.
pub fn machine(filesystem: &str) -> String {
    format!(
        "- kernel: {}\n- CPU: {} ({} online)\n- memory: {}\n- filesystem of the repository: {}\n- date: {}\n",
        sh("uname -sr"),
        sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
        sh("nproc"),
        sh("free -h | awk '/Mem:/ {print $2}'"),
        filesystem,
        sh("date -u +%Y-%m-%dT%H:%MZ"),
    )
}

/// Replaces the section of `path` between `<!-- {marker}:begin -->` and
/// `<!-- {marker}:end -->` with `body`, keeping the rest of the file. Without the
/// markers the section is appended (to a new file, under a title).
pub fn write(path: &Path, marker: &str, body: &str) -> Result<(), String> {
    let begin = format!("<!-- {marker}:begin -->");
    let end = format!("<!-- {marker}:end -->");
    let section = format!("{begin}\n{body}{end}");
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let new = match (old.find(&begin), old.find(&end)) {
        (Some(b), Some(e)) if b < e => format!("{}{section}{}", &old[..b], &old[e + end.len()..]),
        _ if old.trim().is_empty() => format!("# Benchmark results\n\n{section}\n"),
        _ => format!("{}\n\n{section}\n", old.trim_end()),
    };
    std::fs::write(path, new).map_err(|e| format!("writing {}: {e}", path.display()))
}
