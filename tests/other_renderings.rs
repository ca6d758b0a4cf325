//! The 明石市 plan as LibreOffice prints it to PDF (scripts/make-pdf-fixtures), its
//! text extracted by PDF tools other than the `pdftotext` modes keikaku was built on
//! (scripts/make-other-renderings, described in scripts/make-other-renderings.md).
//! Each rendering's fiscal-year records are compared with the tabbed original's,
//! keyed by (row, fiscal year, raw) with whitespace removed, as tests/renderings.rs
//! does. A cell that the original does not have is a WRONG cell: each test pins the
//! exact list of today's wrong cells (FIXME(issue 3): it must become empty) and the
//! number of cells found (FIXME(issue 3): it should grow towards 917).

use std::collections::HashMap;

/// (row, fiscal year, raw) with whitespace removed.
type Key = (String, i32, String);

const ORIGINAL: &str = "fixtures/003_81fdfb445e420b05.txt";
const ORIGINAL_CELLS: usize = 917;

fn fiscal_year_cells(path: &str) -> HashMap<Key, usize> {
    let bytes = std::fs::read(path).expect("fixture");
    let document = keikaku::parse(path, &bytes).expect("decodes");
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let mut counts = HashMap::new();
    for record in keikaku::records(&document) {
        if let Some(year) = record.fiscal_year {
            *counts.entry((squeeze(&record.row), year, squeeze(&record.raw))).or_insert(0) += 1;
        }
    }
    counts
}

/// (matched, missing from the rendering, extra in the rendering).
fn compare(rendering: &str) -> (usize, Vec<Key>, Vec<Key>) {
    let original = fiscal_year_cells(ORIGINAL);
    let rendered = fiscal_year_cells(rendering);
    let mut matched = 0;
    let mut missing = Vec::new();
    for (key, &count) in &original {
        let found = rendered.get(key).copied().unwrap_or(0);
        matched += count.min(found);
        missing.extend(std::iter::repeat_n(key.clone(), count.saturating_sub(found)));
    }
    let mut extra = Vec::new();
    for (key, &count) in &rendered {
        let expected = original.get(key).copied().unwrap_or(0);
        extra.extend(std::iter::repeat_n(key.clone(), count.saturating_sub(expected)));
    }
    missing.sort();
    extra.sort();
    (matched, missing, extra)
}

/// The pinned wrong cells, sorted like `compare`'s `extra`.
fn keys(cells: &[(&str, i32, &str)]) -> Vec<Key> {
    let mut keys: Vec<Key> = cells.iter().map(|&(row, year, raw)| (row.to_string(), year, raw.to_string())).collect();
    keys.sort();
    keys
}

#[test]
fn original_has_917_fiscal_year_cells() {
    let cells: usize = fiscal_year_cells(ORIGINAL).values().sum();
    assert_eq!(cells, ORIGINAL_CELLS);
}

/// `pdftotext -raw` (content-stream order): every table row is one line, its cells
/// joined by single spaces, with no blank line around the table.
#[test]
fn pdftotext_raw_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_pdftotext_raw.txt");
    assert!(extra.is_empty(), "cells that are not in the original: {extra:#?}");
    // FIXME(issue 3): none of the 917 cells is found. The year header and the rows
    // (`2025 年度 (R7) 2026 年度 (R8) …` / `利用可能な子どもの人数 ① 71 71 72 72 73`) follow
    // the caption and body lines without a blank line, so they are joined into the
    // paragraph before them; a line of single-space-separated words that ends in one
    // value per year of the line above should be read as a table row.
    assert_eq!(matched, 0, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS);
}

