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
pub(crate) fn decode(bytes: &[u8]) -> Result<Source<'_>, NotStatic> {
    let bom = bytes.starts_with(BOM);
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
    let source = match text.contains('\r') {
        false => Source {
            text: Cow::Borrowed(text),
            lone_cr: false,
        },
        true => {
            let crlf = text.replace("\r\n", "\n");
            Source {
                lone_cr: crlf.contains('\r'),
                text: Cow::Owned(crlf.replace('\r', "\n")),
            }
        }
    };
    for line in source.text.split('\n').take(2) {
        if let Some(codec) = declared_codec(line) {
            if !is_utf8(codec, bom) {
                return Err(NotStatic::new(
                    Reason::Encoding,
                    format!("coding declaration {codec:?}"),
                ));
            }
        }
    }
    Ok(source)
}

/// A file's text as CPython reads it.
#[derive(Debug, PartialEq)]
pub(crate) struct Source<'a> {
    pub(crate) text: Cow<'a, str>,
    /// Whether the file ends lines with a CR alone (old Mac OS). CPython's
    /// tokenizer reads those as line ends, but Python's `tokenize` module, which
    /// `inspect.getsource` uses, does not: rez then fails to keep a code
    /// attribute's source.
    pub(crate) lone_cr: bool,
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
/// registry knows `utf8` and `u8` as aliases. After a BOM only the normalised
/// name is accepted ("encoding problem: utf8 with BOM").
fn is_utf8(codec: &str, bom: bool) -> bool {
    let normal = codec.to_ascii_lowercase().replace('_', "-");
    let normalised = normal == "utf-8" || normal.starts_with("utf-8-");
    normalised || (!bom && matches!(normal.as_str(), "utf8" | "u8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_as_cpython_reads_it() {
        let text = |bytes: &[u8]| decode(bytes).unwrap().text.into_owned();
        assert_eq!(text(b"x = 1\n"), "x = 1\n");
        assert_eq!(text(b"\xef\xbb\xbfx = 1\n"), "x = 1\n");
        assert_eq!(text(b"a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(text("x = 'caf\u{e9}'\n".as_bytes()), "x = 'caf\u{e9}'\n");
        assert!(decode(b"a\r\nb\rc\n").unwrap().lone_cr);
        assert!(!decode(b"a\r\nb\r\n").unwrap().lone_cr);
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
            b"\xef\xbb\xbf# coding: utf8\n",
            b"\xef\xbb\xbf# coding: u8\n",
            b"#!/bin/python\r\n# coding: utf-7\r\n",
            b"#!/bin/python\r# coding: latin-1\r",
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
