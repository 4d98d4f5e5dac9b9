//! Evaluates literal expressions exactly as Python evaluates them, or refuses.

use ruff_python_ast::{self as ast, Expr, Number, UnaryOp};
use ruff_text_size::Ranged;

use crate::error::{NotStatic, Reason};

/// A Python value made of literals.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// Borrowed from the syntax tree (an implicit concatenation is joined there).
    Str(&'a str),
    Int(i128),
    Float(f64),
    Bool(bool),
    None,
    List(Vec<Value<'a>>),
    Tuple(Vec<Value<'a>>),
    /// Keys in first-insertion order, each with its last value, as a dict display builds it.
    Dict(Vec<(&'a str, Value<'a>)>),
}

/// The value of `expr`, a literal in `text`.
///
/// Covers every string prefix Python has for `str` (escapes as ruff's parser
/// decodes them), implicit concatenation, ints, floats, `True`, `False`,
/// `None`, lists, tuples, dicts with str keys and unary minus on numbers.
/// Refused: names, calls and operators (`Expression`); bytes, complex numbers,
/// ints beyond 64 bits, sets, dict keys that are not strs or start with `__`
/// (rez strips those), and strings whose decoded value the parser does not
/// give as Python does: a lone surrogate (ruff gives U+FFFD) or a `\N{...}`
/// escape (names from another Unicode database) (`Literal`).
pub(crate) fn evaluate<'a>(expr: &'a Expr, text: &str) -> Result<Value<'a>, NotStatic> {
    let literal = |what: &str| NotStatic::at(Reason::Literal, what, expr.range());
    Ok(match expr {
        Expr::StringLiteral(ast::ExprStringLiteral { value, .. }) => {
            for part in value.iter() {
                let source = &text[part.range()];
                if part.value.contains('\u{fffd}') || source.contains("\\N") {
                    return Err(literal("a surrogate or \\N{...} escape"));
                }
            }
            Value::Str(value.to_str())
        }
        Expr::NumberLiteral(ast::ExprNumberLiteral { value, .. }) => match value {
            Number::Int(int) => {
                Value::Int(int.as_u64().ok_or_else(|| literal("a big int"))?.into())
            }
            Number::Float(float) => Value::Float(*float),
            Number::Complex { .. } => return Err(literal("a complex number")),
        },
        Expr::BooleanLiteral(ast::ExprBooleanLiteral { value, .. }) => Value::Bool(*value),
        Expr::NoneLiteral(_) => Value::None,
        Expr::List(ast::ExprList { elts, .. }) => Value::List(items(elts, text)?),
        Expr::Tuple(ast::ExprTuple { elts, .. }) => Value::Tuple(items(elts, text)?),
        Expr::Dict(ast::ExprDict { items, .. }) => {
            let mut dict: Vec<(&str, Value)> = Vec::with_capacity(items.len());
            for item in items {
                let Some(key) = &item.key else {
                    return Err(NotStatic::at(
                        Reason::Expression,
                        "dict unpacking",
                        item.value.range(),
                    ));
                };
                let Value::Str(key) = evaluate(key, text)? else {
                    return Err(NotStatic::at(
                        Reason::Literal,
                        "a dict key not a str",
                        key.range(),
                    ));
                };
                if key.starts_with("__") {
                    return Err(NotStatic::at(
                        Reason::Literal,
                        "a dict key starting with __",
                        item.value.range(),
                    ));
                }
                let value = evaluate(&item.value, text)?;
                match dict.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = value,
                    None => dict.push((key, value)),
                }
            }
            Value::Dict(dict)
        }
        Expr::UnaryOp(ast::ExprUnaryOp {
            op: UnaryOp::USub,
            operand,
            ..
        }) if operand.is_number_literal_expr() => match evaluate(operand, text)? {
            Value::Int(int) => Value::Int(-int),
            Value::Float(float) => Value::Float(-float),
            _ => return Err(literal("unary minus")),
        },
        Expr::BytesLiteral(_) => return Err(literal("bytes")),
        Expr::Set(_) => return Err(literal("a set")),
        _ => {
            return Err(NotStatic::at(
                Reason::Expression,
                "not a literal",
                expr.range(),
            ))
        }
    })
}

fn items<'a>(elts: &'a [Expr], text: &str) -> Result<Vec<Value<'a>>, NotStatic> {
    elts.iter().map(|elt| evaluate(elt, text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_expression;

    /// The value, shown as Debug (it borrows the parsed tree).
    fn eval(src: &str) -> Result<String, Reason> {
        let parsed = parse_expression(src).unwrap();
        evaluate(parsed.expr(), src)
            .map(|value| format!("{value:?}"))
            .map_err(|e| e.kind())
    }

    fn s(v: &str) -> String {
        format!("{:?}", Value::Str(v))
    }

    fn v(value: Value<'_>) -> String {
        format!("{value:?}")
    }

    #[test]
    fn strings_as_python_decodes_them() {
        assert_eq!(eval(r"'a\x2d1'"), Ok(s("a-1")));
        assert_eq!(eval(r"'\055\u002d\U0000002d'"), Ok(s("---")));
        assert_eq!(eval(r"r'\x2d'"), Ok(s(r"\x2d")));
        assert_eq!(eval(r"'\d\''"), Ok(s(r"\d'")));
        assert_eq!(eval("('a' 'b'\n \"c\")"), Ok(s("abc")));
        assert_eq!(eval("u'caf\u{e9}'"), Ok(s("caf\u{e9}")));
        assert_eq!(eval("'''a\\\nb\"\"\"'''"), Ok(s("ab\"\"\"")));
        assert_eq!(eval(r"'\ud800'"), Err(Reason::Literal));
        assert_eq!(eval(r"'\N{HYPHEN-MINUS}'"), Err(Reason::Literal));
        assert_eq!(eval("b'a'"), Err(Reason::Literal));
        assert_eq!(eval("f'a'"), Err(Reason::Expression));
    }

    #[test]
    fn numbers_and_containers() {
        assert_eq!(eval("-1_000"), Ok(v(Value::Int(-1000))));
        assert_eq!(eval("0x10"), Ok(v(Value::Int(16))));
        assert_eq!(eval("1.5e3"), Ok(v(Value::Float(1500.0))));
        assert_eq!(eval("99999999999999999999"), Err(Reason::Literal));
        assert_eq!(eval("1j"), Err(Reason::Literal));
        assert_eq!(eval("-'a'"), Err(Reason::Expression));
        assert_eq!(eval("+1"), Err(Reason::Expression));
        assert_eq!(
            eval("[True, None, (1,)]"),
            Ok(v(Value::List(vec![
                Value::Bool(true),
                Value::None,
                Value::Tuple(vec![Value::Int(1)]),
            ])))
        );
        assert_eq!(
            eval("{'a': 1, 'b': 2, 'a': 3}"),
            Ok(v(Value::Dict(vec![
                ("a", Value::Int(3)),
                ("b", Value::Int(2))
            ])))
        );
        assert_eq!(eval("{1: 'a'}"), Err(Reason::Literal));
        assert_eq!(eval("{'__x': 1}"), Err(Reason::Literal));
        assert_eq!(eval("{**a}"), Err(Reason::Expression));
        assert_eq!(eval("{1}"), Err(Reason::Literal));
        assert_eq!(eval("[x]"), Err(Reason::Expression));
        assert_eq!(eval("[*'ab']"), Err(Reason::Expression));
    }
}
