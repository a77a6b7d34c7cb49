//! JSON forms of the runtime's value types, timestamps, and element-wise list and map reading.

use std::collections::HashMap;

use super::convert::read_entries;
use super::{FromJson, JsonError, Kind, Reader, ToJson, Writer};
use crate::types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number, TimestampFormat};

impl ToJson for Blob {
    fn to_json(&self, w: &mut Writer) {
        w.string(&self.to_base64());
    }
}

impl FromJson for Blob {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let offset = r.offset();
        let text = r.read_str()?;
        Blob::from_base64(&text).ok_or_else(|| JsonError::new(offset, "expected base64 text"))
    }
}

impl ToJson for BigInteger {
    fn to_json(&self, w: &mut Writer) {
        w.raw_number(self.as_str());
    }
}

impl FromJson for BigInteger {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let offset = r.offset();
        let text = r.read_number_text()?;
        BigInteger::new(text).ok_or_else(|| JsonError::new(offset, "expected an integer"))
    }
}

impl ToJson for BigDecimal {
    fn to_json(&self, w: &mut Writer) {
        w.raw_number(self.as_str());
    }
}

impl FromJson for BigDecimal {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let offset = r.offset();
        let text = r.read_number_text()?;
        BigDecimal::new(text).ok_or_else(|| JsonError::new(offset, "expected a number"))
    }
}

impl ToJson for Document {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Document::Null => w.null(),
            Document::Bool(value) => w.bool(*value),
            Document::Number(Number::PosInt(value)) => w.raw_number(&value.to_string()),
            Document::Number(Number::NegInt(value)) => w.i64(*value),
            Document::Number(Number::Float(value)) => w.f64(*value),
            Document::String(value) => w.string(value),
            Document::Array(items) => {
                w.begin_array();
                for item in items {
                    item.to_json(w);
                }
                w.end_array();
            }
            Document::Object(entries) => {
                w.begin_object();
                for (key, value) in entries {
                    w.key(key);
                    value.to_json(w);
                }
                w.end_object();
            }
        }
    }
}

impl FromJson for Document {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        Ok(match r.peek()? {
            Kind::Null => {
                r.try_null()?;
                Document::Null
            }
            Kind::Bool => Document::Bool(r.read_bool()?),
            Kind::String => Document::String(r.read_string()?),
            Kind::Number => {
                let offset = r.offset();
                let text = r.read_number_text()?;
                let number = if text.contains(['.', 'e', 'E']) {
                    text.parse().ok().map(Number::Float)
                } else if text.starts_with('-') {
                    text.parse().ok().map(Number::NegInt)
                } else {
                    text.parse().ok().map(Number::PosInt)
                };
                // Integers too large for 64 bits keep their magnitude as a float.
                let number = number.or_else(|| text.parse().ok().map(Number::Float));
                Document::Number(
                    number.ok_or_else(|| JsonError::new(offset, "number out of range"))?,
                )
            }
            Kind::Array => {
                r.begin_array()?;
                let mut items = Vec::new();
                while r.next_element()? {
                    items.push(Document::from_json(r)?);
                }
                Document::Array(items)
            }
            Kind::Object => Document::Object(read_entries(
                r,
                || Some(Document::Null),
                Document::from_json,
            )?),
        })
    }
}

/// Writes a timestamp: a number for epoch seconds, else a string.
pub fn write_timestamp(w: &mut Writer, value: &DateTime, format: TimestampFormat) {
    match value.fmt(format) {
        Ok(text) if format == TimestampFormat::EpochSeconds => w.raw_number(&text),
        Ok(text) => w.string(&text),
        // Only years outside 1..=9999 cannot be written as text: fall back to epoch seconds.
        Err(_) => w.raw_number(&value.fmt(TimestampFormat::EpochSeconds).unwrap_or_default()),
    }
}

/// Reads a timestamp in any of the three forms, whatever the model's format: a number is epoch
/// seconds, a string may be epoch seconds, a date-time (with or without offset) or an HTTP date.
/// Servers do not always send the modeled form, and a reply is read as it is.
pub fn read_timestamp(r: &mut Reader<'_>) -> Result<DateTime, JsonError> {
    let kind = r.peek()?;
    let offset = r.offset();
    let parsed = match kind {
        Kind::Number => DateTime::parse(r.read_number_text()?, TimestampFormat::EpochSeconds),
        Kind::String => DateTime::parse_any(&r.read_str()?),
        _ => {
            return Err(JsonError::new(
                offset,
                "expected a timestamp, found another value",
            ));
        }
    };
    parsed.map_err(|_| {
        JsonError::new(
            offset,
            "expected a timestamp (epoch seconds, date-time or HTTP date)",
        )
    })
}

