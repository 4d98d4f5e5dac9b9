//! Byte-level gate: only printable ASCII and LF, with at most a utf-8 coding cookie.

use crate::NotStatic;

/// Coding declarations accepted on the first two lines (PEP 263 reads only those).
/// Any other comment there mentioning "coding" may name a codec Python decodes
/// differently, or an unknown one (a SyntaxError), so it is refused.
const COOKIES: &[&str] = &[
    "# -*- coding: utf-8 -*-",
    "# -*- coding: utf8 -*-",
    "# coding: utf-8",
    "# coding: utf8",
    "# coding=utf-8",
    "# coding=utf8",
];

/// Returns the source as text if every byte is printable ASCII or `\n`.
///
/// This one rule keeps out everything whose meaning depends on Python's
/// decoding or line handling: non-UTF-8 and non-ASCII bytes, a BOM, CR (CRLF
/// and old-Mac line ends), tabs and form feeds (indentation rules), NUL. With
/// only ASCII, the codec of an allowed cookie cannot change the text.
pub(crate) fn ascii_source(source: &[u8]) -> Result<&str, NotStatic> {
    if let Some(&byte) = source
        .iter()
        .find(|&&b| b != b'\n' && !(0x20..=0x7e).contains(&b))
    {
        return Err(NotStatic::Unsupported(format!(
            "byte 0x{byte:02x} (only printable ASCII and LF)"
        )));
    }
    // Checked above: every byte is ASCII.
    let text = std::str::from_utf8(source).expect("ASCII is UTF-8");
    for line in text.split('\n').take(2) {
        // Python's cookie pattern: `^[ \t\f]*#.*?coding[:=]` (tabs and form
        // feeds are refused above), so only comment lines can declare one.
        let comment = line.trim_start_matches(' ').starts_with('#');
        if comment && line.contains("coding") && !COOKIES.contains(&line) {
            return Err(NotStatic::Unsupported(format!(
                "coding declaration {line:?}"
            )));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ascii_and_the_utf8_cookie() {
        let src = b"# -*- coding: utf-8 -*-\n\nname = 'a'\n";
        assert_eq!(
            ascii_source(src).unwrap(),
            "# -*- coding: utf-8 -*-\n\nname = 'a'\n"
        );
        assert!(ascii_source(b"# coding=utf8\n").is_ok());
        assert!(ascii_source(b"x = 1\n# -*- coding: utf-8 -*-\n").is_ok());
        // a third line is never a cookie for Python
        assert!(ascii_source(b"\n\n# coding: latin-1\n").is_ok());
        // not a comment, so not a cookie
        assert!(ascii_source(b"name = 'no_coding'\n").is_ok());
    }

    #[test]
    fn rejects_bytes_outside_printable_ascii() {
        for src in [
            &b"name = 'a'\r\n"[..],
            b"\xef\xbb\xbfname = 'a'\n",
            b"name = '\xc3\xa9'\n",
            b"name = '\xff'\n",
            b"\tname = 'a'\n",
            b"name = 'a'\x0c\n",
            b"name = 'a'\x00\n",
            b"name = 'a'\x7f\n",
        ] {
            assert!(ascii_source(src).is_err(), "{src:?}");
        }
    }

    #[test]
    fn rejects_other_coding_declarations() {
        for src in [
            &b"# -*- coding: latin-1 -*-\n"[..],
            b"#!/usr/bin/env python\n# vim: set fileencoding=utf-16 :\n",
            b"# coding: utf-8-sig\n",
            b"#coding:utf-8\n",
            b"   # coding: ascii\n",
        ] {
            assert!(ascii_source(src).is_err(), "{src:?}");
        }
    }
}
