//! The filesystem: a read-only passthrough of a source directory where every request
//! first waits a fixed delay, like a round trip to a file server.
//!
//! Real files are reached relative to one `O_PATH` descriptor of the source directory
//! (`statat`, `openat`, `readlinkat`), never through absolute paths. Node ids are stable:
//! one per real `(st_dev, st_ino)`, handed out on first sight and never reused or
//! forgotten, so `forget` only counts.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fuser::{
    AccessFlags, Errno, FileAttr, FileHandle, FileType, Filesystem, FopenFlags, Generation,
    INodeNo, InitFlags, KernelConfig, LockOwner, OpenAccMode, OpenFlags, ReplyAttr, ReplyData,
    ReplyDirectory, ReplyDirectoryPlus, ReplyEmpty, ReplyEntry, ReplyOpen, ReplyStatfs, ReplyXattr,
    Request,
};
use rustix::fs::{fstatvfs, openat, readlinkat, statat, AtFlags, Dir, Mode, OFlags, Stat, CWD};

use crate::stats::{json_str, InFlight, Op, Stats};

/// Whether directory listings carry attributes (`READDIRPLUS`), as NFS's do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readdirplus {
    /// Never: plain `READDIR`; every entry used needs its own `LOOKUP`.
    Off,
    /// Always (`FUSE_DO_READDIRPLUS`).
    On,
    /// The kernel decides per listing (`FUSE_DO_READDIRPLUS | FUSE_READDIRPLUS_AUTO`),
    /// like the Linux NFS client's adaptive READDIRPLUS.
    Auto,
}

impl Readdirplus {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "off" => Ok(Readdirplus::Off),
            "on" => Ok(Readdirplus::On),
            "auto" => Ok(Readdirplus::Auto),
            other => Err(format!("--readdirplus: {other:?} is not off, on or auto")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Readdirplus::Off => "off",
            Readdirplus::On => "on",
            Readdirplus::Auto => "auto",
        }
    }
}

pub struct Options {
    /// Added to every request before it is answered.
    pub delay: Duration,
    /// Entry and attribute TTL of every reply.
    pub ttl: Duration,
    /// How long a "no such entry" answer is cached (0: not cached).
    pub negative_ttl: Duration,
    pub readdirplus: Readdirplus,
    /// Kernel's `max_background` (asynchronous requests such as `release`).
    pub max_background: u16,
}

/// One directory entry as listed by the real `getdents64`.
struct Entry {
    name: OsString,
    ino: u64,
    kind: FileType,
}

#[derive(Default)]
struct Nodes {
    by_key: HashMap<(u64, u64), u64>,
    /// Index `id - 1`: the path relative to the source (`.` for the root) and the key.
    nodes: Vec<(PathBuf, (u64, u64))>,
}

pub struct LatencyFs {
    opts: Options,
    root: OwnedFd,
    nodes: RwLock<Nodes>,
    dirs: Mutex<HashMap<u64, Arc<Vec<Entry>>>>,
    files: Mutex<HashMap<u64, Arc<OwnedFd>>>,
    next_fh: AtomicU64,
    stats: Arc<Stats>,
}

fn errno(e: rustix::io::Errno) -> Errno {
    Errno::from_i32(e.raw_os_error())
}

fn time(secs: i64, nsecs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::new(secs as u64, nsecs as u32)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()) + Duration::from_nanos(nsecs as u64)
    }
}

fn kind(mode: u32) -> FileType {
    match rustix::fs::FileType::from_raw_mode(mode) {
        rustix::fs::FileType::Directory => FileType::Directory,
        rustix::fs::FileType::Symlink => FileType::Symlink,
        rustix::fs::FileType::Fifo => FileType::NamedPipe,
        rustix::fs::FileType::Socket => FileType::Socket,
        rustix::fs::FileType::CharacterDevice => FileType::CharDevice,
        rustix::fs::FileType::BlockDevice => FileType::BlockDevice,
        _ => FileType::RegularFile,
    }
}

fn key(st: &Stat) -> (u64, u64) {
    #[allow(clippy::unnecessary_cast)] // the field types differ between targets
    (st.st_dev as u64, st.st_ino as u64)
}

#[allow(clippy::unnecessary_cast)] // the field types differ between targets
fn attr(ino: u64, st: &Stat) -> FileAttr {
    FileAttr {
        ino: INodeNo(ino),
        size: st.st_size as u64,
        blocks: st.st_blocks as u64,
        atime: time(st.st_atime as i64, st.st_atime_nsec as i64),
        mtime: time(st.st_mtime as i64, st.st_mtime_nsec as i64),
        ctime: time(st.st_ctime as i64, st.st_ctime_nsec as i64),
        crtime: UNIX_EPOCH,
        kind: kind(st.st_mode as u32),
        perm: (st.st_mode & 0o7777) as u16,
        nlink: st.st_nlink as u32,
        uid: st.st_uid,
        gid: st.st_gid,
        rdev: st.st_rdev as u32,
        blksize: st.st_blksize as u32,
        flags: 0,
    }
}

