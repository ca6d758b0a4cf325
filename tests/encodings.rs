//! The same plan in every encoding and line-end style keikaku accepts gives
//! the same records as the UTF-8 original (except where Shift_JIS cannot hold
//! a character of the original, such as U+FFFD).

fn records_of(bytes: &[u8]) -> (String, Vec<keikaku::Record>) {
    let document = keikaku::parse("plan", bytes).expect("decodes");
    (document.source.encoding.clone(), keikaku::records(&document))
}

fn original() -> String {
    std::fs::read_to_string("fixtures/003_81fdfb445e420b05.txt").expect("fixture")
}

#[test]
fn bom_utf16_and_line_ends_give_identical_records() {
    let text = original();
    let (_, expected) = records_of(text.as_bytes());
    assert!(expected.len() > 1500);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(text.replace('\n', "\r\n").as_bytes());
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16le.extend(unit.to_le_bytes());
        utf16be.extend(unit.to_be_bytes());
    }
    let cases = [("utf-8-bom", with_bom), ("utf-16le", utf16le), ("utf-16be", utf16be), ("utf-8", text.replace('\n', "\r").into_bytes())];
    for (encoding, bytes) in cases {
        let (detected, records) = records_of(&bytes);
        assert_eq!(detected, encoding);
        assert_eq!(records, expected, "records differ for {encoding}");
    }
}

#[test]
fn shift_jis_with_crlf_gives_the_records_of_the_original() {
    // CP932 has no U+2014 (EM DASH): Japanese Windows writes U+2015 (HORIZONTAL BAR) for it.
    let text = original().replace('\u{2014}', "\u{2015}");
    let (_, expected) = records_of(text.as_bytes());
    let crlf = text.replace('\n', "\r\n");
    let (sjis, _, had_unmappable) = encoding_rs::SHIFT_JIS.encode(&crlf);
    assert!(had_unmappable, "the fixture has U+FFFD, which Shift_JIS cannot hold");
    let (detected, records) = records_of(&sjis);
    assert_eq!(detected, "shift_jis");
    assert_eq!(records.len(), expected.len());
    for (got, want) in records.iter().zip(&expected) {
        // Unmappable characters become `&#65533;` in Shift_JIS; only captions and titles hold any here.
        let mut want = want.clone();
        want.caption = want.caption.map(|caption| caption.replace('\u{FFFD}', "&#65533;"));
        want.section_title = want.section_title.map(|title| title.replace('\u{FFFD}', "&#65533;"));
        assert_eq!(got, &want);
    }
}

#[test]
fn lines_are_numbered_as_an_editor_shows_them() {
    for line_end in ["\n", "\r\n", "\r"] {
        let text = ["1 概要", "", "年度\t2025年度 (R7)", "件数\t3 件", ""].join(line_end);
        let document = keikaku::parse("plan", text.as_bytes()).expect("decodes");
        let records = keikaku::records(&document);
        assert_eq!(records[0].line, 4, "line end {line_end:?}");
        assert_eq!(document.source.lines, 4);
    }
}
