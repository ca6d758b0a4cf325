//! Space-aligned tables (`pdftotext -layout`) read from small pieces of real
//! renderings: which rows and labels come out, cell by cell.

/// (row, fiscal year, raw) of every record with a fiscal year.
fn cells(text: &str) -> Vec<(String, i32, String)> {
    let document = keikaku::parse("plan.txt", text.as_bytes()).expect("decodes");
    keikaku::records(&document).into_iter().filter_map(|record| Some((record.row, record.fiscal_year?, record.raw))).collect()
}

/// The 明石市 plan printed by Chromium (003_chromium_pdftotext_layout 640-647): labels
/// aligned to the top of their rows, each wrapped rest under its row, the last one right
/// above the next table's caption.
const TOP_ALIGNED: &str = "表〇 特定妊婦に対するサポートプラン作成計画
      年度         2025 年度 (R7)    2026 年度 (R8)
 特定妊婦 見込み           20 人        20 人
数
 サポートプラン           100%         100%
作成率
表〇 要支援妊婦に対するサポートプラン作成計画
";

#[test]
fn the_last_rows_label_rest_above_the_next_caption_is_its_own() {
    let rows: Vec<String> = cells(TOP_ALIGNED).into_iter().map(|(row, _, _)| row).collect();
    assert_eq!(rows, ["特定妊婦 見込み数", "特定妊婦 見込み数", "サポートプラン作成率", "サポートプラン作成率"]);
}

#[test]
fn a_piece_under_the_last_row_is_not_its_rest_when_no_row_above_has_one() {
    // The first row's label is whole on its line, and text goes on under the piece: it
    // may be the text after the table, and it is left out of the label.
    let text = TOP_ALIGNED
        .replace(" 特定妊婦 見込み           20 人", " 特定妊婦見込み数         20 人")
        .replace("\n数\n", "\n")
        .replace("表〇 要支援妊婦に対するサポートプラン作成計画", "を記す表です。");
    let rows: Vec<String> = cells(&text).into_iter().map(|(row, _, _)| row).collect();
    assert_eq!(rows, ["特定妊婦見込み数", "特定妊婦見込み数", "サポートプラン", "サポートプラン"]);
}

/// The national requirement table printed by Chromium (003_chromium_pdftotext_layout
/// 1767-1771): its three header cells one space apart, each wrapped its own way.
const REQUIREMENT: &str = "                計画期間におけ 現在の整備状況 今後整備すべ
      評価資源     る必要量① (R11 ② (R6年度4月) き見込み量 (①-
                 年度4月)                  ②)
 児童福祉司任用後研修             15          0        15
 こども家庭ソーシャルワー            5          0         5
カー養成研修
";

/// (row, column, raw) of every record.
fn records(text: &str) -> Vec<(String, String, String)> {
    let document = keikaku::parse("plan.txt", text.as_bytes()).expect("decodes");
    keikaku::records(&document).into_iter().map(|record| (record.row, record.column.unwrap_or_default(), record.raw)).collect()
}

#[test]
fn a_requirement_tables_header_run_together_is_cut_by_what_each_column_holds() {
    let found = records(REQUIREMENT);
    let first = (
        "児童福祉司任用後研修",
        ["計画期間における必要量① (R11年度4月)", "現在の整備状況② (R6年度4月)", "今後整備すべき見込み量 (①-②)"],
        ["15", "0", "15"],
    );
    let second = ("こども家庭ソーシャルワーカー養成研修", first.1, ["5", "0", "5"]);
    let expected: Vec<(String, String, String)> = [first, second]
        .iter()
        .flat_map(|(row, columns, values)| {
            columns.iter().zip(values).map(|(column, value)| (row.to_string(), column.to_string(), value.to_string()))
        })
        .collect();
    assert_eq!(found, expected);
    // The plan's end and now, from the first two columns.
    let document = keikaku::parse("plan.txt", REQUIREMENT.as_bytes()).expect("decodes");
    let years: Vec<Option<i32>> = keikaku::records(&document).iter().take(3).map(|record| record.fiscal_year).collect();
    assert_eq!(years, [Some(2029), Some(2024), None]);
}

