//! Reading package files through the read queue, and reading them statically.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use pyrer_reader::{quiet, PythonVersion};
use pyrer_scanner::Format;

use crate::index::{Entry, Read};
use crate::queue::ReadQueue;
use crate::reasons;
use crate::stats::Stats;

/// Reads the entries `wanted` that are not read yet, on the queue's `now` lane,
/// and reads each statically with `python`'s grammar.
pub fn read_entries(
    queue: &ReadQueue,
    python: PythonVersion,
    entries: &mut [Entry],
    wanted: &[usize],
) -> Stats {
    let todo: Vec<usize> = wanted
        .iter()
        .copied()
        .filter(|&i| entries[i].read.is_none())
        .collect();
    let mut stats = Stats::default();
    if todo.is_empty() {
        return stats;
    }
    let jobs: Vec<Job> = todo
        .iter()
        .map(|&i| Job {
            family: entries[i].family.clone(),
            version: entries[i].version.clone(),
            path: entries[i].path.clone(),
            format: entries[i].format,
        })
        .collect();
    let began = Instant::now();
    let python = Arc::new(python);
    let done = queue.map(jobs, move |job| read_one(&job, *python));
    stats.read = began.elapsed();
    for (i, result) in todo.into_iter().zip(done) {
        let (read, parse) = result.unwrap_or((Read::Rez(reasons::READER_PANIC), None));
        if let Some(parse) = parse {
            stats.files_read += 1;
            stats.static_parse += parse;
        }
        if matches!(read, Read::Static(_)) {
            stats.static_reads += 1;
        }
        entries[i].read = Some(read);
    }
    stats
}

/// What a read job needs of an entry (owned: jobs outlive the caller's borrow).
struct Job {
    family: String,
    version: String,
    path: PathBuf,
    format: Option<Format>,
}

/// One file read and statically read, and the time the static read took
/// (None: no file was read).
fn read_one(job: &Job, python: PythonVersion) -> (Read, Option<Duration>) {
    if job.format != Some(Format::Py) {
        return (Read::Rez(reasons::FORMAT), None);
    }
    let Ok(bytes) = std::fs::read(&job.path) else {
        return (Read::Rez(reasons::UNREADABLE), None);
    };
    let began = Instant::now();
    let parsed = quiet::catch(|| {
        pyrer_reader::read_in_repository(&bytes, &job.family, &job.version, python, || {
            pyrer_reader::old_format_beside(&job.path)
        })
    });
    let read = match parsed {
        Ok(Ok(package)) => Read::Static(package),
        Ok(Err(refused)) => Read::Rez(refused.reason()),
        // A reader panic is a bug, but rez's load is still the answer.
        Err(_) => Read::Rez(reasons::READER_PANIC),
    };
    (read, Some(began.elapsed()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const PY: PythonVersion = PythonVersion {
        major: 3,
        minor: 11,
    };

    fn entry(path: PathBuf, format: Option<Format>) -> Entry {
        Entry {
            family: "foo".into(),
            root: 0,
            version: "1.0".into(),
            path,
            format,
            read: None,
        }
    }

    #[test]
    fn static_files_are_read_and_the_rest_goes_to_rez_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let (plain, code, yaml) = (
            dir.path().join("a.py"),
            dir.path().join("b.py"),
            dir.path().join("c.yaml"),
        );
        fs::write(&plain, "name = 'foo'\nrequires = ['bar-1+']\n").unwrap();
        fs::write(&code, "name = 'foo'\nrequires = [x for x in 'ab']\n").unwrap();
        fs::write(&yaml, "name: foo\n").unwrap();
        let mut entries = vec![
            entry(plain, Some(Format::Py)),
            entry(code, Some(Format::Py)),
            entry(yaml, Some(Format::Yaml)),
            entry(dir.path().join("missing.py"), Some(Format::Py)),
        ];
        let queue = ReadQueue::new(2);
        let stats = read_entries(&queue, PY, &mut entries, &[0, 1, 2, 3]);
        assert_eq!((stats.files_read, stats.static_reads), (2, 1));
        match &entries[0].read {
            Some(Read::Static(p)) => assert_eq!(p.requires, vec!["bar-1+".to_string()]),
            _ => panic!("a literal file is read statically"),
        }
        assert!(matches!(entries[1].read, Some(Read::Rez(r)) if r == "expression"));
        assert!(matches!(entries[2].read, Some(Read::Rez(reasons::FORMAT))));
        assert!(matches!(
            entries[3].read,
            Some(Read::Rez(reasons::UNREADABLE))
        ));
    }

    #[test]
    fn only_wanted_entries_not_yet_read_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.py");
        fs::write(&path, "name = 'foo'\n").unwrap();
        let mut entries = vec![
            entry(path.clone(), Some(Format::Py)),
            entry(path, Some(Format::Py)),
        ];
        let queue = ReadQueue::new(2);
        assert_eq!(read_entries(&queue, PY, &mut entries, &[1]).files_read, 1);
        assert!(entries[0].read.is_none());
        assert_eq!(
            read_entries(&queue, PY, &mut entries, &[0, 1]).files_read,
            1
        );
        assert_eq!(
            read_entries(&queue, PY, &mut entries, &[0, 1]).files_read,
            0
        );
    }
}
