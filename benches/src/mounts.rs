//! Mount points as the kernel shows them (`/proc/self/mountinfo`), and lazy unmounting:
//! what `latencyfs` and `pyrer-bench --nfs` both need to leave no mount behind.

use std::path::{Path, PathBuf};

use rustix::mount::{unmount, UnmountFlags};

/// `path` in the form `/proc/self/mountinfo` shows: absolute, symlinks resolved.
/// Resolves the parent only, since the mount point itself may be a dead FUSE mount.
pub fn canonical(path: &Path) -> Result<PathBuf, String> {
    let name = path
        .file_name()
        .ok_or(format!("{}: no file name", path.display()))?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.unwrap_or(Path::new("."));
    let parent = parent
        .canonicalize()
        .map_err(|e| format!("{}: {e}", parent.display()))?;
    Ok(parent.join(name))
}

/// Undoes mountinfo's octal escapes (`\040` for a space, ...).
fn unescape(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).and_then(|d| {
            let s = std::str::from_utf8(d).ok()?;
            u8::from_str_radix(s, 8).ok()
        });
        match (bytes[i], octal) {
            (b'\\', Some(b)) => {
                out.push(b);
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Whether something is mounted on `path` (a canonical path).
pub fn is_mounted(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let want = path.as_os_str().as_bytes();
    info.lines()
        .filter_map(|l| l.split(' ').nth(4))
        .any(|m| unescape(m) == want)
}

/// Lazily unmounts everything on `path`; fusermount for users who may not umount.
pub fn detach(path: &Path) -> Result<(), String> {
    for _ in 0..16 {
        if !is_mounted(path) {
            return Ok(());
        }
        if let Err(e) = unmount(path, UnmountFlags::DETACH) {
            let helped = ["fusermount3", "fusermount"].iter().any(|helper| {
                std::process::Command::new(helper)
                    .args(["-u", "-z", "-q", "--"])
                    .arg(path)
                    .status()
                    .is_ok_and(|s| s.success())
            });
            if !helped {
                return Err(e.to_string());
            }
        }
    }
    Err("still mounted".into())
}