/// pdfminer.six `pdf2txt.py` (default LAParams): text boxes in its reading order;
/// cells one per line with blank lines between, labels first, values often grouped
/// column by column (year by year), page header and footer anywhere on the page.
#[test]
fn pdfminer_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_pdfminer.txt");
    // FIXME(issue 3): 154 WRONG cells: values that pdfminer prints column by column
    // (all rows' values for one year, then the next year) are read row by row, so
    // most land under the wrong row or year. Right answer: the original's cells, or
    // no cells at all (an `unresolved` block) when the order cannot be told.
    #[rustfmt::skip]
    let wrong = keys(&[
        // 表5 (original lines 191-194): the values come out year by year (10回 15人 80人, 10回 20人 90人, …)
        // and are read row by row. Right: 実施回数 10回 10回 10回 12回 12回; 受講者数(子ども) 15人 20人 25人 30人 30人;
        // 受講者数(職員) 80人 90人 100人 100人 110人.
        ("実施回数", 2026, "15人"), // line 609
        ("実施回数", 2027, "80人"), // line 611
        ("実施回数", 2028, "10回"), // line 613
        ("実施回数", 2029, "20人"), // line 615
        ("受講者数(子ども)", 2025, "90人"), // line 617
        ("受講者数(子ども)", 2026, "10回"), // line 619
        ("受講者数(子ども)", 2028, "100人"), // line 623
        ("受講者数(子ども)", 2029, "12回"), // line 625
        ("受講者数(職員)", 2025, "30人"), // line 627
        ("受講者数(職員)", 2026, "100人"), // line 629
        ("受講者数(職員)", 2027, "12回"), // line 631
        ("受講者数(職員)", 2028, "30人"), // line 633
        // 表6 (original 202-205): rows ① and ② come out year by year (71 15 71 30 72 35 72 35 73 37), then row
        // ②/① by itself. Right: 利用可能な子どもの人数① 71 71 72 72 73; 利用した子どもの数② 15 30 35 35 37.
        ("利用可能な子どもの人数①", 2026, "15"), // line 659
        ("利用可能な子どもの人数①", 2027, "71"), // line 661
        ("利用可能な子どもの人数①", 2028, "30"), // line 663
        ("利用可能な子どもの人数①", 2029, "72"), // line 665
        ("利用した子どもの数②", 2025, "35"), // line 667
        ("利用した子どもの数②", 2026, "72"), // line 669
        ("利用した子どもの数②", 2028, "73"), // line 673
        // ○養育支援訪問事業 etc. (original 369-372): `4,466 (+0)`-style values two at a time, year by year.
        // Right: 資源の必要量 and 年度ごとの整備目標 4,466 4,458 4,463 4,469 4,448; 整備目標に対する過不足 (+0) ×5.
        ("資源の必要量", 2026, "4,466"), // line 1169
        ("資源の必要量", 2027, "(+0)"), // line 1171
        ("資源の必要量", 2028, "4,458"), // line 1173
        ("資源の必要量", 2029, "4,458"), // line 1175
        ("年度ごとの整備目標", 2025, "(+0)"), // line 1177
        ("年度ごとの整備目標", 2026, "4,463"), // line 1179
        ("年度ごとの整備目標", 2028, "(+0)"), // line 1183
        ("年度ごとの整備目標", 2029, "4,469"), // line 1185
        ("整備目標に対する過不足", 2025, "4,469"), // line 1187
        ("整備目標に対する過不足", 2027, "4,448"), // line 1191
        ("整備目標に対する過不足", 2028, "4,448"), // line 1193
        // Same shape (original 378-381). Right: 資源の必要量, 年度ごとの整備目標 156 168 180 192 204; 過不足 (+0) ×5.
        ("資源の必要量", 2026, "156"), // line 1211
        ("資源の必要量", 2027, "(+0)"), // line 1213
        ("資源の必要量", 2028, "168"), // line 1215
        ("資源の必要量", 2029, "168"), // line 1217
        ("年度ごとの整備目標", 2025, "(+0)"), // line 1219
        ("年度ごとの整備目標", 2026, "180"), // line 1221
        ("年度ごとの整備目標", 2028, "(+0)"), // line 1225
        ("年度ごとの整備目標", 2029, "192"), // line 1227
        ("整備目標に対する過不足", 2025, "192"), // line 1229
        ("整備目標に対する過不足", 2027, "204"), // line 1233
        ("整備目標に対する過不足", 2028, "204"), // line 1235
        // Same shape (original 398-401). Right: 資源の必要量, 年度ごとの整備目標 117 122 126 131 135; 過不足 (+0) ×5.
        ("資源の必要量", 2026, "117"), // line 1301
        ("資源の必要量", 2027, "(+0)"), // line 1303
        ("資源の必要量", 2028, "122"), // line 1305
        ("資源の必要量", 2029, "122"), // line 1307
        ("年度ごとの整備目標", 2025, "(+0)"), // line 1309
        ("年度ごとの整備目標", 2026, "126"), // line 1311
        ("年度ごとの整備目標", 2028, "(+0)"), // line 1315
        ("年度ごとの整備目標", 2029, "131"), // line 1317
        ("整備目標に対する過不足", 2025, "131"), // line 1319
        ("整備目標に対する過不足", 2027, "135"), // line 1323
        ("整備目標に対する過不足", 2028, "135"), // line 1325
        // 産後ケア (original 487-490), 2020-2024, values column by column. Right: 宿泊型 108 186 161 278 270;
        // デイサービス型 56 154 250 563 650; 訪問型 318 371 378 450 410.
        ("宿泊型", 2021, "56"), // line 1647
        ("宿泊型", 2022, "318"), // line 1649
        ("宿泊型", 2023, "186"), // line 1651
        ("宿泊型", 2024, "154"), // line 1653
        ("デイサービス型", 2020, "371"), // line 1655
        ("デイサービス型", 2021, "161"), // line 1657
        ("デイサービス型", 2023, "378"), // line 1661
        ("デイサービス型", 2024, "278"), // line 1663
        ("訪問型", 2020, "563"), // line 1665
        ("訪問型", 2021, "450"), // line 1667
        ("訪問型", 2022, "270"), // line 1669
        ("訪問型", 2023, "650"), // line 1671
        // 代替養育を必要とする子ども数の推移 (original 546-549), column by column. Right: 代替養育子ども数A
        // 75 71 71 66 62; 18歳未満人口B 50,015 50,022 50,512 50,941 51429; 割合C(A/B) 0.150% 0.142% 0.141% 0.130% 0.121%.
        ("代替養育子ども数A", 2021, "50,015"), // line 1857
        ("代替養育子ども数A", 2022, "0.150%"), // line 1859
        ("代替養育子ども数A", 2023, "71"), // line 1861
        ("代替養育子ども数A", 2024, "50,022"), // line 1863
        ("18歳未満人口B", 2020, "0.142%"), // line 1865
        ("18歳未満人口B", 2021, "71"), // line 1867
        ("18歳未満人口B", 2023, "0.141%"), // line 1871
        ("18歳未満人口B", 2024, "66"), // line 1873
        ("割合C(A/B)", 2020, "50,941"), // line 1875
        ("割合C(A/B)", 2021, "0.130%"), // line 1877
        ("割合C(A/B)", 2022, "62"), // line 1879
        ("割合C(A/B)", 2023, "51429"), // line 1881
        // 【再掲】 the same table (original 583-586): same values, same mistake.
        ("代替養育子ども数A", 2021, "50,015"), // line 2083
        ("代替養育子ども数A", 2022, "0.150%"), // line 2085
        ("代替養育子ども数A", 2023, "71"), // line 2087
        ("代替養育子ども数A", 2024, "50,022"), // line 2089
        ("18歳未満人口B", 2020, "0.142%"), // line 2091
        ("18歳未満人口B", 2021, "71"), // line 2093
        ("18歳未満人口B", 2023, "0.141%"), // line 2097
        ("18歳未満人口B", 2024, "66"), // line 2099
        ("割合C(A/B)", 2020, "50,941"), // line 2101
        ("割合C(A/B)", 2021, "0.130%"), // line 2103
        ("割合C(A/B)", 2022, "62"), // line 2105
        ("割合C(A/B)", 2023, "51429"), // line 2107
        // 代替養育を必要とする子ども数の見込み (original 592-595), 2025-2029. Right: 代替養育子ども数A 71 71 72 72 73;
        // 18歳未満人口B 51,811 52,180 52,550 52,850 53,182; 割合C(A/B) 0.137% ×5.
        ("代替養育子ども数A", 2026, "51,811"), // line 2135
        ("代替養育子ども数A", 2027, "0.137%"), // line 2137
        ("代替養育子ども数A", 2028, "71"), // line 2139
        ("代替養育子ども数A", 2029, "52,180"), // line 2141
        ("18歳未満人口B", 2025, "0.137%"), // line 2143
        ("18歳未満人口B", 2026, "72"), // line 2145
        ("18歳未満人口B", 2028, "0.137%"), // line 2149
        ("18歳未満人口B", 2029, "72"), // line 2151
        ("割合C(A/B)", 2025, "52,850"), // line 2153
        ("割合C(A/B)", 2027, "73"), // line 2157
        ("割合C(A/B)", 2028, "53,182"), // line 2159
        // 評価指標 table (original 809-813), column by column. Right: 一時保護施設(箇所) 0 ×5; 里親(世帯) 18 20 21 23 25;
        // ファミリーホーム(箇所) 1 1 1 2 2; 児童福祉施設等(箇所) 4 ×5.
        ("一時保護施設(箇所)", 2026, "18"), // line 3210
        ("一時保護施設(箇所)", 2027, "1"), // line 3212
        ("一時保護施設(箇所)", 2028, "4"), // line 3214
        ("里親(世帯)", 2025, "20"), // line 3218
        ("里親(世帯)", 2026, "1"), // line 3220
        ("里親(世帯)", 2027, "4"), // line 3222
        ("里親(世帯)", 2028, "0"), // line 3224
        ("里親(世帯)", 2029, "21"), // line 3226
        ("ファミリーホーム(箇所)", 2026, "4"), // line 3230
        ("ファミリーホーム(箇所)", 2027, "0"), // line 3232
        ("ファミリーホーム(箇所)", 2028, "23"), // line 3234
        ("児童福祉施設等(箇所)", 2026, "0"), // line 3240
        ("児童福祉施設等(箇所)", 2027, "25"), // line 3242
        ("児童福祉施設等(箇所)", 2028, "2"), // line 3244
        // (original 819-821): both labels first (joined into one row label), then 50 160 ×5; the page header
        // `明石市社会的養育推進計画` becomes the second row's label. Right: 実施回数 50 ×5; 受講者数(延べ人数) 160 ×5.
        ("実施回数受講者数(延べ人数)", 2025, "50"), // line 3276
        ("実施回数受講者数(延べ人数)", 2026, "160"), // line 3278
        ("実施回数受講者数(延べ人数)", 2027, "50"), // line 3280
        ("実施回数受講者数(延べ人数)", 2028, "160"), // line 3282
        ("実施回数受講者数(延べ人数)", 2029, "50"), // line 3284
        ("明石市社会的養育推進計画", 2025, "160"), // line 3286
        ("明石市社会的養育推進計画", 2026, "50"), // line 3288
        ("明石市社会的養育推進計画", 2027, "160"), // line 3290
        ("明石市社会的養育推進計画", 2028, "50"), // line 3292
        ("明石市社会的養育推進計画", 2029, "160"), // line 3294
        // 表● 特別養子縁組 (original 945-947): labels 兵庫県 明石市 joined, values column by column.
        // Right: 兵庫県 13 11 11 4 (見込); 明石市 1 1 1 1 1.
        ("兵庫県明石市", 2020, "13"), // line 3667
        ("兵庫県明石市", 2021, "1"), // line 3669
        ("兵庫県明石市", 2022, "11"), // line 3671
        ("兵庫県明石市", 2023, "1"), // line 3673
        ("兵庫県明石市", 2024, "11"), // line 3675
        // (original 1116-1117): the label 設置数 wraps to `設置` / `数` after the values. The values are right;
        // the row should be 設置数 (1 1 1 1 2 2, 2024-2029).
        ("設置", 2024, "1"), // line 4605
        ("設置", 2025, "1"), // line 4607
        ("設置", 2026, "1"), // line 4609
        ("設置", 2027, "1"), // line 4611
        ("設置", 2028, "2"), // line 4613
        ("設置", 2029, "2"), // line 4615
        // (original 1121-1122): the same with 開催数 (3 ×6, 2024-2029).
        ("開催", 2024, "3"), // line 4634
        ("開催", 2025, "3"), // line 4636
        ("開催", 2026, "3"), // line 4638
        ("開催", 2027, "3"), // line 4640
        ("開催", 2028, "3"), // line 4642
        ("開催", 2029, "3"), // line 4644
        // (original 1188-1189): header `年度 2024 年度 (R6)` fused, values shifted one year later.
        // Right: 回数 2024=2 2025=5 2026=6 2027=6 2028=7 2029=7.
        ("回数", 2025, "2"), // line 4884
        ("回数", 2026, "5"), // line 4886
        ("回数", 2028, "6"), // line 4890
        // 表○ 18歳を迎える方の見込み (original 1315-1317): header `2029 年度 (R11) 合計` fused, values column by column.
        // Right: 18歳到達 4 3 1 3 4 (合計 15); 措置延長 2 1 1 3 2 (合計 9).
        ("2029年度(R11)合計", 2025, "4"), // line 5209
        ("2029年度(R11)合計", 2026, "2"), // line 5211
        ("2029年度(R11)合計", 2027, "3"), // line 5213
        ("2029年度(R11)合計", 2028, "1"), // line 5215
        ("18歳到達", 2025, "1"), // line 5217
        ("18歳到達", 2026, "1"), // line 5219
        ("18歳到達", 2027, "3"), // line 5221
        ("措置延長", 2025, "4"), // line 5225
        ("措置延長", 2026, "2"), // line 5227
        ("措置延長", 2027, "15"), // line 5229
        ("措置延長", 2028, "9"), // line 5231
    ]);
    assert_eq!(extra, wrong, "wrong cells changed");
    // FIXME(issue 3): most tables are missed: labels printed before all values,
    // values in column order, wrapped header cells (`2019 年度 (R` / `1)`), page
    // header/footer lines inside tables.
    assert_eq!(matched, 105, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS - 105);
}

