//! What shapegen does with the parts of a model it cannot honour, on `spec/fallbacks.json`:
//! patterns in Java syntax are enforced through their exact ECMA-262 equivalent when there is
//! one and otherwise not enforced, and operations using event streams are left out; each of
//! these is a warning with its JSON path, never an error.

#![deny(warnings)]

use serde_json::json;
use shapegen::{Config, ViolationKind};
use shapegen_codegen::Settings;
use shapegen_tests::{Reply, ScriptedServer, unused_local_url};

mod notes {
    shapegen::generate! { spec: "../spec/fallbacks.json" }
}

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/fallbacks.json");

fn client(url: &str) -> notes::Client {
    notes::Client::new(Config::builder().endpoint_url(url).build().unwrap())
}

#[test]
fn every_part_left_out_is_a_warning_with_its_json_path() {
    let source = std::fs::read(SPEC).unwrap();
    let resolved = shapegen_codegen::resolve(&source, "fallbacks.json", &Settings::new())
        .unwrap_or_else(|d| panic!("warnings alone must not fail: {d}"));
    let warnings: Vec<String> = resolved.warnings.lines().collect();
    assert_eq!(
        warnings,
        [
            "fallbacks.json: shapes.\"example.notes#WatchNotesOutput\".members.Events.target: \
             operation `WatchNotes` is not generated: its output member `Events` targets the \
             event stream `example.notes#NoteEvents`, and shapegen does not support event \
             streams yet",
            "fallbacks.json: shapes.\"example.notes#ImportNotesInput\".members.Notes.target: \
             operation `ImportNotes` is not generated: its input member `Notes` targets the \
             event stream `example.notes#NoteUploads`, and shapegen does not support event \
             streams yet",
            "fallbacks.json: shapes.\"example.notes#Slug\".traits.\"smithy.api#pattern\": \
             pattern `^[-a-z0-9]*${2,64}$` is not ECMA-262 (Quantifier not allowed here) and \
             has no exact ECMA-262 equivalent: it is not enforced (generated code accepts any \
             value here)",
        ]
    );
    let ir = resolved.ir;
    let operations: Vec<&str> = ir.operations.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(operations, ["PutNote"]);
    let skipped: Vec<&str> = ir
        .skipped_operations
        .iter()
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(skipped, ["WatchNotes", "ImportNotes"]);
    // What the runtime compiles: the translations, not the model's Java syntax, and the
    // pattern with no equivalent as written (the runtime cannot compile it: not enforced).
    assert_eq!(
        ir.patterns,
        [
            r"^[-a-z0-9]*${2,64}$",
            r"(?s:^.+$)",
            r"^[\/]?[a-z0-9]+(\/[a-z0-9]+)*$",
            "^[a-z]{2}$"
        ]
    );
}

#[test]
fn naming_an_event_stream_operation_is_an_error_that_says_why() {
    let source = std::fs::read(SPEC).unwrap();
    let settings = Settings::new().operations(["PutNote", "ImportNotes"]);
    let diagnostics = shapegen_codegen::resolve(&source, "fallbacks.json", &settings).unwrap_err();
    assert_eq!(diagnostics.error_count(), 1, "{diagnostics}");
    assert!(
        diagnostics.to_string().starts_with(
            "fallbacks.json: argument `operations`: operation `ImportNotes` cannot be \
             generated: its input member `Notes` targets the event stream \
             `example.notes#NoteUploads`, and shapegen does not support event streams yet"
        ),
        "{diagnostics}"
    );
}

#[test]
fn generated_docs_say_what_is_translated_or_not_generated() {
    let source = std::fs::read(SPEC).unwrap();
    let generated = shapegen_codegen::generate(&source, "fallbacks.json", &Settings::new())
        .unwrap_or_else(|d| panic!("{d}"));
    let code = generated.tokens.to_string();
    for expected in [
        "Checked as its ECMA-262 equivalent `(?s:^.+$)`.",
        "- `WatchNotes`: its output member `Events` targets the event stream `example.notes#NoteEvents`.",
    ] {
        assert!(code.contains(expected), "missing {expected:?}");
    }
}

/// `^(?s).+$`, `^[\/]?+…` and `^[a-z]{2}+$` check what Java would: a newline is a character
/// like any other, a folder may start with one slash but not two, a language has two letters.
#[tokio::test]
async fn translated_patterns_validate_with_the_java_meaning() {
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({"NoteId": "n-1"}))]).await;
    let output = client(&server.url())
        .put_note()
        .slug("groceries")
        .text("milk\neggs")
        .folder("/home/lists")
        .language("nb")
        .send()
        .await
        .unwrap();
    assert_eq!(output.note_id.as_deref(), Some("n-1"));
    let request = &server.requests()[0];
    assert_eq!(request.path, "/notes/groceries");
    assert_eq!(
        request.json(),
        json!({"Text": "milk\neggs", "Folder": "/home/lists", "Language": "nb"})
    );

    let error = client(&unused_local_url())
        .put_note()
        .slug("groceries")
        .text("\n")
        .folder("//home")
        .language("nob")
        .send()
        .await
        .unwrap_err();
    let violations: Vec<(&str, ViolationKind)> = error
        .as_validation_error()
        .unwrap()
        .violations()
        .iter()
        .map(|v| (v.path(), v.kind()))
        .collect();
    // A lone newline satisfies `(?s).+`: only the folder and the language are rejected.
    assert_eq!(
        violations,
        [
            ("Folder", ViolationKind::Pattern),
            ("Language", ViolationKind::Pattern)
        ]
    );
}

/// `^[-a-z0-9]*${2,64}$` has no ECMA-262 equivalent: the slug is sent whatever it holds.
#[tokio::test]
async fn a_pattern_without_an_equivalent_is_not_enforced() {
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({}))]).await;
    client(&server.url())
        .put_note()
        .slug("Not a slug!")
        .text("x")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests()[0].path, "/notes/Not%20a%20slug%21");
}
