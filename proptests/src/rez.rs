//! Runs real rez through `tools/rez_enumerate.py` and parses its JSON lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::ModelOptions;
use crate::record::{Fmt, Kind, Record};

/// The Python with rez 3.4.0 to run: `$PYRER_REZ_PYTHON`, else the
/// workspace's `.venv/bin/python`. `Err` says why there is none.
pub fn python() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("PYRER_REZ_PYTHON") {
        return Ok(PathBuf::from(p));
    }
    let venv = crate::workspace_root().join(".venv/bin/python");
    if venv.exists() {
        Ok(venv)
    } else {
        Err(format!(
            "PYRER_REZ_PYTHON is unset and {} does not exist (run tools/venv.sh)",
            venv.display()
        ))
    }
}

/// `tools/rez_enumerate.py` in the workspace.
pub fn script() -> PathBuf {
    crate::workspace_root().join("tools/rez_enumerate.py")
}

/// What rez printed for one run.
#[derive(Debug, Default)]
pub struct RezOutput {
    /// One record per package line.
    pub records: Vec<Record>,
    /// One per `{"error": ...}` line.
    pub errors: Vec<RezError>,
}

/// Where rez raised.
#[derive(Debug, Clone)]
pub struct RezError {
    /// Index of the root.
    pub root: usize,
    /// The family whose `iter_packages` raised; `None` when the repository
    /// itself could not be constructed or listed.
    pub family: Option<Vec<u8>>,
    /// The line as printed.
    pub line: String,
}

/// Runs rez over `roots` with settings `o`.
pub fn enumerate(python: &Path, roots: &[PathBuf], o: &ModelOptions) -> Result<RezOutput, String> {
    let mut cmd = Command::new(python);
    cmd.arg(script());
    if o.check_package_definition_files {
        cmd.arg("--check-package-files");
    }
    cmd.arg("--package-filenames")
        .arg(o.package_filenames.join(","));
    if !o.allow_unversioned_packages {
        cmd.arg("--no-allow-unversioned");
    }
    if o.disable_pkg_ignore {
        cmd.arg("--disable-pkg-ignore");
    }
    if let Some(lock) = &o.file_lock_dir {
        cmd.arg("--file-lock-dir").arg(lock);
    }
    cmd.arg("--");
    cmd.args(roots);
    cmd.env("PYTHONHASHSEED", "0");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    let stdout =
        String::from_utf8(out.stdout).map_err(|e| format!("rez output is not UTF-8: {e}"))?;
    // Exit status 1 means "some error records were printed".
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "{cmd:?} exited with {}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut result = RezOutput::default();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let value = parse(line).map_err(|e| format!("bad JSON line {line:?}: {e}"))?;
        let Json::Obj(obj) = value else {
            return Err(format!("JSON line is not an object: {line:?}"));
        };
        if let Some(err) = obj.get("error") {
            let Json::Obj(err) = err else {
                return Err(format!("error is not an object: {line:?}"));
            };
            let root = match err.get("root") {
                Some(Json::Num(n)) => n.parse().map_err(|_| format!("bad root in {line:?}"))?,
                _ => return Err(format!("error without root: {line:?}")),
            };
            let family = match err.get("family") {
                Some(Json::Str(f)) => Some(f.clone()),
                _ => None,
            };
            result.errors.push(RezError {
                root,
                family,
                line: line.to_string(),
            });
            continue;
        }
        result
            .records
            .push(record(&obj).map_err(|e| format!("bad record {line:?}: {e}"))?);
    }
    Ok(result)
}

