//! Byte-level gate: only printable ASCII and LF or CRLF, with at most a utf-8 coding cookie.

use std::borrow::Cow;

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

/// Returns the source as text if every byte is printable ASCII or a line end,
/// LF or CRLF (a file served by Samba); CRLF is read as LF, as Python's
/// tokenizer reads it.
///
/// This one rule keeps out everything whose meaning depends on Python's
/// decoding or line handling: non-UTF-8 and non-ASCII bytes, a BOM, a CR not
/// before LF (old-Mac line ends), tabs and form feeds (indentation rules), NUL.
/// With only ASCII, the codec of an allowed cookie cannot change the text.
pub(crate) fn ascii_source(source: &[u8]) -> Result<Cow<'_, str>, NotStatic> {
    let line_end = |i: usize| match source[i] {
        b'\n' => true,
        b'\r' => source.get(i + 1) == Some(&b'\n'),
        _ => false,
    };
    if let Some(i) =
        (0..source.len()).find(|&i| !line_end(i) && !(0x20..=0x7e).contains(&source[i]))
    {
        return Err(NotStatic::Unsupported(format!(
            "byte 0x{:02x} (only printable ASCII, LF and CRLF)",
            source[i]
        )));
    }
    // Checked above: every byte is ASCII.
    let text = std::str::from_utf8(source).expect("ASCII is UTF-8");
    let text = match text.contains('\r') {
        true => Cow::Owned(text.replace("\r\n", "\n")),
        false => Cow::Borrowed(text),
    };
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
        // CRLF (Samba) reads as LF, as Python's tokenizer reads it
        assert_eq!(
            ascii_source(b"# coding: utf-8\r\nname = 'a'\r\n").unwrap(),
            "# coding: utf-8\nname = 'a'\n"
        );
    }

    #[test]
    fn rejects_bytes_outside_printable_ascii() {
        for src in [
            &b"name = 'a'\r"[..],
            b"name = 'a'\rx = 1\n",
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
