//! The AWS library functions on strings: `aws.parseArn` and `aws.isVirtualHostableS3Bucket`.
//! (`aws.partition` is in `partitions.rs`.)

/// The `ARN` structure of the rules engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arn<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account_id: &'a str,
    /// The resource part split on `:` and `/`, empty parts kept.
    pub(crate) resource_id: Vec<&'a str>,
}

/// `aws.parseArn(value)`: `arn:partition:service:region:account-id:resource`, where partition,
/// service and resource are not empty; `None` otherwise.
pub(crate) fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut sections = value.splitn(6, ':');
    let (prefix, partition, service, region, account_id, resource) = (
        sections.next()?,
        sections.next()?,
        sections.next()?,
        sections.next()?,
        sections.next()?,
        sections.next()?,
    );
    if prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: whether `value` can be the first
/// label(s) of a virtual-hosted-style S3 host name: 3 to 63 lowercase letters, digits and
/// hyphens, beginning and ending with a letter or digit; with `allow_sub_domains` also dots,
/// though not next to another dot or a hyphen, and not shaped like an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let bytes = value.as_bytes();
    let is_lower_alphanumeric = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !(3..=63).contains(&bytes.len())
        || !is_lower_alphanumeric(bytes[0])
        || !is_lower_alphanumeric(bytes[bytes.len() - 1])
    {
        return false;
    }
    if !allow_sub_domains {
        return bytes.iter().all(|&b| is_lower_alphanumeric(b) || b == b'-');
    }
    let chars_ok = bytes
        .iter()
        .all(|&b| is_lower_alphanumeric(b) || b == b'-' || b == b'.');
    let separators_ok = bytes
        .windows(2)
        .all(|pair| !matches!(pair, [b'.', b'.'] | [b'.', b'-'] | [b'-', b'.']));
    chars_ok && separators_ok && !is_ipv4_shaped(value)
}

/// Four dot-separated runs of digits, whatever their values (`999.1.1.1` too).
fn is_ipv4_shaped(value: &str) -> bool {
    value.split('.').count() == 4
        && value
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_from_the_spec() {
        let arn = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name").unwrap();
        assert_eq!(
            arn,
            Arn {
                partition: "aws",
                service: "sns",
                region: "us-west-2",
                account_id: "012345678910",
                resource_id: vec!["example-sns-topic-name"],
            }
        );
        assert_eq!(parse_arn("11111111-2222-3333-4444-555555555555"), None);
        let arn =
            parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").unwrap();
        assert_eq!(arn.resource_id, ["vpc", "vpc-0e9801d129EXAMPLE"]);
        let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
        assert_eq!((arn.region, arn.resource_id), ("", vec!["user", "johndoe"]));
        let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
        assert_eq!((arn.region, arn.account_id), ("", ""));
        assert_eq!(arn.resource_id, ["bucket_name"]);
    }

    #[test]
    fn arn_resource_splitting_keeps_empty_parts() {
        let arn =
            parse_arn("arn:aws:s3-outposts:us-west-2:123:outpost:op-01:accesspoint/").unwrap();
        assert_eq!(arn.resource_id, ["outpost", "op-01", "accesspoint", ""]);
        let arn = parse_arn("arn:aws:s3:us-west-2:123:a::b").unwrap();
        assert_eq!(arn.resource_id, ["a", "", "b"]);
    }

    #[test]
    fn invalid_arns() {
        for value in [
            "",
            "arn",
            "arn:aws:s3:us-west-2:123",
            "arn:aws:s3:us-west-2:123:",
            "arn::s3:us-west-2:123:res",
            "arn:aws::us-west-2:123:res",
            "ARN:aws:s3:us-west-2:123:res",
            "urn:aws:s3:us-west-2:123:res",
        ] {
            assert_eq!(parse_arn(value), None, "{value}");
        }
    }

    #[test]
    fn bucket_names_without_dots() {
        assert!(is_virtual_hostable_s3_bucket("abc", false));
        assert!(is_virtual_hostable_s3_bucket("a--b--x-s3", false));
        assert!(is_virtual_hostable_s3_bucket(&"a".repeat(63), false));
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("Abc", false));
        assert!(!is_virtual_hostable_s3_bucket("abc-", false));
        assert!(!is_virtual_hostable_s3_bucket("-abc", false));
        assert!(!is_virtual_hostable_s3_bucket("a.bc", false));
        assert!(!is_virtual_hostable_s3_bucket("a_bc", false));
    }

    #[test]
    fn bucket_names_with_dots() {
        assert!(is_virtual_hostable_s3_bucket("a.bc", true));
        assert!(is_virtual_hostable_s3_bucket("my.bucket-name.1", true));
        assert!(!is_virtual_hostable_s3_bucket("a..bc", true));
        assert!(!is_virtual_hostable_s3_bucket("a-.bc", true));
        assert!(!is_virtual_hostable_s3_bucket("a.-bc", true));
        assert!(!is_virtual_hostable_s3_bucket("a.bC", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.5.4", true));
        assert!(!is_virtual_hostable_s3_bucket("999.168.5.4", true));
        assert!(is_virtual_hostable_s3_bucket("192.168.5.4.5", true));
    }
}
