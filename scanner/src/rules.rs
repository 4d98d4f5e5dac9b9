//! rez's naming rules: valid package names and how a root entry becomes a family
//! (`docs/enumeration.md` ENUM-3.4 to ENUM-3.8).

/// Prefix of the files that hide a version (`.ignore1.0`; ENUM-4.2).
pub(crate) const IGNORE_PREFIX: &str = ".ignore";
/// Prefix of the markers left by an unfinished install (`.building1.0`; ENUM-4.2).
pub(crate) const BUILDING_PREFIX: &str = ".building";
/// The version directory name rez reads as "no version" (ENUM-4.4).
pub(crate) const NO_VERSION: &str = "_NO_VERSION";
/// The stem hard-coded in rez's building-marker and check-mode tests
/// (ENUM-4.2 step 3, ENUM-4.3).
pub(crate) const HARD_CODED_STEM: &str = "package";
/// The root entry rez always skips (ENUM-3.4).
pub(crate) const SETTINGS_FILE: &str = "settings.yaml";

/// rez's `is_valid_package_name`: `^[a-zA-Z_0-9](\.?[a-zA-Z0-9_]+)*\Z` (ASCII only),
/// and not `__pycache__` (ENUM-3.7; EDGE-8, EDGE-9).
pub(crate) fn is_valid_package_name(name: &[u8]) -> bool {
    let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    !name.is_empty()
        && name != b"__pycache__"
        && name
            .split(|c| *c == b'.')
            .all(|run| !run.is_empty() && run.iter().all(word))
}

/// How a root entry can become a family, before its type is known (ENUM-3.5, ENUM-3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RootName<'a> {
    /// The family name if the entry is a directory (ENUM-3.5). A name that is not
    /// UTF-8 never is one (ENUM-3.8).
    pub(crate) as_dir: Option<&'a str>,
    /// The family name and file extension if the entry is not a directory
    /// (Python's `splitext`: the extension starts at the last dot; ENUM-3.6, EDGE-10,
    /// EDGE-12).
    pub(crate) as_combined: Option<(&'a str, crate::Format)>,
}

impl<'a> RootName<'a> {
    pub(crate) fn parse(name: &'a [u8]) -> Self {
        let as_dir = std::str::from_utf8(name)
            .ok()
            .filter(|_| is_valid_package_name(name));
        let as_combined = name.iter().rposition(|c| *c == b'.').and_then(|dot| {
            let (stem, ext) = (&name[..dot], &name[dot + 1..]);
            let format = match ext {
                b"py" => crate::Format::Py,
                b"yaml" => crate::Format::Yaml,
                _ => return None,
            };
            // A valid stem never starts with a dot, so Python's rule that leading
            // dots do not start an extension needs no separate check.
            let stem = std::str::from_utf8(stem).ok()?;
            is_valid_package_name(stem.as_bytes()).then_some((stem, format))
        });
        RootName {
            as_dir,
            as_combined,
        }
    }

    /// True when the entry cannot become a family whatever its type.
    pub(crate) fn is_irrelevant(&self) -> bool {
        self.as_dir.is_none() && self.as_combined.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    #[test]
    fn package_names_follow_the_rez_regex() {
        // ENUM-3.7: the valid names of EDGE-9 and the invalid ones of EDGE-8.
        for ok in [
            "9lives", "_", "_under", "a.b", "dirpy.py", "pkg.tar", "A_1.b2",
        ] {
            assert!(is_valid_package_name(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "",
            "a..b",
            "trail.",
            ".hidden",
            "a-b",
            "naïve",
            "with space",
            "__pycache__",
            ".",
        ] {
            assert!(!is_valid_package_name(bad.as_bytes()), "{bad}");
        }
        assert!(!is_valid_package_name(b"caf\xe9"));
    }

    #[test]
    fn root_names_split_like_python_splitext() {
        // ENUM-3.6: EDGE-12 (`pkg.tar.py`) and the ignored entries of EDGE-10.
        let p = RootName::parse(b"pkg.tar.py");
        assert_eq!(p.as_combined, Some(("pkg.tar", Format::Py)));
        assert_eq!(p.as_dir, Some("pkg.tar.py"));
        assert_eq!(
            RootName::parse(b"c.yaml").as_combined,
            Some(("c", Format::Yaml))
        );
        for none in [
            "x.yml",
            "UPPER.PY",
            ".py",
            "bad-combo.py",
            "a..py",
            "notes.txt",
        ] {
            assert_eq!(RootName::parse(none.as_bytes()).as_combined, None, "{none}");
        }
        assert!(RootName::parse(b"bad-name").is_irrelevant());
    }
}
