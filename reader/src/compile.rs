//! CPython's compile-time checks on a function body rez compiles but does not run.
//!
//! rez `exec`s the whole file, so a function's body must compile even though
//! only its source is kept. The parser finds syntax errors; CPython's compiler
//! finds more after parsing (`break` outside a loop, a repeated keyword
//! argument, a starred assignment, `yield` in a comprehension, ...). Rather
//! than model each of those rules, the body is held to constructs whose only
//! compile-time rules are checked here, and any other construct is refused.
//! Nested scopes (functions, classes, lambdas) are refused, so the body is one
//! scope and `global`'s rules are CPython's symbol-table checks on it: no name
//! declared global after any use of it (parameters included, and uses inside
//! comprehensions counted too, which only refuses more) or with an annotation.

use ruff_python_ast::visitor::{self, Visitor};
use std::collections::HashSet;

use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{NotStatic, Reason};

/// Deepest block nesting read in a body. CPython's compiler refuses more than 20
/// nested "frame blocks" (`CO_MAXBLOCKS`); a statement opens up to this many:
/// a loop 1 (2 counted here), a `with` 1 per item (2 counted), a `try` up to 4
/// (`try`/`finally` around `try`/`except`, the handler and its cleanup). `if`
/// opens none and counts 1 here, as a limit of the reader's own.
const MAX_BLOCKS: usize = 16;
const LOOP_BLOCKS: usize = 2;
const WITH_BLOCKS: usize = 2;
const TRY_BLOCKS: usize = 4;

/// Most `elif` clauses of one `if`: CPython nests each in the last, and its
/// compiler's recursion limit fails a long chain.
const MAX_ELIF: usize = 50;

/// Checks the parameters and body of a top-level `def`.
pub(crate) fn check_function(def: &ast::StmtFunctionDef) -> Result<(), NotStatic> {
    let mut body = Body::default();
    for parameter in def.parameters.iter() {
        if !body.seen.insert(parameter.name().as_str()) {
            return Err(refuse("a repeated parameter", parameter.range()));
        }
    }
    for stmt in &def.body {
        body.visit_stmt(stmt);
    }
    if let Some(name) = body.annotated.iter().find(|n| body.globals.contains(n)) {
        return Err(NotStatic::new(
            Reason::Compile,
            format!("{name:?} is global and annotated"),
        ));
    }
    body.refused.map_or(Ok(()), Err)
}

fn refuse(what: &str, range: TextRange) -> NotStatic {
    NotStatic::at(Reason::Compile, what, range)
}

#[derive(Default)]
struct Body<'a> {
    loops: usize,
    blocks: usize,
    in_finally: bool,
    /// Every name bound or used so far, in source order.
    seen: HashSet<&'a str>,
    globals: Vec<&'a str>,
    annotated: Vec<&'a str>,
    refused: Option<NotStatic>,
}

impl<'a> Body<'a> {
    fn refuse(&mut self, what: &str, range: TextRange) {
        if self.refused.is_none() {
            self.refused = Some(refuse(what, range));
        }
    }

    /// Walks a statement that opens `depth` nested blocks.
    fn block(&mut self, stmt: &Stmt, depth: usize, walk: impl FnOnce(&mut Self)) {
        self.blocks += depth;
        if self.blocks > MAX_BLOCKS {
            self.refuse("blocks nested too deep", stmt.range());
        }
        walk(self);
        self.blocks -= depth;
    }

    fn call(&mut self, arguments: &ast::Arguments) {
        let mut names: Vec<&str> = Vec::new();
        for keyword in &arguments.keywords {
            if let Some(arg) = &keyword.arg {
                if names.contains(&arg.as_str()) {
                    self.refuse("a repeated keyword argument", keyword.range());
                }
                names.push(arg.as_str());
            }
        }
        // CPython: a positional argument may not follow a keyword argument, nor
        // an unpacking follow a keyword unpacking; `f(a=1, *b)` is allowed.
        for arg in arguments.args.iter() {
            let before = |named: bool| {
                arguments
                    .keywords
                    .iter()
                    .any(|k| k.arg.is_some() == named && k.start() < arg.start())
            };
            if before(false) || (!arg.is_starred_expr() && before(true)) {
                self.refuse("an argument after keyword arguments", arg.range());
            }
        }
    }

    /// Visits a loop's body (where `break` and `continue` stand) and its `else`.
    fn looped(&mut self, body: &'a [Stmt], orelse: &'a [Stmt]) {
        self.loops += 1;
        let in_finally = std::mem::replace(&mut self.in_finally, false);
        self.visit_body(body);
        self.in_finally = in_finally;
        self.loops -= 1;
        self.visit_body(orelse);
    }

    /// Visits `elts`, where a starred element may stand.
    fn elements(&mut self, elts: &'a [Expr]) {
        for elt in elts {
            match elt {
                Expr::Starred(ast::ExprStarred {
                    value,
                    ctx: ExprContext::Load,
                    ..
                }) => self.visit_expr(value),
                _ => self.visit_expr(elt),
            }
        }
    }
}

