//! The `json_reader` checks: the runtime's JSON reader never panics, its ways of reading a
//! document agree with each other, and it accepts exactly what serde_json accepts.

use shapegen::__private::json::{self, JsonError, Kind, Reader};
use shapegen::Document;

/// Runs every check on `body`; panics on a finding.
pub fn check(body: &[u8]) {
    let walked = walk_document(body);
    let skipped = skip_document(body);
    match (&walked, &skipped) {
        (Ok(()), Ok(())) => {}
        // Both follow one grammar, so they fail at the same byte.
        (Err(a), Err(b)) => assert_eq!(a.offset(), b.offset(), "walk: {a}; skip_value: {b}"),
        _ => panic!("walk {walked:?} but skip_value {skipped:?}"),
    }
    compare_with_serde_json(body, &walked);

    let document = json::from_body::<Document>(body);
    if let Err(error) = &document {
        let _ = error.to_string();
        let _ = error.path();
    }
    if let (Ok(_), Err(error)) = (&walked, &document) {
        // Reading as a document converts numbers; only a float out of range may fail then.
        assert!(
            error.to_string().contains("out of range"),
            "walked, but the document read failed: {error}"
        );
    }

    for offset in offsets(body.len(), walked.as_ref().err()) {
        if let Some(path) = json::path_at(body, offset) {
            assert!(!path.is_empty(), "empty path at {offset}");
            assert!(
                !path.chars().any(char::is_control),
                "a control character in path {path:?}"
            );
        }
    }
}

/// Reads the whole document by peeking at each value's kind, reading every number as each
/// numeric type (on a copy of the reader), then checks the end.
fn walk_document(body: &[u8]) -> Result<(), JsonError> {
    let mut reader = Reader::new(body)?;
    walk_value(&mut reader)?;
    reader.finish()
}

fn walk_value(reader: &mut Reader<'_>) -> Result<(), JsonError> {
    match reader.peek()? {
        Kind::Null => {
            assert!(reader.try_null()?, "peek said null");
        }
        Kind::Bool => {
            reader.read_bool()?;
        }
        Kind::String => {
            let text = reader.read_str()?;
            let _ = text.len();
        }
        Kind::Number => {
            read_as_each_number(reader);
            reader.read_number_text()?;
        }
        Kind::Array => {
            reader.begin_array()?;
            while reader.next_element()? {
                walk_value(reader)?;
            }
        }
        Kind::Object => {
            reader.begin_object()?;
            while let Some(_key) = reader.next_key()? {
                walk_value(reader)?;
            }
        }
    }
    Ok(())
}

/// Every typed number read must succeed or fail cleanly, and fail only where the text itself
/// fails or the value does not fit.
fn read_as_each_number(reader: &Reader<'_>) {
    let text_ok = reader.clone().read_number_text().is_ok();
    let results = [
        reader.clone().read_i8().map(drop),
        reader.clone().read_i16().map(drop),
        reader.clone().read_i32().map(drop),
        reader.clone().read_i64().map(drop),
        reader.clone().read_f32().map(drop),
        reader.clone().read_f64().map(drop),
    ];
    if !text_ok {
        for result in results {
            assert!(
                result.is_err(),
                "a typed read accepted what read_number_text rejects"
            );
        }
    }
}

fn skip_document(body: &[u8]) -> Result<(), JsonError> {
    let mut reader = Reader::new(body)?;
    reader.skip_value()?;
    reader.finish()
}

/// The reader and serde_json accept the same documents, but for the depth limits (both 128,
/// counted differently) and float range (serde_json rejects what overflows; the walk reads
/// numbers as text).
fn compare_with_serde_json(body: &[u8], walked: &Result<(), JsonError>) {
    let theirs = serde_json::from_slice::<serde_json::Value>(body);
    match (&theirs, walked) {
        (Ok(_), Ok(())) | (Err(_), Err(_)) => {}
        (Err(error), Ok(())) if error.to_string().starts_with("number out of range") => {}
        (Err(error), Ok(())) if error.to_string().starts_with("recursion limit exceeded") => {}
        (_, Err(error)) if error.message().contains("deep") => {}
        _ => panic!("serde_json: {theirs:?}; reader: {walked:?}"),
    }
}

/// A few offsets to ask `path_at` about: the error's, the ends, and some inside.
fn offsets(len: usize, error: Option<&JsonError>) -> Vec<usize> {
    let mut offsets = vec![0, len / 3, len / 2, len.saturating_sub(1), len, len + 1];
    if let Some(error) = error {
        offsets.push(error.offset());
    }
    offsets
}
