//! The quick tree: the first families of a repository (by name bytes), hard-linked
//! into `.cache/bench/subset`. The first 100 families of rez's benchmark repository
//! hold 1566 versions: a tree small enough for quick NFS-like measurements.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const FAMILIES: usize = 100;

/// Returns `dest`, creating it (atomically, via `dest.tmp`) unless it already holds the
/// first `families` families of `source`.
pub fn ensure(source: &Path, dest: &Path, families: usize) -> Result<PathBuf, String> {
    let stamp = dest.with_extension("from");
    let want = format!("{}\n{families}\n", source.display());
    if dest.is_dir() && fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(dest.to_path_buf());
    }
    let err = |what: &str, path: &Path, e: io::Error| format!("{what} {}: {e}", path.display());
    let tmp = dest.with_extension("tmp");
    for old in [&tmp, &dest.to_path_buf()] {
        if old.exists() {
            fs::remove_dir_all(old).map_err(|e| err("removing", old, e))?;
        }
    }
    let mut names: Vec<_> = fs::read_dir(source)
        .map_err(|e| err("listing", source, e))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name())
        .filter(|n| !n.as_encoded_bytes().starts_with(b"."))
        .collect();
    names.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
    fs::create_dir_all(&tmp).map_err(|e| err("creating", &tmp, e))?;
    for name in names.iter().take(families) {
        let (from, to) = (source.join(name), tmp.join(name));
        copy_tree(&from, &to).map_err(|e| err("copying", &from, e))?;
    }
    fs::rename(&tmp, dest).map_err(|e| err("renaming", &tmp, e))?;
    fs::write(&stamp, want).map_err(|e| err("writing", &stamp, e))?;
    Ok(dest.to_path_buf())
}

/// Copies a directory tree: directories created, files hard-linked (copied across
/// filesystems), symlinks recreated.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&src, &dst)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(&src)?, &dst)?;
        } else if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}