impl<'a> Visitor<'a> for Body<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.refused.is_some() {
            return;
        }
        match stmt {
            Stmt::Global(ast::StmtGlobal { names, .. }) => {
                for name in names {
                    if self.seen.contains(name.as_str()) {
                        self.refuse("a name declared global after its use", name.range());
                    }
                    self.globals.push(name.as_str());
                }
            }
            Stmt::AnnAssign(ast::StmtAnnAssign { target, .. }) => {
                if let Expr::Name(name) = &**target {
                    self.annotated.push(name.id.as_str());
                }
                visitor::walk_stmt(self, stmt)
            }
            Stmt::Expr(_)
            | Stmt::Assign(_)
            | Stmt::AugAssign(_)
            | Stmt::Pass(_)
            | Stmt::Return(_)
            | Stmt::Raise(_)
            | Stmt::Assert(_)
            | Stmt::Delete(_)
            | Stmt::Import(_) => visitor::walk_stmt(self, stmt),
            Stmt::ImportFrom(ast::StmtImportFrom { module, names, .. }) => {
                let future = module.as_ref().is_some_and(|m| m.as_str() == "__future__");
                if future || names.iter().any(|alias| alias.name.as_str() == "*") {
                    self.refuse("a star or __future__ import in a function", stmt.range());
                }
            }
            Stmt::Break(_) | Stmt::Continue(_) => {
                if self.loops == 0 || (self.in_finally && stmt.is_continue_stmt()) {
                    self.refuse("break or continue outside a loop", stmt.range());
                }
            }
            Stmt::If(ast::StmtIf {
                elif_else_clauses, ..
            }) => {
                if elif_else_clauses.len() > MAX_ELIF {
                    self.refuse("an if with too many elif clauses", stmt.range());
                }
                self.block(stmt, 1, |body| visitor::walk_stmt(body, stmt))
            }
            Stmt::With(ast::StmtWith {
                is_async: false,
                items,
                ..
            }) => self.block(stmt, WITH_BLOCKS * items.len(), |body| {
                visitor::walk_stmt(body, stmt)
            }),
            Stmt::For(ast::StmtFor {
                is_async: false,
                target,
                iter,
                body,
                orelse,
                ..
            }) => self.block(stmt, LOOP_BLOCKS, |this| {
                this.visit_expr(iter);
                this.visit_expr(target);
                this.looped(body, orelse);
            }),
            Stmt::While(ast::StmtWhile {
                test, body, orelse, ..
            }) => self.block(stmt, LOOP_BLOCKS, |this| {
                this.visit_expr(test);
                this.looped(body, orelse);
            }),
            Stmt::Try(ast::StmtTry {
                is_star: false,
                body,
                handlers,
                orelse,
                finalbody,
                ..
            }) => self.block(stmt, TRY_BLOCKS, |this| {
                let bare = handlers.iter().position(|handler| {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    handler.type_.is_none()
                });
                if bare.is_some_and(|i| i + 1 != handlers.len()) {
                    this.refuse("a bare except: that is not the last", stmt.range());
                }
                this.visit_body(body);
                for handler in handlers {
                    this.visit_except_handler(handler);
                }
                this.visit_body(orelse);
                let in_finally = std::mem::replace(&mut this.in_finally, true);
                this.visit_body(finalbody);
                this.in_finally = in_finally;
            }),
            _ => self.refuse(
                "a statement whose compile-time rules the reader does not model",
                stmt.range(),
            ),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.refused.is_some() {
            return;
        }
        if let Expr::Name(name) = expr {
            self.seen.insert(name.id.as_str());
        }
        match expr {
            Expr::Call(ast::ExprCall {
                func, arguments, ..
            }) => {
                self.call(arguments);
                self.visit_expr(func);
                self.elements(&arguments.args);
                for keyword in &arguments.keywords {
                    self.visit_expr(&keyword.value);
                }
            }
            Expr::List(ast::ExprList {
                elts,
                ctx: ExprContext::Load,
                ..
            })
            | Expr::Set(ast::ExprSet { elts, .. }) => self.elements(elts),
            Expr::Tuple(ast::ExprTuple {
                elts,
                ctx: ExprContext::Load,
                parenthesized: true,
                ..
            }) => self.elements(elts),
            Expr::Starred(_) => self.refuse("a starred expression here", expr.range()),
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                value: ast::Number::Int(int),
                ..
            }) if int.as_u64().is_none() => {
                // CPython refuses decimal literals over 4300 digits; big ints are not read.
                self.refuse("an int beyond 64 bits", expr.range())
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                visitor::walk_expr(self, expr)
            }
            Expr::Named(_)
            | Expr::Lambda(_)
            | Expr::Await(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::IpyEscapeCommand(_) => self.refuse(
                "an expression whose compile-time rules the reader does not model",
                expr.range(),
            ),
            _ => visitor::walk_expr(self, expr),
        }
    }

    /// f-strings before Python 3.12 have compile-time rules the parser does not
    /// all check (a space before a conversion, nesting limits): interpolations
    /// with a conversion, a `=` or a format spec that interpolates are refused.
    fn visit_interpolated_string_element(&mut self, element: &'a ast::InterpolatedStringElement) {
        if let ast::InterpolatedStringElement::Interpolation(interpolation) = element {
            let nested_spec = interpolation
                .format_spec
                .as_ref()
                .is_some_and(|spec| spec.elements.interpolations().next().is_some());
            let converted = interpolation.conversion != ast::ConversionFlag::None;
            if nested_spec || converted || interpolation.debug_text.is_some() {
                self.refuse(
                    "an f-string conversion, `=` or nested format spec",
                    element.range(),
                );
            }
        }
        visitor::walk_interpolated_string_element(self, element);
    }

    fn visit_alias(&mut self, alias: &'a ast::Alias) {
        let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
        self.seen.insert(bound.split('.').next().unwrap_or(bound));
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(handler_) = handler;
        if let Some(name) = &handler_.name {
            self.seen.insert(name.as_str());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_comprehension(&mut self, comprehension: &'a ast::Comprehension) {
        if comprehension.is_async {
            self.refuse("an async comprehension", comprehension.range());
        }
        visitor::walk_comprehension(self, comprehension);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn check(src: &str) -> Result<(), Reason> {
        // some of these the parser already refuses
        let Ok(parsed) = parse_module(src) else {
            return Err(Reason::Syntax);
        };
        let Stmt::FunctionDef(def) = &parsed.syntax().body[0] else {
            panic!("not a def")
        };
        check_function(def).map_err(|e| e.kind())
    }

    #[test]
    fn bodies_rez_writes_compile() {
        let body = "def commands():\n    import os\n    env.PATH.append('{root}/bin')\n    \
                    if building:\n        env.X = f'{this.version}'\n    for p in [*a, 'b']:\n        \
                    if p:\n            break\n    try:\n        pass\n    finally:\n        pass\n    \
                    x = [i for i in range(3) if i]\n    f(*a, k=1, *b, **kw)\n    return\n";
        assert_eq!(check(body), Ok(()));
        let body = "def commands():\n    global env, building\n    global env\n    \
                    env.PATH.append('{root}')\n    if building:\n        pass\n";
        assert_eq!(check(body), Ok(()));
    }

    #[test]
    fn compile_errors_and_unmodelled_constructs_are_refused() {
        for src in [
            "def f():\n    break\n",
            "def f():\n    if x:\n        continue\n",
            "def f():\n    for x in y:\n        try:\n            pass\n        finally:\n            continue\n",
            "def f():\n    g(a=1, a=2)\n",
            "def f():\n    g(**a, *b)\n",
            "def f():\n    g(**a, b)\n",
            "def f(a, a):\n    pass\n",
            "def f():\n    *a = b\n",
            "def f():\n    a, *b, *c = d\n",
            "def f():\n    x = 1\n    global x\n",
            "def f(x):\n    global x\n",
            "def f():\n    [x for y in z]\n    global x\n",
            "def f():\n    import x\n    global x\n",
            "def f():\n    global x\n    x: int = 1\n",
            "def f():\n    nonlocal x\n",
            "def f():\n    yield 1\n",
            "def f():\n    await x\n",
            "def f():\n    from os import *\n",
            "def f():\n    from __future__ import annotations\n",
            "def f():\n    def g():\n        pass\n",
            "def f():\n    class C:\n        pass\n",
            "def f():\n    lambda: 1\n",
            "def f():\n    (y := 1)\n",
            "def f():\n    [x async for x in y]\n",
            "def f():\n    print(*a)\n    x = *a,\n",
            "def f():\n    try:\n        pass\n    except:\n        pass\n    except E:\n        pass\n",
            "def f():\n    x = f'{a!r}'\n",
            "def f():\n    x = f'{a=}'\n",
            "def f():\n    x = f'{a:{b}}'\n",
            "def f():\n    x = 123456789012345678901234567890\n",
        ] {
            let refused = check(src);
            assert!(matches!(refused, Err(Reason::Compile | Reason::Syntax)), "{src:?}");
        }
        let deep = (0..17).fold(String::from("def f():\n"), |src, depth| {
            format!("{src}{}if x:\n", "    ".repeat(depth + 1))
        }) + &"    ".repeat(18)
            + "pass\n";
        assert_eq!(check(&deep), Err(Reason::Compile));
        let items: Vec<String> = (0..9).map(|i| format!("a{i}")).collect();
        let with = format!("def f():\n    with {}:\n        pass\n", items.join(", "));
        assert_eq!(check(&with), Err(Reason::Compile));
        let elifs = "    elif x:\n        pass\n".repeat(51);
        let chain = format!("def f():\n    if x:\n        pass\n{elifs}");
        assert_eq!(check(&chain), Err(Reason::Compile));
        // seven try/except/finally levels are 21 of CPython's frame blocks
        let tries = (0..7).fold(String::from("def f():\n"), |src, depth| {
            let pad = "    ".repeat(depth + 1);
            format!("{src}{pad}try:\n{pad}    pass\n{pad}except E:\n")
        }) + &"    ".repeat(8)
            + "pass\n";
        assert_eq!(check(&tries), Err(Reason::Compile));
    }
}