/// Attributes carrying only an id and a type: `ino` 0 in a lookup reply is a cacheable
/// "no such entry", and in a READDIRPLUS entry it means "name only, no attributes".
fn bare_attr(ino: u64, kind: FileType) -> FileAttr {
    FileAttr {
        ino: INodeNo(ino),
        size: 0,
        blocks: 0,
        atime: UNIX_EPOCH,
        mtime: UNIX_EPOCH,
        ctime: UNIX_EPOCH,
        crtime: UNIX_EPOCH,
        kind,
        perm: 0,
        nlink: 1,
        uid: 0,
        gid: 0,
        rdev: 0,
        blksize: 4096,
        flags: 0,
    }
}

fn is_dot(name: &OsStr) -> bool {
    matches!(name.as_bytes(), b"." | b"..")
}

impl LatencyFs {
    pub fn new(source: &Path, opts: Options, stats: Arc<Stats>) -> std::io::Result<Self> {
        let root = openat(
            CWD,
            source,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let st = statat(&root, ".", AtFlags::empty())?;
        let mut nodes = Nodes::default();
        nodes.by_key.insert(key(&st), 1);
        nodes.nodes.push((PathBuf::from("."), key(&st)));
        stats.set("source", json_str(&source.to_string_lossy()));
        stats.set("delay_us", opts.delay.as_micros().to_string());
        stats.set("ttl_s", format!("{}", opts.ttl.as_secs_f64()));
        stats.set(
            "negative_ttl_s",
            format!("{}", opts.negative_ttl.as_secs_f64()),
        );
        stats.set("readdirplus", json_str(opts.readdirplus.name()));
        Ok(LatencyFs {
            opts,
            root,
            nodes: RwLock::new(nodes),
            dirs: Mutex::default(),
            files: Mutex::default(),
            next_fh: AtomicU64::new(1),
            stats,
        })
    }

    fn enter(&self, op: Op) -> InFlight<'_> {
        self.stats.enter(op, self.opts.delay)
    }

    fn node(&self, ino: INodeNo) -> Result<(PathBuf, (u64, u64)), Errno> {
        let nodes = self.nodes.read().unwrap_or_else(|e| e.into_inner());
        let index = usize::try_from(ino.0).ok().and_then(|i| i.checked_sub(1));
        index
            .and_then(|i| nodes.nodes.get(i))
            .cloned()
            .ok_or(Errno::ESTALE)
    }

    fn path(&self, ino: INodeNo) -> Result<PathBuf, Errno> {
        self.node(ino).map(|(path, _)| path)
    }

    fn child(parent: &Path, name: &OsStr) -> PathBuf {
        if parent == Path::new(".") {
            PathBuf::from(name)
        } else {
            parent.join(name)
        }
    }

    /// The node id of the real file `key`, reached at `path`; new ids on first sight.
    fn intern(&self, key: (u64, u64), path: impl FnOnce() -> PathBuf) -> u64 {
        if let Some(id) = self
            .nodes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .by_key
            .get(&key)
        {
            return *id;
        }
        let mut nodes = self.nodes.write().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = nodes.by_key.get(&key) {
            return *id;
        }
        nodes.nodes.push((path(), key));
        let id = nodes.nodes.len() as u64;
        nodes.by_key.insert(key, id);
        id
    }

    fn stat(&self, path: &Path) -> Result<Stat, Errno> {
        statat(&self.root, path, AtFlags::SYMLINK_NOFOLLOW).map_err(errno)
    }

    fn new_fh(&self) -> u64 {
        self.next_fh.fetch_add(1, Ordering::Relaxed)
    }