/// PyMuPDF `page.get_text("text")`: one cell per line, row by row, no blank lines.
#[test]
fn pymupdf_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_pymupdf.txt");
    assert!(extra.is_empty(), "cells that are not in the original: {extra:#?}");
    // FIXME(issue 3), still missing: tables with a wrapped header cell (`2019 年度 (R` /
    // `1)`, `2024 年度① (R6) (現計` / `画)`: the 里親 matrices), a value fused with the
    // next cell (`106 回(見込)`, `40 (見込)`) or an empty cell (rows one value short),
    // two-level headers (`(内訳)`, 評価資源 | 計画期間における必要量①…).
    assert_eq!(matched, 539, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS - 539);
}

/// pdfplumber `page.extract_text()`: every table row is one line, cells joined by
/// single spaces (as `pdftotext -raw`), wrapped labels above and below the values.
#[test]
fn pdfplumber_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_pdfplumber.txt");
    // FIXME(issue 3): 26 WRONG cells, from the only two tables read at all: a line of
    // values alone (the row label wrapped above and below it) starts a table, and
    // the header and the values are split at every space.
    #[rustfmt::skip]
    let wrong = keys(&[
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2025, "1"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2025, "(+0)"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2026, "1"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2026, "(+0)"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2027, "1"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2027, "(+0)"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2028, "1"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2028, "(+0)"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2029, "1"), // line 441
        // ③ 児童家庭支援センター (original 405-407): the label wraps around a line of values; the header
        // `2025年度 (R7)` and the cell `1 (+0)` are split at their single space (10 columns for 5 years).
        // Right: 児童家庭支援センター数 (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減)
        // 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2029, "(+0)"), // line 441
        ("度からの増減)在宅指導措置委託件数(前年度", 2025, "2件"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2025, "(+0)"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2026, "3件"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2026, "(+1)"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2027, "4件"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2027, "(+1)"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2028, "5件"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2028, "(+1)"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2029, "5件"), // line 444
        ("度からの増減)在宅指導措置委託件数(前年度", 2029, "(+0)"), // line 444
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2024, "62"), // line 1103
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2024, "93"), // line 1103
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2029, "73"), // line 1103
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2029, "3"), // line 1103
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2029, "6"), // line 1103
        // (内訳) table (original 1063-1071): header tokens `2024年度 (R6) 2029年度 (R11) 2029年度 (R11)` split at spaces.
        // Right: 代替養育を必要とする子ども数① 2024=62, 2029=93 (現行), 2029=73 (改定); 3, 6, 64 are (内訳) cells
        // without a fiscal year; the label's end `数①` comes after the page break.
        ("代替養育を必要とする子ども", 2029, "64"), // line 1103
    ]);
    assert_eq!(extra, wrong, "wrong cells changed");
    // FIXME(issue 3): none of the 917 cells is found: rows of single-space-separated
    // cells are joined into paragraphs, as in `pdftotext -raw`.
    assert_eq!(matched, 0, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS);
}

