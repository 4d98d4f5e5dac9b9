//! `pyrer-bench`: times the scanner against rez 3.4.0's own enumeration, GNU find and
//! a bare syscall loop on rez's benchmark repository, warm and cold, side by side.
//!
//! Usage: `pyrer-bench [--runs N] [--cold] [--repo DIR | --subset] [--python PY] [--write FILE]`
//! and, for the NFS-like benchmark through a latency-injecting FUSE mount,
//! `pyrer-bench --nfs [--runs N] [...] [NFS OPTIONS]` (see `nfs/mod.rs`, `benches/README.md`).
//! Without `--repo`, rez's bundled benchmark repository is extracted from the rez
//! installed in `--python`'s environment into `.cache/pyrer/` (by pyrer's own helper). `--subset` uses its
//! first 100 families (1566 packages), hard-linked into `.cache/bench/subset`.

mod floor;
#[cfg(target_os = "linux")]
mod nfs;
mod report;
mod subset;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pyrer_scanner::{scan_repo, BackendChoice, ScanOptions};

/// rez's enumeration as `rez env` does it, timed after the imports (pyrer's script, shared
/// with `pyrer demo`): prints the packages, the wall time and the CPU time in seconds.
/// Run with `-c`, so that the script's folder (pyrer's own modules) is not on `sys.path`.
const REZ_ENUMERATE: &str = include_str!("../../python/pyrer/rez/enumerate.py");

/// Prints where pyrer's helper extracted rez's benchmark repository (once, in the cache).
const BENCHMARK_REPOSITORY: &str =
    "import sys; from pyrer import _demo; print(_demo.benchmark_repository(sys.argv[1]))";

struct Args {
    runs: usize,
    cold: bool,
    repo: Option<PathBuf>,
    subset: bool,
    python: PathBuf,
    write: Option<PathBuf>,
    nfs: bool,
    #[cfg(target_os = "linux")]
    nfs_options: nfs::Options,
}

/// The workspace root (where `.cache`, `.venv` and `target` live).
fn workspace() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    dir.canonicalize().unwrap_or(dir)
}