#[test]
fn a_requirement_header_cut_two_ways_is_not_guessed() {
    // Two `②`s: the first may end the first column (`…(R11 ②年度4月)`) or start the
    // second. The table is kept as fragments, its values under no column.
    let doubled = REQUIREMENT.replace("る必要量① (R11 ② (R6年度4月)", "る必要量① (R11 ② ② (R6年度4月)");
    assert_eq!(records(&doubled), []);
    let document = keikaku::parse("plan.txt", doubled.as_bytes()).expect("decodes");
    let codes: Vec<&str> = document.warnings.iter().map(|warning| warning.code.as_str()).collect();
    assert!(codes.contains(&"unresolved_table"), "{codes:?}");
}

/// The 明石市 plan printed by LibreOffice (003_libreoffice_pdftotext_layout 1276-1283): a
/// caption wrapped before its unit, right above a two-level header.
const CAPTION_REST: &str = "表○ ケアニーズを考慮しつつ、就学前のすべての子どもを里親委託した場合の年齢区分別・施設等種類別の
子ど�数の見込み（単位：人）
               乳児院           児童養護施設                 里親+FH                            合計
                                                      里親              FH
3 歳未満                 0                       0              3               3             0
3 歳～就学前               0                       0              6               6             0
学童期以降                 0                      19             45              38             7
合計                    0                      19             54              47             7
";

#[test]
fn a_captions_rest_with_its_unit_is_no_header_cell() {
    let found = records(CAPTION_REST);
    assert_eq!(found.len(), 20, "{found:#?}");
    assert_eq!(found[0], ("3 歳未満".to_string(), "乳児院".to_string(), "0".to_string()));
    assert!(found.iter().all(|(_, column, _)| !column.contains("単位")), "{found:#?}");
    let document = keikaku::parse("plan.txt", CAPTION_REST.as_bytes()).expect("decodes");
    let captions: Vec<String> = keikaku::records(&document).iter().filter_map(|record| record.caption.clone()).collect();
    assert!(captions.iter().all(|caption| caption.ends_with("子ど�数の見込み(単位:人)")), "{captions:?}");
}

/// The 明石市 plan printed by Chromium (003_chromium_pdftotext_layout 997-1005): a stub
/// word and year cells run together one space apart, each wrapped at 年, row labels
/// wrapped under their rows, the last rest a unit in brackets with a blank line after it.
const RUN_TOGETHER: &str = "    評価指標    2025 年 2026 年 2027 年 2028 年度 2029 年
           度 (R7) 度 (R8) 度 (R9)   (R10) 度 (R11)
 一時保護施設（箇         0      0      0       0       0
所）
 里親（世帯）          18     20     21      23     25
 ファミリーホーム         1      1      1       2       2
（箇所）
 児童福祉施設等          4      4      4       4       4
（箇所）
";

#[test]
fn year_cells_run_together_after_a_stub_word_and_a_units_rest() {
    let found = cells(RUN_TOGETHER);
    let rows: Vec<&str> = found.iter().step_by(5).map(|(row, _, _)| row.as_str()).collect();
    assert_eq!(rows, ["一時保護施設(箇所)", "里親(世帯)", "ファミリーホーム (箇所)", "児童福祉施設等 (箇所)"]);
    let years: Vec<i32> = found.iter().take(5).map(|(_, year, _)| *year).collect();
    assert_eq!(years, [2025, 2026, 2027, 2028, 2029]);
    let farms: Vec<&str> = found[10..15].iter().map(|(_, _, raw)| raw.as_str()).collect();
    assert_eq!(farms, ["1", "1", "1", "2", "2"]);
}

