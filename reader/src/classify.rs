//! Sorts each top-level statement by what it does when rez runs the file, or refuses it.

use ruff_python_ast::statement_visitor::StatementVisitor;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use crate::compile::check_function;
use crate::error::{NotStatic, Reason};
use crate::schema;

/// Names rez puts into the file's globals before running it and removes from
/// its result (`rez.serialise._load_py`): binding one changes what the file
/// does (or breaks `with scope(...)`), so the file goes to rez.
const INJECTED: &[&str] = &[
    "scope",
    "early",
    "late",
    "include",
    "ModifyList",
    "InvalidPackageError",
];

/// What a top-level statement does, in file order.
pub(crate) enum Statement<'a> {
    /// `NAME = ... = literal`: binds each name to the value.
    Binding {
        names: Vec<&'a str>,
        value: &'a Expr,
    },
    /// `def NAME(...):` without decorators. rez keeps a code attribute
    /// (`commands`, ...) as its source and `preprocess` as a function, and drops
    /// any other function; it never runs the body at load.
    Function { name: &'a str, kept: Kept },
    /// `with scope('NAME') as VAR:` whose body sets `VAR.a.b = literal`: rez
    /// merges the attributes into the key NAME as a dict.
    Scope {
        name: &'a str,
        attributes: Vec<(Vec<&'a str>, &'a Expr)>,
    },
    /// An expression statement of a literal (a docstring), evaluated and dropped, or `pass`.
    Discarded(Option<&'a Expr>),
}

/// What rez keeps of a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kept {
    /// Source code (a rez code attribute, `package_rex_keys`).
    Code,
    /// The function itself (`preprocess`).
    Function,
    /// Nothing.
    Dropped,
}

/// The statements of `module`, classified, or the first one rez must run.
pub(crate) fn classify(module: &ast::ModModule) -> Result<Vec<Statement<'_>>, NotStatic> {
    let mut visitor = Classifier {
        statements: Vec::with_capacity(module.body.len()),
        refused: None,
    };
    visitor.visit_body(&module.body);
    match visitor.refused {
        Some(refused) => Err(refused),
        None => Ok(visitor.statements),
    }
}

struct Classifier<'a> {
    statements: Vec<Statement<'a>>,
    refused: Option<NotStatic>,
}

impl<'a> StatementVisitor<'a> for Classifier<'a> {
    /// Top-level statements only: bodies are the function's or the scope's, not the module's.
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.refused.is_some() {
            return;
        }
        match statement(stmt) {
            Ok(statement) => self.statements.push(statement),
            Err(refused) => self.refused = Some(refused),
        }
    }
}

fn statement(stmt: &Stmt) -> Result<Statement<'_>, NotStatic> {
    let refuse = |reason, what: &str| Err(NotStatic::at(reason, what, stmt.range()));
    match stmt {
        Stmt::Assign(ast::StmtAssign { targets, value, .. }) => {
            let names = targets
                .iter()
                .map(|target| match target {
                    Expr::Name(name) => bound(name.id.as_str(), target),
                    _ => Err(NotStatic::at(
                        Reason::Statement,
                        "an assignment to something other than a name",
                        target.range(),
                    )),
                })
                .collect::<Result<_, _>>()?;
            Ok(Statement::Binding { names, value })
        }
        Stmt::FunctionDef(def) => function(def),
        Stmt::With(with) => scope(with),
        Stmt::Expr(ast::StmtExpr { value, .. }) => Ok(Statement::Discarded(Some(value))),
        Stmt::Pass(_) => Ok(Statement::Discarded(None)),
        Stmt::Import(_) | Stmt::ImportFrom(_) => refuse(Reason::Import, "an import"),
        Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::Try(_) | Stmt::Match(_) => {
            refuse(Reason::ControlFlow, "control flow at module level")
        }
        _ => refuse(Reason::Statement, "a statement that runs code at load"),
    }
}

