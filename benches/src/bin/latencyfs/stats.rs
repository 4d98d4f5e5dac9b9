//! Per-operation request counters, the in-flight high-water mark, and their JSON form.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Every FUSE request a read-only mount can receive (plus `forget`, which has no reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lookup,
    Getattr,
    Readlink,
    Open,
    Read,
    Flush,
    Release,
    Fsync,
    Opendir,
    Readdir,
    Readdirplus,
    Releasedir,
    Fsyncdir,
    Statfs,
    Getxattr,
    Listxattr,
    Access,
    Forget,
}

impl Op {
    pub const ALL: [Op; 18] = [
        Op::Lookup,
        Op::Getattr,
        Op::Readlink,
        Op::Open,
        Op::Read,
        Op::Flush,
        Op::Release,
        Op::Fsync,
        Op::Opendir,
        Op::Readdir,
        Op::Readdirplus,
        Op::Releasedir,
        Op::Fsyncdir,
        Op::Statfs,
        Op::Getxattr,
        Op::Listxattr,
        Op::Access,
        Op::Forget,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Op::Lookup => "lookup",
            Op::Getattr => "getattr",
            Op::Readlink => "readlink",
            Op::Open => "open",
            Op::Read => "read",
            Op::Flush => "flush",
            Op::Release => "release",
            Op::Fsync => "fsync",
            Op::Opendir => "opendir",
            Op::Readdir => "readdir",
            Op::Readdirplus => "readdirplus",
            Op::Releasedir => "releasedir",
            Op::Fsyncdir => "fsyncdir",
            Op::Statfs => "statfs",
            Op::Getxattr => "getxattr",
            Op::Listxattr => "listxattr",
            Op::Access => "access",
            Op::Forget => "forget",
        }
    }
}

/// Shared by the filesystem (which counts) and `main` (which writes the JSON).
#[derive(Default)]
pub struct Stats {
    counts: [AtomicU64; Op::ALL.len()],
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    /// Settings reported in the JSON: name and value, already JSON-encoded.
    settings: Mutex<Vec<(String, String)>>,
}

/// Held while a request is being served; leaves the in-flight count on drop.
pub struct InFlight<'a>(&'a Stats);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Stats {
    /// Counts a request, then sleeps `delay` (the simulated round trip) before the
    /// caller does the real work and replies. Keep the guard until the reply is sent.
    pub fn enter(&self, op: Op, delay: Duration) -> InFlight<'_> {
        self.counts[op as usize].fetch_add(1, Ordering::Relaxed);
        let now = self.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        self.max_in_flight.fetch_max(now, Ordering::Relaxed);
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        InFlight(self)
    }

    /// Counts a request that has no reply (`forget`): no delay, nobody waits for it.
    pub fn count(&self, op: Op, n: u64) {
        self.counts[op as usize].fetch_add(n, Ordering::Relaxed);
    }

    /// Records a setting for the JSON (`value` must already be JSON).
    pub fn set(&self, name: &str, value: String) {
        let mut settings = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        settings.retain(|(n, _)| n != name);
        settings.push((name.to_string(), value));
    }

    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        let settings = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        for (name, value) in settings.iter() {
            let _ = writeln!(out, "  \"{name}\": {value},");
        }
        let mut replied = 0;
        out.push_str("  \"ops\": {");
        for (i, op) in Op::ALL.iter().enumerate() {
            let n = self.counts[*op as usize].load(Ordering::Relaxed);
            if *op != Op::Forget {
                replied += n;
            }
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(out, "{sep}\n    \"{}\": {n}", op.name());
        }
        let _ = write!(
            out,
            "\n  }},\n  \"requests\": {replied},\n  \"max_in_flight\": {}\n}}\n",
            self.max_in_flight.load(Ordering::Relaxed)
        );
        out
    }

    /// Writes the JSON to `path` atomically (temporary file, then rename).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        std::fs::write(&tmp, self.to_json())?;
        std::fs::rename(&tmp, path)
    }
}

/// A JSON string (paths are shown lossily; they are for people, not parsing).
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
