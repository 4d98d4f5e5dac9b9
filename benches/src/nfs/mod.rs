//! `pyrer-bench --nfs`: every tool enumerates the repository through `latencyfs`, a
//! FUSE passthrough that answers each request after a fixed delay (1 ms by default),
//! mounted fresh for every single measurement so the kernel's caches start cold.
//!
//! Every tool runs as its own process: wall time from spawn to exit and CPU time from
//! `wait4` (rez is timed inside Python after its imports, like the local-disk table).
//! The FUSE requests each run caused come from latencyfs's counters.

mod cleanup;
mod mount;
mod process;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use mount::{FsStats, FuseMount};

use crate::report;

/// How a tool is run.
#[derive(Clone, Copy)]
enum Runner {
    /// rez 3.4.0's enumeration in `--python`.
    Rez,
    /// `find ROOT -mindepth 3 -maxdepth 3 -name package.py`.
    Find,
    /// The scanner's `scan` example with `--backend NAME`; skipped if it rejects NAME.
    Scan(&'static str),
}

/// The tools, in table order (the first is the baseline of the speed-up column):
/// `--tools` key, name in the tables, how to run it. A new backend is one line.
const TOOLS: &[(&str, &str, Runner)] = &[
    ("rez", "rez 3.4.0 enumeration", Runner::Rez),
    ("find", "GNU find", Runner::Find),
    ("std", "pyrer std backend", Runner::Scan("std")),
    (
        "io_uring",
        "pyrer io_uring backend",
        Runner::Scan("io_uring"),
    ),
];

/// The `--nfs` settings (flags are accepted, and ignored, without `--nfs`).
pub struct Options {
    pub delay_us: u64,
    pub threads: usize,
    pub ttl: String,
    pub readdirplus: String,
    /// The scanner's `scan` example.
    pub scan: PathBuf,
    pub latencyfs: PathBuf,
    pub mountpoint: PathBuf,
    pub tools: Option<Vec<String>>,
}

pub const USAGE: &str = "[--delay-us N] [--fs-threads N] [--ttl SECS] \
    [--readdirplus auto|on|off] [--tools rez,find,std,io_uring] [--scan-bin PATH] \
    [--latencyfs PATH] [--mountpoint DIR]";

impl Options {
    pub fn new(workspace: &Path) -> Options {
        let beside_me = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join("latencyfs")));
        let env = |name: &str| std::env::var_os(name).map(PathBuf::from);
        Options {
            delay_us: 1000,
            threads: 64,
            ttl: "60".into(),
            readdirplus: "auto".into(),
            scan: env("PYRER_SCAN_BIN")
                .unwrap_or_else(|| workspace.join("target/release/examples/scan")),
            latencyfs: env("PYRER_LATENCYFS")
                .or(beside_me)
                .unwrap_or_else(|| workspace.join("target/release/latencyfs")),
            mountpoint: workspace.join(".cache/bench/mnt"),
            tools: None,
        }
    }

    /// Takes `flag` if it is one of ours; `value` yields the flag's argument.
    pub fn parse_flag(
        &mut self,
        flag: &str,
        mut value: impl FnMut() -> Result<String, String>,
    ) -> Result<bool, String> {
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag {
            "--delay-us" => self.delay_us = number(value()?)?,
            "--fs-threads" => self.threads = number(value()?)?.max(1) as usize,
            "--ttl" => self.ttl = value()?,
            "--readdirplus" => self.readdirplus = value()?,
            "--scan-bin" => self.scan = value()?.into(),
            "--latencyfs" => self.latencyfs = value()?.into(),
            "--mountpoint" => self.mountpoint = value()?.into(),
            "--tools" => {
                let keys: Vec<String> = value()?.split(',').map(String::from).collect();
                if let Some(bad) = keys.iter().find(|k| !TOOLS.iter().any(|t| t.0 == *k)) {
                    return Err(format!("--tools: unknown tool {bad:?}"));
                }
                self.tools = Some(keys);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The latencyfs options (besides `--stats`, the source and the mount point).
    fn fs_args(&self) -> Vec<String> {
        [
            ("--delay-us", self.delay_us.to_string()),
            ("--threads", self.threads.to_string()),
            ("--ttl", self.ttl.clone()),
            ("--negative-ttl", self.ttl.clone()),
            ("--readdirplus", self.readdirplus.clone()),
        ]
        .into_iter()
        .flat_map(|(flag, value)| [flag.to_string(), value])
        .collect()
    }
}

/// What the caller knows: the tree, the interpreter with rez, how to report.
pub struct Context<'a> {
    pub python: &'a Path,
    pub repo: &'a Path,
    /// The tree in words, e.g. "rez's benchmark repository".
    pub tree: &'a str,
    pub runs: usize,
    pub write: Option<&'a Path>,
    /// The RESULTS.md section: `nfs` (full repository) or `nfs-subset`.
    pub marker: &'a str,
}

/// One measurement.
struct Sample {
    wall: Duration,
    cpu: Duration,
    packages: usize,
    fs: FsStats,
}

enum Outcome {
    Measured {
        wall: Duration,
        cpu: Duration,
        packages: usize,
    },
    Unsupported(String),
}

fn run_tool(runner: Runner, python: &Path, scan: &Path, root: &Path) -> Result<Outcome, String> {
    let (mut cmd, name) = match runner {
        Runner::Rez => {
            let mut cmd = Command::new(python);
            cmd.args(["-c", crate::REZ_ENUMERATE])
                .arg(root)
                .env("REZ_DISABLE_HOME_CONFIG", "1");
            (cmd, "rez")
        }
        Runner::Find => {
            let mut cmd = Command::new("find");
            cmd.arg(root)
                .args(["-mindepth", "3", "-maxdepth", "3", "-name", "package.py"]);
            (cmd, "find")
        }
        Runner::Scan(backend) => {
            if !scan.is_file() {
                return Err(format!(
                    "{} not found: build it with `cargo build --release -p pyrer-scanner \
                     --example scan`, or pass --scan-bin / PYRER_SCAN_BIN",
                    scan.display()
                ));
            }
            let mut cmd = Command::new(scan);
            cmd.args(["--backend", backend]).arg(root);
            (cmd, "scan")
        }
    };
    let out = process::run(&mut cmd)?;
    let failed = || format!("{name} failed ({:?}): {}", out.code, out.stderr());
    match (runner, out.code) {
        (Runner::Scan(backend), Some(2)) if out.stderr().contains("unknown backend") => Ok(
            Outcome::Unsupported(format!("`scan --backend {backend}`: {}", out.stderr())),
        ),
        (Runner::Rez, Some(0)) => {
            // "<packages> <wall seconds> <cpu seconds>", measured after the imports
            let text = out.stdout();
            let fields: Vec<&str> = text.split_whitespace().collect();
            match fields[..] {
                [n, wall, cpu] => Ok(Outcome::Measured {
                    packages: n.parse().map_err(|_| failed())?,
                    wall: Duration::from_secs_f64(wall.parse().map_err(|_| failed())?),
                    cpu: Duration::from_secs_f64(cpu.parse().map_err(|_| failed())?),
                }),
                _ => Err(failed()),
            }
        }
        (Runner::Find, Some(0)) => Ok(Outcome::Measured {
            wall: out.wall,
            cpu: out.cpu,
            packages: out.stdout.iter().filter(|b| **b == b'\n').count(),
        }),
        (Runner::Scan(_), Some(0)) => {
            // "<f> families, <n> packages, <p> problems, backend <b>, <t> ms"
            let text = out.stdout();
            let packages = text
                .split(", ")
                .find_map(|f| f.strip_suffix(" packages")?.parse().ok())
                .ok_or_else(failed)?;
            Ok(Outcome::Measured {
                wall: out.wall,
                cpu: out.cpu,
                packages,
            })
        }
        _ => Err(failed()),
    }
}

/// Mounts, runs one tool, unmounts.
fn measure_once(
    runner: Runner,
    opts: &Options,
    ctx: &Context<'_>,
    mountpoint: &Path,
) -> Result<Sample, String> {
    let mount = FuseMount::start(&opts.latencyfs, &opts.fs_args(), ctx.repo, mountpoint)?;
    let outcome = run_tool(runner, ctx.python, &opts.scan, mountpoint);
    let fs = mount.stop()?;
    match outcome? {
        Outcome::Measured {
            wall,
            cpu,
            packages,
        } => Ok(Sample {
            wall,
            cpu,
            packages,
            fs,
        }),
        Outcome::Unsupported(why) => Err(format!("unsupported after probing: {why}")),
    }
}

pub fn run(opts: &Options, ctx: &Context<'_>) -> Result<(), String> {
    cleanup::install();
    if !opts.latencyfs.is_file() {
        return Err(format!(
            "{} not found: build it with `cargo build --release -p pyrer-benches`, or pass \
             --latencyfs / PYRER_LATENCYFS",
            opts.latencyfs.display()
        ));
    }
    let mountpoint = pyrer_benches::mounts::canonical(&opts.mountpoint)?;
    let _lock = cleanup::lock_exclusive(&mountpoint.with_extension("lock"))?;
    // The source stays on local disk: read it once so its own cache is warm.
    let expected = crate::floor::count_package_files(ctx.repo)
        .map_err(|e| format!("{}: {e}", ctx.repo.display()))?;

    // Probe the scanner's backends on an empty local directory; skip rejected ones.
    let empty = mountpoint.with_extension("empty");
    std::fs::create_dir_all(&empty).map_err(|e| format!("{}: {e}", empty.display()))?;
    let mut tools = Vec::new();
    let mut notes = Vec::new();
    for &(key, name, runner) in TOOLS {
        if opts
            .tools
            .as_ref()
            .is_some_and(|t| !t.iter().any(|k| k == key))
        {
            continue;
        }
        if let Runner::Scan(_) = runner {
            if let Outcome::Unsupported(why) = run_tool(runner, ctx.python, &opts.scan, &empty)? {
                println!("note: skipping {name}: {why}");
                notes.push(format!("{name} not measured: {why}"));
                continue;
            }
        }
        tools.push((name, runner));
    }
    if tools.is_empty() {
        return Err("no tool to measure".into());
    }

    let mut samples: Vec<Vec<Sample>> = tools.iter().map(|_| Vec::new()).collect();
    for run in 0..ctx.runs {
        for (i, (name, runner)) in tools.iter().enumerate() {
            let sample = measure_once(*runner, opts, ctx, &mountpoint)?;
            println!(
                "run {}/{}: {name}: {} packages, wall {:.3} s, CPU {:.3} s, {} FUSE requests",
                run + 1,
                ctx.runs,
                sample.packages,
                sample.wall.as_secs_f64(),
                sample.cpu.as_secs_f64(),
                sample.fs.number("requests"),
            );
            samples[i].push(sample);
        }
    }
    for ((name, _), s) in tools.iter().zip(&samples) {
        if let Some(bad) = s.iter().find(|s| s.packages != expected) {
            let note = format!(
                "{name} surfaced {} packages; the tree has {expected} `*/*/package.py`",
                bad.packages
            );
            println!("note: {note}");
            notes.push(note);
        }
    }

    let names: Vec<&str> = tools.iter().map(|(name, _)| *name).collect();
    let tables = format!(
        "{}\n{}",
        timing_table(&names, &samples),
        requests_table(&names, &samples)
    );
    println!("{tables}");
    if let Some(path) = ctx.write {
        let body = section(opts, ctx, expected, &samples[0][0].fs, &tables, &notes);
        report::write(path, ctx.marker, &body)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// `path` relative to the current directory when it lies below it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn timing_table(names: &[&str], samples: &[Vec<Sample>]) -> String {
    let walls: Vec<Vec<Duration>> = samples
        .iter()
        .map(|s| s.iter().map(|s| s.wall).collect())
        .collect();
    let base = report::median(&walls[0]).as_secs_f64();
    let mut out = format!(
        "| tool | packages | wall (median) | min | max | CPU user+sys (median) | speed-up vs {} |\n\
         |---|---|---|---|---|---|---|\n",
        if names[0].starts_with("rez") {
            "rez"
        } else {
            names[0]
        }
    );
    for ((name, s), w) in names.iter().zip(samples).zip(&walls) {
        let cpu: Vec<Duration> = s.iter().map(|s| s.cpu).collect();
        let med = report::median(w);
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} | {:.1}× |\n",
            s[0].packages,
            secs(med),
            secs(w.iter().min().copied().unwrap_or_default()),
            secs(w.iter().max().copied().unwrap_or_default()),
            secs(report::median(&cpu)),
            base / med.as_secs_f64(),
        ));
    }
    out
}

