//! Checks answers against the JSON Schemas in `schemas/`: a checker for the
//! few draft 2020-12 keywords those schemas use. A keyword it does not know
//! fails loudly, so a schema cannot hold a rule the tests skip.

use predicates::Predicate;
use serde_json::Value;

use crate::harness::root;

/// The schema `schemas/<name>.schema.json`.
pub fn load(name: &str) -> Value {
    let path = root().join("schemas").join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Fails with every violation when `doc` does not match schema `name`.
#[track_caller]
pub fn assert_valid(name: &str, doc: &Value) {
    let schema = load(name);
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{name} must declare draft 2020-12"
    );
    let mut problems = Vec::new();
    walk(&schema, &schema, doc, "$", &mut problems);
    assert!(problems.is_empty(), "{name}: {problems:#?}\n{doc:#}");
}

fn walk(root: &Value, schema: &Value, doc: &Value, at: &str, problems: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        panic!("{at}: a schema must be an object");
    };
    for (key, rule) in rules {
        match key.as_str() {
            "$schema" | "$id" | "title" | "description" | "$defs" | "examples" => {}
            "type" => {
                let names: Vec<&str> = match rule {
                    Value::String(one) => vec![one.as_str()],
                    Value::Array(many) => many.iter().map(|n| n.as_str().unwrap()).collect(),
                    _ => panic!("{at}: bad type"),
                };
                if !names.iter().any(|n| is_type(n, doc)) {
                    problems.push(format!("{at}: {doc} is not {rule}"));
                }
            }
            "properties" => {
                let (Some(props), Some(obj)) = (rule.as_object(), doc.as_object()) else {
                    continue;
                };
                for (name, sub) in props {
                    if let Some(v) = obj.get(name) {
                        walk(root, sub, v, &format!("{at}.{name}"), problems);
                    }
                }
            }
            "required" => {
                let Some(obj) = doc.as_object() else { continue };
                for name in rule.as_array().unwrap() {
                    if !obj.contains_key(name.as_str().unwrap()) {
                        problems.push(format!("{at}: lacks {name}"));
                    }
                }
            }
            "additionalProperties" => {
                let Some(obj) = doc.as_object() else { continue };
                let known = rules.get("properties").and_then(Value::as_object);
                for (name, v) in obj {
                    if known.is_some_and(|k| k.contains_key(name)) {
                        continue;
                    }
                    match rule {
                        Value::Bool(false) => problems.push(format!("{at}: unexpected key {name}")),
                        Value::Bool(true) => {}
                        sub => walk(root, sub, v, &format!("{at}.{name}"), problems),
                    }
                }
            }
            "items" => {
                for (i, v) in doc.as_array().into_iter().flatten().enumerate() {
                    walk(root, rule, v, &format!("{at}[{i}]"), problems);
                }
            }
            "$ref" => {
                let name = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .unwrap();
                let target = root["$defs"]
                    .get(name)
                    .unwrap_or_else(|| panic!("no $defs/{name}"));
                walk(root, target, doc, at, problems);
            }
            "anyOf" => {
                let fits = rule.as_array().unwrap().iter().any(|option| {
                    let mut inner = Vec::new();
                    walk(root, option, doc, at, &mut inner);
                    inner.is_empty()
                });
                if !fits {
                    problems.push(format!("{at}: {doc} matches no option of anyOf"));
                }
            }
            "const" => {
                if rule != doc {
                    problems.push(format!("{at}: {doc} is not {rule}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(doc) {
                    problems.push(format!("{at}: {doc} is not one of {rule}"));
                }
            }
            "minimum" => {
                if let (Some(min), Some(n)) = (rule.as_f64(), doc.as_f64())
                    && n < min
                {
                    problems.push(format!("{at}: {n} < {min}"));
                }
            }
            "pattern" => {
                let re = predicates::str::is_match(rule.as_str().unwrap()).unwrap();
                if let Some(text) = doc.as_str()
                    && !re.eval(text)
                {
                    problems.push(format!("{at}: {text:?} does not match {rule}"));
                }
            }
            other => panic!("{at}: the test checker does not know the keyword `{other}`"),
        }
    }
}

fn is_type(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => panic!("unknown type {other}"),
    }
}

#[test]
fn the_checker_catches_a_missing_key_a_wrong_type_and_an_extra_key() {
    let schema = serde_json::json!({
        "$defs": {"n": {"type": "integer", "minimum": 0}},
        "type": "object",
        "required": ["a"],
        "additionalProperties": false,
        "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"enum": ["x"]}}
    });
    let check = |doc: Value| {
        let mut p = Vec::new();
        walk(&schema, &schema, &doc, "$", &mut p);
        p.len()
    };
    assert_eq!(check(serde_json::json!({"a": 1, "b": "x"})), 0);
    assert_eq!(check(serde_json::json!({"b": "x"})), 1);
    assert_eq!(check(serde_json::json!({"a": -1})), 1);
    assert_eq!(check(serde_json::json!({"a": "1"})), 1);
    assert_eq!(check(serde_json::json!({"a": 1, "c": 2})), 1);
    assert_eq!(check(serde_json::json!({"a": 1, "b": "y"})), 1);
}
