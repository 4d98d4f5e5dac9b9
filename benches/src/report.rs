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

fn machine() -> String {
    let sh = |cmd: &str| {
        Command::new("sh")
            .args(["-c", cmd])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    format!(
        "- kernel: {}\n- CPU: {} ({} online)\n- memory: {}\n- filesystem of the repository: {}\n- date: {}\n",
        sh("uname -sr"),
        sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
        sh("nproc"),
        sh("free -h | awk '/Mem:/ {print $2}'"),
        sh("df -T . | awk 'NR==2 {print $2}'"),
        sh("date -u +%Y-%m-%dT%H:%MZ"),
    )
}

/// Replaces the local-disk section of `path` (between markers), keeping the rest.
pub fn write(path: &Path, tables: &str, runs: &usize) -> Result<(), String> {
    const BEGIN: &str = "<!-- local-disk:begin -->";
    const END: &str = "<!-- local-disk:end -->";
    let section = format!(
        "{BEGIN}\n## Local disk: rez's benchmark repository\n\nMeasured by `cargo run --release -p pyrer-benches -- --cold --runs {runs} --write benches/RESULTS.md` \
         (medians of {runs} interleaved runs; cold runs drop the page cache before every measurement).\n\n{}\n{tables}{END}",
        machine()
    );
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(b), Some(e)) if b < e => format!("{}{section}{}", &old[..b], &old[e + END.len()..]),
        _ => format!("# Benchmark results\n\n{section}\n{old}"),
    };
    std::fs::write(path, new).map_err(|e| format!("writing {}: {e}", path.display()))
}
