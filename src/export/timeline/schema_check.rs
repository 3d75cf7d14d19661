//! A small JSON Schema checker for the tests: the keywords
//! `schemas/timeline.schema.json` uses (type, properties, required,
//! additionalProperties, items, $ref into $defs, anyOf, const, enum, minimum,
//! pattern), nothing more. A keyword it does not know fails the check, so the
//! schema cannot grow a rule the test silently skips. Test-only.

use predicates::Predicate;
use serde_json::{Map, Value};

/// Every place where `value` breaks `schema`, as "path: reason".
pub fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, schema, value, "$", &mut out);
    out
}

fn check(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: not allowed"));
        }
        return;
    };
    for (key, rule) in rules {
        match key.as_str() {
            "$schema" | "title" | "description" | "$defs" => {}
            "type" => check_type(rule, value, path, out),
            "properties" | "additionalProperties" | "required" => {
                if let Some(object) = value.as_object() {
                    check_object(root, rules, key, object, path, out);
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(root, rule, item, &format!("{path}[{i}]"), out);
                }
            }
            "$ref" => {
                let name = rule.as_str().and_then(|r| r.strip_prefix("#/$defs/"));
                let target = name.and_then(|n| root.get("$defs")?.get(n));
                match target {
                    Some(target) => check(root, target, value, path, out),
                    None => out.push(format!("{path}: unknown $ref {rule}")),
                }
            }
            "anyOf" => {
                let options = rule.as_array().map_or(&[][..], Vec::as_slice);
                let fits = |s: &Value| errors_at(root, s, value, path).is_empty();
                if !options.iter().any(fits) {
                    out.push(format!("{path}: matches no anyOf option"));
                }
            }
            "const" if rule != value => out.push(format!("{path}: is not {rule}")),
            "enum" if !rule.as_array().is_some_and(|a| a.contains(value)) => {
                out.push(format!("{path}: {value} is not one of {rule}"));
            }
            "minimum" => {
                if let (Some(min), Some(n)) = (rule.as_f64(), value.as_f64())
                    && n < min
                {
                    out.push(format!("{path}: {n} is below {min}"));
                }
            }
            "pattern" => {
                let pattern = rule.as_str().unwrap();
                let re = predicates::str::is_match(pattern).unwrap();
                if let Some(text) = value.as_str().filter(|t| !re.eval(t)) {
                    out.push(format!("{path}: {text:?} does not match {pattern}"));
                }
            }
            "const" | "enum" => {}
            other => panic!("schema keyword `{other}` is not supported by the checker"),
        }
    }
}

fn errors_at(root: &Value, schema: &Value, value: &Value, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    check(root, schema, value, path, &mut out);
    out
}

fn check_type(rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let names: Vec<&str> = match rule {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => panic!("bad type rule {rule}"),
    };
    let is = |name: &str| match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        other => panic!("unknown type {other}"),
    };
    if !names.iter().any(|n| is(n)) {
        out.push(format!("{path}: {value} is not of type {rule}"));
    }
}

/// Runs the object keywords once, when meeting `required`, `properties` or
/// `additionalProperties`, whichever comes first in the schema.
fn check_object(
    root: &Value,
    rules: &Map<String, Value>,
    key: &str,
    object: &Map<String, Value>,
    path: &str,
    out: &mut Vec<String>,
) {
    let first = rules
        .keys()
        .find(|k| ["properties", "additionalProperties", "required"].contains(&k.as_str()));
    if first.map(String::as_str) != Some(key) {
        return;
    }
    let properties = rules.get("properties").and_then(Value::as_object);
    for name in rules
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !name.as_str().is_some_and(|n| object.contains_key(n)) {
            out.push(format!("{path}: missing {name}"));
        }
    }
    for (name, value) in object {
        let at = format!("{path}.{name}");
        match (
            properties.and_then(|p| p.get(name)),
            rules.get("additionalProperties"),
        ) {
            (Some(schema), _) | (None, Some(schema)) => check(root, schema, value, &at, out),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::super::fixture;
    use super::super::document;
    use super::super::tests::RICH;
    use super::errors;

    fn schema() -> Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/timeline.schema.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn exports_match_the_schema() {
        let schema = schema();
        for fx in [
            fixture::bundled(),
            fixture::from_toml(RICH),
            fixture::hostile(),
        ] {
            let doc = document(&fx.view("T"));
            assert_eq!(errors(&schema, &doc), Vec::<String>::new());
        }
        let odd = fixture::dated(&["-0043-03-15", "Y12345", "../2024", "2024-21"]);
        let doc = document(&odd.view("T"));
        assert_eq!(errors(&schema, &doc), Vec::<String>::new());
    }

    #[test]
    fn the_schema_check_catches_broken_documents() {
        let schema = schema();
        let good = document(&fixture::from_toml(RICH).view("T"));
        type Breakage = (&'static str, fn(&mut Value));
        let breakages: [Breakage; 6] = [
            ("missing id", |d| {
                d["events"][0].as_object_mut().unwrap().remove("id");
            }),
            ("unknown key", |d| d["events"][0]["colour"] = json!("red")),
            ("bad day", |d| d["events"][0]["start"] = json!("2024-3-22")),
            ("bad precision", |d| {
                d["events"][0]["precision"] = json!("week")
            }),
            ("negative count", |d| {
                d["events"][1]["killed"]["min"] = json!(-1)
            }),
            ("wrong version", |d| d["chronicle"] = json!(2)),
        ];
        assert!(errors(&schema, &good).is_empty());
        for (what, breakage) in breakages {
            let mut doc = good.clone();
            breakage(&mut doc);
            assert!(!errors(&schema, &doc).is_empty(), "{what}");
        }
    }
}
