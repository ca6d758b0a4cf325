//! `keikaku::parse` on arbitrary bytes: refusing them is fine, panicking or
//! hanging is not; a parsed document must also serialize and flatten.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = keikaku::parse("fuzz", data) {
        let json = keikaku::document_json(&document, false);
        let records = keikaku::records(&document);
        std::hint::black_box((json, records));
    }
});
