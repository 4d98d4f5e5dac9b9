//! Running a tool as a child process: wall time from spawn to exit and CPU time
//! (user + system, all threads) from `wait4`'s rusage.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::cleanup;

pub struct Finished {
    /// The exit code, or `None` when a signal ended the process.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub wall: Duration,
    pub cpu: Duration,
}

impl Finished {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).trim().to_string()
    }
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::new(tv.tv_sec.max(0) as u64, (tv.tv_usec.max(0) as u32) * 1000)
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// Runs `cmd` to completion, capturing its output.
pub fn run(cmd: &mut Command) -> Result<Finished, String> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("running {program}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    cleanup::register_pid(pid);
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let mut status = 0;
    // SAFETY: rusage is plain data, written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        // SAFETY: `pid` is our unreaped child; the out-pointers are valid locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r >= 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            break r;
        }
    };
    let wall = start.elapsed();
    cleanup::unregister_pid(pid);
    if reaped != pid {
        return Err(format!(
            "waiting for {program}: {}",
            std::io::Error::last_os_error()
        ));
    }
    let join = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.map(|h| h.join().unwrap_or_default()).unwrap_or_default()
    };
    Ok(Finished {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: join(out),
        stderr: join(err),
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
    })
}
