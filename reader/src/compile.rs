//! CPython's compile-time checks on a function body rez compiles but does not run.
//!
//! rez `exec`s the whole file, so a function's body must compile even though
//! only its source is kept. The parser finds syntax errors; CPython's compiler
//! finds more after parsing (`break` outside a loop, a repeated keyword
//! argument, a starred assignment, `yield` in a comprehension, ...). Rather
//! than model each of those rules, the body is held to constructs whose only
//! compile-time rules are checked here, and any other construct is refused.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{NotStatic, Reason};

/// Deepest block nesting read in a body (CPython refuses beyond 20).
const MAX_BLOCKS: usize = 10;

/// Checks the parameters and body of a top-level `def`.
pub(crate) fn check_function(def: &ast::StmtFunctionDef) -> Result<(), NotStatic> {
    let mut names: Vec<&str> = Vec::new();
    for parameter in def.parameters.iter() {
        let name = parameter.name().as_str();
        if names.contains(&name) {
            return Err(refuse("a repeated parameter", parameter.range()));
        }
        names.push(name);
    }
    let mut body = Body::default();
    for stmt in &def.body {
        body.visit_stmt(stmt);
    }
    body.refused.map_or(Ok(()), Err)
}

fn refuse(what: &str, range: TextRange) -> NotStatic {
    NotStatic::at(Reason::Compile, what, range)
}

#[derive(Default)]
struct Body {
    loops: usize,
    blocks: usize,
    in_finally: bool,
    refused: Option<NotStatic>,
}

impl Body {
    fn refuse(&mut self, what: &str, range: TextRange) {
        if self.refused.is_none() {
            self.refused = Some(refuse(what, range));
        }
    }

    fn block(&mut self, stmt: &Stmt, walk: impl FnOnce(&mut Self)) {
        self.blocks += 1;
        if self.blocks > MAX_BLOCKS {
            self.refuse("blocks nested too deep", stmt.range());
        }
        walk(self);
        self.blocks -= 1;
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

    /// Visits `elts`, where a starred element may stand.
    fn elements(&mut self, elts: &[Expr]) {
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

impl<'a> Visitor<'a> for Body {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.refused.is_some() {
            return;
        }
        match stmt {
            Stmt::Expr(_)
            | Stmt::Assign(_)
            | Stmt::AugAssign(_)
            | Stmt::AnnAssign(_)
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
            Stmt::If(_) => self.block(stmt, |body| visitor::walk_stmt(body, stmt)),
            Stmt::With(ast::StmtWith {
                is_async: false, ..
            }) => self.block(stmt, |body| visitor::walk_stmt(body, stmt)),
            Stmt::For(ast::StmtFor {
                is_async: false,
                target,
                iter,
                body,
                orelse,
                ..
            }) => self.block(stmt, |this| {
                this.visit_expr(iter);
                this.visit_expr(target);
                this.loops += 1;
                let in_finally = std::mem::replace(&mut this.in_finally, false);
                this.visit_body(body);
                this.in_finally = in_finally;
                this.loops -= 1;
                this.visit_body(orelse);
            }),
            Stmt::While(ast::StmtWhile {
                test, body, orelse, ..
            }) => self.block(stmt, |this| {
                this.visit_expr(test);
                this.loops += 1;
                let in_finally = std::mem::replace(&mut this.in_finally, false);
                this.visit_body(body);
                this.in_finally = in_finally;
                this.loops -= 1;
                this.visit_body(orelse);
            }),
            Stmt::Try(ast::StmtTry {
                is_star: false,
                body,
                handlers,
                orelse,
                finalbody,
                ..
            }) => self.block(stmt, |this| {
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
            "def f():\n    global x\n",
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
        ] {
            let refused = check(src);
            assert!(matches!(refused, Err(Reason::Compile | Reason::Syntax)), "{src:?}");
        }
        let deep = (0..11).fold(String::from("def f():\n"), |src, depth| {
            format!("{src}{}if x:\n", "    ".repeat(depth + 1))
        }) + &"    ".repeat(12)
            + "pass\n";
        assert_eq!(check(&deep), Err(Reason::Compile));
    }
}
