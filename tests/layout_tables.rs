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
    // The first row's label is whole on its line: the piece under the last row may be
    // the text after the table, and it is left out of the label.
    let text = TOP_ALIGNED.replace(" 特定妊婦 見込み           20 人", " 特定妊婦見込み数         20 人").replace("\n数\n", "\n");
    let rows: Vec<String> = cells(&text).into_iter().map(|(row, _, _)| row).collect();
    assert_eq!(rows, ["特定妊婦見込み数", "特定妊婦見込み数", "サポートプラン", "サポートプラン"]);
}
