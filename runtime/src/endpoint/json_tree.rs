//! A JSON value tree read with the runtime's own [`Reader`], keeping object members in order.

use crate::json::{JsonError, Kind, Reader};

/// One JSON value. Numbers keep their text; objects keep their members in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Reads a whole document; nesting is bounded by the reader's depth limit.
    pub(crate) fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader::new(text.as_bytes())?;
        let value = Json::read(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }

    fn read(r: &mut Reader<'_>) -> Result<Json, JsonError> {
        Ok(match r.peek()? {
            Kind::Null => {
                r.try_null()?;
                Json::Null
            }
            Kind::Bool => Json::Bool(r.read_bool()?),
            Kind::Number => Json::Number(r.read_number_text()?.to_owned()),
            Kind::String => Json::String(r.read_string()?),
            Kind::Array => {
                r.begin_array()?;
                let mut items = Vec::new();
                while r.next_element()? {
                    items.push(Json::read(r)?);
                }
                Json::Array(items)
            }
            Kind::Object => {
                r.begin_object()?;
                let mut members = Vec::new();
                while let Some(key) = r.next_key()? {
                    let key = key.into_owned();
                    members.push((key, Json::read(r)?));
                }
                Json::Object(members)
            }
        })
    }

    /// The member `key` of an object (the last one, if repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_in_order() {
        let json = Json::parse(r#"{"b": [1, -2.5, "x"], "a": {"t": true, "n": null}}"#).unwrap();
        let Json::Object(members) = &json else {
            panic!("not an object: {json:?}");
        };
        assert_eq!(members[0].0, "b");
        assert_eq!(
            json.get("b"),
            Some(&Json::Array(vec![
                Json::Number("1".into()),
                Json::Number("-2.5".into()),
                Json::String("x".into())
            ]))
        );
        assert_eq!(
            json.get("a").and_then(|a| a.get("t")),
            Some(&Json::Bool(true))
        );
        assert_eq!(json.get("a").and_then(|a| a.get("n")), Some(&Json::Null));
    }

    #[test]
    fn rejects_trailing_text_and_bad_json() {
        assert!(Json::parse("{} x").is_err());
        assert!(Json::parse("{").is_err());
        assert!(Json::parse(&"[".repeat(200)).is_err());
    }
}
