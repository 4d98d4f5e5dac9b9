//! Why a file goes to rez: the reason, the stage that found it, and where.

use std::fmt;

/// The reader's stages, in the order a file passes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Bytes to text, as CPython decodes a source file.
    Source,
    /// Python's grammar for the running interpreter, and CPython's compile-time checks.
    Parse,
    /// What each top-level statement does when rez runs the file.
    Classify,
    /// The values of the bindings.
    Literal,
    /// rez's package schema, key by key.
    Schema,
    /// The package's name and version against its directories.
    Identity,
    /// Requirement strings as rez parses and renders them.
    Requirement,
}

/// The kind of refusal; [`Reason::key`] is the stable name `pyrer load --why` counts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Not text CPython decodes as the reader does (a codec other than UTF-8,
    /// invalid UTF-8, NUL or another control byte).
    Encoding,
    /// A syntax error for CPython, or what the reader cannot show is not one.
    Syntax,
    /// Syntax the running Python version does not have.
    SyntaxVersion,
    /// Brackets or operators nested deeper than the reader's limits.
    Nesting,
    /// An `import` at module level.
    Import,
    /// A decorated function (`@early`, `@late`, `@include`, ...).
    Decorator,
    /// `if`, `for`, `while`, `try` or `match` at module level.
    ControlFlow,
    /// Another statement that runs code at load (`del`, `class`, `raise`, augmented
    /// or annotated assignment, ...).
    Statement,
    /// A value that is not a literal: a name, a call, an operator.
    Expression,
    /// A literal the reader does not evaluate exactly as Python (bytes, complex,
    /// a big int, a lone surrogate or `\N{...}` escape, a set, a non-str dict key).
    Literal,
    /// A function named for a package key rez reads as data (`requires`, `variants`, ...).
    FunctionKey,
    /// A binding of a name rez injects into the file's globals (`scope`, `early`, ...).
    InjectedName,
    /// A `with` block other than rez's `with scope('name') as name:` of attribute literals.
    Scope,
    /// A function body using a construct whose compile-time rules the reader does
    /// not model (`global`, `nonlocal`, `yield`, `await`, nested functions, ...).
    Compile,
    /// A value rez's package schema rejects, or a required key missing.
    Schema,
    /// The name or version differs from the directories', or is not rez's spelling.
    Identity,
    /// A requirement string rez rejects or renders differently.
    Requirement,
    /// No `timestamp`: rez merges `release.yaml` or `.metadata/` beside the file.
    OldFormatData,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::Encoding => "encoding",
            Reason::Syntax => "syntax",
            Reason::SyntaxVersion => "syntax-version",
            Reason::Nesting => "nesting",
            Reason::Import => "import",
            Reason::Decorator => "decorator",
            Reason::ControlFlow => "control-flow",
            Reason::Statement => "statement",
            Reason::Expression => "expression",
            Reason::Literal => "literal",
            Reason::FunctionKey => "function-key",
            Reason::InjectedName => "injected-name",
            Reason::Scope => "scope",
            Reason::Compile => "compile",
            Reason::Schema => "schema",
            Reason::Identity => "identity",
            Reason::Requirement => "requirement",
            Reason::OldFormatData => "old-format-data",
        }
    }

    pub fn stage(self) -> Stage {
        match self {
            Reason::Encoding => Stage::Source,
            Reason::Syntax | Reason::SyntaxVersion | Reason::Nesting => Stage::Parse,
            Reason::Import
            | Reason::Decorator
            | Reason::ControlFlow
            | Reason::Statement
            | Reason::Expression
            | Reason::FunctionKey
            | Reason::InjectedName
            | Reason::Scope
            | Reason::Compile => Stage::Classify,
            Reason::Literal => Stage::Literal,
            Reason::Schema | Reason::OldFormatData => Stage::Schema,
            Reason::Identity => Stage::Identity,
            Reason::Requirement => Stage::Requirement,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A byte range of the decoded source text (after BOM removal and newline translation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl From<ruff_text_size::TextRange> for Span {
    fn from(range: ruff_text_size::TextRange) -> Self {
        Span {
            start: range.start().into(),
            end: range.end().into(),
        }
    }
}

/// A file the reader leaves to rez, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {detail}{}", .span.map(|s| format!(" (at bytes {}..{})", s.start, s.end)).unwrap_or_default())]
pub struct NotStatic {
    kind: Reason,
    detail: String,
    span: Option<Span>,
}

impl NotStatic {
    pub(crate) fn new(kind: Reason, detail: impl Into<String>) -> Self {
        NotStatic {
            kind,
            detail: detail.into(),
            span: None,
        }
    }

    pub(crate) fn at(kind: Reason, detail: impl Into<String>, range: impl Into<Span>) -> Self {
        NotStatic {
            kind,
            detail: detail.into(),
            span: Some(range.into()),
        }
    }

    pub fn kind(&self) -> Reason {
        self.kind
    }

    /// The stable key of the kind of refusal (`pyrer load --why` counts by it).
    pub fn reason(&self) -> &'static str {
        self.kind.key()
    }

    pub fn stage(&self) -> Stage {
        self.kind.stage()
    }

    pub fn detail(&self) -> &str {
        &self.detail
    }

    pub fn span(&self) -> Option<Span> {
        self.span
    }
}
