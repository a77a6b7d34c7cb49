//! Whole-value conversions between Rust types and JSON.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::{JsonError, Reader, Writer};
use crate::error::ParseError;

/// A value that can be written as JSON.
pub trait ToJson {
    /// Writes `self` as one JSON value.
    fn to_json(&self, w: &mut Writer);
}

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    /// Reads one JSON value as `Self`.
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError>;

    /// What a `null` list element or map value becomes.
    ///
    /// `None`, the default, drops the entry, as dense Smithy lists and maps
    /// require. `Option<T>` returns `Some(None)`, so `Vec<Option<T>>` and
    /// `HashMap<String, Option<T>>` keep nulls (sparse lists and maps).
    fn from_null_entry() -> Option<Self> {
        None
    }
}

impl ToJson for str {
    fn to_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn to_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

macro_rules! integer_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self, w: &mut Writer) {
                w.i64(i64::from(*self));
            }
        }
    )*};
}
integer_to_json!(i8, i16, i32, i64);

impl ToJson for f32 {
    fn to_json(&self, w: &mut Writer) {
        w.f32(*self);
    }
}

impl ToJson for f64 {
    fn to_json(&self, w: &mut Writer) {
        w.f64(*self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, w: &mut Writer) {
        w.begin_array();
        for item in self {
            item.to_json(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, w: &mut Writer) {
        self.as_slice().to_json(w);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Some(value) => value.to_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson, S> ToJson for HashMap<String, T, S> {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        for (key, value) in self {
            w.key(key);
            value.to_json(w);
        }
        w.end_object();
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl FromJson for String {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.read_string()
    }
}

impl FromJson for bool {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.read_bool()
    }
}

macro_rules! from_json_via {
    ($($t:ty => $read:ident),*) => {$(
        impl FromJson for $t {
            fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
                r.$read()
            }
        }
    )*};
}
from_json_via!(
    i8 => read_i8,
    i16 => read_i16,
    i32 => read_i32,
    i64 => read_i64,
    f32 => read_f32,
    f64 => read_f64
);

/// Reads a list; `null` elements become [`FromJson::from_null_entry`].
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut out = Vec::new();
        r.begin_array()?;
        while r.next_element()? {
            if r.try_null()? {
                out.extend(T::from_null_entry());
            } else {
                out.push(T::from_json(r)?);
            }
        }
        Ok(out)
    }
}

/// Reads `null` as `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        if r.try_null()? {
            Ok(None)
        } else {
            T::from_json(r).map(Some)
        }
    }

    fn from_null_entry() -> Option<Self> {
        Some(None)
    }
}

/// Reads an object; members whose value is `null` become
/// [`FromJson::from_null_entry`], and of duplicate keys the last one kept wins.
impl<T: FromJson, S: BuildHasher + Default> FromJson for HashMap<String, T, S> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        read_entries(r, T::from_null_entry, T::from_json)
    }
}

/// Reads an object into a map: `read` reads each member's value; a member whose value is
/// `null` becomes `null_entry()`, or is left out when that is `None`. Of duplicate keys the
/// last one kept wins.
///
/// The map is given the size of the last map read at the same depth
/// ([`Reader::map_size_hint`]) when its first entry arrives, so an empty object allocates
/// nothing.
pub(super) fn read_entries<T, S: BuildHasher + Default>(
    r: &mut Reader<'_>,
    null_entry: impl Fn() -> Option<T>,
    mut read: impl FnMut(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<HashMap<String, T, S>, JsonError> {
    let hint = r.map_size_hint();
    let mut out = HashMap::default();
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        let value = if r.try_null()? {
            match null_entry() {
                Some(value) => value,
                None => continue,
            }
        } else {
            read(r)?
        };
        if out.capacity() == 0 {
            out.reserve(hint);
        }
        out.insert(key.into_owned(), value);
    }
    r.record_map_size(out.len());
    Ok(out)
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        T::from_json(r).map(Box::new)
    }
}

/// Reads a whole response body as `T`: an empty (or all-whitespace) body is `T::default()`,
/// as restJson1 allows; anything after the value is an error. An error names the member it was
/// found in.
pub fn from_body<T: FromJson + Default>(body: &[u8]) -> Result<T, ParseError> {
    read_body(body).map_err(|error| ParseError::in_body(body, &error))
}