fn bound<'a>(name: &'a str, at: &impl Ranged) -> Result<&'a str, NotStatic> {
    if INJECTED.contains(&name) {
        return Err(NotStatic::at(
            Reason::InjectedName,
            format!("{name:?} is a name rez injects"),
            at.range(),
        ));
    }
    Ok(name)
}

fn function(def: &ast::StmtFunctionDef) -> Result<Statement<'_>, NotStatic> {
    let name = bound(def.name.as_str(), def)?;
    if let Some(decorator) = def.decorator_list.first() {
        return Err(NotStatic::at(
            Reason::Decorator,
            "a decorated function",
            decorator.range(),
        ));
    }
    let evaluated_at_def = def.is_async
        || def.type_params.is_some()
        || def.returns.is_some()
        || def
            .parameters
            .iter()
            .any(|p| p.annotation().is_some() || p.default().is_some());
    if evaluated_at_def {
        return Err(NotStatic::at(
            Reason::Statement,
            "an async function, or defaults, annotations or type parameters evaluated at def",
            def.range(),
        ));
    }
    let kept = if schema::CODE_KEYS.contains(&name) {
        Kept::Code
    } else if name == "preprocess" {
        Kept::Function
    } else if schema::is_key(name) {
        return Err(NotStatic::at(
            Reason::FunctionKey,
            format!("a function named for the package key {name:?}"),
            def.range(),
        ));
    } else {
        Kept::Dropped
    };
    check_function(def)?;
    Ok(Statement::Function { name, kept })
}

/// Attributes of rez's scope objects (`rez.utils.scope._Scope` and its
/// `RecursiveAttribute` children, a `UserDict`) other than `_`-prefixed ones, as
/// of rez 3.4.0. In `scope.NAME.x = ...`, a NAME that is one of these (or starts
/// with `_`) reaches the attribute instead of making a child, and fails.
const SCOPE_ATTRIBUTES: &[&str] = &[
    "clear",
    "context",
    "copy",
    "data",
    "format",
    "format_expand",
    "format_pretty",
    "fromkeys",
    "get",
    "items",
    "keys",
    "locals",
    "name",
    "pending",
    "pop",
    "popitem",
    "read_only",
    "setdefault",
    "to_dict",
    "update",
    "values",
];

fn scope(with: &ast::StmtWith) -> Result<Statement<'_>, NotStatic> {
    let refuse = |what: &str| Err(NotStatic::at(Reason::Scope, what, with.range()));
    let [item] = with.items.as_slice() else {
        return refuse("a with statement of several items");
    };
    let (Expr::Call(call), Some(var)) = (&item.context_expr, item.optional_vars.as_deref()) else {
        return refuse("a with statement other than `with scope('name') as name:`");
    };
    let (Expr::Name(func), Expr::Name(var)) = (&*call.func, var) else {
        return refuse("a with statement other than `with scope('name') as name:`");
    };
    let [Expr::StringLiteral(name)] = &*call.arguments.args else {
        return refuse("scope() of something other than one string");
    };
    if with.is_async || func.id.as_str() != "scope" || !call.arguments.keywords.is_empty() {
        return refuse("a with statement other than `with scope('name') as name:`");
    }
    let var = bound(var.id.as_str(), var)?;
    let mut attributes: Vec<(Vec<&str>, &Expr)> = Vec::new();
    for stmt in &with.body {
        let Stmt::Assign(ast::StmtAssign { targets, value, .. }) = stmt else {
            return Err(NotStatic::at(
                Reason::Scope,
                "a scope body statement other than an attribute assignment",
                stmt.range(),
            ));
        };
        for target in targets {
            let path = attribute_path(target, var).ok_or_else(|| {
                NotStatic::at(
                    Reason::Scope,
                    "a scope assignment other than `name.a.b = ...`",
                    target.range(),
                )
            })?;
            attributes.push((path, value));
        }
    }
    // `x.a = 1` then `x.a.b = 2` fails (an int has no attributes); refuse any
    // path that is a prefix of another, in whichever order.
    for (path, value) in &attributes {
        if attributes
            .iter()
            .any(|(other, _)| other.len() > path.len() && other.starts_with(path))
        {
            return Err(NotStatic::at(
                Reason::Scope,
                "a scope attribute set both as a value and as a parent",
                value.range(),
            ));
        }
    }
    Ok(Statement::Scope {
        name: name.value.to_str(),
        attributes,
    })
}

