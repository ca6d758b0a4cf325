//! The heading trees of the seeds against the documents' real outlines, read by
//! hand from the text (and 003's 目次): tests/expected/00N_outline.txt, one
//! heading per line, two spaces per level, `marker title`.

fn outline(sections: &[keikaku::Section], depth: usize, out: &mut Vec<String>) {
    for section in sections {
        if let Some(marker) = &section.marker {
            out.push(format!("{}{} {}", "  ".repeat(depth), marker, section.title.as_deref().unwrap_or("")));
        }
        let child_depth = if section.marker.is_some() { depth + 1 } else { depth };
        outline(&section.sections, child_depth, out);
    }
}

fn assert_outline(fixture: &str, expected: &str) {
    let bytes = std::fs::read(fixture).expect("fixture");
    let document = keikaku::parse(fixture, &bytes).expect("decodes");
    let mut got = Vec::new();
    outline(&document.sections, 0, &mut got);
    let expected: Vec<String> = std::fs::read_to_string(expected)
        .expect("expected outline")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn seed_003_heading_tree_is_the_real_outline() {
    assert_outline("fixtures/003_81fdfb445e420b05.txt", "tests/expected/003_outline.txt");
}

/// Seed 000 (raw pdftotext): `①` marks both a section (line 5) and, three
/// levels below it, the items of a list (line 11); the items are not headings.
#[test]
fn seed_000_heading_tree_is_the_real_outline() {
    assert_outline("fixtures/000_18f7e0d6ffcc7f21.txt", "tests/expected/000_outline.txt");
}

#[test]
fn seed_003_traps_are_not_headings() {
    let bytes = std::fs::read("fixtures/003_81fdfb445e420b05.txt").expect("fixture");
    let document = keikaku::parse("003", &bytes).expect("decodes");
    let mut lines = Vec::new();
    fn heading_lines(sections: &[keikaku::Section], lines: &mut Vec<u32>) {
        for section in sections {
            if section.marker.is_some() {
                lines.push(section.line);
            }
            heading_lines(&section.sections, lines);
        }
    }
    heading_lines(&document.sections, &mut lines);
    // `3 歳未満<TAB>33.3%…` is a table row; `（2）現状と課題でも触れたとおり、…` is a sentence.
    assert!(!lines.contains(&1078));
    assert!(!lines.contains(&1327));
    // `(1)` under `③ 資源等に関する地域の現状` (1059) nests; `（2）` (1145) climbs back to chapter 8's level.
    let chapter_8 = document.sections.iter().find(|section| section.marker.as_deref() == Some("8")).expect("chapter 8");
    let markers: Vec<&str> = chapter_8.sections.iter().filter_map(|section| section.marker.as_deref()).collect();
    assert_eq!(markers, ["(1)", "(2)"]);
    let resources = &chapter_8.sections[0].sections[2];
    assert_eq!(resources.line, 1057);
    let nested: Vec<u32> = resources.sections.iter().map(|section| section.line).collect();
    assert_eq!(nested, [1059, 1105, 1114, 1119]);
}

/// Seed 000's document printed to PDF and extracted again (tests/renderings_000.rs):
/// `pdftotext` prints the list items with a space (`① こどもの…`), like the
/// sections above them, yet they stay items: circled numbers do not nest in
/// themselves, and each item holds no more than the rest of its wrapped line.
/// Titles are compared without spaces (the renderings space kanji from digits).
/// pdfplumber prints a grid's row number at the start of a line of its cells
/// (`1 どをサポートする…`, `3 ・実施回数…`): inside the grid, up to as many rows as
/// the list above it has items, these are row numbers, not headings.
/// FIXME(issue 3): pdfminer (fixtures/000_pdfminer.txt, 492-506) prints item ④'s
/// wrapped rest `制` after the page furniture `資料８`; an item cannot span the
/// furniture's line, so `①`…`⑤` there stay headings under `（１）`.
#[test]
fn seed_000_renderings_have_the_real_outline() {
    let squeeze = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .map(|line| {
                let depth = line.len() - line.trim_start().len();
                format!("{}{}", " ".repeat(depth), line.split_whitespace().collect::<String>())
            })
            .collect()
    };
    let expected: Vec<String> = std::fs::read_to_string("tests/expected/000_outline.txt")
        .expect("expected outline")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_string)
        .collect();
    for fixture in [
        "fixtures/000_libreoffice_pdftotext_layout.txt",
        "fixtures/000_libreoffice_pdftotext.txt",
        "fixtures/000_pymupdf.txt",
        "fixtures/000_pdfplumber.txt",
        "fixtures/000_pdftotext_raw.txt",
        "fixtures/000_pdfplumber_layout.txt",
        "fixtures/000_pypdf.txt",
        "fixtures/000_pypdf_layout.txt",
        "fixtures/000_pypdfium2.txt",
        "fixtures/000_pdfjs.txt",
        "fixtures/000_mutool.txt",
    ] {
        let bytes = std::fs::read(fixture).expect("fixture");
        let document = keikaku::parse(fixture, &bytes).expect("decodes");
        let mut got = Vec::new();
        outline(&document.sections, 0, &mut got);
        assert_eq!(squeeze(got), squeeze(expected.clone()), "{fixture}");
    }
}