    /// Lists the real directory once, at `opendir`; `readdir` pages through the copy.
    fn list(&self, path: &Path, dev: u64, self_id: u64) -> Result<Vec<Entry>, Errno> {
        let fd = openat(
            &self.root,
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(errno)?;
        let mut dir = Dir::new(fd).map_err(errno)?;
        let mut entries = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = entry.map_err(errno)?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes()).to_os_string();
            let kind = match entry.file_type() {
                rustix::fs::FileType::Directory => FileType::Directory,
                rustix::fs::FileType::Symlink => FileType::Symlink,
                rustix::fs::FileType::Fifo => FileType::NamedPipe,
                rustix::fs::FileType::Socket => FileType::Socket,
                rustix::fs::FileType::CharacterDevice => FileType::CharDevice,
                rustix::fs::FileType::BlockDevice => FileType::BlockDevice,
                _ => FileType::RegularFile,
            };
            let ino = if name == "." {
                self_id
            } else if name == ".." {
                let nodes = self.nodes.read().unwrap_or_else(|e| e.into_inner());
                nodes
                    .by_key
                    .get(&(dev, entry.ino()))
                    .copied()
                    .unwrap_or(self_id)
            } else {
                self.intern((dev, entry.ino()), || Self::child(path, &name))
            };
            entries.push(Entry { name, ino, kind });
        }
        Ok(entries)
    }

    fn dir(&self, fh: FileHandle) -> Result<Arc<Vec<Entry>>, Errno> {
        let dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
        dirs.get(&fh.0).cloned().ok_or(Errno::EBADF)
    }
}

/// Adds one capability if the kernel offers it and records the outcome.
fn request(config: &mut KernelConfig, flag: InitFlags, granted: &mut Vec<String>) {
    let name = flag.iter_names().next().map_or("?", |(n, _)| n);
    match config.add_capabilities(flag) {
        Ok(()) => granted.push(json_str(name)),
        Err(_) => eprintln!("latencyfs: the kernel does not offer {name}"),
    }
}

