//! An in-memory `Fs` for tests that injects faults: errors on chosen operations,
//! entries that vanish or change type after listing, and short listings.

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::future::Future;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use crate::fs::{Fs, ListedType, RawEntry, StatType};

/// What a path is in the fake tree.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Dir,
    File,
    /// A FIFO, socket or device.
    Other,
    /// A symlink to an absolute path.
    Link(PathBuf),
}

/// The operations a fault can hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Open,
    List,
    Stat,
}

struct Fault {
    op: Op,
    path: PathBuf,
    errno: i32,
    /// How many more times it fires.
    left: usize,
}

/// A directory held open: counted, so tests can bound the open directories.
#[derive(Debug)]
pub(crate) struct FakeDir {
    path: PathBuf,
    open: Arc<OpenCount>,
}

impl Drop for FakeDir {
    fn drop(&mut self) {
        self.open.now.fetch_sub(1, Ordering::Relaxed);
    }
}

#[derive(Debug, Default)]
struct OpenCount {
    now: AtomicUsize,
    most: AtomicUsize,
}

/// The fake filesystem: a tree of absolute paths plus the faults to inject.
/// Every operation yields once before it answers, so that the walk's futures
/// interleave on one thread as they do on an io_uring ring.
#[derive(Default)]
pub(crate) struct FakeFs {
    nodes: BTreeMap<PathBuf, Node>,
    /// Listed with this type although the tree says otherwise (changed after listing).
    listed_as: HashMap<PathBuf, ListedType>,
    /// Listed although not in the tree (vanished after listing).
    ghosts: BTreeMap<PathBuf, ListedType>,
    /// Listings of these directories stop after so many entries.
    short: HashMap<PathBuf, usize>,
    faults: Mutex<Vec<Fault>>,
    open: Arc<OpenCount>,
    opens: Mutex<HashMap<PathBuf, usize>>,
}

impl FakeFs {
    /// A tree holding `root` (which must exist on disk: roots are canonicalized
    /// by the real filesystem) and `files` (paths relative to it, `/`-separated;
    /// a trailing `/` makes a directory).
    pub(crate) fn new(root: &Path, files: &[&str]) -> Self {
        let mut fs = FakeFs::default();
        fs.add(root.to_path_buf(), Node::Dir);
        for file in files {
            let path = root.join(file.trim_end_matches('/'));
            let node = if file.ends_with('/') {
                Node::Dir
            } else {
                Node::File
            };
            fs.add(path, node);
        }
        fs
    }

    /// Adds `node` at `path`, and its missing parent directories.
    pub(crate) fn add(&mut self, path: PathBuf, node: Node) {
        for parent in path.ancestors().skip(1) {
            self.nodes.entry(parent.to_path_buf()).or_insert(Node::Dir);
        }
        self.nodes.insert(path, node);
    }

    /// `op` on `path` fails with `errno` the next `times` times.
    pub(crate) fn fail(&self, op: Op, path: PathBuf, errno: i32, times: usize) {
        let fault = Fault {
            op,
            path,
            errno,
            left: times,
        };
        self.faults.lock().unwrap().push(fault);
    }

    /// The listing shows `path` as `dtype`, whatever it is now.
    pub(crate) fn listed_as(&mut self, path: PathBuf, dtype: ListedType) {
        self.listed_as.insert(path, dtype);
    }

    /// The listing shows `path` as `dtype`, but it is gone.
    pub(crate) fn ghost(&mut self, path: PathBuf, dtype: ListedType) {
        self.ghosts.insert(path, dtype);
    }

    /// Listings of `dir` end after `entries` entries.
    pub(crate) fn short(&mut self, dir: PathBuf, entries: usize) {
        self.short.insert(dir, entries);
    }

    /// The most directories open at once so far.
    pub(crate) fn most_open(&self) -> usize {
        self.open.most.load(Ordering::Relaxed)
    }

