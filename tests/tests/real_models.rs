//! The generator on the real published AWS models (from `../shared`, skipped with a notice
//! when absent; required in CI).

use std::collections::BTreeSet;

use shapegen_codegen::Settings;

#[test]
fn one_operation_of_the_real_chime_model_generates_exactly_its_closure() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let source = std::fs::read(shared.join("models/smithy/chime.json")).unwrap();
    let settings = Settings::new().operations(["BatchCreateAttendee"]);
    let resolved = shapegen_codegen::resolve(&source, "chime.json", &settings)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(resolved.warnings.is_empty(), "{}", resolved.warnings);
    let ir = resolved.ir;
    assert_eq!(ir.service.id, "com.amazonaws.chime#UCBuzzConsoleService");
    assert_eq!(ir.service.signing_name.as_deref(), Some("chime"));
    let operations: Vec<&str> = ir.operations.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(operations, ["BatchCreateAttendee"]);
    let op = &ir.operations[0];
    assert_eq!(op.http.code, 201);
    assert_eq!(
        op.http.uri,
        "/meetings/{MeetingId}/attendees?operation=batch-create"
    );
    assert!(op.deprecated.is_some());
    let types: BTreeSet<&str> = ir
        .structures
        .iter()
        .map(|s| s.rust_name.as_str())
        .chain(ir.enums.iter().map(|e| e.rust_name.as_str()))
        .collect();
    assert_eq!(
        types,
        BTreeSet::from([
            "Attendee",
            "CreateAttendeeError",
            "CreateAttendeeRequestItem",
            "ErrorCode",
            "Tag"
        ])
    );
    let errors: Vec<&str> = ir.errors.iter().map(|s| s.rust_name.as_str()).collect();
    assert_eq!(
        errors,
        [
            "BadRequestException",
            "ForbiddenException",
            "NotFoundException",
            "ResourceLimitExceededException",
            "ServiceFailureException",
            "ServiceUnavailableException",
            "ThrottledClientException",
            "UnauthorizedClientException",
        ]
    );
    // Only the patterns the closure's validation checks are compiled in: the meeting id's (of
    // the input); the join token's pattern (an output-only `Attendee` member) is never checked.
    assert_eq!(ir.patterns.len(), 1, "{:?}", ir.patterns);
}

#[test]
fn our_spec_matches_the_real_model_where_it_should() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let real = std::fs::read(shared.join("models/smithy/chime.json")).unwrap();
    let ours = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chime.json")).unwrap();
    let settings = Settings::new().operations(["BatchCreateAttendee"]);
    let real = shapegen_codegen::resolve(&real, "real", &settings)
        .unwrap()
        .ir;
    let ours = shapegen_codegen::resolve(&ours, "ours", &settings)
        .unwrap()
        .ir;
    let shape = |ir: &shapegen_codegen::ir::Ir| {
        let op = &ir.operations[0];
        (
            op.http.method.clone(),
            op.http.uri.clone(),
            op.http.code,
            op.errors.iter().map(|e| e.code.clone()).collect::<Vec<_>>(),
            ir.structures
                .iter()
                .map(|s| (s.rust_name.clone(), s.members.len()))
                .collect::<Vec<_>>(),
            ir.patterns.clone(),
        )
    };
    assert_eq!(shape(&real), shape(&ours));
}

/// Every `pattern` in the five restJson1 models compiles with shapegen's engine (ECMA-262
/// via `regress`, Unicode mode when valid there), including the ones the `regex` crate
/// rejects, and the tricky ones match as ECMAScript says they should.
#[test]
fn every_pattern_of_the_real_models_is_honoured() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let mut patterns = std::collections::BTreeMap::new();
    for model in [
        "chime",
        "chime-sdk-meetings",
        "connect",
        "quicksight",
        "mediaconvert",
    ] {
        let text = std::fs::read(shared.join(format!("models/smithy/{model}.json"))).unwrap();
        let document: serde_json::Value = serde_json::from_slice(&text).unwrap();
        collect_patterns(&document, &mut |pattern| {
            patterns.insert(pattern.to_owned(), model);
        });
    }
    assert!(patterns.len() >= 130, "found {} patterns", patterns.len());
    for (source, model) in &patterns {
        let pattern = shapegen::__private::Pattern::new(Box::leak(source.clone().into_boxed_str()));
        assert!(pattern.compiles(), "{model}: `{source}` does not compile");
    }
    let check = |source: &'static str, accepted: &[&str], rejected: &[&str]| {
        assert!(
            patterns.contains_key(source),
            "`{source}` is not in the models"
        );
        let pattern = shapegen::__private::Pattern::new(source);
        for text in accepted {
            assert!(pattern.is_match(text), "`{source}` should accept {text:?}");
        }
        for text in rejected {
            assert!(!pattern.is_match(text), "`{source}` should reject {text:?}");
        }
    };
    // Back-reference inside a look-ahead: no character four times in a row.
    check(
        r"^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$",
        &["aaab", "tenant-1"],
        &["aaaab", "x!!!!"],
    );
    // Negative look-ahead and Unicode property classes.
    check(
        r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
        &["team", "Équipe 2", "ключ"],
        &["aws:tag", "a\u{7}b"],
    );
    check(
        r"^[\P{C}\r\n\t]{1,127}$",
        &["line\nbreak", "日本"],
        &["", "bell\u{7}", &"x".repeat(128)],
    );
    // Positive look-ahead for the length, negative for whitespace.
    check(
        r"^(?=^.{2,256}$)(?!.*\s)[0-9a-zA-Z-_.:=+@]*$",
        &["ab", "policy-1"],
        &["a", "a b"],
    );
    // Large repetition counts (over the `regex` crate's size limit with Unicode `\w`).
    check(
        r"^\*|[\w\-]{1,2048}$",
        &["*", &"w".repeat(2048)],
        &["", "%%%"],
    );
    check(
        r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$",
        &["corp-dir"],
        &["d-1234567"],
    );
}

fn collect_patterns(value: &serde_json::Value, found: &mut dyn FnMut(&str)) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("smithy.api#pattern", serde_json::Value::String(pattern)) => found(pattern),
                    _ => collect_patterns(value, found),
                }
            }
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|item| collect_patterns(item, found))
        }
        _ => {}
    }
}
