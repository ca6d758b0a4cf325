//! What the hand-checked tests share: the expected cells of
//! tests/expected/<fixture>.tsv (written and checked by hand against the text),
//! and how their text is compared.

/// One hand-checked cell.
#[derive(Debug, Clone)]
pub struct Expected {
    pub line: u32,
    pub row: String,
    pub row_group: String,
    pub column: String,
    pub fiscal_year: Option<i32>,
    pub raw: String,
    pub value: Option<f64>,
}

pub fn read_expected(path: &str) -> Vec<Expected> {
    let text = std::fs::read_to_string(path).expect("expected file is readable");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("line\trow\trow_group\tcolumn\tfiscal_year\traw\tvalue"), "{path}: header");
    lines
        .enumerate()
        .map(|(idx, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 7, "{path}:{}: 7 fields", idx + 2);
            Expected {
                line: fields[0].parse().expect("line number"),
                row: fields[1].to_string(),
                row_group: fields[2].to_string(),
                column: fields[3].to_string(),
                fiscal_year: (!fields[4].is_empty()).then(|| fields[4].parse().expect("fiscal year")),
                raw: fields[5].to_string(),
                value: (!fields[6].is_empty()).then(|| fields[6].parse().expect("value")),
            }
        })
        .collect()
}

/// Whitespace is not compared: the hand-checked files collapse it, the parser keeps single spaces.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}
