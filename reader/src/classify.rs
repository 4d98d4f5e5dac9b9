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
pub(crate) const INJECTED: &[&str] = &[
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
    /// A literal evaluated and dropped: an expression statement (a docstring), a
    /// function's default or annotation; `None` for `pass`.
    Discarded(Option<&'a Expr>),
    /// `from rez.utils.lint_helper import a, b as c`: rez's lint helper module
    /// gives `None` for any name it is asked for, so each name is bound to `None`
    /// (a name rez injects too: rez then drops it from the data).
    LintHelper { names: Vec<&'a str> },
    /// `import os`, `import os.path as p`: binds a module, which rez drops.
    Module { name: &'a str },
    /// `late = globals()["late"]` for a name rez injects: binds it to itself, and
    /// rez drops the name anyway (a linter idiom). Valid while the file binds no
    /// `globals` of its own, which [`classify`] checks.
    Rebound,
}

/// Standard-library modules a file may `import` at module level: importing one
/// has no effect but binding a module, which rez drops from the package's data.
/// (Any module-level use of the name is an expression, refused on its own.)
const STDLIB_MODULES: &[&str] = &[
    "datetime",
    "getpass",
    "glob",
    "json",
    "os",
    "os.path",
    "platform",
    "re",
    "shutil",
    "socket",
    "string",
    "subprocess",
    "sys",
    "time",
];

/// rez's lint helper module (`rez/utils/lint_helper.py`, rez 3.4.0): a module
/// whose every missing attribute is `None`. Its own attributes (`used`, dunders
/// and `_`-prefixed ones) are not `None`, so importing them goes to rez.
const LINT_HELPER: &str = "rez.utils.lint_helper";

/// Whether `annotation` is one CPython compiles to a string without evaluating it.
/// rez compiles package files from `rez/serialise.py`, which has `from __future__
/// import annotations`, and `compile()` inherits that flag: annotations in package
/// files are never evaluated. Expressions the compiler refuses in an annotation
/// (`yield`, `await`, `:=`, ...) are left to rez.
fn is_plain_annotation(annotation: &Expr) -> bool {
    match annotation {
        Expr::Name(_)
        | Expr::StringLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::Attribute(ast::ExprAttribute { value, .. }) => is_plain_annotation(value),
        Expr::Subscript(ast::ExprSubscript { value, slice, .. }) => {
            is_plain_annotation(value) && is_plain_annotation(slice)
        }
        Expr::BinOp(ast::ExprBinOp {
            left,
            op: ast::Operator::BitOr,
            right,
            ..
        }) => is_plain_annotation(left) && is_plain_annotation(right),
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
            elts.iter().all(is_plain_annotation)
        }
        _ => false,
    }
}

fn plain_annotation(annotation: &Expr) -> Result<(), NotStatic> {
    match is_plain_annotation(annotation) {
        true => Ok(()),
        false => Err(NotStatic::at(
            Reason::Statement,
            "an annotation the reader does not show compiles",
            annotation.range(),
        )),
    }
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
    if let Some(refused) = visitor.refused {
        return Err(refused);
    }
    // `scope` set to None by the lint helper, then used by a `with scope(...)`
    let mut scope_is_none = false;
    for statement in &visitor.statements {
        match statement {
            Statement::LintHelper { names } if names.contains(&"scope") => scope_is_none = true,
            Statement::Scope { .. } if scope_is_none => {
                return Err(NotStatic::new(
                    Reason::InjectedName,
                    "`scope` imported from the lint helper (None), then called",
                ))
            }
            _ => {}
        }
    }
    let rebinds = visitor
        .statements
        .iter()
        .any(|s| matches!(s, Statement::Rebound));
    if rebinds && visitor.statements.iter().any(binds_globals) {
        return Err(NotStatic::new(
            Reason::Expression,
            "`globals()` with a `globals` bound in the file",
        ));
    }
    Ok(visitor.statements)
}

fn binds_globals(statement: &Statement<'_>) -> bool {
    match statement {
        Statement::Binding { names, .. } | Statement::LintHelper { names } => {
            names.contains(&"globals")
        }
        Statement::Function { name, .. } | Statement::Module { name } => *name == "globals",
        _ => false,
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
        let classified = match stmt {
            Stmt::FunctionDef(def) => function(def, &mut self.statements),
            _ => statement(stmt).map(|statement| self.statements.push(statement)),
        };
        if let Err(refused) = classified {
            self.refused = Some(refused);
        }
    }
}

fn statement(stmt: &Stmt) -> Result<Statement<'_>, NotStatic> {
    let refuse = |reason, what: &str| Err(NotStatic::at(reason, what, stmt.range()));
    match stmt {
        Stmt::Assign(ast::StmtAssign { targets, value, .. }) => {
            if rebound(targets, value) {
                return Ok(Statement::Rebound);
            }
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
        Stmt::With(with) => scope(with),
        // `x: T = v` binds x to v; `x: T` binds nothing. The annotation is not
        // evaluated (see `is_plain_annotation`) and `__annotations__` is dropped.
        Stmt::AnnAssign(ast::StmtAnnAssign {
            target,
            annotation,
            value,
            simple: true,
            ..
        }) => {
            plain_annotation(annotation)?;
            let Expr::Name(name) = &**target else {
                return refuse(Reason::Statement, "an annotated assignment to a non-name");
            };
            let name = bound(name.id.as_str(), &**target)?;
            Ok(match value {
                Some(value) => Statement::Binding {
                    names: vec![name],
                    value,
                },
                None => Statement::Discarded(None),
            })
        }
        Stmt::ImportFrom(import) if is_lint_helper(import) => {
            let names = import
                .names
                .iter()
                .map(|alias| {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    let imported = alias.name.as_str();
                    if imported == "*" || imported == "used" || imported.starts_with('_') {
                        return Err(NotStatic::at(
                            Reason::Import,
                            "a lint helper attribute that is not None",
                            alias.range(),
                        ));
                    }
                    Ok(name)
                })
                .collect::<Result<_, _>>()?;
            Ok(Statement::LintHelper { names })
        }
        Stmt::Import(ast::StmtImport { names, .. }) => match names.as_slice() {
            [alias] if STDLIB_MODULES.contains(&alias.name.as_str()) => {
                // `import os.path` binds `os`; `import os.path as p` binds `p`
                let name = match &alias.asname {
                    Some(asname) => asname.as_str(),
                    None => alias.name.as_str().split('.').next().unwrap_or_default(),
                };
                Ok(Statement::Module {
                    name: bound(name, alias)?,
                })
            }
            _ => refuse(Reason::Import, "an import other than one standard module"),
        },
        Stmt::Expr(ast::StmtExpr { value, .. }) => Ok(Statement::Discarded(Some(value))),
        Stmt::Pass(_) => Ok(Statement::Discarded(None)),
        Stmt::ImportFrom(_) => refuse(Reason::Import, "an import"),
        Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::Try(_) | Stmt::Match(_) => {
            refuse(Reason::ControlFlow, "control flow at module level")
        }
        _ => refuse(Reason::Statement, "a statement that runs code at load"),
    }
}

fn is_lint_helper(import: &ast::StmtImportFrom) -> bool {
    import.level == 0
        && import
            .module
            .as_ref()
            .is_some_and(|m| m.as_str() == LINT_HELPER)
}

/// Whether the assignment is `NAME = globals()["NAME"]` for a name rez injects.
fn rebound(targets: &[Expr], value: &Expr) -> bool {
    let [Expr::Name(target)] = targets else {
        return false;
    };
    let Expr::Subscript(ast::ExprSubscript { value, slice, .. }) = value else {
        return false;
    };
    let Expr::Call(ast::ExprCall {
        func, arguments, ..
    }) = &**value
    else {
        return false;
    };
    let (Expr::Name(func), Expr::StringLiteral(key)) = (&**func, &**slice) else {
        return false;
    };
    let name = target.id.as_str();
    let plain_call = func.id.as_str() == "globals" && arguments.is_empty();
    plain_call && key.value.to_str() == name && INJECTED.contains(&name)
}

fn bound<'a>(name: &'a str, at: &impl Ranged) -> Result<&'a str, NotStatic> {
    // `__builtins__` is the one name `exec` puts in the file's globals itself
    if INJECTED.contains(&name) || name == "__builtins__" {
        return Err(NotStatic::at(
            Reason::InjectedName,
            format!("{name:?} is a name rez injects"),
            at.range(),
        ));
    }
    Ok(name)
}

