//! `auto`'s choice of backend, with its reason, and which backends can run here.

use std::path::Path;

#[cfg(target_os = "linux")]
use crate::uring;

/// Why `auto` runs the std backend although io_uring may be available (and the
/// scan probes in large chunks): every root is on a local filesystem, where io_uring measured no faster cold and
/// slower warm (`STATX` always goes to a kernel worker thread; see
/// `benches/RESULTS.md`). io_uring pays off on network and FUSE filesystems.
pub(crate) fn local_filesystem<P: AsRef<Path>>(paths: &[P]) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        const LOCAL: [(i64, &str); 10] = [
            (0xEF53, "ext4"),
            (0x5846_5342, "xfs"),
            (0x9123_683E, "btrfs"),
            (0x0102_1994, "tmpfs"),
            (0x858_458F6, "ramfs"),
            (0x2FC1_2FC1, "zfs"),
            (0xF2F5_2010, "f2fs"),
            (0x794C_7630, "overlayfs"),
            (0x7371_7368, "squashfs"),
            (0xCA45_1A4E, "bcachefs"),
        ];
        let mut names = Vec::new();
        for path in paths {
            // A root that cannot be stat'ed yields nothing either way.
            let Ok(stat) = rustix::fs::statfs(path.as_ref()) else {
                continue;
            };
            #[allow(clippy::unnecessary_cast)] // `f_type`'s type differs between architectures
            let f_type = stat.f_type as i64;
            let local = LOCAL.iter().find(|(magic, _)| *magic == f_type);
            match local {
                Some((_, name)) if !names.contains(name) => names.push(*name),
                Some(_) => {}
                None => return None,
            }
        }
        (!names.is_empty()).then(|| {
            format!(
                "the roots are on local filesystems ({}), where std is as fast or faster; \
                 io_uring is chosen for network and FUSE filesystems",
                names.join(", ")
            )
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = paths;
        None
    }
}

/// Why io_uring cannot run on this host, if it cannot.
pub(crate) fn io_uring_refused() -> Option<String> {
    #[cfg(target_os = "linux")]
    return uring::available().err();
    #[cfg(not(target_os = "linux"))]
    return Some("io_uring is Linux-only".to_string());
}

/// Whether each backend can run on this host: `(name, None)` when it can,
/// `(name, Some(reason))` when it cannot.
pub fn backends() -> Vec<(&'static str, Option<String>)> {
    vec![("std", None), ("io_uring", io_uring_refused())]
}