/// FUSE requests per surfaced package, by kind (medians over the runs).
fn requests_table(names: &[&str], samples: &[Vec<Sample>]) -> String {
    const GROUPS: &[(&str, &[&str])] = &[
        ("lookup", &["lookup"]),
        ("getattr", &["getattr"]),
        ("opendir", &["opendir"]),
        ("readdir(plus)", &["readdir", "readdirplus"]),
        ("releasedir", &["releasedir"]),
        ("open+read+release", &["open", "read", "flush", "release"]),
    ];
    let mut out = String::from("| tool | requests per package (total) |");
    for (group, _) in GROUPS {
        out.push_str(&format!(" {group} |"));
    }
    out.push_str(" other | max in flight |\n|---|---|");
    out.push_str(&"---|".repeat(GROUPS.len() + 2));
    out.push('\n');
    for (name, s) in names.iter().zip(samples) {
        let packages = s[0].packages.max(1) as f64;
        let median = |f: &dyn Fn(&FsStats) -> u64| {
            let mut v: Vec<u64> = s.iter().map(|s| f(&s.fs)).collect();
            v.sort_unstable();
            v[v.len() / 2]
        };
        let total = median(&|fs| fs.number("requests"));
        out.push_str(&format!(
            "| {name} | {:.2} ({total}) |",
            total as f64 / packages
        ));
        let mut grouped = 0;
        for (_, ops) in GROUPS {
            let n = median(&|fs| ops.iter().map(|op| fs.number(&format!("ops.{op}"))).sum());
            grouped += n;
            out.push_str(&format!(" {:.2} |", n as f64 / packages));
        }
        out.push_str(&format!(
            " {:.2} | {} |\n",
            total.saturating_sub(grouped) as f64 / packages,
            median(&|fs| fs.number("max_in_flight"))
        ));
    }
    out
}