fn record(obj: &BTreeMap<String, Json>) -> Result<Record, String> {
    let field = |k: &str| obj.get(k).ok_or_else(|| format!("no {k:?}"));
    let string = |k: &str| match field(k)? {
        Json::Str(s) => Ok(s.clone()),
        other => Err(format!("{k:?} is {other:?}, not a string")),
    };
    let opt_string = |k: &str| match field(k)? {
        Json::Null => Ok(None),
        Json::Str(s) => Ok(Some(s.clone())),
        other => Err(format!("{k:?} is {other:?}, not a string or null")),
    };
    let root = match field("root")? {
        Json::Num(n) => n.parse().map_err(|_| format!("bad root {n}"))?,
        other => return Err(format!("root is {other:?}")),
    };
    let kind = match string("kind")?.as_slice() {
        b"versioned" => Kind::Versioned,
        b"unversioned" => Kind::Unversioned,
        b"combined" => Kind::Combined,
        k => return Err(format!("unknown kind {:?}", String::from_utf8_lossy(k))),
    };
    let format = match opt_string("format")?.as_deref() {
        None => None,
        Some(b"py") => Some(Fmt::Py),
        Some(b"yaml") => Some(Fmt::Yaml),
        Some(f) => return Err(format!("unknown format {:?}", String::from_utf8_lossy(f))),
    };
    Ok(Record {
        root,
        family: string("family")?,
        kind,
        version: opt_string("version")?,
        path: string("path")?,
        format,
    })
}

// ---- a minimal JSON reader ------------------------------------------------------------

/// A JSON value. Strings are bytes: `\udcXX` (XX >= 0x80) lone surrogates are
/// the raw bytes Python's `os.fsdecode` escaped, everything else is UTF-8.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string, as bytes.
    Str(Vec<u8>),
    /// An array.
    Arr(Vec<Json>),
    /// An object.
    Obj(BTreeMap<String, Json>),
}

/// Parses one JSON document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("trailing characters at {}", p.i));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected {:?} at {}", c as char, self.i))
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, String> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(format!("bad literal at {}", self.i))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.peek().ok_or("unexpected end")? {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => Ok(Json::Str(self.string()?)),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Arr(items));
                        }
                        _ => return Err(format!("bad array at {}", self.i)),
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut obj = BTreeMap::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Json::Obj(obj));
                }
                loop {
                    self.ws();
                    let key = String::from_utf8_lossy(&self.string()?).into_owned();
                    self.expect(b':')?;
                    let v = self.value()?;
                    obj.insert(key, v);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Obj(obj));
                        }
                        _ => return Err(format!("bad object at {}", self.i)),
                    }
                }
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                while self.peek().is_some_and(|c| {
                    c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
                }) {
                    self.i += 1;
                }
                Ok(Json::Num(
                    String::from_utf8_lossy(&self.s[start..self.i]).into_owned(),
                ))
            }
            c => Err(format!("unexpected {:?} at {}", c as char, self.i)),
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
        let text = std::str::from_utf8(digits).map_err(|e| e.to_string())?;
        let n = u32::from_str_radix(text, 16).map_err(|e| e.to_string())?;
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<Vec<u8>, String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            let c = self.peek().ok_or("unterminated string")?;
            self.i += 1;
            match c {
                b'"' => return Ok(out),
                b'\\' => {
                    let e = self.peek().ok_or("unterminated escape")?;
                    self.i += 1;
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => return Err(format!("bad escape at {}", self.i)),
                    };
                    if let Some(b) = simple {
                        out.push(b);
                        continue;
                    }
                    let u = self.hex4()?;
                    let ch = match u {
                        // os.fsdecode's surrogateescape: one raw byte.
                        0xDC80..=0xDCFF => {
                            out.push((u - 0xDC00) as u8);
                            continue;
                        }
                        0xD800..=0xDBFF => {
                            if !self.s[self.i..].starts_with(b"\\u") {
                                return Err("lone high surrogate".into());
                            }
                            self.i += 2;
                            let lo = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&lo) {
                                return Err("bad surrogate pair".into());
                            }
                            0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                        }
                        0xDC00..=0xDFFF => return Err("lone low surrogate below 0xDC80".into()),
                        u => u,
                    };
                    let ch = char::from_u32(ch).ok_or("bad code point")?;
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                c => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings() {
        let v = parse(
            r#"{"a": "caf\udce9", "b": "na\u00efve", "c": null, "d": 12, "e": "\ud83d\ude00"}"#,
        )
        .unwrap();
        let Json::Obj(o) = v else { panic!() };
        assert_eq!(o["a"], Json::Str(b"caf\xe9".to_vec()));
        assert_eq!(o["b"], Json::Str("naïve".as_bytes().to_vec()));
        assert_eq!(o["c"], Json::Null);
        assert_eq!(o["d"], Json::Num("12".into()));
        assert_eq!(o["e"], Json::Str("😀".as_bytes().to_vec()));
    }
}
