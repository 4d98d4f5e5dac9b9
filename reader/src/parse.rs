//! The module as ruff's parser reads it for the running Python, with CPython's limits.
//!
//! Syntax errors and syntax the target version lacks are kept apart, as
//! `ruff_python_parser::Parsed` keeps them. On top of the parser, this stage
//! refuses what CPython's tokenizer would treat differently from the parser or
//! could not take: nesting beyond [`MAX_BRACKETS`], identifiers that are not
//! ASCII (CPython NFKC-normalises them), `__debug__` (assigning it is a compile
//! error), and form feeds in indentation (CPython resets the column there). Tabs
//! in indentation are the parser's: it compares indentation by columns and by
//! characters as CPython's `TabError` rule does.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{ModModule, PythonVersion};
use ruff_python_parser::{lexer, parse_unchecked, Mode, ParseOptions, Parsed};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{NotStatic, Reason};

/// Deepest bracket nesting read; CPython's tokenizer stops at 200, its parser
/// may stop earlier. Package files nest two or three deep.
const MAX_BRACKETS: usize = 64;

/// Most operator tokens in one logical line. Together with [`MAX_BRACKETS`] this
/// bounds the syntax tree's depth, so that neither this reader's recursion nor
/// dropping the tree can exhaust the stack, and CPython's compiler recursion
/// limits are never near.
const MAX_OPERATORS_PER_LINE: usize = 200;

/// Files up to this size are parsed without lexing them first: their tree is at
/// most this deep, which the stack takes. Larger files are lexed and their
/// nesting checked before the parser builds a tree.
const UNCHECKED_LEN: usize = 4096;

/// The parsed module of `text`, with the parser's tokens.
pub(crate) fn parse(text: &str, python: PythonVersion) -> Result<Parsed<ModModule>, NotStatic> {
    if text.len() > UNCHECKED_LEN {
        let mut lexer = lexer::lex(text, Mode::Module);
        let mut nesting = Nesting::default();
        loop {
            let kind = lexer.next_token();
            if kind == TokenKind::EndOfFile {
                break;
            }
            if nesting.exceeded(kind) {
                return Err(NotStatic::new(Reason::Nesting, Nesting::LIMITS));
            }
        }
    }
    let options = ParseOptions::from(Mode::Module).with_target_version(python);
    let parsed = parse_unchecked(text, options)
        .try_into_module()
        .expect("a module was parsed in module mode");
    if let Some(error) = parsed.errors().first() {
        return Err(NotStatic::at(
            Reason::Syntax,
            error.error.to_string(),
            error.location,
        ));
    }
    if let Some(error) = parsed.unsupported_syntax_errors().first() {
        return Err(NotStatic::at(
            Reason::SyntaxVersion,
            error.to_string(),
            error.range,
        ));
    }
    let mut nesting = Nesting::default();
    for token in parsed.tokens() {
        if nesting.exceeded(token.kind()) {
            return Err(NotStatic::at(
                Reason::Nesting,
                Nesting::LIMITS,
                token.range(),
            ));
        }
        if token.kind() == TokenKind::Name {
            let name = &text[token.range()];
            if !name.is_ascii() {
                return Err(NotStatic::at(
                    Reason::Syntax,
                    "a non-ASCII identifier (CPython normalises it)",
                    token.range(),
                ));
            }
            if name == "__debug__" {
                return Err(NotStatic::at(Reason::Syntax, "__debug__", token.range()));
            }
        }
    }
    indentation(text)?;
    Ok(parsed)
}

/// Bracket depth and operators per logical line, token by token. A call's or
/// subscript's bracket counts as an operator (a chain of them nests).
#[derive(Default)]
struct Nesting {
    brackets: usize,
    operators: usize,
    after_operand: bool,
}

impl Nesting {
    const LIMITS: &'static str = "nested deeper than the reader's limits";

    /// Takes the next token; whether the limits are now exceeded.
    fn exceeded(&mut self, kind: TokenKind) -> bool {
        match kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => self.brackets += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                self.brackets = self.brackets.saturating_sub(1)
            }
            TokenKind::Newline => self.operators = 0,
            _ => {}
        }
        let nests = kind.is_operator()
            && !matches!(
                kind,
                TokenKind::Comma
                    | TokenKind::Semi
                    | TokenKind::Colon
                    | TokenKind::Equal
                    | TokenKind::Rpar
                    | TokenKind::Rsqb
                    | TokenKind::Rbrace
            )
            || matches!(
                kind,
                TokenKind::If
                    | TokenKind::Lambda
                    | TokenKind::Await
                    | TokenKind::Yield
                    | TokenKind::For
                    | TokenKind::FStringStart
                    | TokenKind::TStringStart
            );
        let trailer = self.after_operand && matches!(kind, TokenKind::Lpar | TokenKind::Lsqb);
        self.operators += usize::from(nests && !is_bracket(kind) || trailer);
        self.after_operand = matches!(
            kind,
            TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::String
                | TokenKind::FStringEnd
                | TokenKind::TStringEnd
                | TokenKind::Rpar
                | TokenKind::Rsqb
                | TokenKind::Rbrace
                | TokenKind::None
                | TokenKind::True
                | TokenKind::False
        );
        self.brackets > MAX_BRACKETS || self.operators > MAX_OPERATORS_PER_LINE
    }
}