/// `var.a.b.c` as `["a", "b", "c"]`, where every part can be a new child
/// attribute of rez's scope object and none is a dunder.
fn attribute_path<'a>(target: &'a Expr, var: &str) -> Option<Vec<&'a str>> {
    match target {
        Expr::Attribute(ast::ExprAttribute { value, attr, .. }) => {
            let attr = attr.as_str();
            if attr.starts_with("__") {
                return None;
            }
            let mut path = match &**value {
                Expr::Name(name) if name.id.as_str() == var => Vec::new(),
                parent => attribute_path(parent, var)?,
            };
            let parent_is_attribute = path
                .last()
                .is_some_and(|parent| parent.starts_with('_') || SCOPE_ATTRIBUTES.contains(parent));
            if parent_is_attribute {
                return None;
            }
            path.push(attr);
            Some(path)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn kinds(src: &str) -> Result<usize, Reason> {
        let parsed = parse_module(src).unwrap();
        classify(parsed.syntax())
            .map(|s| s.len())
            .map_err(|e| e.kind())
    }

    #[test]
    fn what_rez_writes_is_classified() {
        let src = "# -*- coding: utf-8 -*-\n'''doc'''\nname = 'a'\nx = y = 1\npass\n\
                   def commands():\n    env.X = 1\n\ndef preprocess(this, data):\n    pass\n\
                   def helper(x):\n    return x\n\nwith scope('config') as config:\n    \
                   config.release_packages_path = '/p'\n    config.plugins.a.b = [1]\n";
        assert_eq!(kinds(src), Ok(8));
    }

    #[test]
    fn statements_that_run_code_are_refused() {
        for (src, reason) in [
            ("import os\n", Reason::Import),
            ("from a import b\n", Reason::Import),
            ("if x:\n    pass\n", Reason::ControlFlow),
            ("try:\n    pass\nexcept E:\n    pass\n", Reason::ControlFlow),
            ("del x\n", Reason::Statement),
            ("x += [1]\n", Reason::Statement),
            ("x: int = 1\n", Reason::Statement),
            ("class C:\n    pass\n", Reason::Statement),
            ("raise E\n", Reason::Statement),
            ("a.b = 1\n", Reason::Statement),
            ("a, b = 1, 2\n", Reason::Statement),
            (
                "@late()\ndef requires():\n    return []\n",
                Reason::Decorator,
            ),
            ("def requires():\n    return []\n", Reason::FunctionKey),
            ("def variants():\n    pass\n", Reason::FunctionKey),
            ("def f(x=g()):\n    pass\n", Reason::Statement),
            ("def f() -> g():\n    pass\n", Reason::Statement),
            ("async def f():\n    pass\n", Reason::Statement),
            ("early = 1\n", Reason::InjectedName),
            ("def scope():\n    pass\n", Reason::InjectedName),
            ("with open('f') as f:\n    pass\n", Reason::Scope),
            ("with scope('config'):\n    x = 1\n", Reason::Scope),
            ("with scope('config') as c:\n    d.x = 1\n", Reason::Scope),
            (
                "with scope('config') as c:\n    c.x = 1\n    c.x.y = 2\n",
                Reason::Scope,
            ),
            (
                "with scope('config') as c:\n    c.data.x = 1\n",
                Reason::Scope,
            ),
            (
                "with scope('config') as c:\n    c.__x__ = 1\n",
                Reason::Scope,
            ),
            (
                "with scope('config') as c:\n    if x:\n        pass\n",
                Reason::Scope,
            ),
            ("with scope(name) as c:\n    c.x = 1\n", Reason::Scope),
            ("def commands():\n    global x\n", Reason::Compile),
        ] {
            assert_eq!(kinds(src), Err(reason), "{src:?}");
        }
    }
}
