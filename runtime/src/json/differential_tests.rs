//! Differential tests of [`Reader`] and [`Writer`] against `serde_json`, on
//! pseudo-random documents and random mutations of them.

use serde_json::{Map, Number, Value};

use super::{JsonError, Kind, Reader, Writer};

/// Deterministic xorshift64* generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SPECIAL_CHARS: &[char] = &[
    '"',
    '\\',
    '/',
    '\n',
    '\r',
    '\t',
    '\u{8}',
    '\u{c}',
    '\u{0}',
    '\u{1}',
    '\u{1f}',
    '\u{7f}',
    'é',
    '€',
    '😀',
    '𝄞',
    '\u{2028}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10ffff}',
    ' ',
];

fn gen_string(rng: &mut Rng) -> String {
    let len = rng.below(12);
    (0..len)
        .map(|_| match rng.below(10) {
            0..=4 => char::from(b'a' + rng.below(26) as u8),
            5..=7 => *rng.pick(SPECIAL_CHARS),
            _ => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('x'),
        })
        .collect()
}

/// A float whose shortest decimal form is short, so that any correct parser
/// (including serde_json's default one) reads back exactly the same value.
fn gen_float(rng: &mut Rng) -> f64 {
    let mantissa = rng.below(2_000_000) as f64 - 1_000_000.0;
    match rng.below(4) {
        0 => mantissa / 10f64.powi(rng.below(7) as i32),
        1 => mantissa * 10f64.powi(rng.below(16) as i32),
        2 => mantissa / 1024.0,
        _ => *rng.pick(&[
            0.0,
            -0.0,
            0.5,
            1e300,
            -1e-300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
        ]),
    }
}

fn gen_number(rng: &mut Rng) -> Number {
    match rng.below(6) {
        0 => Number::from(rng.below(100) as i64 - 50),
        1 => Number::from(rng.next() as i64),
        2 => Number::from(*rng.pick(&[i64::MIN, i64::MAX, 0, -1, 127, -128, 128])),
        3 => Number::from(rng.next() | (1 << 63)),
        _ => Number::from_f64(gen_float(rng)).unwrap_or_else(|| Number::from(0)),
    }
}

fn gen_value(rng: &mut Rng, depth: usize) -> Value {
    let kinds = if depth >= 5 { 5 } else { 7 };
    match rng.below(kinds) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::Number(gen_number(rng)),
        3 | 4 => Value::String(gen_string(rng)),
        5 => Value::Array(
            (0..rng.below(5))
                .map(|_| gen_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                map.insert(gen_string(rng), gen_value(rng, depth + 1));
            }
            Value::Object(map)
        }
    }
}

/// A document: an object or array at the top, as in request bodies.
fn gen_document(rng: &mut Rng) -> Value {
    loop {
        let v = gen_value(rng, 0);
        if v.is_object() || v.is_array() || rng.chance(20) {
            return v;
        }
    }
}

/// Serializes `v` with random whitespace and random (valid) escapes, to
/// exercise the reader beyond what serde_json produces.
fn write_fancy(rng: &mut Rng, v: &Value, out: &mut String) {
    fn ws(rng: &mut Rng, out: &mut String) {
        while rng.chance(15) {
            out.push(*rng.pick(&[' ', '\t', '\n', '\r']));
        }
    }
    fn string(rng: &mut Rng, s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            let must = c == '"' || c == '\\' || c < ' ';
            if !must && !rng.chance(15) {
                out.push(c);
                continue;
            }
            let short = match c {
                '"' => Some('"'),
                '\\' => Some('\\'),
                '/' => Some('/'),
                '\n' => Some('n'),
                '\r' => Some('r'),
                '\t' => Some('t'),
                '\u{8}' => Some('b'),
                '\u{c}' => Some('f'),
                _ => None,
            };
            match short {
                Some(e) if rng.chance(60) => {
                    out.push('\\');
                    out.push(e);
                }
                _ => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        if rng.chance(50) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        } else {
                            out.push_str(&format!("\\u{unit:04X}"));
                        }
                    }
                }
            }
        }
        out.push('"');
    }
    ws(rng, out);
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_fancy(rng, item, out);
            }
            ws(rng, out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ws(rng, out);
                string(rng, k, out);
                ws(rng, out);
                out.push(':');
                write_fancy(rng, item, out);
            }
            ws(rng, out);
            out.push('}');
        }
        Value::String(s) => string(rng, s, out),
        other => out.push_str(&other.to_string()),
    }
    ws(rng, out);
}

