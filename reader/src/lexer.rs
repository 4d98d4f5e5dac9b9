//! Tokenizer: Python's tokenization restricted to names, plain strings, decimal ints, `[ ] , =`.

use crate::NotStatic;

/// A token of the subset. String and int tokens borrow their exact source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Name(&'a str),
    /// The characters between the quotes: no escapes exist in the subset, so
    /// this is the value Python gives the literal.
    Str(&'a str),
    /// Decimal digits, without sign, underscores or leading zeros.
    Int(&'a str),
    Open,
    Close,
    Comma,
    Assign,
    /// The end of a logical line (Python's NEWLINE token).
    Newline,
}

fn unsupported(what: impl Into<String>) -> NotStatic {
    NotStatic::Unsupported(what.into())
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Tokenizes `src` (printable ASCII and `\n` only, see `text`).
///
/// Mirrors the parts of CPython's tokenizer the subset needs and refuses
/// everything else: a logical line must start at column 0 (blank and
/// comment-only lines may be indented, as in Python); newlines inside brackets
/// are ignored; a backslash outside a string must end its line, follow a token
/// of the same logical line and be followed by a token on the next line (the
/// shapes that Python joins); backslashes inside strings and triple quotes are
/// refused rather than evaluated.
pub(crate) fn tokenize(src: &str) -> Result<Vec<Token<'_>>, NotStatic> {
    let b = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line_start = 0; // first byte of the current physical line
    let mut depth = 0usize; // open brackets
    let mut in_line = false; // the current logical line has a token
    let mut joined = false; // a backslash joined this line to the previous one
    while i < b.len() {
        match b[i] {
            b' ' => {
                i += 1;
                continue;
            }
            b'\n' => {
                if joined {
                    return Err(unsupported("backslash continuation into a blank line"));
                }
                if depth == 0 && in_line {
                    tokens.push(Token::Newline);
                    in_line = false;
                }
                i += 1;
                line_start = i;
                continue;
            }
            b'#' => {
                if joined {
                    return Err(unsupported("backslash continuation into a comment"));
                }
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n);
                continue;
            }
            b'\\' => {
                if b.get(i + 1) != Some(&b'\n') {
                    return Err(unsupported("backslash not at the end of a line"));
                }
                if !in_line || joined {
                    return Err(unsupported("backslash continuation without a token"));
                }
                i += 2;
                line_start = i;
                joined = true;
                continue;
            }
            _ => {}
        }
        // A token starts at `i`.
        if !in_line {
            if i != line_start {
                return Err(unsupported("indented statement"));
            }
            in_line = true;
        }
        joined = false;
        let c = b[i];
        match c {
            b'\'' | b'"' => {
                if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c) {
                    return Err(unsupported("triple-quoted string"));
                }
                let start = i + 1;
                let len = b[start..]
                    .iter()
                    .position(|&x| x == c || x == b'\\' || x == b'\n')
                    .filter(|&n| b[start + n] == c)
                    .ok_or_else(|| unsupported("string with a backslash or unterminated"))?;
                tokens.push(Token::Str(&src[start..start + len]));
                i = start + len + 1;
            }
            c if is_name_start(c) => {
                let start = i;
                while i < b.len() && is_name_char(b[i]) {
                    i += 1;
                }
                if matches!(b.get(i), Some(b'\'' | b'"')) {
                    return Err(unsupported("string prefix"));
                }
                tokens.push(Token::Name(&src[start..i]));
            }
            c if c.is_ascii_digit() => {
                // Python reads the whole run (floats, 0x, 1_000, 1e5, 1j):
                // only a plain decimal int is kept.
                let start = i;
                while i < b.len() && (is_name_char(b[i]) || b[i] == b'.') {
                    i += 1;
                }
                let digits = &src[start..i];
                let decimal = digits.bytes().all(|d| d.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'));
                if !decimal {
                    return Err(unsupported(format!("number {digits:?}")));
                }
                tokens.push(Token::Int(digits));
            }
            b'[' => {
                depth += 1;
                tokens.push(Token::Open);
                i += 1;
            }
            b']' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| unsupported("unbalanced ]"))?;
                tokens.push(Token::Close);
                i += 1;
            }
            b',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            b'=' => {
                if b.get(i + 1) == Some(&b'=') {
                    return Err(unsupported("=="));
                }
                tokens.push(Token::Assign);
                i += 1;
            }
            other => return Err(unsupported(format!("character {:?}", other as char))),
        }
    }
    if joined {
        return Err(unsupported("backslash continuation at end of file"));
    }
    if depth != 0 {
        return Err(unsupported("unclosed ["));
    }
    if in_line {
        tokens.push(Token::Newline);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::Token::*;
    use super::*;

    #[test]
    fn tokens_of_a_benchmark_file() {
        let src = "# -*- coding: utf-8 -*-\n\nname = 'brace'\n\nvariants = \\\n    \
                   [['diam-linux',\n      'wave-2.7']]\n\ntimestamp = 1600129463\n";
        assert_eq!(
            tokenize(src).unwrap(),
            vec![
                Name("name"),
                Assign,
                Str("brace"),
                Newline,
                Name("variants"),
                Assign,
                Open,
                Open,
                Str("diam-linux"),
                Comma,
                Str("wave-2.7"),
                Close,
                Close,
                Newline,
                Name("timestamp"),
                Assign,
                Int("1600129463"),
                Newline,
            ]
        );
    }

    #[test]
    fn layout_python_accepts() {
        // no final newline; indented comment; comments and newlines in brackets;
        // backslash inside brackets and before `=`; empty strings of both kinds
        let src = "a = [ # c\n  'x', # d\n\n]\n   # e\nb \\\n= \"\"\nc = [\\\n'']\nd = 0";
        let tokens = tokenize(src).unwrap();
        assert_eq!(tokens.iter().filter(|t| **t == Newline).count(), 4);
        assert!(tokens.contains(&Str("")));
        assert_eq!(tokens.last(), Some(&Newline));
    }

    #[test]
    fn refuses_what_the_subset_does_not_model() {
        for src in [
            "  a = 1\n",            // indented statement
            "a = 1\n  \\\nb = 1\n", // continuation starting a line
            "\\\na = 1\n",          // continuation before any token
            "a = \\\n\nb = 1\n",    // continuation into a blank line
            "a = \\\n# c\n1\n",     // continuation into a comment
            "a = 1 \\",             // backslash at end of file
            "a = 1 \\\n",           // continuation at end of file
            "a = \\ \n1\n",         // backslash then space
            "a = 'x\\y'\n",         // escape
            "a = 'x\\\ny'\n",       // continuation inside a string
            "a = '''x'''\n",        // triple quotes
            "a = \"\"\"x\"\"\"\n",
            "a = 'x\n",   // unterminated
            "a = r'x'\n", // prefixes
            "a = b'x'\n",
            "a = f'x'\n",
            "a = u'x'\n",
            "a = 01\n", // leading zero (a SyntaxError)
            "a = 1_0\n",
            "a = 1.5\n",
            "a = 1e5\n",
            "a = 0x1\n",
            "a = 1j\n",
            "a = -1\n",
            "a = (1)\n",
            "a = {}\n",
            "a: int = 1\n",
            "a = 1; b = 2\n",
            "a == 1\n",
            "a += [1]\n",
            "a = b.c\n",
            "@early\n",
            "a = [1\n",
            "a = 1]\n",
        ] {
            assert!(tokenize(src).is_err(), "{src:?}");
        }
    }
}
