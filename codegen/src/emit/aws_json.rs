//! awsJson1_0 / awsJson1_1 requests: `POST /` with `X-Amz-Target: {Service}.{Operation}` and
//! the whole input as the JSON body (`{}` when it has no members); query-compatible services
//! also send `x-amzn-query-mode: true`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::OperationIr;

/// `fn serialize_request(&Input) -> Result<HttpRequest, ConstructionError>`.
pub(crate) fn serialize_request(
    op: &OperationIr,
    v1_1: bool,
    query_compatible: bool,
    target: &str,
) -> TokenStream {
    let input_name = ident(&op.input.rust_name);
    let version = if v1_1 {
        quote!(::shapegen::__private::AwsJsonVersion::V1_1)
    } else {
        quote!(::shapegen::__private::AwsJsonVersion::V1_0)
    };
    let (input_param, body) = if op.input.members.is_empty() {
        (quote!(_input), quote!(::std::vec::Vec::from(&b"{}"[..])))
    } else {
        (
            quote!(input),
            quote! {{
                let mut writer = ::shapegen::__private::json::Writer::with_capacity(256);
                ::shapegen::__private::json::ToJson::to_json(input, &mut writer);
                writer.into_bytes()
            }},
        )
    };
    let finish = super::protocol::finish_request(op);
    let request_mut = if finish.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    quote! {
        /// Builds the HTTP request (awsJson) for an input that passed validation.
        fn serialize_request(
            #input_param: &#input_name,
        ) -> ::std::result::Result<::shapegen::__private::HttpRequest, ::shapegen::ConstructionError> {
            let #request_mut request = ::shapegen::__private::aws_json::request(#version, #query_compatible, #target, #body)?;
            #finish
            ::std::result::Result::Ok(request)
        }
    }
}
