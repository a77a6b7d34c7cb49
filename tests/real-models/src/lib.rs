//! Clients generated in full (no `operations:` filter) from the real published AWS restJson1
//! models in `../shared/models/smithy`. They must compile under `#![deny(warnings)]`; the
//! tests in `tests/` exercise features each model is known for.

#![deny(warnings)]

/// Amazon Chime, legacy (191 operations, 836 shapes).
#[cfg(real_models)]
pub mod chime {
    shapegen::generate! { spec: "../../../shared/models/smithy/chime.json" }
}

/// Amazon Chime SDK Meetings (16 operations).
#[cfg(real_models)]
pub mod chime_sdk_meetings {
    shapegen::generate! { spec: "../../../shared/models/smithy/chime-sdk-meetings.json" }
}

/// Amazon Connect (282 operations, 1,792 shapes, unions and recursive shapes).
#[cfg(real_models)]
pub mod connect {
    shapegen::generate! { spec: "../../../shared/models/smithy/connect.json" }
}

/// Amazon QuickSight (209 operations, 2,348 shapes, `httpResponseCode`, `default: null`).
#[cfg(real_models)]
pub mod quicksight {
    shapegen::generate! { spec: "../../../shared/models/smithy/quicksight.json" }
}

/// AWS Elemental MediaConvert (camelCase `jsonName` everywhere).
#[cfg(real_models)]
pub mod mediaconvert {
    shapegen::generate! { spec: "../../../shared/models/smithy/mediaconvert.json" }
}
