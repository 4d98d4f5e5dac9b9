//! The floor: a bare loop doing only the syscalls no enumeration can avoid
//! (open and list every family, one `stat` per version's package file).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use rustix::fs::{openat, statat, AtFlags, Dir, FileType, Mode, OFlags, CWD};

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::CLOEXEC);

/// Returns how many `*/*/package.py` files exist under `root` (regular files only).
pub fn count_package_files(root: &Path) -> std::io::Result<usize> {
    let root_fd = openat(CWD, root, DIR_FLAGS, Mode::empty())?;
    let mut families = Dir::read_from(&root_fd)?;
    let mut count = 0;
    let mut rel = Vec::with_capacity(256);
    while let Some(family) = families.read() {
        let family = family?;
        let name = family.file_name().to_bytes();
        if name.starts_with(b".") || family.file_type() != FileType::Directory {
            continue;
        }
        let fam_fd = openat(&root_fd, OsStr::from_bytes(name), DIR_FLAGS, Mode::empty())?;
        let mut versions = Dir::new(fam_fd)?;
        let mut names = Vec::new();
        while let Some(version) = versions.read() {
            let version = version?;
            let v = version.file_name().to_bytes();
            if !v.starts_with(b".") && version.file_type() == FileType::Directory {
                names.push(v.to_vec());
            }
        }
        let fam_fd = versions.fd()?;
        for v in names {
            rel.clear();
            rel.extend_from_slice(&v);
            rel.extend_from_slice(b"/package.py");
            if let Ok(st) = statat(fam_fd, OsStr::from_bytes(&rel), AtFlags::empty()) {
                if FileType::from_raw_mode(st.st_mode) == FileType::RegularFile {
                    count += 1;
                }
            }
        }
    }
    Ok(count)
}