/// A `def`: its defaults, evaluated when the `def` runs (each must be a literal),
/// then the function. Its annotations are not evaluated (see [`is_plain_annotation`]).
fn function<'a>(
    def: &'a ast::StmtFunctionDef,
    statements: &mut Vec<Statement<'a>>,
) -> Result<(), NotStatic> {
    let name = bound(def.name.as_str(), def)?;
    if let Some(decorator) = def.decorator_list.first() {
        return Err(NotStatic::at(
            Reason::Decorator,
            "a decorated function",
            decorator.range(),
        ));
    }
    if def.is_async || def.type_params.is_some() {
        return Err(NotStatic::at(
            Reason::Statement,
            "an async function or type parameters",
            def.range(),
        ));
    }
    let annotations = def
        .parameters
        .iter()
        .filter_map(|p| p.annotation())
        .chain(def.returns.as_deref());
    for annotation in annotations {
        plain_annotation(annotation)?;
    }
    for parameter in def.parameters.iter_non_variadic_params() {
        if let Some(default) = parameter.default() {
            statements.push(Statement::Discarded(Some(default)));
        }
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
    statements.push(Statement::Function { name, kept });
    Ok(())
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

    /// How many statements `src` is, its literals evaluated (a value is only refused then).
    fn kinds(src: &str) -> Result<usize, Reason> {
        let parsed = parse_module(src).unwrap();
        let statements = classify(parsed.syntax()).map_err(|e| e.kind())?;
        for statement in &statements {
            if let Statement::Discarded(Some(expr)) | Statement::Binding { value: expr, .. } =
                statement
            {
                crate::literal::evaluate(expr, src).map_err(|e| e.kind())?;
            }
        }
        Ok(statements.len())
    }

    #[test]
    fn what_rez_writes_is_classified() {
        let src = "# -*- coding: utf-8 -*-\n'''doc'''\nname = 'a'\nx = y = 1\npass\n\
                   def commands():\n    env.X = 1\n\ndef preprocess(this, data):\n    pass\n\
                   def helper(x):\n    return x\n\nwith scope('config') as config:\n    \
                   config.release_packages_path = '/p'\n    config.plugins.a.b = [1]\n";
        assert_eq!(kinds(src), Ok(8));
        let linted = "from rez.utils.lint_helper import env, building as b\n\
                      late = globals()['late']\n\
                      def commands(x: str = 'a', *a: 'b', **k) -> None:\n    pass\n";
        assert_eq!(kinds(linted), Ok(4));
        let imports = "import os\nimport os.path as p\nfrom rez.utils.lint_helper import scope\n";
        assert_eq!(kinds(imports), Ok(3));
    }

    #[test]
    fn statements_that_run_code_are_refused() {
        for (src, reason) in [
            ("from a import b\n", Reason::Import),
            ("if x:\n    pass\n", Reason::ControlFlow),
            ("try:\n    pass\nexcept E:\n    pass\n", Reason::ControlFlow),
            ("del x\n", Reason::Statement),
            ("x += [1]\n", Reason::Statement),
            ("x: (yield) = 1\n", Reason::Statement),
            ("(x): int = 1\n", Reason::Statement),
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
            ("def f(x=g()):\n    pass\n", Reason::Expression),
            ("def f() -> g():\n    pass\n", Reason::Statement),
            ("def f(x: (lambda: 1)):\n    pass\n", Reason::Statement),
            ("from rez.utils.lint_helper import used\n", Reason::Import),
            ("from rez.utils.lint_helper import *\n", Reason::Import),
            (
                "from rez.utils.lint_helper import scope\nwith scope('c') as c:\n    c.x = 1\n",
                Reason::InjectedName,
            ),
            ("import os, sys\n", Reason::Import),
            ("import numpy\n", Reason::Import),
            ("from os import path\n", Reason::Import),
            ("import os as scope\n", Reason::InjectedName),
            ("from .rez.utils.lint_helper import env\n", Reason::Import),
            ("import rez.utils.lint_helper\n", Reason::Import),
            ("late = globals()['early']\n", Reason::InjectedName),
            ("x = globals()['x']\n", Reason::Expression),
            (
                "globals = 1\nlate = globals()['late']\n",
                Reason::Expression,
            ),
            ("async def f():\n    pass\n", Reason::Statement),
            ("early = 1\n", Reason::InjectedName),
            ("__builtins__ = {}\n", Reason::InjectedName),
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
            ("def commands():\n    nonlocal x\n", Reason::Compile),
        ] {
            assert_eq!(kinds(src), Err(reason), "{src:?}");
        }
    }
}