/// A document's headings, each as its path of markers and its title.
fn heading_paths(path: &str) -> Vec<String> {
    let document = keikaku::parse(path, &std::fs::read(path).expect("fixture")).expect("decodes");
    let mut out = Vec::new();
    paths(&document.sections, "", &mut out);
    out
}

/// The headings of `original` that the rendering at `path` does not have (each
/// heading of the rendering matches once).
fn missing_headings(original: &[String], path: &str) -> Vec<String> {
    let mut rendered = heading_paths(path);
    let mut missing = Vec::new();
    for heading in original {
        match rendered.iter().position(|got| got == heading) {
            Some(at) => {
                rendered.remove(at);
            }
            None => missing.push(heading.clone()),
        }
    }
    missing
}

fn paths(sections: &[keikaku::Section], parent: &str, out: &mut Vec<String>) {
    for section in sections {
        let path = match &section.marker {
            Some(marker) if parent.is_empty() => marker.clone(),
            Some(marker) => format!("{parent} > {marker}"),
            None => parent.to_string(),
        };
        if section.marker.is_some() {
            let title: String = section.title.as_deref().unwrap_or("").split_whitespace().collect();
            out.push(format!("{path} {title}"));
        }
        paths(&section.sections, &path, out);
    }
}

/// Seed 003 as `pdftotext -layout` prints it (what `keikaku parse plan.pdf`
/// runs): its headings, each with its path of markers and its title (spaces
/// removed), against the tabbed original's 149. A contents entry whose title
/// wrapped (`(1) …に向けた取` / `31` / `組`) no longer ends the contents, so the
/// chapters are no longer nested under a stray `(1)`; titles wrapped onto the
/// next line are joined when the rest closes a bracket or starts with a
/// particle (`…取` / `組)`, `…施設等` / `の確保`).
#[test]
fn seed_003_layout_rendering_keeps_the_outline() {
    let original = heading_paths("fixtures/003_81fdfb445e420b05.txt");
    let missing = missing_headings(&original, "fixtures/003_libreoffice_pdftotext_layout.txt");
    // FIXME(issue 3): 13 of 149 headings differ: `資料1` and `資料2` of 【参考】 are lost
    // (their `1.`…`5.` then hang under 【参考】 and `4.`); the two `②` headings of chapter
    // 6 differ in their wrapped rest. (A title wrapped short in a heading's bigger type,
    // `2 当事者である…アドボカ` / `シー)`, is joined since session 5.)
    assert_eq!(original.len(), 149);
    assert_eq!(original.len() - missing.len(), 136, "{missing:#?}");
}

