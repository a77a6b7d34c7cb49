//! Tests of parsing and evaluating whole rule sets.

use std::sync::Arc;

use super::*;
use crate::types::Document;

/// A rule set with the given parameters (JSON object members) and rules (JSON array items).
fn rule_set(parameters: &str, rules: &str) -> Result<RuleSet, RuleSetError> {
    RuleSet::parse(&format!(
        r#"{{"version": "1.0", "parameters": {{{parameters}}}, "rules": [{rules}]}}"#
    ))
}

fn parsed(parameters: &str, rules: &str) -> RuleSet {
    rule_set(parameters, rules).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_error(parameters: &str, rules: &str) -> RuleSetError {
    match rule_set(parameters, rules) {
        Ok(_) => panic!("parsed: {parameters} {rules}"),
        Err(error) => error,
    }
}

fn eval(rules: &RuleSet, params: Params) -> Result<Endpoint, ResolveError> {
    rules.evaluate(&params, Partitions::aws())
}

fn url(rules: &RuleSet, params: Params) -> String {
    match eval(rules, params) {
        Ok(endpoint) => endpoint.url().to_owned(),
        Err(error) => format!("error: {error}"),
    }
}

const REGION: &str = r#""Region": {"type": "string", "required": false}"#;

/// An endpoint rule whose URL is `url` when `conditions` hold.
fn endpoint_rule(conditions: &str, url: &str) -> String {
    format!(
        r#"{{"type": "endpoint", "conditions": [{conditions}], "endpoint": {{"url": "{url}"}}}}"#
    )
}

fn error_rule(conditions: &str, message: &str) -> String {
    format!(r#"{{"type": "error", "conditions": [{conditions}], "error": "{message}"}}"#)
}

// --- parsing ---------------------------------------------------------------------------------

#[test]
fn malformed_rule_sets_are_typed_errors() {
    let kind = |parameters: &str, rules: &str| parse_error(parameters, rules).kind().clone();
    assert!(matches!(
        RuleSet::parse("{").unwrap_err().kind(),
        RuleSetErrorKind::Json(_)
    ));
    assert!(matches!(
        RuleSet::parse(r#"{"version": "2.0", "parameters": {}, "rules": []}"#)
            .unwrap_err()
            .kind(),
        RuleSetErrorKind::UnsupportedVersion(v) if v == "2.0"
    ));
    assert_eq!(
        kind(
            REGION,
            &endpoint_rule(r#"{"fn": "frobnicate", "argv": []}"#, "https://x")
        ),
        RuleSetErrorKind::UnknownFunction("frobnicate".into())
    );
    assert_eq!(
        kind(
            REGION,
            &endpoint_rule(r#"{"fn": "isSet", "argv": []}"#, "https://x")
        ),
        RuleSetErrorKind::ArgumentCount {
            function: "isSet",
            expected: "1".into(),
            found: 0
        }
    );
    assert_eq!(
        kind(
            REGION,
            &endpoint_rule(r#"{"fn": "coalesce", "argv": ["a"]}"#, "https://x")
        ),
        RuleSetErrorKind::ArgumentCount {
            function: "coalesce",
            expected: "at least 2".into(),
            found: 1
        }
    );
    assert_eq!(
        kind(
            REGION,
            &endpoint_rule(r#"{"fn": "isSet", "argv": [{"ref": "Nope"}]}"#, "https://x")
        ),
        RuleSetErrorKind::UnknownName("Nope".into())
    );
    assert_eq!(
        kind(REGION, &endpoint_rule("", "https://{Nope}.com")),
        RuleSetErrorKind::UnknownName("Nope".into())
    );
}

#[test]
fn malformed_structure_is_invalid_with_a_location() {
    let cases: &[(&str, &str, &str)] = &[
        (REGION, "", "rules"),
        (
            REGION,
            r#"{"type": "endpoint", "endpoint": {"url": "x"}}"#,
            "rules[0]",
        ),
        (
            REGION,
            r#"{"type": "bogus", "conditions": []}"#,
            "rules[0].type",
        ),
        (
            REGION,
            r#"{"type": "endpoint", "conditions": []}"#,
            "rules[0]",
        ),
        (
            REGION,
            r#"{"type": "tree", "conditions": [], "rules": []}"#,
            "rules[0].rules",
        ),
        (
            REGION,
            &endpoint_rule(r#"{"ref": "Region"}"#, "x"),
            "rules[0].conditions[0]",
        ),
        (
            REGION,
            &endpoint_rule(r#"{"fn": "not", "argv": [null]}"#, "x"),
            "rules[0].conditions[0].argv[0]",
        ),
        (
            REGION,
            &endpoint_rule(r#"{"fn": "not", "argv": [1.5]}"#, "x"),
            "rules[0].conditions[0].argv[0]",
        ),
        (
            REGION,
            &endpoint_rule(r#"{"fn": "not", "argv": true}"#, "x"),
            "rules[0].conditions[0].argv",
        ),
        (
            REGION,
            &endpoint_rule("", "https://{Region"),
            "rules[0].endpoint.url",
        ),
        (
            REGION,
            &endpoint_rule("", "https://Region}"),
            "rules[0].endpoint.url",
        ),
        (
            REGION,
            &endpoint_rule(
                r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, "a..b"]}"#,
                "x",
            ),
            "rules[0].conditions[0].argv[1]",
        ),
        (
            REGION,
            &endpoint_rule(
                r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, "a[x]"]}"#,
                "x",
            ),
            "rules[0].conditions[0].argv[1]",
        ),
        (
            REGION,
            &endpoint_rule(
                r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, {"ref": "Region"}]}"#,
                "x",
            ),
            "rules[0].conditions[0].argv[1]",
        ),
        (
            REGION,
            &endpoint_rule(
                r#"{"fn": "isSet", "argv": [{"ref": "Region"}], "assign": "Region"}"#,
                "x",
            ),
            "rules[0].conditions[0].assign",
        ),
        (
            r#""Region": {"type": "integer"}"#,
            &endpoint_rule("", "x"),
            "parameters.Region.type",
        ),
        (
            r#""Region": {"type": "string", "default": true}"#,
            &endpoint_rule("", "x"),
            "parameters.Region.default",
        ),
        (
            r#""Region": {"type": "string", "required": "yes"}"#,
            &endpoint_rule("", "x"),
            "parameters.Region.required",
        ),
        (
            r#""bad name": {"type": "string"}"#,
            &endpoint_rule("", "x"),
            "parameters.bad name",
        ),
    ];
    for (parameters, rules, location) in cases {
        let error = parse_error(parameters, rules);
        assert!(
            matches!(error.kind(), RuleSetErrorKind::Invalid(_)),
            "{rules}: {error}"
        );
        assert_eq!(error.location(), *location, "{rules}: {error}");
        assert!(
            error
                .to_string()
                .starts_with("invalid endpoint rule set at ")
        );
    }
    for text in [
        "",
        "[]",
        "null",
        r#"{"version": "1.0"}"#,
        r#"{"version": 1, "parameters": {}, "rules": []}"#,
    ] {
        assert!(RuleSet::parse(text).is_err(), "{text}");
    }
}

#[test]
fn assigned_names_are_scoped_to_their_rule() {
    let assign = r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}"#;
    // Visible in later conditions, the endpoint and nested rules.
    parsed(
        REGION,
        &format!(
            r#"{{"type": "tree", "conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {assign}],
                 "rules": [{}]}}"#,
            endpoint_rule(
                r#"{"fn": "getAttr", "argv": [{"ref": "p"}, "name"], "assign": "n"}"#,
                "https://{n}.{p#dnsSuffix}"
            )
        ),
    );
    // Not visible in a sibling rule.
    let error = parse_error(
        REGION,
        &format!(
            "{}, {}",
            endpoint_rule(
                &format!(r#"{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {assign}"#),
                "https://a"
            ),
            endpoint_rule("", "https://{p#name}")
        ),
    );
    assert_eq!(error.kind(), &RuleSetErrorKind::UnknownName("p".into()));
    assert_eq!(error.location(), "rules[1].endpoint.url");
    // Assigned again in a nested rule while in scope: shadowing.
    let error = parse_error(
        REGION,
        &format!(
            r#"{{"type": "tree", "conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {assign}], "rules": [{}]}}"#,
            endpoint_rule(assign, "https://a")
        ),
    );
    assert_eq!(error.location(), "rules[0].rules[0].conditions[0].assign");
}

#[test]
fn parameters_are_listed_with_their_declarations() {
    let rules = parsed(
        r#""Region": {"type": "String", "builtIn": "AWS::Region", "required": false, "documentation": "d"},
           "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
           "Arns": {"type": "stringArray", "required": true, "default": ["a"], "deprecated": {"message": "m"}}"#,
        &endpoint_rule("", "https://x"),
    );
    assert_eq!(rules.version(), "1.0");
    let names: Vec<_> = rules.parameters().iter().map(Parameter::name).collect();
    assert_eq!(names, ["Region", "UseFIPS", "Arns"]);
    let fips = &rules.parameters()[1];
    assert_eq!(fips.param_type(), ParamType::Boolean);
    assert_eq!(fips.built_in(), Some("AWS::UseFIPS"));
    assert!(fips.is_required());
    assert_eq!(fips.default(), Some(&ParamValue::Bool(false)));
    assert_eq!(
        rules.parameters()[2].default(),
        Some(&ParamValue::StringArray(vec!["a".into()]))
    );
    assert_eq!(rules.parameters()[0].default(), None);
}

// --- evaluation ------------------------------------------------------------------------------

#[test]
fn defaults_required_and_parameter_types() {
    let rules = parsed(
        r#""Region": {"type": "string", "required": true},
           "Stage": {"type": "string", "required": true, "default": "prod"},
           "Flag": {"type": "boolean", "required": false}"#,
        &format!(
            "{}, {}",
            endpoint_rule(
                r#"{"fn": "isSet", "argv": [{"ref": "Flag"}]}"#,
                "https://flag.{Stage}"
            ),
            endpoint_rule("", "https://{Region}.{Stage}")
        ),
    );
    let region = || Params::new().with("Region", "r");
    assert_eq!(url(&rules, region()), "https://r.prod");
    assert_eq!(
        url(&rules, region().with("Stage", "beta")),
        "https://r.beta"
    );
    assert_eq!(
        url(&rules, region().with("Flag", false)),
        "https://flag.prod"
    );
    assert_eq!(
        eval(&rules, Params::new()),
        Err(ResolveError::MissingParameter("Region".into()))
    );
    assert_eq!(
        eval(&rules, region().with("Flag", "yes")),
        Err(ResolveError::ParameterType {
            name: "Flag".into(),
            expected: ParamType::Boolean,
            found: ParamType::String
        })
    );
    // Values for names the rule set does not declare are ignored.
    assert_eq!(url(&rules, region().with("Other", true)), "https://r.prod");
}

#[test]
fn error_rules_trees_and_exhaustion() {
    let rules = parsed(
        REGION,
        &format!(
            r#"{}, {{"type": "tree", "conditions": [{{"fn": "stringEquals", "argv": [{{"ref": "Region"}}, "tree"]}}], "rules": [{}]}}, {}"#,
            error_rule(
                r#"{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Region"}]}]}"#,
                "Region is {{required}}"
            ),
            endpoint_rule(
                r#"{"fn": "booleanEquals", "argv": [true, false]}"#,
                "https://never"
            ),
            endpoint_rule(
                r#"{"fn": "stringEquals", "argv": [{"ref": "Region"}, "ok"]}"#,
                "https://ok"
            ),
        ),
    );
    assert_eq!(
        eval(&rules, Params::new()),
        Err(ResolveError::Rule("Region is {required}".into()))
    );
    assert_eq!(
        url(&rules, Params::new().with("Region", "ok")),
        "https://ok"
    );
    // The tree matched and none of its rules did: exhausted, no fall-through.
    assert_eq!(
        eval(&rules, Params::new().with("Region", "tree")),
        Err(ResolveError::NoRuleMatched)
    );
    // Nothing matched at all.
    assert_eq!(
        eval(&rules, Params::new().with("Region", "other")),
        Err(ResolveError::NoRuleMatched)
    );
}

#[test]
fn conditions_fail_on_none_and_false_and_bind_values() {
    let rules = parsed(
        r#""Endpoint": {"type": "string"}"#,
        &format!(
            "{}, {}",
            endpoint_rule(
                r#"{"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "u"},
                   {"fn": "getAttr", "argv": [{"ref": "u"}, "isIp"], "assign": "ip"}"#,
                "{u#scheme}://ip.{u#authority}{u#normalizedPath}{{x}}"
            ),
            endpoint_rule(
                r#"{"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "u"}"#,
                "{u#scheme}://{u#authority}{u#path}"
            )
        ),
    );
    let with = |endpoint: &str| url(&rules, Params::new().with("Endpoint", endpoint));
    // `isIp` is true: the first rule; `{{x}}` is a literal `{x}`.
    assert_eq!(
        with("http://10.0.0.1:8080/p"),
        "http://ip.10.0.0.1:8080/p/{x}"
    );
    // `isIp` is false: a false condition fails the first rule.
    assert_eq!(with("https://example.com/a/b"), "https://example.com/a/b");
    // A query makes `parseURL` none: no rule matches.
    assert_eq!(
        with("https://example.com?a=b"),
        "error: no endpoint rule matched the given parameters"
    );
}

#[test]
fn get_attr_paths_on_records_and_arrays() {
    let rules = parsed(
        r#""Arn": {"type": "string", "required": true}, "List": {"type": "stringArray"}"#,
        &format!(
            "{}, {}, {}",
            endpoint_rule(
                r#"{"fn": "isSet", "argv": [{"ref": "List"}]},
                   {"fn": "getAttr", "argv": [{"ref": "List"}, "[1]"], "assign": "second"}"#,
                "https://{second}"
            ),
            endpoint_rule(
                r#"{"fn": "aws.parseArn", "argv": [{"ref": "Arn"}], "assign": "arn"},
                   {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[2]"], "assign": "third"}"#,
                "https://{third}.{arn#resourceId[0]}.{arn#service}"
            ),
            error_rule("", "{Arn} has fewer than three resource parts")
        ),
    );
    let arn = |arn: &str| Params::new().with("Arn", arn);
    assert_eq!(
        url(&rules, arn("arn:aws:s3:us-west-2:1:a/b/c")),
        "https://c.a.s3"
    );
    // Index past the end: none, so the condition fails.
    assert_eq!(
        url(&rules, arn("arn:aws:s3:us-west-2:1:a/b")),
        "error: arn:aws:s3:us-west-2:1:a/b has fewer than three resource parts"
    );
    let list = |items: &[&str]| arn("x").with("List", items);
    assert_eq!(url(&rules, list(&["a", "b"])), "https://b");
    assert_eq!(
        url(&rules, list(&["a"])),
        "error: x has fewer than three resource parts"
    );
}

#[test]
fn version_one_one_functions() {
    let rules = parsed(
        r#""A": {"type": "string"}, "B": {"type": "string"}, "Fips": {"type": "boolean", "required": true, "default": false}"#,
        &endpoint_rule(
            r#"{"fn": "coalesce", "argv": [{"ref": "A"}, {"ref": "B"}, "none"], "assign": "first"},
               {"fn": "ite", "argv": [{"ref": "Fips"}, "-fips", ""], "assign": "suffix"},
               {"fn": "split", "argv": [{"ref": "first"}, "--", 0], "assign": "parts"},
               {"fn": "getAttr", "argv": [{"ref": "parts"}, "[0]"], "assign": "head"}"#,
            "https://{head}{suffix}.{first}",
        ),
    );
    assert_eq!(url(&rules, Params::new()), "https://none.none");
    assert_eq!(
        url(&rules, Params::new().with("B", "b--x")),
        "https://b.b--x"
    );
    assert_eq!(
        url(
            &rules,
            Params::new()
                .with("A", "a")
                .with("B", "b")
                .with("Fips", true)
        ),
        "https://a-fips.a"
    );
}

#[test]
fn partitions_and_string_functions_in_rules() {
    let rules = parsed(
        REGION,
        &endpoint_rule(
            r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
               {"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "head"},
               {"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]},
               {"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Region"}, false]}"#,
            "https://{head}.{p#name}.{p#dnsSuffix}/{p#implicitGlobalRegion}",
        ),
    );
    assert_eq!(
        url(&rules, Params::new().with("Region", "cn-north-1")),
        "https://cn.aws-cn.amazonaws.com.cn/cn-northwest-1"
    );
    assert_eq!(
        url(&rules, Params::new().with("Region", "us-gov-west-1")),
        "https://us.aws-us-gov.amazonaws.com/us-gov-west-1"
    );
    assert_eq!(
        url(&rules, Params::new().with("Region", "nowhere-1")),
        "https://no.aws.amazonaws.com/us-east-1"
    );
    // Not a host label: the rule does not match.
    assert_eq!(
        url(&rules, Params::new().with("Region", "a b")),
        "error: no endpoint rule matched the given parameters"
    );
}

#[test]
fn endpoint_headers_and_properties() {
    let rules = parsed(
        REGION,
        r#"{"type": "endpoint", "conditions": [],
            "endpoint": {
                "url": "https://{Region}.example.com",
                "headers": {"x-a": ["1", "{Region}"], "x-b": []},
                "properties": {
                    "authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disableDoubleEncoding": true}],
                    "n": 3
                }
            }}"#,
    );
    let endpoint = eval(&rules, Params::new().with("Region", "eu-west-1")).unwrap();
    assert_eq!(endpoint.url(), "https://eu-west-1.example.com");
    assert_eq!(
        endpoint.headers().get("x-a"),
        Some(&vec!["1".to_owned(), "eu-west-1".to_owned()])
    );
    assert_eq!(endpoint.headers().get("x-b"), Some(&vec![]));
    assert_eq!(endpoint.property("n"), Some(&Document::from(3_i64)));
    let [Document::Object(scheme)] = endpoint.auth_schemes() else {
        panic!("{:?}", endpoint.auth_schemes());
    };
    assert_eq!(scheme.get("name"), Some(&Document::from("sigv4")));
    assert_eq!(
        scheme.get("signingRegion"),
        Some(&Document::from("eu-west-1"))
    );
    assert_eq!(
        scheme.get("disableDoubleEncoding"),
        Some(&Document::Bool(true))
    );
    assert_eq!(endpoint.properties().len(), 2);
}

#[test]
fn type_faults_of_the_rule_set_are_evaluation_errors() {
    let rules = parsed(
        r#""Region": {"type": "string"}, "Flag": {"type": "boolean"}"#,
        &format!(
            "{}, {}",
            endpoint_rule(
                r#"{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}"#,
                "https://a"
            ),
            endpoint_rule("", "https://{Region}")
        ),
    );
    let error = eval(&rules, Params::new().with("Region", "r")).unwrap_err();
    assert!(matches!(error, ResolveError::Evaluation(_)), "{error}");
    assert_eq!(
        error.to_string(),
        "endpoint rule set evaluation failed: booleanEquals expects a boolean, found a string"
    );
    // An unset parameter used without `isSet` first.
    let rules = parsed(REGION, &endpoint_rule("", "https://{Region}"));
    let error = eval(&rules, Params::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "endpoint rule set evaluation failed: a template expects a string, found none"
    );
}

// --- the resolver --------------------------------------------------------------------------

fn region_rules() -> RuleSet {
    parsed(
        r#""Region": {"type": "string", "required": true}"#,
        &format!(
            "{}, {}",
            error_rule(
                r#"{"fn": "stringEquals", "argv": [{"ref": "Region"}, "bad"]}"#,
                "bad region"
            ),
            endpoint_rule(
                r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}"#,
                "https://svc.{Region}.{p#dnsSuffix}"
            )
        ),
    )
}