/// Reads any value with the pull reader, converting numbers as serde_json does
/// (integers to `i64`/`u64` when they fit, otherwise finite `f64`).
fn read_value(r: &mut Reader<'_>) -> Result<Value, JsonError> {
    Ok(match r.peek()? {
        Kind::Null => {
            assert!(r.try_null()?, "peek said null");
            Value::Null
        }
        Kind::Bool => Value::Bool(r.read_bool()?),
        Kind::String => Value::String(r.read_string()?),
        Kind::Number => {
            let start = r.offset();
            let text = r.read_number_text()?;
            let reread = |f: fn(&mut Reader<'_>) -> Result<f64, JsonError>| {
                let mut sub = Reader::new(text.as_bytes())?;
                f(&mut sub).map_err(|e| JsonError::new(start + e.offset(), e.message().to_owned()))
            };
            let integer = !text.contains(['.', 'e', 'E']);
            let number = if integer && text.starts_with('-') {
                match Reader::new(text.as_bytes())?.read_i64() {
                    Ok(i) => Some(Number::from(i)),
                    Err(_) => None,
                }
            } else if integer {
                text.parse::<u64>().ok().map(Number::from)
            } else {
                None
            };
            match number {
                Some(n) => Value::Number(n),
                None => {
                    let f = reread(|r| r.read_f64())?;
                    Value::Number(Number::from_f64(f).expect("finite"))
                }
            }
        }
        Kind::Array => {
            let mut items = Vec::new();
            r.begin_array()?;
            while r.next_element()? {
                items.push(read_value(r)?);
            }
            Value::Array(items)
        }
        Kind::Object => {
            let mut map = Map::new();
            r.begin_object()?;
            while let Some(key) = r.next_key()? {
                let value = read_value(r)?;
                map.insert(key.into_owned(), value);
            }
            Value::Object(map)
        }
    })
}

fn read_document(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut r = Reader::new(bytes)?;
    let v = read_value(&mut r)?;
    r.finish()?;
    Ok(v)
}

fn skip_document(bytes: &[u8]) -> Result<(), JsonError> {
    let mut r = Reader::new(bytes)?;
    r.skip_value()?;
    r.finish()
}

fn write_value(w: &mut Writer, v: &Value) {
    match v {
        Value::Null => w.null(),
        Value::Bool(b) => w.bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                w.i64(i);
            } else if n.is_u64() {
                w.raw_number(&n.to_string());
            } else {
                w.f64(n.as_f64().expect("float"));
            }
        }
        Value::String(s) => w.string(s),
        Value::Array(items) => {
            w.begin_array();
            for item in items {
                write_value(w, item);
            }
            w.end_array();
        }
        Value::Object(map) => {
            w.begin_object();
            for (k, item) in map {
                w.key(k);
                write_value(w, item);
            }
            w.end_object();
        }
    }
}

#[test]
fn reader_matches_serde_json_on_random_documents() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for i in 0..2000 {
        let v = gen_document(&mut rng);

        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(
            read_document(compact.as_bytes()).unwrap(),
            v,
            "doc {i}: {compact}"
        );
        skip_document(compact.as_bytes()).unwrap();

        let pretty = serde_json::to_string_pretty(&v).unwrap();
        assert_eq!(
            read_document(pretty.as_bytes()).unwrap(),
            v,
            "doc {i}: {pretty}"
        );

        let mut fancy = String::new();
        write_fancy(&mut rng, &v, &mut fancy);
        assert_eq!(
            serde_json::from_str::<Value>(&fancy).unwrap(),
            v,
            "doc {i}: {fancy}"
        );
        assert_eq!(
            read_document(fancy.as_bytes()).unwrap(),
            v,
            "doc {i}: {fancy}"
        );
        skip_document(fancy.as_bytes()).unwrap();
    }
}

