//! One fresh `latencyfs` mount: started before a measurement, stopped after it. The
//! guard unmounts on every path out, including errors and panics; the `cleanup`
//! watcher covers signals, and `--die-with-parent` covers the bench being killed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pyrer_benches::mounts;

use super::cleanup;

/// The counters `latencyfs` wrote when it exited (its `--stats` JSON).
pub struct FsStats {
    pub json: String,
}

impl FsStats {
    /// A top-level number, or `ops.<name>` inside the `ops` object.
    pub fn number(&self, key: &str) -> u64 {
        let (text, key) = match key.strip_prefix("ops.") {
            Some(op) => (self.json.split("\"ops\"").nth(1).unwrap_or(""), op),
            None => (self.json.as_str(), key),
        };
        let pattern = format!("\"{key}\":");
        text.find(&pattern)
            .map(|i| &text[i + pattern.len()..])
            .and_then(|rest| {
                let digits: String = rest
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            })
            .unwrap_or(0)
    }

    /// A top-level value as written (a JSON string keeps its quotes).
    pub fn raw(&self, key: &str) -> Option<&str> {
        let pattern = format!("\"{key}\": ");
        let start = self.json.find(&pattern)? + pattern.len();
        let line = &self.json[start..];
        Some(line[..line.find('\n')?].trim_end_matches(','))
    }
}

pub struct FuseMount {
    child: Option<Child>,
    mountpoint: PathBuf,
    stats: PathBuf,
}

impl FuseMount {
    /// Mounts `source` on `mountpoint` (canonical) with `latencyfs ARGS` and waits
    /// until it serves requests (latencyfs clears a stale mount and creates the directory).
    pub fn start(
        latencyfs: &Path,
        args: &[String],
        source: &Path,
        mountpoint: &Path,
    ) -> Result<FuseMount, String> {
        let stats = mountpoint.with_extension("stats.json");
        let _ = std::fs::remove_file(&stats);
        let mut child = Command::new(latencyfs)
            .args(args)
            .arg("--stats")
            .arg(&stats)
            .arg("--die-with-parent")
            .arg(source)
            .arg(mountpoint)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("running {}: {e}", latencyfs.display()))?;
        cleanup::register_pid(child.id() as libc::pid_t);
        cleanup::register_mount(mountpoint);
        let mut mount = FuseMount {
            child: None,
            mountpoint: mountpoint.to_path_buf(),
            stats,
        };
        let stdout = child.stdout.take();
        mount.child = Some(child);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            if let Some(out) = stdout {
                let _ = BufReader::new(out).read_line(&mut line);
            }
            let _ = tx.send(line);
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) if line.trim() == "ready" => Ok(mount),
            Ok(_) => Err(format!(
                "latencyfs could not mount {} (see its message above)",
                mountpoint.display()
            )),
            Err(_) => Err("latencyfs did not report ready within 30 s".into()),
        }
    }

    /// Unmounts, waits for `latencyfs` to exit, and returns its counters.
    pub fn stop(mut self) -> Result<FsStats, String> {
        let exited = self.shutdown();
        let json = std::fs::read_to_string(&self.stats)
            .map_err(|e| format!("reading {}: {e}", self.stats.display()))?;
        let _ = std::fs::remove_file(&self.stats);
        if !exited {
            return Err("latencyfs did not exit after SIGTERM".into());
        }
        Ok(FsStats { json })
    }

    /// SIGTERM (latencyfs unmounts and writes its counters), wait; if it hangs,
    /// unmount lazily and kill it. Returns whether it exited by itself.
    fn shutdown(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return true;
        };
        let pid = child.id() as libc::pid_t;
        // SAFETY: kill(2) on our unreaped child.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut exited = false;
        while Instant::now() < deadline {
            if !matches!(child.try_wait(), Ok(None)) {
                exited = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Err(e) = mounts::detach(&self.mountpoint) {
            eprintln!(
                "pyrer-bench: could not unmount {}: {e}",
                self.mountpoint.display()
            );
        }
        if !exited {
            let _ = child.kill();
            let _ = child.wait();
        }
        cleanup::unregister_mount(&self.mountpoint);
        cleanup::unregister_pid(pid);
        exited
    }
}

impl Drop for FuseMount {
    fn drop(&mut self) {
        self.shutdown();
    }
}