#[test]
fn the_resolver_caches_outcomes_within_its_capacity() {
    let resolver = Resolver::new(region_rules());
    let params = Params::new().with("Region", "us-west-2");
    let first = resolver.resolve(&params).unwrap();
    let second = resolver.resolve(&params).unwrap();
    assert!(
        Arc::ptr_eq(&first, &second),
        "the second call is served from the cache"
    );
    assert_eq!(first.url(), "https://svc.us-west-2.amazonaws.com");
    let bad = Params::new().with("Region", "bad");
    assert_eq!(
        resolver.resolve(&bad),
        Err(ResolveError::Rule("bad region".into()))
    );
    assert_eq!(
        resolver.resolve(&bad),
        Err(ResolveError::Rule("bad region".into()))
    );
    assert_eq!(resolver.cached(), 2);
    for i in 0..CACHE_CAPACITY * 2 {
        let params = Params::new().with("Region", format!("r-{i}"));
        assert_eq!(
            resolver.resolve(&params).unwrap().url(),
            format!("https://svc.r-{i}.amazonaws.com")
        );
        assert!(resolver.cached() <= CACHE_CAPACITY);
    }
    assert_eq!(resolver.cached(), CACHE_CAPACITY);
}

#[test]
fn the_resolver_uses_its_partition_table() {
    let table = Partitions::parse(
        r#"{"partitions": [{"id": "aws", "regionRegex": "^x$", "regions": {},
            "outputs": {"dnsSuffix": "example.test", "dualStackDnsSuffix": "d", "supportsFIPS": false, "supportsDualStack": false}}]}"#,
    )
    .unwrap();
    let resolver = Resolver::with_partitions(region_rules(), Arc::new(table));
    let endpoint = resolver
        .resolve(&Params::new().with("Region", "cn-north-1"))
        .unwrap();
    assert_eq!(endpoint.url(), "https://svc.cn-north-1.example.test");
    assert_eq!(resolver.rule_set().parameters().len(), 1);
}

