//! Bytes to text as CPython reads a source file: BOM, coding declaration, UTF-8, newlines.

use std::borrow::Cow;

use crate::error::{NotStatic, Reason};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// The file's text as CPython's tokenizer sees it, or why the reader cannot say.
///
/// * A UTF-8 BOM is dropped. A coding declaration (PEP 263: a comment on
///   line 1 or 2 matching `coding[:=]NAME`) must name a codec Python takes as
///   UTF-8; any other codec is refused rather than modelled. Lines that only
///   look like one to a looser reading are held to the same rule, which never
///   refuses wrongly: UTF-8 is also CPython's default.
/// * The bytes must be valid UTF-8 (CPython's error otherwise).
/// * No NUL (a ValueError or SyntaxError for CPython) and no other C0 control
///   byte but tab, LF, CR and form feed, nor DEL: the parser and CPython's
///   tokenizer may disagree on them, so they are refused.
/// * CRLF and lone CR read as LF, as CPython translates them, inside string
///   literals too (files served over Samba).
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, NotStatic> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Some(&byte) = bytes
        .iter()
        .find(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
    {
        return Err(NotStatic::new(
            Reason::Encoding,
            format!("control byte 0x{byte:02x}"),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|err| NotStatic::new(Reason::Encoding, format!("not UTF-8: {err}")))?;
    for line in text.split(['\n', '\r']).take(2) {
        if let Some(codec) = declared_codec(line) {
            if !is_utf8(codec) {
                return Err(NotStatic::new(
                    Reason::Encoding,
                    format!("coding declaration {codec:?}"),
                ));
            }
        }
    }
    Ok(match text.contains('\r') {
        true => Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
        false => Cow::Borrowed(text),
    })
}

/// The codec a line declares, by CPython's pattern
/// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn declared_codec(line: &str) -> Option<&str> {
    let rest = line
        .trim_start_matches([' ', '\t', '\x0c'])
        .strip_prefix('#')?;
    let mut search = rest;
    loop {
        let at = search.find("coding")?;
        let after = &search[at + "coding".len()..];
        if let Some(value) = after.strip_prefix([':', '=']) {
            let value = value.trim_start_matches([' ', '\t']);
            let end = value
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
                .unwrap_or(value.len());
            if end > 0 {
                return Some(&value[..end]);
            }
        }
        search = after;
    }
}

/// Whether CPython reads a file declaring `codec` as UTF-8: its tokenizer
/// normalises `utf-8` and `utf-8-*` (case and `_` folded), and Python's codec
/// registry knows `utf8` and `u8` as aliases.
fn is_utf8(codec: &str) -> bool {
    let normal = codec.to_ascii_lowercase().replace('_', "-");
    matches!(normal.as_str(), "utf-8" | "utf8" | "u8") || normal.starts_with("utf-8-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_as_cpython_reads_it() {
        assert_eq!(decode(b"x = 1\n").unwrap(), "x = 1\n");
        assert_eq!(decode(b"\xef\xbb\xbfx = 1\n").unwrap(), "x = 1\n");
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert_eq!(
            decode("x = 'caf\u{e9}'\n".as_bytes()).unwrap(),
            "x = 'caf\u{e9}'\n"
        );
        for ok in [
            &b"# -*- coding: utf-8 -*-\n"[..],
            b"#!/usr/bin/env python\n# vim: set fileencoding=UTF_8 :\n",
            b"# coding=utf8\n",
            b"# coding: utf-8-sig\n",
            b"\xef\xbb\xbf# coding: utf-8\n",
            b"x = 1\n\n# coding: latin-1\n",
        ] {
            assert!(decode(ok).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn refuses_what_cpython_decodes_otherwise_or_rejects() {
        for bad in [
            &b"# -*- coding: latin-1 -*-\nx = '\xe9'\n"[..],
            b"\n# coding: ascii\n",
            b"# coding: utf8-foo\n",
            b"x = '\xff'\n",
            b"x = 1\x00\n",
            b"x = '\x1b'\n",
            b"x = '\x7f'\n",
        ] {
            assert_eq!(
                decode(bad).map_err(|e| e.kind()),
                Err(Reason::Encoding),
                "{bad:?}"
            );
        }
    }
}