/// The same (1022-1026): a label over three lines, its first piece above its values line,
/// indented.
const LABEL_ABOVE: &str = "     評価指標    2025 年 2026 年 2027 年 2028 年 2029 年
             度 (R7) 度 (R8) 度 (R9) 度 (R10) 度 (R11)
  第三者評価を実施し
ている一時保護施設数         -      1      -       -        1
（箇所）
";

#[test]
fn a_labels_indented_first_piece_above_its_values_is_no_header_line() {
    let found = cells(LABEL_ABOVE);
    let expected: Vec<(String, i32, String)> = [(2025, "-"), (2026, "1"), (2027, "-"), (2028, "-"), (2029, "1")]
        .iter()
        .map(|(year, raw)| ("第三者評価を実施している一時保護施設数 (箇所)".to_string(), *year, raw.to_string()))
        .collect();
    assert_eq!(found, expected);
}

/// The 明石市 plan printed by Chromium (003_chromium_pdftotext_layout 846-852): the stub
/// `区域全市` wrapped (`区域全` one space before the years, `市` under it).
const WRAPPED_STUB: &str = "表〇 ショートステイ事業の量の見込み及び確保方策 (単位：人日)
  区域全 2025年度 2026年度 2027年度            2028年度      2029年度
   市   (R7)     (R8)     (R9)          (R10)       (R11)
 量の見      1,600    1,650    1,700         1,750      1,800
込み
 確保方      1,600    1,650    1,700         1,750      1,800
策
";

#[test]
fn a_stub_wrapped_before_run_together_years_is_the_stub() {
    let found = cells(WRAPPED_STUB);
    let rows: Vec<&str> = found.iter().step_by(5).map(|(row, _, _)| row.as_str()).collect();
    assert_eq!(rows, ["量の見込み", "確保方策"]);
    let first: Vec<(i32, &str)> = found[..5].iter().map(|(_, year, raw)| (*year, raw.as_str())).collect();
    assert_eq!(first, [(2025, "1,600"), (2026, "1,650"), (2027, "1,700"), (2028, "1,750"), (2029, "1,800")]);
    let document = keikaku::parse("plan.txt", WRAPPED_STUB.as_bytes()).expect("decodes");
    // The stub is no piece of the first column's label.
    let first_column = keikaku::records(&document).first().and_then(|record| record.column.clone());
    assert_eq!(first_column.as_deref(), Some("2025年度 (R7)"));
}

/// The 明石市 plan printed by Chromium (003_chromium_pdftotext_layout 1560-1566): a total
/// column wrapped like the years (`2024年 合` over `度 (R6) 計`), a label at the left edge
/// that reads as a value (`18歳`) with its rest under it, and two values run together (`5 30`).
const WRAPPED_TOTAL: &str = "表○社会的養護継続中に18歳を迎えた方の状況
       2019年 2020年 2021年 2022年 2023年 2024年 合
       度 (R1) 度 (R2) 度 (R3) 度 (R4) 度 (R5) 度 (R6) 計
 18歳         5    6      5      2      7      5 30
到達
 措置          3    1      2      1      5      2 14
延長
";

#[test]
fn a_total_column_wrapped_like_the_years_and_a_label_that_reads_as_a_value() {
    let found = records(WRAPPED_TOTAL);
    let rows: Vec<(&str, &str, &str)> = found
        .iter()
        .filter(|(_, column, _)| column == "合計")
        .map(|(row, column, raw)| (row.as_str(), column.as_str(), raw.as_str()))
        .collect();
    assert_eq!(rows, [("18歳到達", "合計", "30"), ("措置延長", "合計", "14")]);
    let years: Vec<(String, i32, String)> = cells(WRAPPED_TOTAL).into_iter().take(6).collect();
    let expected: Vec<(String, i32, String)> = [(2019, "5"), (2020, "6"), (2021, "5"), (2022, "2"), (2023, "7"), (2024, "5")]
        .iter()
        .map(|(year, raw)| ("18歳到達".to_string(), *year, raw.to_string()))
        .collect();
    assert_eq!(years, expected);
}
