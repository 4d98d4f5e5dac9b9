//! `latencyfs`: a read-only FUSE passthrough of a directory that answers every request
//! after a fixed delay, a stand-in for an NFS server on a test machine.
//!
//! ```text
//! latencyfs [OPTIONS] SOURCE MOUNTPOINT
//! latencyfs --unmount MOUNTPOINT
//!   --delay-us N          delay before every reply, microseconds (default 1000)
//!   --threads N           server threads, each serving one request at a time (default 64)
//!   --ttl SECS            entry and attribute TTL (default 60)
//!   --negative-ttl SECS   how long "no such entry" is cached, 0 for never (default 60)
//!   --readdirplus MODE    auto (kernel decides, like NFS), on or off (default auto)
//!   --max-background N    kernel's limit on asynchronous requests (default: --threads)
//!   --stats FILE          per-operation counters as JSON, written on exit and on SIGUSR1
//!   --die-with-parent     unmount and exit when the parent process dies
//!   --unmount             only unmount whatever is mounted on MOUNTPOINT (lazily), and exit
//! ```
//!
//! Every request a read-only mount can receive (lookup, getattr, readlink, open, read,
//! flush, release, opendir, readdir, readdirplus, releasedir, statfs, getxattr, ...)
//! sleeps the delay on its server thread before it is answered, so with N threads up to
//! N delays overlap. `forget` has no reply and is only counted. The mount requests
//! `FUSE_PARALLEL_DIROPS` (otherwise the kernel serialises lookups in a directory).
//!
//! A stale mount on MOUNTPOINT (left by a crash) is unmounted first, and MOUNTPOINT is
//! created if need be, so a driver only starts it, waits for `ready`, and stops it.
//! Prints `ready` on stdout once mounted. SIGINT, SIGTERM and SIGHUP unmount (lazily if
//! the mount is busy) and exit; an outside `umount` ends it too. Root mounts with a
//! plain mount(2); other users need `fusermount3` (Debian package `fuse3`).

#[cfg(target_os = "linux")]
mod fs;
#[cfg(target_os = "linux")]
mod stats;

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("latencyfs: FUSE mounts are only supported on Linux");
    std::process::exit(2);
}