impl Filesystem for LatencyFs {
    fn init(&mut self, _req: &Request, config: &mut KernelConfig) -> std::io::Result<()> {
        let mut granted = Vec::new();
        // Without it the kernel serialises lookups and listings within a directory.
        request(config, InitFlags::FUSE_PARALLEL_DIROPS, &mut granted);
        request(config, InitFlags::FUSE_CACHE_SYMLINKS, &mut granted);
        if self.opts.readdirplus != Readdirplus::Off {
            request(config, InitFlags::FUSE_DO_READDIRPLUS, &mut granted);
        }
        if self.opts.readdirplus == Readdirplus::Auto {
            request(config, InitFlags::FUSE_READDIRPLUS_AUTO, &mut granted);
        }
        let _ = config.set_max_background(self.opts.max_background);
        self.stats.set(
            "kernel_abi",
            json_str(&format!(
                "{}.{}",
                config.kernel_abi().0,
                config.kernel_abi().1
            )),
        );
        self.stats
            .set("init_flags", format!("[{}]", granted.join(", ")));
        self.stats
            .set("max_background", self.opts.max_background.to_string());
        Ok(())
    }

    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let _op = self.enter(Op::Lookup);
        let path = match self.path(parent) {
            Ok(parent) => Self::child(&parent, name),
            Err(e) => return reply.error(e),
        };
        match self.stat(&path) {
            Ok(st) => {
                let id = self.intern(key(&st), || path);
                reply.entry(&self.opts.ttl, &attr(id, &st), Generation(0));
            }
            Err(e) if e == Errno::ENOENT && !self.opts.negative_ttl.is_zero() => {
                let negative = bare_attr(0, FileType::RegularFile);
                reply.entry_with_ttls(
                    &Duration::ZERO,
                    &self.opts.negative_ttl,
                    &negative,
                    Generation(0),
                );
            }
            Err(e) => reply.error(e),
        }
    }

    /// Also what the default `batch_forget` calls, once per node.
    fn forget(&self, _req: &Request, _ino: INodeNo, _nlookup: u64) {
        self.stats.count(Op::Forget, 1);
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        let _op = self.enter(Op::Getattr);
        match self.path(ino).and_then(|p| self.stat(&p)) {
            Ok(st) => reply.attr(&self.opts.ttl, &attr(ino.0, &st)),
            Err(e) => reply.error(e),
        }
    }

    fn readlink(&self, _req: &Request, ino: INodeNo, reply: ReplyData) {
        let _op = self.enter(Op::Readlink);
        match self.path(ino) {
            Ok(path) => match readlinkat(&self.root, &path, Vec::new()) {
                Ok(target) => reply.data(target.as_bytes()),
                Err(e) => reply.error(errno(e)),
            },
            Err(e) => reply.error(e),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, flags: OpenFlags, reply: ReplyOpen) {
        let _op = self.enter(Op::Open);
        if flags.acc_mode() != OpenAccMode::O_RDONLY {
            return reply.error(Errno::EROFS);
        }
        let path = match self.path(ino) {
            Ok(path) => path,
            Err(e) => return reply.error(e),
        };
        match openat(
            &self.root,
            &path,
            OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => {
                let fh = self.new_fh();
                let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
                files.insert(fh, Arc::new(fd));
                reply.opened(FileHandle(fh), FopenFlags::FOPEN_KEEP_CACHE);
            }
            Err(e) => reply.error(errno(e)),
        }
    }

    fn read(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyData,
    ) {
        let _op = self.enter(Op::Read);
        let fd = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&fh.0)
            .cloned();
        let Some(fd) = fd else {
            return reply.error(Errno::EBADF);
        };
        let mut buf = vec![0u8; size as usize];
        match rustix::io::pread(&*fd, &mut buf, offset) {
            Ok(n) => reply.data(&buf[..n]),
            Err(e) => reply.error(errno(e)),
        }
    }

    fn flush(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _lock_owner: LockOwner,
        reply: ReplyEmpty,
    ) {
        let _op = self.enter(Op::Flush);
        reply.ok();
    }

    fn release(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        _flush: bool,
        reply: ReplyEmpty,
    ) {
        let _op = self.enter(Op::Release);
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&fh.0);
        reply.ok();
    }

    fn fsync(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        let _op = self.enter(Op::Fsync);
        reply.ok();
    }

    fn opendir(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        let _op = self.enter(Op::Opendir);
        let listed = self
            .node(ino)
            .and_then(|(path, (dev, _))| self.list(&path, dev, ino.0));
        match listed {
            Ok(entries) => {
                let fh = self.new_fh();
                let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
                dirs.insert(fh, Arc::new(entries));
                reply.opened(FileHandle(fh), FopenFlags::empty());
            }
            Err(e) => reply.error(e),
        }
    }

    fn readdir(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectory,
    ) {
        let _op = self.enter(Op::Readdir);
        let entries = match self.dir(fh) {
            Ok(entries) => entries,
            Err(e) => return reply.error(e),
        };
        for (i, e) in entries.iter().enumerate().skip(offset as usize) {
            if reply.add(INodeNo(e.ino), i as u64 + 1, e.kind, &e.name) {
                break;
            }
        }
        reply.ok();
    }

    fn readdirplus(
        &self,
        _req: &Request,
        ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectoryPlus,
    ) {
        let _op = self.enter(Op::Readdirplus);
        let (entries, dir) = match self.dir(fh).and_then(|e| Ok((e, self.path(ino)?))) {
            Ok(found) => found,
            Err(e) => return reply.error(e),
        };
        for (i, e) in entries.iter().enumerate().skip(offset as usize) {
            // The kernel ignores the attributes of "." and ".."; a name whose stat fails
            // goes out without attributes (id 0), as a plain listing would show it.
            let attr = if is_dot(&e.name) {
                bare_attr(e.ino, e.kind)
            } else {
                let path = Self::child(&dir, &e.name);
                match self.stat(&path) {
                    Ok(st) => attr(self.intern(key(&st), || path), &st),
                    Err(_) => bare_attr(0, e.kind),
                }
            };
            let full = reply.add(
                attr.ino,
                i as u64 + 1,
                &e.name,
                &self.opts.ttl,
                &attr,
                Generation(0),
            );
            if full {
                break;
            }
        }
        reply.ok();
    }

    fn releasedir(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        _flags: OpenFlags,
        reply: ReplyEmpty,
    ) {
        let _op = self.enter(Op::Releasedir);
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&fh.0);
        reply.ok();
    }

    fn fsyncdir(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        let _op = self.enter(Op::Fsyncdir);
        reply.ok();
    }

    #[allow(clippy::unnecessary_cast)] // the field types differ between targets
    fn statfs(&self, _req: &Request, _ino: INodeNo, reply: ReplyStatfs) {
        let _op = self.enter(Op::Statfs);
        match fstatvfs(&self.root) {
            Ok(s) => reply.statfs(
                s.f_blocks as u64,
                s.f_bfree as u64,
                s.f_bavail as u64,
                s.f_files as u64,
                s.f_ffree as u64,
                s.f_bsize as u32,
                s.f_namemax as u32,
                s.f_frsize as u32,
            ),
            Err(e) => reply.error(errno(e)),
        }
    }

    fn getxattr(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _name: &OsStr,
        _size: u32,
        reply: ReplyXattr,
    ) {
        let _op = self.enter(Op::Getxattr);
        reply.error(Errno::NO_XATTR);
    }

    fn listxattr(&self, _req: &Request, _ino: INodeNo, size: u32, reply: ReplyXattr) {
        let _op = self.enter(Op::Listxattr);
        if size == 0 {
            reply.size(0);
        } else {
            reply.data(&[]);
        }
    }

    fn access(&self, _req: &Request, _ino: INodeNo, mask: AccessFlags, reply: ReplyEmpty) {
        let _op = self.enter(Op::Access);
        if mask.contains(AccessFlags::W_OK) {
            reply.error(Errno::EROFS);
        } else {
            reply.ok();
        }
    }
}
