//! Parser of the token stream: a module of `NAME = literal` statements only.

use crate::lexer::Token;
use crate::NotStatic;

/// A literal value: a str, a decimal int, or a list of literals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    Str(&'a str),
    Int(&'a str),
    List(Vec<Value<'a>>),
}

/// Lists deeper than this are refused: the schema needs at most a list of
/// lists (`variants`), and the bound keeps the recursion small.
const MAX_DEPTH: usize = 2;

fn unsupported(what: impl Into<String>) -> NotStatic {
    NotStatic::Unsupported(what.into())
}

/// The module's assignments in source order (duplicates are kept; the schema
/// refuses them).
pub(crate) fn parse_module<'a>(
    tokens: &[Token<'a>],
) -> Result<Vec<(&'a str, Value<'a>)>, NotStatic> {
    let mut parser = Parser { tokens, pos: 0 };
    let mut statements = Vec::new();
    while parser.pos < tokens.len() {
        // One statement: NAME '=' literal NEWLINE. Anything else (a bare
        // expression, `a = b = 1`, a call, a keyword statement) is refused.
        let Some(Token::Name(key)) = parser.next() else {
            return Err(unsupported("statement other than NAME = literal"));
        };
        if parser.next() != Some(Token::Assign) {
            return Err(unsupported(format!(
                "statement starting with {key:?} is not an assignment"
            )));
        }
        let value = parser.value(0)?;
        if parser.next() != Some(Token::Newline) {
            return Err(unsupported(format!(
                "more than one literal assigned to {key:?}"
            )));
        }
        statements.push((key, value));
    }
    Ok(statements)
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    pos: usize,
}

impl<'a> Parser<'_, 'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let token = self.tokens.get(self.pos).copied();
        self.pos += 1;
        token
    }

    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, NotStatic> {
        match self.next() {
            Some(Token::Str(s)) => Ok(Value::Str(s)),
            Some(Token::Int(n)) => Ok(Value::Int(n)),
            Some(Token::Open) if depth < MAX_DEPTH => self.list(depth + 1),
            Some(Token::Open) => Err(unsupported("list nested too deep")),
            Some(Token::Name(name)) => Err(unsupported(format!("name {name:?} as a value"))),
            _ => Err(unsupported("missing literal")),
        }
    }

    /// The items after `[`: `]`, or items separated by commas, with an optional
    /// trailing comma (`[,]` is a SyntaxError and is refused).
    fn list(&mut self, depth: usize) -> Result<Value<'a>, NotStatic> {
        let mut items = Vec::new();
        loop {
            if self.peek() == Some(Token::Close) {
                self.pos += 1;
                return Ok(Value::List(items));
            }
            items.push(self.value(depth)?);
            match self.next() {
                Some(Token::Comma) => {}
                Some(Token::Close) => return Ok(Value::List(items)),
                _ => return Err(unsupported("list item not followed by , or ]")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Value::*;
    use super::*;
    use crate::lexer::tokenize;

    fn parse(src: &str) -> Result<Vec<(&str, Value<'_>)>, NotStatic> {
        parse_module(&tokenize(src)?)
    }

    #[test]
    fn literals_and_lists() {
        let parsed = parse("a = 'x'\nb = 12\nc = []\nd = [['p', 'q',], []]\ne = ['r',]\n").unwrap();
        assert_eq!(
            parsed,
            vec![
                ("a", Str("x")),
                ("b", Int("12")),
                ("c", List(vec![])),
                (
                    "d",
                    List(vec![List(vec![Str("p"), Str("q")]), List(vec![])])
                ),
                ("e", List(vec![Str("r")])),
            ]
        );
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse("# only a comment\n\n").unwrap(), vec![]);
    }

    #[test]
    fn refuses_other_statements_and_expressions() {
        for src in [
            "'docstring'\n",
            "a\n",
            "a = b = 1\n",
            "a = 'x' 'y'\n",  // implicit concatenation
            "a = 'x', 'y'\n", // tuple
            "a = [,]\n",
            "a = ['x' 'y']\n",
            "a = ['x',,]\n",
            "a = [[['x']]]\n",
            "a = True\n",
            "a = None\n",
            "a = x\n",
            "a = []\n[]\n",
            "a = 1 1\n",
            "a =\n",
            "import os\n",
            "def commands\n",
            "if x\n",
            "name = 'a'\nrequires = ['b'\n, 'c']\nc = 'x' if 1 else 'y'\n",
        ] {
            assert!(parse(src).is_err(), "{src:?}");
        }
    }
}