/// pdfplumber `page.extract_text(layout=True)`: a character grid like `pdftotext
/// -layout`, but lines padded to the page width, a blank line between some rows, a
/// label and its circled number (`利用可能な子どもの人数   ①`) in separate columns
/// and year-header cells joined by one space.
#[test]
fn pdfplumber_layout_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_pdfplumber_layout.txt");
    // FIXME(issue 3): 22 WRONG cells.
    #[rustfmt::skip]
    let wrong = keys(&[
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2025, "1"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2025, "(+0)"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2026, "1"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2026, "(+0)"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2027, "1"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2027, "(+0)"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2028, "1"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2028, "(+0)"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2029, "1"), // line 917
        // ③ 児童家庭支援センター (original 405-407): as in the default pdfplumber rendering, the label wraps
        // around its values and `2025年度 (R7)` / `1 (+0)` are split at the single space. Right: 児童家庭支援センター数
        // (前年度からの増減) `1 (+0)` ×5; 在宅指導措置委託件数 (前年度からの増減) 2件 (+0), 3件 (+1), 4件 (+1), 5件 (+1), 5件 (+0).
        ("児童家庭支援センター数(前年", 2029, "(+0)"), // line 917
        ("度からの増減)在宅指導措置委託件数(前年度", 2025, "2件"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2025, "(+0)"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2026, "3件"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2026, "(+1)"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2027, "4件"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2027, "(+1)"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2028, "5件"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2028, "(+1)"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2029, "5件"), // line 920
        ("度からの増減)在宅指導措置委託件数(前年度", 2029, "(+0)"), // line 920
        // 評価資源 table (original 1434-1435): a three-line header whose cells interleave (`現在の整備状況  ② (R6年`).
        // Right: 児童福祉司 SV の配置 2029 (必要量①) = 6, 2024 (現在の整備状況②) = 3; `SV の配置` is part of the label.
        ("児童福祉司", 2029, "SVの配置"), // line 2982
        // 評価資源 table (original 1434-1435): a three-line header whose cells interleave (`現在の整備状況  ② (R6年`).
        // Right: 児童福祉司 SV の配置 2029 (必要量①) = 6, 2024 (現在の整備状況②) = 3; `SV の配置` is part of the label.
        ("児童福祉司", 2024, "3"), // line 2982
    ]);
    assert_eq!(extra, wrong, "wrong cells changed");
    // FIXME(issue 3), still missing: tables whose row labels end in a circled number
    // set apart (`利用可能な子どもの人数   ①`, one cell more than the header: kept
    // `unresolved`), one-space year headers (`2025 年度 (R7) 2026 年度 (R8)`), wrapped
    // header cells, the 里親 matrices and two-level headers.
    assert_eq!(matched, 520, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS - 520);
}
