//! The protocol seam of emit: everything that differs between wire protocols is chosen here,
//! once per operation or service; shapes, builders, validation, errors, paginators and the
//! client are protocol-neutral.
//!
//! | protocol | request | bodies | members bound to HTTP |
//! |---|---|---|---|
//! | restJson1 | [`http`](super::http): URI, query, headers, payload | JSON ([`json`](super::json)) | yes |
//! | awsJson1_0 / 1_1 | [`aws_json`](super::aws_json): `POST /`, `X-Amz-Target` | JSON | no (all in the body) |
//!
//! Replies are read by binding (status, headers, payload, body members), which covers both
//! JSON protocols; error codes are read by the runtime ([`Protocol`](ProtocolIr) in the
//! service spec). A protocol with another body format (restXml, awsQuery) adds its codec and
//! request builder here.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Ir, OperationIr, ProtocolIr};

/// `fn serialize_request(&Input) -> Result<HttpRequest, ConstructionError>`.
pub(crate) fn serialize_request(ir: &Ir, op: &OperationIr) -> TokenStream {
    match ir.service.protocol {
        ProtocolIr::RestJson1 => super::http::serialize_request(op),
        ProtocolIr::AwsJson {
            v1_1,
            query_compatible,
        } => {
            let target = format!("{}.{}", ir.service.shape_name, operation_shape_name(op));
            super::aws_json::serialize_request(op, v1_1, query_compatible, &target)
        }
    }
}

/// The runtime's `Protocol` value for the service spec.
pub(crate) fn runtime_protocol(protocol: ProtocolIr) -> TokenStream {
    match protocol {
        ProtocolIr::RestJson1 => quote!(::shapegen::__private::Protocol::RestJson1),
        ProtocolIr::AwsJson {
            v1_1,
            query_compatible,
        } => {
            let version = if v1_1 {
                quote!(::shapegen::__private::AwsJsonVersion::V1_1)
            } else {
                quote!(::shapegen::__private::AwsJsonVersion::V1_0)
            };
            quote! {
                ::shapegen::__private::Protocol::AwsJson {
                    version: #version,
                    query_compatible: #query_compatible,
                }
            }
        }
    }
}

/// Statements every protocol applies after building the request (`request` and `input` in
/// scope): the host prefix, an endpoint URL taken from the input, `Content-MD5`, and the
/// request to compress large bodies.
pub(crate) fn finish_request(op: &OperationIr) -> TokenStream {
    let host = op
        .host_prefix
        .as_ref()
        .map(|prefix| super::http::host_prefix(prefix, &op.input.members));
    let endpoint_url = op.endpoint_url_member.map(|index| {
        let member = &op.input.members[index];
        let field = ident(&member.field);
        if member.optional {
            quote! {
                if let ::std::option::Option::Some(url) = &input.#field {
                    request.endpoint_url(url);
                }
            }
        } else {
            quote!(request.endpoint_url(&input.#field);)
        }
    });
    let checksum = op.checksum_required.then(|| quote!(request.content_md5();));
    let compression = op
        .request_compression
        .then(|| quote!(request.compress_with_gzip();));
    quote! {
        #checksum
        #compression
        #host
        #endpoint_url
    }
}

/// The operation's shape name (not renamed: the wire knows the model's name).
fn operation_shape_name(op: &OperationIr) -> &str {
    crate::model::shape_name(&op.id)
}
