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
    let ir = shapegen_codegen::resolve(&source, "chime.json", &settings)
        .unwrap_or_else(|d| panic!("{d}"));
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
    // Only the closure's own pattern constraints are compiled in.
    assert_eq!(ir.patterns.len(), 2, "{:?}", ir.patterns);
}

#[test]
fn our_spec_matches_the_real_model_where_it_should() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let real = std::fs::read(shared.join("models/smithy/chime.json")).unwrap();
    let ours = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chime.json")).unwrap();
    let settings = Settings::new().operations(["BatchCreateAttendee"]);
    let real = shapegen_codegen::resolve(&real, "real", &settings).unwrap();
    let ours = shapegen_codegen::resolve(&ours, "ours", &settings).unwrap();
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