fn parse_args() -> Result<Args, String> {
    let workspace = workspace();
    let mut runs = None;
    let mut args = Args {
        runs: 5,
        cold: false,
        repo: None,
        subset: false,
        python: std::env::var_os("PYRER_REZ_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace.join(".venv/bin/python")),
        write: None,
        nfs: false,
        #[cfg(target_os = "linux")]
        nfs_options: nfs::Options::new(&workspace),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--runs" => runs = Some(value()?.parse().map_err(|e| format!("--runs: {e}"))?),
            "--cold" => args.cold = true,
            "--repo" => args.repo = Some(value()?.into()),
            "--subset" => args.subset = true,
            "--python" => args.python = value()?.into(),
            "--write" => args.write = Some(value()?.into()),
            "--nfs" => args.nfs = true,
            "--help" => {
                println!("usage: pyrer-bench [--runs N] [--cold] [--repo DIR | --subset] [--python PY] [--write FILE]");
                #[cfg(target_os = "linux")]
                println!("       pyrer-bench --nfs [--runs N] [--repo DIR | --subset] [--python PY] [--write FILE] {}", nfs::USAGE);
                std::process::exit(0);
            }
            #[cfg(target_os = "linux")]
            other if args.nfs_options.parse_flag(other, &mut value)? => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    // A fresh mount per measurement at 1 ms a request: fewer runs by default.
    args.runs = runs.unwrap_or(if args.nfs { 3 } else { 5 });
    if args.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(args)
}

fn main() {
    if let Err(message) = run() {
        eprintln!("pyrer-bench: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let (repo, mut tree) = match &args.repo {
        Some(repo) => (repo.clone(), format!("tree {}", repo.display())),
        None => (
            extract_benchmark_repo(&args.python)?,
            "rez's benchmark repository".to_string(),
        ),
    };
    let repo = if args.subset {
        tree = format!("the first {} families of {tree}", subset::FAMILIES);
        let dest = workspace().join(".cache/bench/subset");
        subset::ensure(&repo, &dest, subset::FAMILIES)?
    } else {
        repo
    };
    if args.nfs {
        return run_nfs(&args, &repo, &tree);
    }
    let mut sections = Vec::new();
    for cold in [false, true] {
        if cold && !args.cold {
            continue;
        }
        let table = measure(&args, &repo, cold)?;
        println!("{table}");
        sections.push(table);
    }
    if let Some(path) = &args.write {
        let runs = args.runs;
        let body = format!(
            "## Local disk: {tree}\n\nMeasured by `{}` (medians of {runs} interleaved runs; \
             cold runs drop the page cache before every measurement).\n\n{}\n{}",
            report::command(),
            report::machine(&report::fs_type(&repo)),
            sections.join("\n")
        );
        report::write(path, "local-disk", &body)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn run_nfs(args: &Args, repo: &Path, tree: &str) -> Result<(), String> {
    let ctx = nfs::Context {
        python: &args.python,
        repo,
        tree,
        runs: args.runs,
        write: args.write.as_deref(),
        marker: if args.subset { "nfs-subset" } else { "nfs" },
    };
    nfs::run(&args.nfs_options, &ctx)
}

#[cfg(not(target_os = "linux"))]
fn run_nfs(_: &Args, _: &Path, _: &str) -> Result<(), String> {
    Err("--nfs needs Linux (FUSE)".into())
}

fn extract_benchmark_repo(python: &Path) -> Result<PathBuf, String> {
    let out = Command::new(python)
        .args(["-c", BENCHMARK_REPOSITORY])
        .arg(workspace().join(".cache/pyrer"))
        .output()
        .map_err(|e| format!("running {}: {e}", python.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.lines().last() {
        Some(path) if out.status.success() => Ok(PathBuf::from(path)),
        _ => Err(format!(
            "extracting rez's benchmark repository failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

/// One tool under test: its name and one timed run returning (duration, packages found).
type Tool<'a> = (
    &'static str,
    Box<dyn Fn() -> Result<(Duration, usize), String> + 'a>,
);

fn tools<'a>(args: &'a Args, repo: &'a Path) -> Vec<Tool<'a>> {
    let scanner = |backend: BackendChoice| {
        move || {
            let options = ScanOptions {
                backend,
                ..ScanOptions::default()
            };
            let start = Instant::now();
            let out = scan_repo(&[repo], &options).map_err(|e| e.to_string())?;
            Ok((start.elapsed(), out.packages.len()))
        }
    };
    vec![
        (
            "rez 3.4.0 enumeration",
            Box::new(move || rez(&args.python, repo)),
        ),
        ("GNU find", Box::new(move || find(repo))),
        (
            "bare syscall loop (1 thread)",
            Box::new(move || {
                let start = Instant::now();
                let n = floor::count_package_files(repo).map_err(|e| e.to_string())?;
                Ok((start.elapsed(), n))
            }),
        ),
        ("pyrer std backend", Box::new(scanner(BackendChoice::Std))),
        (
            "pyrer io_uring backend",
            Box::new(scanner(BackendChoice::IoUring)),
        ),
    ]
}

fn rez(python: &Path, repo: &Path) -> Result<(Duration, usize), String> {
    let out = Command::new(python)
        .args(["-c", REZ_ENUMERATE])
        .arg(repo)
        .env("REZ_DISABLE_HOME_CONFIG", "1")
        .output()
        .map_err(|e| format!("running {}: {e}", python.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace();
    match (fields.next().map(str::parse), fields.next().map(str::parse)) {
        (Some(Ok(n)), Some(Ok(secs))) => Ok((Duration::from_secs_f64(secs), n)),
        _ => Err(format!(
            "rez enumeration failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

fn find(repo: &Path) -> Result<(Duration, usize), String> {
    let start = Instant::now();
    let out = Command::new("find")
        .arg(repo)
        .args(["-mindepth", "3", "-maxdepth", "3", "-name", "package.py"])
        .output()
        .map_err(|e| format!("running find: {e}"))?;
    let elapsed = start.elapsed();
    Ok((elapsed, out.stdout.iter().filter(|b| **b == b'\n').count()))
}

fn drop_caches() -> Result<(), String> {
    let status = Command::new("sh")
        .args(["-c", "sync; echo 3 > /proc/sys/vm/drop_caches"])
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("dropping the page cache needs root (sync; echo 3 > /proc/sys/vm/drop_caches)".into())
    }
}

/// Runs every tool `args.runs` times, interleaved, and returns a markdown table.
fn measure(args: &Args, repo: &Path, cold: bool) -> Result<String, String> {
    let tools = tools(args, repo);
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); tools.len()];
    let mut counts = vec![0; tools.len()];
    if !cold {
        for (_, tool) in &tools {
            tool()?; // warm the cache and the interpreter's files
        }
    }
    for _ in 0..args.runs {
        for (i, (_, tool)) in tools.iter().enumerate() {
            if cold {
                drop_caches()?;
            }
            let (elapsed, n) = tool()?;
            times[i].push(elapsed);
            counts[i] = n;
        }
    }
    let names: Vec<&str> = tools.iter().map(|(name, _)| *name).collect();
    Ok(report::table(
        if cold { "cold cache" } else { "warm cache" },
        &names,
        &times,
        &counts,
    ))
}
