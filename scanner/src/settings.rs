//! A root's `settings.yaml`: whether rez 3.4.0 could build its repository from it.
//!
//! rez runs `local_settings.update(load_yaml(path))` when `settings.yaml` exists,
//! so the whole root fails unless the file is one YAML document whose value
//! `dict.update` accepts: a mapping, or a sequence of key/value pairs.

use yaml_rust2::{Yaml, YamlLoader};

/// Why rez could not use `text` as its settings, or `Ok` when it could.
pub(crate) fn check(text: &str) -> Result<(), String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
    let value = match docs.as_slice() {
        [] => return Err("empty YAML document (rez: dict.update(None))".to_string()),
        [value] => value,
        _ => return Err("expected a single YAML document".to_string()),
    };
    match value {
        Yaml::Hash(_) => Ok(()),
        Yaml::Array(items) if items.iter().all(is_pair) => Ok(()),
        Yaml::String(s) if s.is_empty() => Ok(()),
        other => Err(format!(
            "not a mapping (rez: dict.update({}))",
            kind_name(other)
        )),
    }
}

/// Whether `dict.update` takes `item` as one key/value pair.
fn is_pair(item: &Yaml) -> bool {
    let hashable = |key: &Yaml| !matches!(key, Yaml::Array(_) | Yaml::Hash(_));
    match item {
        Yaml::Array(pair) => pair.len() == 2 && hashable(&pair[0]),
        Yaml::Hash(map) => map.len() == 2 && map.keys().all(hashable),
        Yaml::String(s) => s.chars().count() == 2,
        _ => false,
    }
}

fn kind_name(value: &Yaml) -> &'static str {
    match value {
        Yaml::Array(_) => "list",
        Yaml::String(_) => "str",
        Yaml::Integer(_) => "int",
        Yaml::Real(_) => "float",
        Yaml::Boolean(_) => "bool",
        Yaml::Null => "None",
        _ => "value",
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn mappings_and_pair_lists_are_accepted() {
        assert!(check("disable_memcache: true\n").is_ok());
        assert!(check("{}").is_ok());
        assert!(check("- [a, 1]\n- ab\n").is_ok());
    }

    #[test]
    fn what_rez_cannot_update_from_is_rejected() {
        for bad in [
            "",
            "# only a comment\n",
            "- 1\n- 2\n",
            "just text",
            "3",
            "a: [\n",
            "a: 1\n---\nb: 2\n",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