fn read_body<T: FromJson + Default>(body: &[u8]) -> Result<T, JsonError> {
    let mut reader = Reader::new(body)?;
    if reader.is_empty() {
        return Ok(T::default());
    }
    let value = T::from_json(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Reads a whole body as one value with `read` (a payload member), naming the member at an
/// error's offset.
pub fn from_payload<T>(
    body: &[u8],
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, JsonError>,
) -> Result<T, ParseError> {
    let value = Reader::new(body).and_then(|mut reader| {
        let value = read(&mut reader)?;
        reader.finish()?;
        Ok(value)
    });
    value.map_err(|error| ParseError::in_body(body, &error))
}

/// Like [`from_body`], but a body that cannot be read yields `T::default()`.
///
/// Used for error replies: the error is already identified by its code, and losing it because
/// its body is malformed would be worse than leaving its members empty.
pub fn from_body_or_default<T: FromJson + Default>(body: &[u8]) -> T {
    read_body(body).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_text<T: ToJson + ?Sized>(value: &T) -> String {
        let mut w = Writer::new();
        value.to_json(&mut w);
        String::from_utf8(w.into_bytes()).unwrap()
    }

    fn from_text<T: FromJson>(s: &str) -> Result<T, JsonError> {
        let mut r = Reader::new(s.as_bytes())?;
        let v = T::from_json(&mut r)?;
        r.finish()?;
        Ok(v)
    }

    #[test]
    fn scalars_to_json() {
        assert_eq!(to_text("a\"b"), r#""a\"b""#);
        assert_eq!(to_text(&String::from("x")), r#""x""#);
        assert_eq!(to_text(&true), "true");
        assert_eq!(to_text(&-128i8), "-128");
        assert_eq!(to_text(&i16::MAX), "32767");
        assert_eq!(to_text(&i32::MIN), "-2147483648");
        assert_eq!(to_text(&i64::MAX), "9223372036854775807");
        assert_eq!(to_text(&0.1f32), "0.1");
        assert_eq!(to_text(&f64::NAN), r#""NaN""#);
        assert_eq!(to_text(&&&2.5f64), "2.5");
    }

    #[test]
    fn collections_to_json() {
        assert_eq!(to_text(&vec![1i32, 2, 3]), "[1,2,3]");
        assert_eq!(to_text(&[true, false][..]), "[true,false]");
        assert_eq!(to_text(&Vec::<i32>::new()), "[]");
        assert_eq!(to_text(&vec![Some(1i64), None]), "[1,null]");
        assert_eq!(to_text(&None::<String>), "null");
        assert_eq!(
            to_text(&vec![vec!["a".to_owned()], vec![]]),
            r#"[["a"],[]]"#
        );
        let map = HashMap::from([("k".to_owned(), vec![1i8])]);
        assert_eq!(to_text(&map), r#"{"k":[1]}"#);
        let map = HashMap::from([("a".to_owned(), 1i32), ("b".to_owned(), 2)]);
        let text = to_text(&map);
        assert!(
            text == r#"{"a":1,"b":2}"# || text == r#"{"b":2,"a":1}"#,
            "{text}"
        );
        assert_eq!(to_text(&HashMap::<String, i32>::new()), "{}");
        let strs: Vec<&str> = vec!["x", "y"];
        assert_eq!(to_text(&strs), r#"["x","y"]"#);
    }

    #[test]
    fn scalars_from_json() {
        assert_eq!(from_text::<String>(r#""a\u00e9""#).unwrap(), "aé");
        assert!(from_text::<bool>("true").unwrap());
        assert_eq!(from_text::<i8>("-128").unwrap(), -128);
        assert!(from_text::<i8>("128").is_err());
        assert_eq!(from_text::<i16>("1e3").unwrap(), 1000);
        assert_eq!(from_text::<i32>("7").unwrap(), 7);
        assert_eq!(from_text::<i64>("-7").unwrap(), -7);
        assert_eq!(from_text::<f32>("0.1").unwrap(), 0.1);
        assert_eq!(
            from_text::<f64>(r#""-Infinity""#).unwrap(),
            f64::NEG_INFINITY
        );
        assert!(from_text::<String>("1").is_err());
    }

    #[test]
    fn dense_and_sparse_lists() {
        assert_eq!(from_text::<Vec<i32>>("[1, null, 2, null]").unwrap(), [1, 2]);
        assert_eq!(
            from_text::<Vec<Option<i32>>>("[1, null, 2]").unwrap(),
            [Some(1), None, Some(2)]
        );
        assert_eq!(
            from_text::<Vec<String>>("[]").unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            from_text::<Vec<Vec<i64>>>("[[1],null,[]]").unwrap(),
            vec![vec![1], vec![]]
        );
        assert!(from_text::<Vec<i32>>("[1,]").is_err());
        assert!(from_text::<Vec<i32>>("{}").is_err());
        assert!(from_text::<Vec<i32>>("[\"1\"]").is_err());
    }

    #[test]
    fn options() {
        assert_eq!(from_text::<Option<i32>>("null").unwrap(), None);
        assert_eq!(from_text::<Option<i32>>(" 3").unwrap(), Some(3));
        assert!(from_text::<Option<i32>>("nul").is_err());
    }

    #[test]
    fn dense_and_sparse_maps() {
        let map = from_text::<HashMap<String, i32>>(r#"{"a":1,"b":null,"c":3,"a":4}"#).unwrap();
        assert_eq!(
            map,
            HashMap::from([("a".to_owned(), 4), ("c".to_owned(), 3)])
        );
        let map = from_text::<HashMap<String, Option<i32>>>(r#"{"a":1,"b":null}"#).unwrap();
        assert_eq!(
            map,
            HashMap::from([("a".to_owned(), Some(1)), ("b".to_owned(), None)])
        );
        // A later null member is dropped, so it does not remove an earlier one.
        let map = from_text::<HashMap<String, i32>>(r#"{"a":1,"a":null}"#).unwrap();
        assert_eq!(map, HashMap::from([("a".to_owned(), 1)]));
        assert!(from_text::<HashMap<String, i32>>(r#"{"a":1,}"#).is_err());
        assert!(from_text::<HashMap<String, i32>>("[]").is_err());
    }

    #[test]
    fn maps_sized_by_the_previous_map_at_their_depth() {
        // A big map, then an empty, a small and a big one at the same depth: each reads the
        // same, whatever capacity the previous one suggested, and an empty one allocates nothing.
        let big: String = (0..40).map(|i| format!(r#""k{i}":{i},"#)).collect();
        let big = format!("{{{}}}", big.trim_end_matches(','));
        let text = format!(r#"[{big},{{}},{{"x":null}},{{"a":1}},{big}]"#);
        let maps = from_text::<Vec<HashMap<String, i32>>>(&text).unwrap();
        let expected_big: HashMap<String, i32> = (0..40).map(|i| (format!("k{i}"), i)).collect();
        assert_eq!(maps.len(), 5);
        assert_eq!(maps[0], expected_big);
        assert!(maps[1].is_empty() && maps[1].capacity() == 0);
        assert!(maps[2].is_empty() && maps[2].capacity() == 0);
        assert_eq!(maps[3], HashMap::from([("a".to_owned(), 1)]));
        assert!(maps[3].capacity() < 40, "sized by the empty map before it");
        assert_eq!(maps[4], expected_big);

        let mut r = Reader::new(br#"{"a":{"b":1,"c":2},"d":{}}"#).unwrap();
        assert_eq!(r.map_size_hint(), 0);
        let outer = HashMap::<String, HashMap<String, i32>>::from_json(&mut r).unwrap();
        assert_eq!(outer.len(), 2);
        // The last inner map (depth 1) was empty; the outer one (depth 0) held 2 entries.
        assert_eq!(r.map_size_hint(), 2);
    }

    type Nested = HashMap<String, Vec<Option<HashMap<String, Vec<f64>>>>>;

    #[test]
    fn round_trip_nested() {
        let value: Nested = HashMap::from([
            (
                "one \"quoted\"\n".to_owned(),
                vec![
                    Some(HashMap::from([(
                        "xs".to_owned(),
                        vec![1.5, -0.0, 1e300, f64::INFINITY, 5e-324],
                    )])),
                    None,
                    Some(HashMap::new()),
                ],
            ),
            ("two 😀".to_owned(), vec![]),
        ]);
        let text = to_text(&value);
        let back: Nested = from_text(&text).unwrap();
        assert_eq!(back, value);
        let strings = vec!["\u{0}\u{1f}\"\\/é".to_owned(), String::new()];
        assert_eq!(
            from_text::<Vec<String>>(&to_text(&strings)).unwrap(),
            strings
        );
    }
}