#[test]
fn writer_output_matches_serde_json_on_random_documents() {
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    for i in 0..2000 {
        let v = gen_document(&mut rng);
        let mut w = Writer::new();
        write_value(&mut w, &v);
        let bytes = w.into_bytes();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            serde_json::from_slice::<Value>(&bytes).unwrap(),
            v,
            "doc {i}: {text}"
        );
        assert_eq!(read_document(&bytes).unwrap(), v, "doc {i}: {text}");
    }
}

const MUTATION_BYTES: &[u8] = b"{}[],:\"\\0123456789.eE+-tfnulrsaxu/ \t\n\r";

fn mutate(rng: &mut Rng, doc: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(3) {
        let pos = rng.below(doc.len() + 1);
        let byte = if rng.chance(85) {
            *rng.pick(MUTATION_BYTES)
        } else {
            rng.next() as u8
        };
        match rng.below(5) {
            0 | 1 if pos < doc.len() => doc[pos] = byte,
            2 => doc.insert(pos, byte),
            3 if pos < doc.len() => {
                doc.remove(pos);
            }
            4 => {
                let end = (pos + rng.below(8)).min(doc.len());
                let piece = doc[pos..end].to_vec();
                doc.splice(pos..pos, piece);
            }
            _ => doc.truncate(pos),
        }
    }
}

fn is_range_error(e: &JsonError) -> bool {
    e.message().ends_with("out of range for f64")
}

#[test]
fn reader_accepts_exactly_what_serde_json_accepts_on_mutations() {
    let mut rng = Rng(0x5EED_1234_ABCD_0003);
    let (mut accepted, mut rejected) = (0, 0);
    for i in 0..2000 {
        let v = gen_document(&mut rng);
        let mut doc = if rng.chance(50) {
            serde_json::to_vec(&v).unwrap()
        } else {
            let mut fancy = String::new();
            write_fancy(&mut rng, &v, &mut fancy);
            fancy.into_bytes()
        };
        mutate(&mut rng, &mut doc);
        let shown = String::from_utf8_lossy(&doc).into_owned();

        let theirs = serde_json::from_slice::<Value>(&doc);
        let full = read_document(&doc);
        let skipped = skip_document(&doc);

        match (&theirs, &full) {
            (Ok(a), Ok(b)) => assert_eq!(a.is_null(), b.is_null(), "doc {i}: {shown}"),
            (Err(_), Err(_)) => {}
            // serde_json's default float parser is not always correctly
            // rounded near f64::MAX, so it may disagree on range (std's
            // parser, which the reader uses, is exact).
            (Err(e), Ok(_)) if e.to_string().starts_with("number out of range") => {}
            (Ok(_), Err(e)) if is_range_error(e) => {}
            _ => panic!("doc {i}: serde_json {theirs:?}, reader {full:?}: {shown}"),
        }
        match (&full, &skipped) {
            (Ok(_), Ok(())) => accepted += 1,
            (Err(e), Ok(())) => {
                // skip_value checks the grammar only, not float range.
                assert!(is_range_error(e), "doc {i}: {e}: {shown}");
                rejected += 1;
            }
            (Err(a), Err(b)) => {
                // Both walk the same grammar, so they fail at the same byte,
                // unless a float out of range stopped the full read first.
                if is_range_error(a) {
                    assert!(a.offset() < b.offset(), "doc {i}: {a} / {b}: {shown}");
                } else {
                    assert_eq!(a.offset(), b.offset(), "doc {i}: {a} / {b}: {shown}");
                }
                rejected += 1;
            }
            (Ok(_), Err(e)) => panic!("doc {i}: skip_value rejected with {e}: {shown}"),
        }
    }
    assert!(
        accepted > 100 && rejected > 1000,
        "{accepted} accepted, {rejected} rejected"
    );
}

#[test]
fn out_of_range_numbers_are_grammatical() {
    for doc in ["1e400", "[-1e400]", r#"{"a":1e99999}"#] {
        assert!(serde_json::from_str::<Value>(doc).is_err());
        assert!(read_document(doc.as_bytes()).is_err());
        skip_document(doc.as_bytes()).unwrap();
    }
}