/// Reads a dense list with `read` for each item; `null` items are skipped.
pub fn read_list<T>(
    r: &mut Reader<'_>,
    mut read: impl FnMut(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<Vec<T>, JsonError> {
    let mut items = Vec::new();
    r.begin_array()?;
    while r.next_element()? {
        if !r.try_null()? {
            items.push(read(r)?);
        }
    }
    Ok(items)
}

/// Reads a sparse list with `read` for each non-null item.
pub fn read_sparse_list<T>(
    r: &mut Reader<'_>,
    mut read: impl FnMut(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<Vec<Option<T>>, JsonError> {
    let mut items = Vec::new();
    r.begin_array()?;
    while r.next_element()? {
        items.push(if r.try_null()? { None } else { Some(read(r)?) });
    }
    Ok(items)
}

/// Reads a dense map with `read` for each value; `null` values are skipped.
pub fn read_map<T>(
    r: &mut Reader<'_>,
    read: impl FnMut(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<HashMap<String, T>, JsonError> {
    read_entries(r, || None, read)
}

/// Reads a sparse map with `read` for each non-null value.
pub fn read_sparse_map<T>(
    r: &mut Reader<'_>,
    mut read: impl FnMut(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<HashMap<String, Option<T>>, JsonError> {
    read_entries(r, || Some(None), |r| read(r).map(Some))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T>(
        text: &str,
        f: impl FnOnce(&mut Reader<'_>) -> Result<T, JsonError>,
    ) -> Result<T, JsonError> {
        let mut r = Reader::new(text.as_bytes())?;
        let value = f(&mut r)?;
        r.finish()?;
        Ok(value)
    }

    #[test]
    fn documents_round_trip() {
        let text = r#"{"a":[1,-2,3.5,"x",true,null,{"b":18446744073709551615}],"n":null}"#;
        let document = read(text, Document::from_json).unwrap();
        let mut w = Writer::new();
        document.to_json(&mut w);
        let again = read(
            std::str::from_utf8(&w.into_bytes()).unwrap(),
            Document::from_json,
        )
        .unwrap();
        assert_eq!(document, again);
        let Document::Object(map) = &document else {
            panic!()
        };
        assert_eq!(
            map["n"],
            Document::Null,
            "a null member is kept in a document"
        );
        let Document::Array(items) = &map["a"] else {
            panic!()
        };
        assert_eq!(items[1], Document::Number(Number::NegInt(-2)));
    }

    #[test]
    fn timestamps_in_each_format() {
        let t = DateTime::from_secs(1_398_796_238);
        for (format, json) in [
            (TimestampFormat::EpochSeconds, "1398796238"),
            (TimestampFormat::DateTime, "\"2014-04-29T18:30:38Z\""),
            (
                TimestampFormat::HttpDate,
                "\"Tue, 29 Apr 2014 18:30:38 GMT\"",
            ),
        ] {
            let mut w = Writer::new();
            write_timestamp(&mut w, &t, format);
            assert_eq!(w.into_bytes(), json.as_bytes());
            assert_eq!(read(json, read_timestamp).unwrap(), t);
        }
        assert!(read("\"soon\"", read_timestamp).is_err());
    }

    #[test]
    fn lists_and_maps_of_custom_items() {
        let dense = read("[1, null, 2]", |r| read_list(r, |r| r.read_i32())).unwrap();
        assert_eq!(dense, [1, 2]);
        let sparse = read("[1, null]", |r| read_sparse_list(r, |r| r.read_i32())).unwrap();
        assert_eq!(sparse, [Some(1), None]);
        let map = read(r#"{"a": 1, "b": null}"#, |r| read_map(r, |r| r.read_i32())).unwrap();
        assert_eq!(map.len(), 1);
        let map = read(r#"{"a": 1, "b": null}"#, |r| {
            read_sparse_map(r, |r| r.read_i32())
        })
        .unwrap();
        assert_eq!(map["b"], None);
        assert!(read("{\"v\": \"AA==\"}", |r| read_map(r, Blob::from_json)).is_ok());
    }
}
