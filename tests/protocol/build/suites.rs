//! Which suites are generated: for each, the model file under `../shared/protocol-tests`, the
//! test services it covers (by shape id) and the upstream test file each operation's cases
//! come from (the "family" counted in the summary).
//!
//! The whole AWS protocol-test package (`aws-protocol-tests.json`) also holds restXml,
//! awsQuery, ec2Query and rpcv2Cbor services; shapegen does not generate those protocols, so
//! they are not listed.

/// One suite: one test target (`tests/{name}.rs`) and one summary.
pub struct Suite {
    /// The test target's name, also the name of its generated files in `OUT_DIR`.
    pub name: &'static str,
    /// The model file, in `../shared/protocol-tests`.
    pub model: &'static str,
    pub services: &'static [Service],
}

/// A test service of a suite, generated as one client module.
pub struct Service {
    /// The service's shape id.
    pub id: &'static str,
    /// The Rust module holding its client.
    pub module: &'static str,
    /// The upstream test file (without `.smithy`) of an operation's cases.
    pub family: fn(&str) -> &'static str,
}

pub const SUITES: &[Suite] = &[
    Suite {
        name: "restjson1",
        model: "restjson1-model.json",
        services: &[Service {
            id: "aws.protocoltests.restjson#RestJson",
            module: "rest_json",
            family: rest_json_family,
        }],
    },
    Suite {
        name: "awsjson1_0",
        model: "aws-protocol-tests.json",
        services: &[
            Service {
                id: "aws.protocoltests.json10#JsonRpc10",
                module: "json_rpc10",
                family: json10_family,
            },
            Service {
                id: "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
                module: "query_compatible_json_rpc10",
                family: json10_family,
            },
        ],
    },
    Suite {
        name: "awsjson1_1",
        model: "aws-protocol-tests.json",
        services: &[
            Service {
                id: "aws.protocoltests.json#JsonProtocol",
                module: "json_protocol",
                family: json11_family,
            },
            Service {
                id: "com.amazonaws.machinelearning#AmazonML_20141212",
                module: "machine_learning",
                family: |_| "services/machinelearning",
            },
        ],
    },
];

/// `smithy-aws-protocol-tests/model/restJson1/*.smithy`.
fn rest_json_family(operation: &str) -> &'static str {
    match operation {
        "HttpRequestWithLabels"
        | "HttpRequestWithLabelsAndTimestampFormat"
        | "HttpRequestWithGreedyLabelInPath"
        | "HttpRequestWithFloatLabels"
        | "HttpRequestWithRegexLiteral" => "http-labels",
        "AllQueryStringTypes"
        | "ConstantQueryString"
        | "ConstantAndVariableQueryString"
        | "IgnoreQueryParamsInResponse"
        | "OmitsNullSerializesEmptyString"
        | "QueryIdempotencyTokenAutoFill"
        | "QueryPrecedence"
        | "QueryParamsAsStringListMap" => "http-query",
        "InputAndOutputWithHeaders"
        | "NullAndEmptyHeadersClient"
        | "NullAndEmptyHeadersServer"
        | "TimestampFormatHeaders"
        | "MediaTypeHeader" => "http-headers",
        "HttpPrefixHeaders" | "HttpPrefixHeadersInResponse" | "HttpEmptyPrefixHeaders" => {
            "http-prefix-headers"
        }
        "HttpPayloadTraits"
        | "HttpPayloadTraitsWithMediaType"
        | "HttpPayloadWithStructure"
        | "HttpPayloadWithUnion"
        | "HttpEnumPayload"
        | "HttpStringPayload" => "http-payload",
        "HttpResponseCode" | "ResponseCodeRequired" | "ResponseCodeHttpFallback" => {
            "http-response-code"
        }
        "TestBodyStructure"
        | "TestPayloadStructure"
        | "TestPayloadBlob"
        | "TestGetNoPayload"
        | "TestPostNoPayload"
        | "TestGetNoInputNoPayload"
        | "TestPostNoInputNoPayload"
        | "ContentTypeParameters" => "http-content-type",
        "NoInputAndNoOutput"
        | "NoInputAndOutput"
        | "EmptyInputAndEmptyOutput"
        | "UnitInputAndOutput" => "empty-input-output",
        "GreetingWithErrors" => "errors",
        "SimpleScalarProperties"
        | "RecursiveShapes"
        | "OperationWithNestedStructure"
        | "FractionalSeconds" => "json-structs",
        "OperationWithDefaults" => "json-defaults",
        "DatetimeOffsets" => "datetime-offsets",
        "JsonLists" | "SparseJsonLists" | "OmitsSerializingEmptyLists" => "json-lists",
        "JsonMaps" | "SparseJsonMaps" => "json-maps",
        "JsonTimestamps" => "json-timestamps",
        "JsonBlobs" => "json-blobs",
        "JsonEnums" | "JsonIntEnums" => "json-enums",
        "JsonUnions" | "PostPlayerAction" | "PostUnionWithJsonName" => "unions",
        "DocumentType" | "DocumentTypeAsPayload" | "DocumentTypeAsMapValue" => "documents",
        "EndpointOperation" | "EndpointWithHostLabelOperation" | "HostWithPathOperation" => {
            "endpoint-paths"
        }
        "StreamingTraits" | "StreamingTraitsRequireLength" | "StreamingTraitsWithMediaType" => {
            "streaming"
        }
        "HttpChecksumRequired" => "http-checksum-required",
        "PutWithContentEncoding" => "request-compression",
        _ => "other",
    }
}

/// `smithy-aws-protocol-tests/model/awsJson1_0/*.smithy`.
fn json10_family(operation: &str) -> &'static str {
    match operation {
        "ContentTypeParameters" => "content-type",
        "OperationWithDefaults" => "defaults",
        "EmptyInputAndEmptyOutput" | "NoInputAndNoOutput" | "NoInputAndOutput" => {
            "empty-input-output"
        }
        "HostWithPathOperation" => "endpoint-paths",
        "EndpointOperation" | "EndpointWithHostLabelOperation" => "endpoints",
        "GreetingWithErrors" => "errors",
        "SimpleScalarProperties" => "json-structs",
        "OperationWithNestedStructure" => "nestedDefaults",
        "QueryIncompatibleOperation" | "QueryCompatibleOperation" => "query-compatible",
        "PutWithContentEncoding" => "requestCompression",
        "OperationWithRequiredMembers" | "OperationWithRequiredMembersWithDefaults" => "required",
        "JsonUnions" => "unions",
        _ => "other",
    }
}

/// `smithy-aws-protocol-tests/model/awsJson1_1/*.smithy`.
fn json11_family(operation: &str) -> &'static str {
    match operation {
        "ContentTypeParameters" => "content-type",
        "DatetimeOffsets" => "datetime-offsets",
        "PutAndGetInlineDocuments" => "documents",
        "EmptyOperation" => "empty-operation",
        "HostWithPathOperation" => "endpoint-paths",
        "EndpointOperation" | "EndpointWithHostLabelOperation" => "endpoints",
        "JsonEnums" | "JsonIntEnums" => "enums",
        "GreetingWithErrors" => "errors",
        "FractionalSeconds" => "fractional-seconds",
        "SimpleScalarProperties" => "json-structs",
        "KitchenSinkOperation" => "kitchen-sink",
        "NullOperation" | "SparseNullsOperation" => "null",
        "OperationWithOptionalInputOutput" => "optional-input-output",
        "PutWithContentEncoding" => "requestCompression",
        "JsonUnions" => "unions",
        _ => "other",
    }
}
