//! A root's `settings.yaml`: whether rez 3.4.0 could build its repository from it
//! (`docs/enumeration.md` ENUM-3.2; EDGE-4, EDGE-5).
//!
//! rez runs `local_settings.update(yaml.load(text, FullLoader))` when
//! `settings.yaml` exists, so the whole root fails unless the file is one YAML
//! document whose value `dict.update` accepts: a mapping (duplicate keys are
//! fine, as in PyYAML), or a sequence of key/value pairs. The document is read
//! as parser events, so the checks follow PyYAML rather than a stricter loader.

use yaml_rust2::parser::{Event, EventReceiver, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// A YAML node, as much of it as the checks need.
enum Node {
    /// A scalar: its text, whether it was plain (unquoted), and its tag.
    Scalar(String, bool, Option<Tag>),
    Seq(Vec<Node>, Option<Tag>),
    /// Key/value pairs; the value is `None` until the parser reaches it.
    Map(Vec<(Node, Option<Node>)>, Option<Tag>),
}

/// Builds the document nodes from parser events.
#[derive(Default)]
struct Builder {
    docs: Vec<Node>,
    stack: Vec<Node>,
}

impl Builder {
    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Seq(items, _)) => items.push(node),
            Some(Node::Map(pairs, _)) => match pairs.last_mut() {
                Some((_, value @ None)) => *value = Some(node),
                _ => pairs.push((node, None)),
            },
            _ => self.docs.push(node),
        }
    }
}

impl EventReceiver for Builder {
    fn on_event(&mut self, event: Event) {
        match event {
            Event::Scalar(text, style, _, tag) => {
                self.add(Node::Scalar(text, style == TScalarStyle::Plain, tag))
            }
            Event::SequenceStart(_, tag) => self.stack.push(Node::Seq(Vec::new(), tag)),
            Event::MappingStart(_, tag) => self.stack.push(Node::Map(Vec::new(), tag)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    self.add(node);
                }
            }
            Event::Alias(_) => self.add(Node::Scalar("alias".into(), false, None)),
            _ => {}
        }
    }
}

/// Why rez could not use `text` as its settings, or `Ok` when it could.
pub(crate) fn check(text: &str) -> Result<(), String> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, true)
        .map_err(|e| format!("invalid YAML: {e}"))?;
    let value = match builder.docs.as_slice() {
        [] => return Err("empty YAML document (rez: dict.update(None))".to_string()),
        [value] => value,
        _ => return Err("expected a single YAML document".to_string()),
    };
    check_tags(value)?;
    match value {
        Node::Map(pairs, tag) if !is_tagged(tag, "set") => {
            if pairs.iter().all(|(key, _)| hashable(key)) {
                Ok(())
            } else {
                Err("a mapping key is a list or mapping (unhashable)".to_string())
            }
        }
        Node::Seq(items, _) if items.iter().all(is_pair) => Ok(()),
        // A quoted empty string updates nothing; a null (`!!null ''`) cannot update.
        Node::Scalar(text, false, tag)
            if text.is_empty() && !is_tagged(tag, "null") && !is_tagged(tag, "python/none") =>
        {
            Ok(())
        }
        _ => Err("not a mapping or a list of pairs (rez: dict.update fails)".to_string()),
    }
}

fn is_tagged(tag: &Option<Tag>, suffix: &str) -> bool {
    tag.as_ref().is_some_and(|t| t.suffix == suffix)
}

/// PyYAML's FullLoader rejects local tags (`!foo`) and nested unhashable keys.
fn check_tags(node: &Node) -> Result<(), String> {
    let local = |tag: &Option<Tag>| tag.as_ref().is_some_and(|t| t.handle == "!");
    match node {
        Node::Scalar(_, _, tag) if local(tag) => Err("unknown YAML tag".to_string()),
        Node::Seq(_, tag) | Node::Map(_, tag) if local(tag) => Err("unknown YAML tag".to_string()),
        Node::Seq(items, _) => items.iter().try_for_each(check_tags),
        Node::Map(pairs, _) => pairs.iter().try_for_each(|(key, value)| {
            if !hashable(key) {
                return Err("a mapping key is a list or mapping (unhashable)".to_string());
            }
            check_tags(key)?;
            value.as_ref().map_or(Ok(()), check_tags)
        }),
        _ => Ok(()),
    }
}

fn hashable(node: &Node) -> bool {
    !matches!(node, Node::Seq(..) | Node::Map(..))
}

/// Whether `dict.update` takes `item` as one key/value pair.
fn is_pair(item: &Node) -> bool {
    match item {
        Node::Seq(pair, _) => pair.len() == 2 && hashable(&pair[0]),
        Node::Map(pairs, _) => pairs.len() == 2 && pairs.iter().all(|(k, _)| hashable(k)),
        Node::Scalar(text, plain, tag) => {
            text.chars().count() == 2
                && (!plain || is_tagged(tag, "str") || !resolves_to_non_str(text))
        }
    }
}

/// YAML 1.1 (PyYAML) plain scalars that are not strings: booleans, numbers, null.
fn resolves_to_non_str(text: &str) -> bool {
    const WORDS: [&str; 22] = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    let digits = text.trim_start_matches(['-', '+']);
    WORDS.contains(&text)
        || (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '_'))
        || (text.starts_with('.') && text[1..].chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn what_rez_accepts() {
        for ok in [
            "disable_memcache: true\n",
            "{}",
            "- [a, 1]\n- ab\n",
            "a: 1\na: 2\n",
            "a: {b: 1, b: 2}\n",
            "''",
        ] {
            assert!(
                check(ok).is_ok(),
                "{ok:?} should be accepted: {:?}",
                check(ok)
            );
        }
    }

    #[test]
    fn what_rez_rejects() {
        for bad in [
            "",
            "# only a comment\n",
            "- 1\n- 2\n",
            "just text",
            "3",
            "a: [\n",
            "a: 1\n---\nb: 2\n",
            "[on, ab]",
            "[No]",
            "? [a, b]\n: 1",
            "{[a]: 1}",
            "!foo {a: 1}",
            "a: !foo 1",
            "!!set {a, b}",
            "!!python/none ''",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
