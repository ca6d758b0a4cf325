//! The invariants of `tests/properties.rs` on arbitrary bytes: when `parse`
//! accepts them, the document reads back from its JSON unchanged, `records`
//! agrees with it and every non-blank line is owned by exactly one node. A
//! broken invariant is a panic, so libFuzzer keeps and minimizes the input.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/properties.rs"]
mod properties;

fuzz_target!(|data: &[u8]| {
    if let Err(error) = properties::check_all(data) {
        panic!("invariant broken: {error}");
    }
});