    /// How often `path` was opened (successfully or not).
    pub(crate) fn opens(&self, path: &Path) -> usize {
        self.opens.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    fn fault(&self, op: Op, path: &Path) -> io::Result<()> {
        let mut faults = self.faults.lock().unwrap();
        let hit = faults
            .iter_mut()
            .find(|f| f.op == op && f.path == path && f.left > 0);
        match hit {
            Some(fault) => {
                fault.left -= 1;
                Err(io::Error::from_raw_os_error(fault.errno))
            }
            None => Ok(()),
        }
    }

    /// The node at `path`, following symlinks (also in the middle of the path).
    fn resolve(&self, path: &Path) -> io::Result<(PathBuf, &Node)> {
        let mut todo: Vec<Component> = path.components().rev().collect();
        let mut at = PathBuf::new();
        let mut links = 0;
        while let Some(part) = todo.pop() {
            match part {
                Component::ParentDir => {
                    at.pop();
                }
                Component::CurDir => {}
                other => at.push(other),
            }
            match self.nodes.get(&at) {
                None => return Err(errno(rustix::io::Errno::NOENT)),
                Some(Node::Link(target)) => {
                    links += 1;
                    if links > 40 {
                        return Err(errno(rustix::io::Errno::LOOP));
                    }
                    todo.extend(target.components().rev());
                    at = PathBuf::new();
                }
                Some(Node::Dir) => {}
                Some(_) if !todo.is_empty() => return Err(errno(rustix::io::Errno::NOTDIR)),
                Some(_) => {}
            }
        }
        let node = self.nodes.get(&at).expect("resolved to a node");
        Ok((at, node))
    }

    fn open(&self, path: PathBuf) -> io::Result<FakeDir> {
        *self.opens.lock().unwrap().entry(path.clone()).or_default() += 1;
        self.fault(Op::Open, &path)?;
        match self.resolve(&path)? {
            (_, Node::Dir) => {
                let now = self.open.now.fetch_add(1, Ordering::Relaxed) + 1;
                self.open.most.fetch_max(now, Ordering::Relaxed);
                Ok(FakeDir {
                    path,
                    open: self.open.clone(),
                })
            }
            _ => Err(errno(rustix::io::Errno::NOTDIR)),
        }
    }

    fn list_now(&self, dir: &FakeDir) -> io::Result<Vec<RawEntry>> {
        self.fault(Op::List, &dir.path)?;
        let (real, _) = self.resolve(&dir.path)?;
        let child = |path: &PathBuf| path.parent() == Some(real.as_path());
        let mut entries: Vec<(OsString, ListedType)> = self
            .nodes
            .iter()
            .filter(|(path, _)| child(path))
            .map(|(path, node)| {
                let dtype = self.listed_as.get(path).copied().unwrap_or(match node {
                    Node::Dir => ListedType::Dir,
                    Node::File => ListedType::File,
                    Node::Other => ListedType::Other,
                    Node::Link(_) => ListedType::Symlink,
                });
                (path.file_name().unwrap().to_os_string(), dtype)
            })
            .collect();
        let ghosts = self.ghosts.iter().filter(|(path, _)| child(path));
        entries.extend(ghosts.map(|(path, dtype)| (path.file_name().unwrap().into(), *dtype)));
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(&n) = self.short.get(&real) {
            entries.truncate(n);
        }
        let entries = entries.into_iter();
        Ok(entries
            .map(|(name, dtype)| RawEntry { name, dtype })
            .collect())
    }

    fn kind_now(&self, dir: &FakeDir, rel: &OsStr) -> io::Result<StatType> {
        let path = dir.path.join(rel);
        self.fault(Op::Stat, &path)?;
        Ok(match self.resolve(&path)?.1 {
            Node::Dir => StatType::Dir,
            Node::File => StatType::File,
            Node::Other => StatType::Other,
            Node::Link(_) => unreachable!("resolve follows links"),
        })
    }
}

fn errno(code: rustix::io::Errno) -> io::Error {
    io::Error::from_raw_os_error(code.raw_os_error())
}

/// Pending once (waking itself), then ready.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl Fs for FakeFs {
    type Dir = FakeDir;

    async fn open_root(&self, path: &Path, _list: bool) -> io::Result<FakeDir> {
        YieldOnce(false).await;
        self.open(path.to_path_buf())
    }

    async fn open_dir(&self, parent: &FakeDir, name: &OsStr) -> io::Result<FakeDir> {
        YieldOnce(false).await;
        self.open(parent.path.join(name))
    }

    async fn list(&self, dir: &FakeDir) -> io::Result<Vec<RawEntry>> {
        YieldOnce(false).await;
        self.list_now(dir)
    }

    async fn kind(&self, dir: &FakeDir, rel: &OsStr) -> io::Result<StatType> {
        YieldOnce(false).await;
        self.kind_now(dir, rel)
    }
}