/// Seed 003's headings (path of markers and title, as above) found in every other
/// rendering, of the original's 149. The contents page, printed a piece per line
/// (`1` / `本市における…` / `1`) or an entry per line with no TABs (`1 本市における… 1`),
/// is read as contents to its page's end; before, its entries were taken for the
/// document's headings and every chapter hung under the last of them (`【参考】`),
/// so that 1 to 20 of 149 paths were right in these renderings. pdfplumber's layout
/// mode pads the contents with blank lines between entries (it was 11 of 149).
#[test]
fn seed_003_renderings_keep_the_outline() {
    let original = heading_paths("fixtures/003_81fdfb445e420b05.txt");
    let found = |path: &str| original.len() - missing_headings(&original, path).len();
    // FIXME(issue 3): the rest differ as in the `-layout` rendering (titles wrapped after
    // a blank line, `資料1`/`資料2` lost) and in their wrapped rests; and:
    // - Chromium's PDF in default mode (11): the contents entries come a piece per line
    //   with the chapter numbers apart (`1` … `本市における…` … `1`) over two pages.
    // - PDFium and pdf.js (136): `資料1`, `資料2` and their numbered items (10) are lost as
    //   in the `-layout` rendering; the two chapter 6 `②` headings keep only their first
    //   line (`② 一時保護専用施設や…児童福祉施設等` / `の確保`, pypdfium2 828-829 and 881-882).
    //   The requirement tables' header pieces that start a line, `① (R11 年度 4 月)` and `②)`
    //   (pypdfium2 822-866), are no longer taken as circled headings (blocks.rs `is_year_bracket`).
    // - mutool (138): `資料1`, `資料2` and their items (11) as in `-layout`;
    // - Ghostscript (146): the two chapter 6 `②` headings (wrapped titles) and `資料2 > 3.`.
    // - Chromium's PDF through PDFium and pdf.js (11), as in default `pdftotext` (the contents
    //   a piece per line); pdf.js's Kangxi radicals (`⽀援` for 支援) are folded.
    let expected = [
        ("fixtures/003_libreoffice_pdftotext.txt", 136),
        ("fixtures/003_pdftotext_raw.txt", 136),
        ("fixtures/003_pymupdf.txt", 145),
        ("fixtures/003_pdfminer.txt", 138),
        ("fixtures/003_pdfplumber.txt", 144),
        ("fixtures/003_pdfplumber_layout.txt", 145),
        ("fixtures/003_pypdf.txt", 145),
        ("fixtures/003_pypdf_layout.txt", 136),
        ("fixtures/003_chromium_pdftotext_layout.txt", 145),
        ("fixtures/003_chromium_pdftotext.txt", 11),
        ("fixtures/003_pypdfium2.txt", 136),
        ("fixtures/003_pdfjs.txt", 136),
        ("fixtures/003_mutool.txt", 138),
        ("fixtures/003_ghostscript.txt", 146),
        ("fixtures/003_chromium_pypdfium2.txt", 11),
        ("fixtures/003_chromium_pdfjs.txt", 11),
    ];
    let got: Vec<(&str, usize)> = expected.iter().map(|&(path, _)| (path, found(path))).collect();
    assert_eq!(got, expected);
}

/// Seed 000 as Ghostscript's txtwrite prints it (tests/renderings_000.rs): the outline
/// but for grid 3's rows.
/// FIXME(issue 3): fixtures/000_ghostscript.txt 177-179: grid 3's header line follows
/// table F's rows with no blank line, so the grid is not found, and its rows `1   児童相談所
/// を通じた…：20件 児童相談所を…：22件` and `2   民間あっせん機関を…` (row number, wide
/// space, cells) are read as headings `1`, `2` under `（２）現在の整備・取組状況等…`;
/// `３ 計画期間における整備・取組方針等` then goes on their numbering and nests under
/// `（２）` with its three sections, one level too deep. Right: the rows are a grid's, and
/// `３` is a sibling of `２ 資源等に関する地域の現状`.
#[test]
fn seed_000_ghostscript_rendering_outline() {
    let expected: Vec<String> = std::fs::read_to_string("tests/expected/000_outline.txt")
        .expect("expected outline")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split_whitespace().collect::<String>())
        .collect();
    let fixture = "fixtures/000_ghostscript.txt";
    let document = keikaku::parse(fixture, &std::fs::read(fixture).expect("fixture")).expect("decodes");
    let mut got = Vec::new();
    outline(&document.sections, 0, &mut got);
    let got: Vec<String> = got.iter().map(|line| line.split_whitespace().collect::<String>()).collect();
    // Same headings, in order, once the two row headings are left out (depth aside).
    let rows = [
        "1児童相談所を通じた特別養子縁組の成立件数:20件児童相談所を通じた特別養子縁組の成立件数:22件",
        "2民間あっせん機関を通じた特別養子縁組の成立件数民間あっせん機関を通じた特別養子縁組の成立件数:",
    ];
    let without_rows: Vec<&String> = got.iter().filter(|line| !rows.contains(&line.as_str())).collect();
    assert_eq!(without_rows, expected.iter().collect::<Vec<_>>());
    assert_eq!(got.len(), expected.len() + 2);
}
