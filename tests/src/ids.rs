//! Random identifiers in the shapes Amazon Chime uses.

/// Characters of a Chime join token (the standard base64 alphabet).
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A random version-4 UUID in lower-case `8-4-4-4-12` hex form.
pub(crate) fn guid() -> String {
    let bits = fastrand::u128(..);
    // Version 4 and the RFC 4122 variant, as real GUIDs have.
    let bits = (bits & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Whether `text` is a GUID (`8-4-4-4-12` hex digits of either case), Chime's `GuidString`.
pub(crate) fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

/// A random join token: 44 to 88 characters of `[A-Za-z0-9+/]`.
pub(crate) fn join_token() -> String {
    let length = fastrand::usize(44..=88);
    (0..length)
        .map(|_| char::from(TOKEN_ALPHABET[fastrand::usize(..TOKEN_ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_lower_case_v4_uuids() {
        for _ in 0..1000 {
            let id = guid();
            assert!(is_guid(&id), "{id}");
            assert_eq!(id, id.to_ascii_lowercase());
            assert_eq!(&id[14..15], "4", "{id}");
            assert!("89ab".contains(&id[19..20]), "{id}");
        }
        assert_ne!(guid(), guid());
    }

    #[test]
    fn is_guid_checks_the_shape() {
        assert!(is_guid("6F1C3C1E-2B7A-4F3E-9A55-0C2B8F1D9E77"));
        for bad in [
            "",
            "6f1c3c1e2b7a4f3e9a550c2b8f1d9e77",
            "6f1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9e7",
            "6f1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9e77a",
            "6f1c3c1e-2b7a-4f3e-9a55_0c2b8f1d9e77",
            "gf1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9e77",
            "6f1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9é7",
        ] {
            assert!(!is_guid(bad), "{bad:?}");
        }
    }

    #[test]
    fn join_tokens_have_the_documented_shape() {
        for _ in 0..1000 {
            let token = join_token();
            assert!((44..=88).contains(&token.len()), "{token}");
            assert!(
                token.bytes().all(|b| TOKEN_ALPHABET.contains(&b)),
                "{token}"
            );
        }
    }
}