fn is_bracket(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace)
}

/// Refuses a form feed in the indentation of a line with code on it (CPython's
/// form-feed column rule is not modelled). Lines inside strings are held to it
/// too, which only refuses more.
fn indentation(text: &str) -> Result<(), NotStatic> {
    if !text.contains('\x0c') {
        return Ok(());
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let code = line.trim_start_matches([' ', '\t', '\x0c']);
        let indent = &line[..line.len() - code.len()];
        let blank = code.trim_end().is_empty() || code.starts_with('#');
        if !blank && indent.contains('\x0c') {
            let range = TextRange::at((start as u32).into(), (indent.len() as u32).into());
            return Err(NotStatic::at(
                Reason::Syntax,
                "a form feed in indentation",
                range,
            ));
        }
        start += line.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PY: PythonVersion = PythonVersion::PY311;

    fn kind(text: &str) -> Result<(), Reason> {
        parse(text, PY).map(|_| ()).map_err(|e| e.kind())
    }

    #[test]
    fn syntax_errors_and_limits() {
        assert_eq!(kind("x = [1,\n"), Err(Reason::Syntax));
        assert_eq!(kind("x = 01\n"), Err(Reason::Syntax));
        assert_eq!(kind("  x = 1\n"), Err(Reason::Syntax));
        assert_eq!(kind("x = 1 \\ \ny = 2\n"), Err(Reason::Syntax));
        assert_eq!(kind("caf\u{e9} = 1\n"), Err(Reason::Syntax));
        assert_eq!(kind("def f():\n\t__debug__ = 1\n"), Err(Reason::Syntax));
        assert_eq!(kind("def f():\n\tpass\n"), Ok(()));
        assert_eq!(kind("def f():\n\tif x:\n\t\tpass\n"), Ok(()));
        // one tab against eight spaces: equal columns, unequal characters (TabError)
        assert_eq!(
            kind("def f():\n\tx = 1\n        y = 2\n"),
            Err(Reason::Syntax)
        );
        assert_eq!(kind("x = 1\n\ty = '\t'\n"), Err(Reason::Syntax));
        assert_eq!(kind("def f():\n \x0cpass\n"), Err(Reason::Syntax));
        let deep = format!("x = {}{}\n", "[".repeat(65), "]".repeat(65));
        assert_eq!(kind(&deep), Err(Reason::Nesting));
        let shallow = format!("x = {}{}\n", "[".repeat(64), "]".repeat(64));
        assert_eq!(kind(&shallow), Ok(()));
        let chain = format!("x = 1{}\n", " + 1".repeat(201));
        assert_eq!(kind(&chain), Err(Reason::Nesting));
        assert_eq!(kind("x = 'a\tb'  # tab\n"), Ok(()));
        let calls = format!("x = f{}\n", "()".repeat(201));
        assert_eq!(kind(&calls), Err(Reason::Nesting));
        let variants = format!("variants = [{}]\n", "['a'], ".repeat(1000));
        assert_eq!(kind(&variants), Ok(()));
    }

    #[test]
    fn hostile_nesting_is_refused_before_a_tree_is_built() {
        let brackets = format!("x = {}", "(".repeat(100_000));
        assert_eq!(kind(&brackets), Err(Reason::Nesting));
        let unary = format!("x = {}1\n", "-".repeat(100_000));
        assert_eq!(kind(&unary), Err(Reason::Nesting));
        let nots = format!("x = {}1\n", "not ".repeat(100_000));
        assert_eq!(kind(&nots), Err(Reason::Nesting));
    }

    #[test]
    fn syntax_of_another_python_version() {
        let walrus = "def f():\n    (y := 1)\n";
        assert!(parse(walrus, PythonVersion::PY38).is_ok());
        assert_eq!(
            parse(walrus, PythonVersion::PY37)
                .map(|_| ())
                .map_err(|e| e.kind()),
            Err(Reason::SyntaxVersion)
        );
    }
}
