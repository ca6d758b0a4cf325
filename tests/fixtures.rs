//! One harness over `fixtures/`: the Document of every fixture, pinned in
//! `snapshots/`, and validated against `keikaku schema`. Adding a case is
//! adding a file.

use std::path::Path;

fn parse_fixture(path: &Path) -> keikaku::Document {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let name = format!("fixtures/{}", path.file_name().and_then(|name| name.to_str()).unwrap_or_default());
    keikaku::parse(&name, &bytes).expect("fixture decodes")
}

#[test]
fn parse() {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => true, omit_expression => true }, {
        insta::glob!("../fixtures", "*.txt", |path| {
            let document = parse_fixture(path);
            insta::assert_snapshot!(keikaku::document_json(&document, true));
        });
    });
}

#[test]
fn documents_and_records_validate_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&keikaku::schema_json()).expect("schema is JSON");
    let document_validator = jsonschema::JSONSchema::compile(&schema).expect("schema compiles");
    let mut record_schema = schema.clone();
    record_schema["$ref"] = serde_json::json!("#/definitions/Record");
    for key in ["properties", "required", "type", "title"] {
        if let Some(object) = record_schema.as_object_mut() {
            object.remove(key);
        }
    }
    let record_validator = jsonschema::JSONSchema::compile(&record_schema).expect("record schema compiles");
    let mut n_checked = 0;
    for entry in std::fs::read_dir("fixtures").expect("fixtures dir") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|ext| ext.to_str()) != Some("txt") {
            continue;
        }
        let document = parse_fixture(&path);
        let json: serde_json::Value = serde_json::from_str(&keikaku::document_json(&document, false)).expect("document is JSON");
        if let Err(errors) = document_validator.validate(&json) {
            let messages: Vec<String> = errors.take(5).map(|error| format!("{} at {}", error, error.instance_path)).collect();
            panic!("{}: document does not match the schema: {messages:?}", path.display());
        }
        for record in keikaku::records(&document).iter().take(200) {
            let json: serde_json::Value = serde_json::from_str(&keikaku::record_json(record)).expect("record is JSON");
            assert!(record_validator.is_valid(&json), "{}: record does not match the schema: {json}", path.display());
        }
        n_checked += 1;
    }
    assert!(n_checked >= 2, "expected the seed fixtures, found {n_checked}");
}

#[test]
fn json_round_trips() {
    let document = parse_fixture(Path::new("fixtures/003_81fdfb445e420b05.txt"));
    let json = keikaku::document_json(&document, false);
    let back = keikaku::document_from_json(&json).expect("document reads back");
    assert_eq!(back, document);
}
