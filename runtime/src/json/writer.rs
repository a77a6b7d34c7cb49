//! Compact JSON writer.

use std::io::Write as _;

/// For each byte, the character after `\` that escapes it in a JSON string,
/// `u` for a `\u00XX` escape, or 0 when it is written as is.
const ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes compact JSON into a byte buffer.
///
/// The writer places commas itself but does not check the document's
/// structure: the caller opens and closes containers, and writes a
/// [`key`](Self::key) before each object member's value. Non-finite floats are
/// written as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, as
/// restJson1 requires.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    out: Vec<u8>,
    /// A value was just completed, so the next key or value needs a ','.
    needs_comma: bool,
}

impl Writer {
    /// Creates an empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Creates an empty writer with room for `bytes` bytes of output.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            out: Vec::with_capacity(bytes),
            needs_comma: false,
        }
    }

    /// Writes `{`.
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push(b'{');
        self.needs_comma = false;
    }

    /// Writes `}`.
    pub fn end_object(&mut self) {
        self.out.push(b'}');
        self.needs_comma = true;
    }

    /// Writes `[`.
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push(b'[');
        self.needs_comma = false;
    }

    /// Writes `]`.
    pub fn end_array(&mut self) {
        self.out.push(b']');
        self.needs_comma = true;
    }

    /// Writes an object member's key and `:`; the member's value comes next.
    pub fn key(&mut self, key: &str) {
        self.separate();
        self.escaped(key);
        self.out.push(b':');
        self.needs_comma = false;
    }

    /// Writes a string, escaping `"`, `\` and control characters.
    pub fn string(&mut self, value: &str) {
        self.separate();
        self.escaped(value);
        self.needs_comma = true;
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.raw(if value { "true" } else { "false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.raw("null");
    }

    /// Writes an integer (also used for the narrower integer types).
    pub fn i64(&mut self, value: i64) {
        self.separate();
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        let mut n = value.unsigned_abs();
        for slot in buf.iter_mut().rev() {
            // `n % 10 < 10`, so the cast is exact.
            *slot = b'0' + (n % 10) as u8;
            start -= 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if value < 0 {
            self.out.push(b'-');
        }
        self.out
            .extend_from_slice(buf.get(start..).unwrap_or_default());
        self.needs_comma = true;
    }

    /// Writes a float in its shortest round-trip form (`1.5`, `1.0`, `1e300`),
    /// or NaN and the infinities as the strings `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`.
    pub fn f64(&mut self, value: f64) {
        if value.is_finite() {
            self.separate();
            // Debug formatting is the shortest text that reads back as the same
            // `f64`, uses exponents for very large and small magnitudes, and is
            // valid JSON for every finite value. Writing to a Vec cannot fail.
            let _ = write!(self.out, "{value:?}");
            self.needs_comma = true;
        } else {
            self.non_finite(value.is_nan(), value > 0.0);
        }
    }

    /// Writes an `f32` in its own shortest round-trip form (`0.1`, not
    /// `0.10000000149011612`); otherwise as [`f64`](Self::f64).
    pub fn f32(&mut self, value: f32) {
        if value.is_finite() {
            self.separate();
            // See `f64`.
            let _ = write!(self.out, "{value:?}");
            self.needs_comma = true;
        } else {
            self.non_finite(value.is_nan(), value > 0.0);
        }
    }

    /// Writes number text as is; the caller guarantees it is a valid JSON
    /// number (for big integers and big decimals).
    pub fn raw_number(&mut self, text: &str) {
        self.raw(text);
    }

    /// Number of bytes written.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// Returns the written JSON.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// Writes the ',' that separates this key or value from the previous one.
    fn separate(&mut self) {
        if self.needs_comma {
            self.out.push(b',');
        }
    }

    /// Writes a complete scalar given as its JSON text.
    fn raw(&mut self, text: &str) {
        self.separate();
        self.out.extend_from_slice(text.as_bytes());
        self.needs_comma = true;
    }

    fn non_finite(&mut self, nan: bool, positive: bool) {
        self.string(match (nan, positive) {
            (true, _) => "NaN",
            (false, true) => "Infinity",
            (false, false) => "-Infinity",
        });
    }

    /// Writes `s` as a quoted, escaped JSON string.
    fn escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        let mut run = 0;
        let mut i = 0;
        loop {
            i = super::scan::find_special(bytes, i);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let escape = ESCAPE[usize::from(b)];
            self.out
                .extend_from_slice(bytes.get(run..i).unwrap_or_default());
            if escape == b'u' {
                self.out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
            } else {
                self.out.extend_from_slice(&[b'\\', escape]);
            }
            run = i + 1;
            i += 1;
        }
        self.out
            .extend_from_slice(bytes.get(run..).unwrap_or_default());
        self.out.push(b'"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(w: Writer) -> String {
        String::from_utf8(w.into_bytes()).unwrap()
    }

    fn one(f: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::new();
        f(&mut w);
        text(w)
    }

    #[test]
    fn new_len_empty() {
        let w = Writer::new();
        assert!(w.is_empty());
        assert_eq!(w.len(), 0);
        let mut w = Writer::with_capacity(64);
        assert!(w.is_empty());
        w.null();
        assert!(!w.is_empty());
        assert_eq!(w.len(), 4);
        assert_eq!(w.as_bytes(), b"null");
    }

    #[test]
    fn structure_and_commas() {
        let mut w = Writer::new();
        w.begin_object();
        w.key("a");
        w.i64(1);
        w.key("b");
        w.begin_array();
        w.bool(true);
        w.null();
        w.begin_object();
        w.end_object();
        w.begin_array();
        w.end_array();
        w.string("s");
        w.end_array();
        w.key("c");
        w.begin_object();
        w.key("d");
        w.begin_array();
        w.begin_array();
        w.i64(2);
        w.end_array();
        w.begin_array();
        w.i64(3);
        w.i64(4);
        w.end_array();
        w.end_array();
        w.end_object();
        w.key("e");
        w.raw_number("12345678901234567890.5");
        w.end_object();
        assert_eq!(
            text(w),
            r#"{"a":1,"b":[true,null,{},[],"s"],"c":{"d":[[2],[3,4]]},"e":12345678901234567890.5}"#
        );
        assert_eq!(
            one(|w| {
                w.begin_object();
                w.end_object();
            }),
            "{}"
        );
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(one(|w| w.string("")), r#""""#);
        assert_eq!(one(|w| w.string("plain é 😀 /")), "\"plain é 😀 /\"");
        assert_eq!(
            one(|w| w.string("\"\\\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}x")),
            r#""\"\\\n\r\t\b\f\u0000\u001f"#.to_owned() + "\u{7f}x\""
        );
        assert_eq!(
            one(|w| {
                w.begin_object();
                w.key("k\"1");
                w.string("v");
                w.end_object();
            }),
            r#"{"k\"1":"v"}"#
        );
        for b in 0u8..0x20 {
            let s = char::from(b).to_string();
            let out = one(|w| w.string(&s));
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }

    #[test]
    fn integers() {
        for v in [0, 1, -1, 9, 10, -10, 42, i64::MAX, i64::MIN, i64::MIN + 1] {
            assert_eq!(one(|w| w.i64(v)), v.to_string());
        }
        assert_eq!(
            one(|w| {
                w.begin_array();
                w.i64(-128);
                w.i64(127);
                w.end_array();
            }),
            "[-128,127]"
        );
    }

    #[test]
    fn floats() {
        let cases: [(f64, &str); 9] = [
            (1.5, "1.5"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1e300, "1e300"),
            (1.5e-7, "1.5e-7"),
            (f64::MAX, "1.7976931348623157e308"),
            (5e-324, "5e-324"),
            (123456789012345680.0, "1.2345678901234568e17"),
        ];
        for (v, s) in cases {
            assert_eq!(one(|w| w.f64(v)), s);
        }
        assert_eq!(one(|w| w.f64(f64::NAN)), r#""NaN""#);
        assert_eq!(one(|w| w.f64(f64::INFINITY)), r#""Infinity""#);
        assert_eq!(one(|w| w.f64(f64::NEG_INFINITY)), r#""-Infinity""#);

        assert_eq!(one(|w| w.f32(0.1)), "0.1");
        assert_eq!(one(|w| w.f32(16777216.0)), "16777216.0");
        assert_eq!(one(|w| w.f32(f32::MAX)), "3.4028235e38");
        assert_eq!(one(|w| w.f32(f32::NAN)), r#""NaN""#);
        assert_eq!(one(|w| w.f32(f32::INFINITY)), r#""Infinity""#);
        assert_eq!(one(|w| w.f32(f32::NEG_INFINITY)), r#""-Infinity""#);
        assert_eq!(
            one(|w| {
                w.begin_array();
                w.f64(f64::NAN);
                w.f32(2.5);
                w.end_array();
            }),
            r#"["NaN",2.5]"#
        );
    }

    #[test]
    fn float_output_is_valid_json_and_round_trips() {
        // A spread of bit patterns, including subnormals and extremes.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if !v.is_finite() {
                continue;
            }
            let out = one(|w| w.f64(v));
            let mut r = crate::json::Reader::new(out.as_bytes()).unwrap();
            assert_eq!(r.read_f64().unwrap().to_bits(), v.to_bits(), "{out}");
            r.finish().unwrap();

            let v = f32::from_bits(x as u32);
            if !v.is_finite() {
                continue;
            }
            let out = one(|w| w.f32(v));
            let mut r = crate::json::Reader::new(out.as_bytes()).unwrap();
            assert_eq!(r.read_f32().unwrap().to_bits(), v.to_bits(), "{out}");
        }
    }
}