#[test]
fn resolvers_are_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Resolver>();
    shareable::<LazyResolver>();
    shareable::<RuleSet>();
    shareable::<Partitions>();
    let resolver = Resolver::new(region_rules());
    std::thread::scope(|scope| {
        for i in 0..4 {
            let resolver = &resolver;
            scope.spawn(move || {
                let params = Params::new().with("Region", format!("eu-west-{}", i % 2));
                assert!(resolver.resolve(&params).is_ok());
            });
        }
    });
    assert_eq!(resolver.cached(), 2);
}

#[test]
fn a_lazy_resolver_reports_a_broken_rule_set() {
    static BROKEN: LazyResolver =
        LazyResolver::new(r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "x"}]}"#);
    let error = BROKEN.resolve(&Params::new()).unwrap_err();
    assert!(matches!(error, ResolveError::RuleSet(_)), "{error}");
    assert!(BROKEN.get().is_err());
    assert!(
        error
            .to_string()
            .starts_with("invalid endpoint rule set at rules[0]")
    );
}

/// Arbitrary byte mutations of a real-looking rule set: parsing and evaluation return values,
/// never panic.
#[test]
fn mutated_rule_sets_never_panic() {
    let source = format!(
        r#"{{"version": "1.0", "parameters": {{{REGION}, "E": {{"type": "string"}}}}, "rules": [{}, {}, {}]}}"#,
        endpoint_rule(
            r#"{"fn": "parseURL", "argv": [{"ref": "E"}], "assign": "u"},
               {"fn": "substring", "argv": [{"ref": "E"}, 1, 3, true], "assign": "s"}"#,
            "{u#scheme}://{s}.{u#authority}"
        ),
        endpoint_rule(
            r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
               {"fn": "aws.parseArn", "argv": [{"ref": "Region"}], "assign": "a"},
               {"fn": "getAttr", "argv": [{"ref": "a"}, "resourceId[1]"], "assign": "r"}"#,
            "https://{r}.{p#dnsSuffix}"
        ),
        error_rule("", "nothing for {Region}")
    );
    let bytes = source.as_bytes();
    let params = Params::new()
        .with("Region", "arn:aws:s3:us-east-1:1:a/b")
        .with("E", "https://é.example.com/p");
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut parsed = 0;
    for _ in 0..3000 {
        let mut mutated = bytes.to_vec();
        for _ in 0..1 + next() % 3 {
            let at = (next() % mutated.len() as u64) as usize;
            let byte = b"{}[]\":,#01 aX"[(next() % 13) as usize];
            mutated[at] = byte;
        }
        let Ok(text) = std::str::from_utf8(&mutated) else {
            continue;
        };
        if let Ok(rules) = RuleSet::parse(text) {
            parsed += 1;
            let _ = rules.evaluate(&params, Partitions::aws());
            let _ = rules.evaluate(&Params::new(), Partitions::aws());
        }
    }
    assert!(parsed > 0, "some mutations still parse");
}
