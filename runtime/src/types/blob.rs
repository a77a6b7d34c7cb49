//! [`Blob`]: opaque bytes (Smithy `blob`), base64 in JSON, headers and query strings.

use std::fmt;

/// Opaque binary data. JSON bodies, headers and query strings carry it as base64; an
/// `httpPayload` blob is the raw body.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// The number of bytes (what `length` constraints count).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Standard base64 with padding.
    pub fn to_base64(&self) -> String {
        base64_simd::STANDARD.encode_to_string(&self.0)
    }

    /// Decodes standard base64 (padding optional).
    pub fn from_base64(text: &str) -> Option<Self> {
        let text = text.trim();
        base64_simd::STANDARD
            .decode_to_vec(text)
            .or_else(|_| base64_simd::STANDARD_NO_PAD.decode_to_vec(text))
            .ok()
            .map(Self)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Self(text.as_bytes().to_vec())
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) if text.len() <= 64 => write!(f, "Blob({text:?})"),
            _ => write!(f, "Blob({} bytes)", self.0.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        let blob = Blob::from("value");
        assert_eq!(blob.to_base64(), "dmFsdWU=");
        assert_eq!(Blob::from_base64("dmFsdWU=").unwrap(), blob);
        assert_eq!(Blob::from_base64("dmFsdWU").unwrap(), blob);
        assert_eq!(Blob::from_base64("!!"), None);
    }
}