#[cfg(target_os = "linux")]
fn main() {
    match linux::run() {
        Ok(()) => {}
        Err(message) => {
            eprintln!("latencyfs: {message}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::time::Duration;

    use fuser::{Config, MountOption, Session, SessionACL, SessionUnmounter};
    use pyrer_benches::mounts;

    use crate::fs::{LatencyFs, Options, Readdirplus};
    use crate::stats::Stats;

    struct Args {
        unmount_only: bool,
        source: PathBuf,
        mountpoint: PathBuf,
        opts: Options,
        threads: usize,
        stats: Option<PathBuf>,
        die_with_parent: bool,
    }

    fn parse_args() -> Result<Args, String> {
        let mut opts = Options {
            delay: Duration::from_millis(1),
            ttl: Duration::from_secs(60),
            negative_ttl: Duration::from_secs(60),
            readdirplus: Readdirplus::Auto,
            max_background: 0,
        };
        let mut threads = 64;
        let mut stats = None;
        let mut die_with_parent = false;
        let mut unmount_only = false;
        let mut positional = Vec::new();
        let mut it = std::env::args_os().skip(1);
        while let Some(arg) = it.next() {
            let Some(flag) = arg.to_str().filter(|a| a.starts_with("--")) else {
                positional.push(PathBuf::from(arg));
                continue;
            };
            let flag = flag.to_string();
            let mut value = || {
                it.next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or(format!("{flag} needs a value"))
            };
            let number = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
            let seconds = |v: String| {
                v.parse::<f64>()
                    .ok()
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or(format!("{flag}: {v:?} is not a number of seconds"))
            };
            match flag.as_str() {
                "--delay-us" => opts.delay = Duration::from_micros(number(value()?)?),
                "--threads" => threads = number(value()?)?.max(1) as usize,
                "--ttl" => opts.ttl = seconds(value()?)?,
                "--negative-ttl" => opts.negative_ttl = seconds(value()?)?,
                "--readdirplus" => opts.readdirplus = Readdirplus::parse(&value()?)?,
                "--max-background" => {
                    opts.max_background = number(value()?)?.clamp(1, u16::MAX.into()) as u16
                }
                "--stats" => stats = Some(PathBuf::from(value()?)),
                "--die-with-parent" => die_with_parent = true,
                "--unmount" => unmount_only = true,
                "--help" => {
                    println!(
                        "usage: latencyfs [OPTIONS] SOURCE MOUNTPOINT (see the source's header)"
                    );
                    std::process::exit(0);
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        if unmount_only && positional.len() == 1 {
            positional.insert(0, PathBuf::new());
        }
        let [source, mountpoint] = <[PathBuf; 2]>::try_from(positional).map_err(|_| {
            "usage: latencyfs [OPTIONS] SOURCE MOUNTPOINT, or latencyfs --unmount MOUNTPOINT"
                .to_string()
        })?;
        if opts.max_background == 0 {
            opts.max_background = threads.min(u16::MAX.into()) as u16;
        }
        Ok(Args {
            unmount_only,
            source,
            mountpoint,
            opts,
            threads,
            stats,
            die_with_parent,
        })
    }

    const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGUSR1];

    /// Blocks the signals in this thread and every thread started after it, so that
    /// only the `sigwait` thread sees them.
    fn block_signals() -> libc::sigset_t {
        // SAFETY: plain libc signal-set calls on a local, initialised set.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for sig in SIGNALS {
                libc::sigaddset(&mut set, sig);
            }
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            set
        }
    }

    /// Unmounts: through fuser (umount, or fusermount for non-root), else lazily.
    fn unmount_now(unmounter: &mut SessionUnmounter, mountpoint: &Path) {
        if unmounter.unmount().is_ok() {
            return;
        }
        if let Err(e) = mounts::detach(mountpoint) {
            eprintln!("latencyfs: could not unmount {}: {e}", mountpoint.display());
        }
    }

    /// The mount point as mountinfo names it, created, with no stale mount left on it.
    fn prepare(mountpoint: &Path) -> Result<PathBuf, String> {
        if let Some(parent) = mountpoint.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let mountpoint = mounts::canonical(mountpoint)?;
        mounts::detach(&mountpoint)
            .map_err(|e| format!("stale mount on {}: {e}", mountpoint.display()))?;
        std::fs::create_dir_all(&mountpoint)
            .map_err(|e| format!("{}: {e}", mountpoint.display()))?;
        Ok(mountpoint)
    }

    fn write_stats(stats: &Stats, path: Option<&Path>) {
        if let Some(path) = path {
            if let Err(e) = stats.write(path) {
                eprintln!("latencyfs: writing {}: {e}", path.display());
            }
        }
    }

    pub fn run() -> Result<(), String> {
        let mut args = parse_args()?;
        if args.unmount_only {
            let mountpoint = mounts::canonical(&args.mountpoint)?;
            return mounts::detach(&mountpoint)
                .map_err(|e| format!("unmounting {}: {e}", mountpoint.display()));
        }
        args.mountpoint = prepare(&args.mountpoint)?;
        let set = block_signals();
        if args.die_with_parent {
            let parent = rustix::process::getppid();
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::TERM))
                .map_err(|e| format!("prctl(PR_SET_PDEATHSIG): {e}"))?;
            if rustix::process::getppid() != parent {
                return Err("the parent exited before the mount".into());
            }
        }
        let stats = Arc::new(Stats::default());
        stats.set("threads", args.threads.to_string());
        let fs = LatencyFs::new(&args.source, args.opts, stats.clone())
            .map_err(|e| format!("{}: {e}", args.source.display()))?;
        let mut config = Config::default();
        config.mount_options = vec![
            MountOption::RO,
            MountOption::FSName(format!("latencyfs:{}", args.source.display())),
            MountOption::Subtype("latencyfs".into()),
            MountOption::DefaultPermissions,
            MountOption::NoAtime,
            MountOption::NoDev,
            MountOption::NoSuid,
        ];
        config.acl = SessionACL::Owner;
        config.n_threads = Some(args.threads);
        config.clone_fd = true;
        let mut session = Session::new(fs, &args.mountpoint, &config)
            .map_err(|e| format!("mounting on {}: {e}", args.mountpoint.display()))?;
        let mut unmounter = session.unmount_callable();
        println!("ready");
        let _ = std::io::stdout().flush();

        let (stats_path, mountpoint, watched) =
            (args.stats.clone(), args.mountpoint.clone(), stats.clone());
        std::thread::spawn(move || loop {
            let mut sig = 0;
            // SAFETY: `set` is an initialised signal set; `sig` is a valid out-pointer.
            if unsafe { libc::sigwait(&set, &mut sig) } != 0 {
                continue;
            }
            if sig == libc::SIGUSR1 {
                write_stats(&watched, stats_path.as_deref());
            } else {
                unmount_now(&mut unmounter, &mountpoint);
                return;
            }
        });

        let result = session.run();
        write_stats(&stats, args.stats.as_deref());
        result.map_err(|e| format!("serving {}: {e}", args.mountpoint.display()))
    }
}