fn section(
    opts: &Options,
    ctx: &Context<'_>,
    packages: usize,
    fs: &FsStats,
    tables: &str,
    notes: &[String],
) -> String {
    let delay = if opts.delay_us.is_multiple_of(1000) {
        format!("{} ms", opts.delay_us / 1000)
    } else {
        format!("{} µs", opts.delay_us)
    };
    let source_fs = report::fs_type(ctx.repo);
    let mut body = format!(
        "## NFS-like: FUSE with {delay} per request, {tree}\n\n\
         Measured by `{command}` (medians of {runs} \
         interleaved runs). Every measurement mounts a fresh `latencyfs`, so the kernel's \
         caches of the mount start cold; the source tree on local disk is warm.\n\n\
         - filesystem: `latencyfs {fs_args} --stats FILE --die-with-parent SOURCE MOUNTPOINT` \
         (benches/src/bin/latencyfs), a read-only FUSE passthrough of {tree} ({packages} packages) on {source_fs}\n\
         - every request waits {delay} on one of {threads} server threads before its reply; \
         entry and attribute TTL {ttl} s, \"no such entry\" cached {ttl} s; \
         readdirplus {rdp}; init flags {flags}; max_background {bg}; FUSE ABI {abi}; \
         mount options ro,nodev,nosuid,noatime,default_permissions\n\
         - rez is timed inside Python after its imports (wall and CPU); find and the scanner \
         (`{scan} --backend NAME`) are whole processes, spawn to exit, CPU of all threads \
         from wait4\n\
         - requests: FUSE requests latencyfs answered (forget, which has no reply, not \
         counted), per package the tool surfaced; `max in flight` is the most requests \
         served at once\n",
        tree = ctx.tree,
        command = report::command(),
        runs = ctx.runs,
        fs_args = opts.fs_args().join(" "),
        threads = opts.threads,
        ttl = opts.ttl,
        rdp = opts.readdirplus,
        flags = fs
            .raw("init_flags")
            .unwrap_or("?")
            .replace(['"', '[', ']'], ""),
        bg = fs.raw("max_background").unwrap_or("?"),
        abi = fs.raw("kernel_abi").unwrap_or("?").replace('"', ""),
        scan = shown(&opts.scan),
    );
    for note in notes {
        body.push_str(&format!("- {note}\n"));
    }
    body.push('\n');
    body.push_str(&report::machine(&format!(
        "FUSE (latencyfs) over {source_fs}"
    )));
    body.push('\n');
    body.push_str(tables);
    body
}
