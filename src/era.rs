//! Japanese year expressions → Gregorian (fiscal) years: `2025 年度 (R7)`,
//! `令和7年度`, `R2 年度`, `R６(見込)`, `(R11年度末)`, `平成31年`, `令和元年`.
//! A 年度 (fiscal year) runs from April to March and is named after the year
//! it starts in. Pure functions; no warnings are invented here, the caller
//! decides what an inconsistency means.

/// First year of 令和 (Reiwa) minus one: 令和N = 2018 + N.
const REIWA_BASE: i32 = 2018;
/// 平成N = 1988 + N.
const HEISEI_BASE: i32 = 1988;
/// 昭和N = 1925 + N.
const SHOWA_BASE: i32 = 1925;

/// What a column header says about its year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLabel {
    /// The year the header refers to (western year preferred when both are printed).
    pub year: Option<i32>,
    /// Year from the western digits (`2025 年度`).
    pub western: Option<i32>,
    /// Year from the era (`R7`, `令和7年度`).
    pub era: Option<i32>,
    /// The year as printed, before a month moved it to its fiscal year (`2025年3月` → 2025).
    pub calendar: Option<i32>,
    /// The header without its year expressions (`現計画`, `年度末`), or None.
    pub qualifier: Option<String>,
    /// True when the header names two different western years, or two different
    /// era years (`… (R11 ② (R6 年度 4 月) …`: two header cells run together).
    pub two_years: bool,
}

impl YearLabel {
    /// True when the years disagree: western and era (`2025年度 (R8)`), or two of a kind.
    pub fn inconsistent(&self) -> bool {
        self.two_years || matches!((self.western, self.era), (Some(western), Some(era)) if western != era)
    }
}

/// True when `text` has at least `n` marks of a year: `年`, or `R`/`H` before a
/// digit. The quick test before a line is read as a header of years; one SIMD
/// search that stops at the `n`th mark (it runs on most lines, most of which have
/// none: one search, where one for `年` and one for `R`/`H` cost twice the start).
pub fn has_year_marks(text: &str, n: usize) -> bool {
    // `年` is E5 B9 B4: its last byte found by SIMD, the two before it checked (a
    // substring searcher cost more to start than most of these lines take to read).
    // (B4 is a continuation byte, `R` and `H` are ASCII: a hit is one or the other.)
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xB4, b'R', b'H', bytes)
        .filter(|&at| match bytes[at] {
            0xB4 => at >= 2 && bytes[at - 2..at] == [0xE5, 0xB9],
            _ => bytes.get(at + 1).is_some_and(u8::is_ascii_digit),
        })
        .take(n)
        .count()
        >= n
}

/// Reads the year expressions of a (normalized) header label.
pub fn year_label(label: &str) -> YearLabel {
    // (A label with no year mark is answered at once, before the memo is looked in.)
    if !label.chars().any(|c| matches!(c, '年' | '令' | '平' | '昭' | 'R' | 'H')) {
        return YearLabel { year: None, western: None, era: None, calendar: None, qualifier: None, two_years: false };
    }
    crate::memo::cached(&LABEL_MEMO, label, read_year_label)
}

thread_local! {
    /// A header's labels are read by several readers (`columns::header`, `split_years`,
    /// `tables`): the answer given last for a label is kept (one memo a thread).
    static LABEL_MEMO: std::cell::RefCell<crate::memo::Memo<YearLabel>> = const { std::cell::RefCell::new(crate::memo::Memo::new()) };
}

/// `year_label(label).year`, read from the memo without copying the label out (its
/// qualifier is a `String`): most readers ask only for the year.
pub fn year_of(label: &str) -> Option<i32> {
    if !label.chars().any(|c| matches!(c, '年' | '令' | '平' | '昭' | 'R' | 'H')) {
        return None;
    }
    crate::memo::cached_with(&LABEL_MEMO, label, read_year_label, |label| label.year)
}

fn read_year_label(label: &str) -> YearLabel {
    // Every year expression has a `年` (a western year: `2025年`) or starts with an era name
    // (`令和`, `平成`, `昭和`, `R`, `H`): a label with none of them (a figure, most words)
    // names no year. (Testing for a digit let every figure through to the full reading.)
    if !label.chars().any(|c| matches!(c, '年' | '令' | '平' | '昭' | 'R' | 'H')) {
        return YearLabel { year: None, western: None, era: None, calendar: None, qualifier: None, two_years: false };
    }
    // Labels are short: their characters and removal flags live on the stack.
    let mut stack = [' '; 64];
    let mut stack_removed = [false; 64];
    let heap: Vec<char>;
    let mut heap_removed: Vec<bool>;
    let (chars, removed): (&[char], &mut [bool]) = if label.len() <= stack.len() {
        let mut n_chars = 0;
        for (slot, c) in stack.iter_mut().zip(label.chars()) {
            *slot = c;
            n_chars += 1;
        }
        (&stack[..n_chars], &mut stack_removed[..n_chars])
    } else {
        heap = label.chars().collect();
        heap_removed = vec![false; heap.len()];
        (&heap, &mut heap_removed)
    };
    let mut western = None;
    let mut era = None;
    let mut two_years = false;
    let mut char_idx = 0;
    while char_idx < chars.len() {
        // Only a digit or an era name's first character starts a year expression.
        if !matches!(chars[char_idx], '0'..='9' | '令' | '平' | '昭' | 'R' | 'H') {
            char_idx += 1;
            continue;
        }
        // Western: 19xx/20xx followed (after spaces) by 年.
        // The first year of a kind is the label's (and leaves the qualifier); another of
        // the same kind that differs makes the label name two years.
        let found = if let Some((year, end)) = western_at(chars, char_idx) {
            Some((&mut western, year, end))
        } else {
            era_at(chars, char_idx).map(|(year, end)| (&mut era, year, end))
        };
        match found {
            Some((slot, year, end)) => {
                match *slot {
                    None => {
                        *slot = Some(year);
                        mark(removed, char_idx, end);
                    }
                    Some(first) => two_years |= first != year,
                }
                char_idx = end;
            }
            None => char_idx += 1,
        }
    }
    let qualifier = if western.is_some() || era.is_some() { qualifier(chars, removed, label.len()) } else { None };
    // A calendar year with a month (`2025年3月`, not `2025年度`) names the fiscal year it falls
    // in (a label without a year has no month to read).
    let month = if western.is_some() || era.is_some() { calendar_month(label) } else { None };
    let fiscal = |year: Option<i32>| year.map(|year| month.map_or(year, |month| fiscal_year_of(year, month)));
    YearLabel {
        year: fiscal(western).or(fiscal(era)),
        western: fiscal(western),
        era: fiscal(era),
        calendar: western.or(era),
        qualifier,
        two_years,
    }
}

fn mark(removed: &mut [bool], from: usize, to: usize) {
    for flag in removed.iter_mut().take(to).skip(from) {
        *flag = true;
    }
}

/// Reads digits at `at`; returns the number and the index after them.
fn digits(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let mut end = at;
    let mut value: i32 = 0;
    while end < chars.len() && chars[end].is_ascii_digit() && end - at < 4 {
        value = value * 10 + chars[end].to_digit(10).unwrap_or(0) as i32;
        end += 1;
    }
    if end == at || chars.get(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((value, end))
}

fn skip_spaces(chars: &[char], mut at: usize) -> usize {
    while chars.get(at) == Some(&' ') {
        at += 1;
    }
    at
}

/// `2025 年度`, `2025年` → (2025, index after 年 or 年度).
fn western_at(chars: &[char], at: usize) -> Option<(i32, usize)> {
    if at > 0 && chars[at - 1].is_ascii_digit() {
        return None;
    }
    let (year, end) = digits(chars, at)?;
    if end - at != 4 || !(1900..=2199).contains(&year) {
        return None;
    }
    let after = skip_spaces(chars, end);
    if chars.get(after) != Some(&'年') {
        return None;
    }
    let mut end = after + 1;
    let after_nen = skip_spaces(chars, end);
    if chars.get(after_nen) == Some(&'度') {
        end = after_nen + 1;
    }
    Some((year, end))
}

/// `令和7年度`, `令和元年`, `R7`, `R 11 年度`, `平成31年`, `H30` → (year, end).
fn era_at(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let (base, after_name) = match chars.get(at..at + 2) {
        Some(['令', '和']) => (REIWA_BASE, at + 2),
        Some(['平', '成']) => (HEISEI_BASE, at + 2),
        Some(['昭', '和']) => (SHOWA_BASE, at + 2),
        _ => match chars.get(at) {
            Some('R') if at == 0 || !chars[at - 1].is_ascii_alphanumeric() => (REIWA_BASE, at + 1),
            Some('H') if at == 0 || !chars[at - 1].is_ascii_alphanumeric() => (HEISEI_BASE, at + 1),
            _ => return None,
        },
    };
    let start = skip_spaces(chars, after_name);
    let (number, end) = if chars.get(start) == Some(&'元') {
        (1, start + 1)
    } else {
        let (number, end) = digits(chars, start)?;
        if !(1..=99).contains(&number) {
            return None;
        }
        (number, end)
    };
    let letter = after_name == at + 1;
    // `R7` must not run into more letters (`R7a`); `令和7` must be followed by 年 unless it ends the label.
    let after = skip_spaces(chars, end);
    let mut end = end;
    if chars.get(after) == Some(&'年') {
        end = after + 1;
        let after_nen = skip_spaces(chars, end);
        if chars.get(after_nen) == Some(&'度') {
            end = after_nen + 1;
        }
    } else if letter && chars.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((base + number, end))
}

/// What is left of a header after removing the years: brackets emptied by the
/// removal go too, and `①`-style markers stay.
/// One pass: every bracket becomes a space (so emptied brackets vanish),
/// whitespace runs become one space, the ends are trimmed.
fn qualifier(chars: &[char], removed: &[bool], n_label_bytes: usize) -> Option<String> {
    let mut collapsed = String::new();
    let mut space = false;
    for (&c, _) in chars.iter().zip(removed).filter(|(_, &gone)| !gone) {
        // `>` joins a spanning header to the column under it (`定量的な整備目標 > 令和 7 年度`).
        if c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）' | '>') {
            space = true;
            continue;
        }
        if collapsed.is_empty() {
            // Room for the rest of the label at the first character kept (grown from empty,
            // it was reallocated once or twice; most labels keep nothing).
            collapsed.reserve(n_label_bytes);
        }
        if space && !collapsed.is_empty() {
            collapsed.push(' ');
        }
        space = false;
        collapsed.push(c);
    }
    (!collapsed.is_empty()).then_some(collapsed)
}

/// The month of a calendar date (`2025年3月`, `令和7年3月`); None for `年度` labels.
fn calendar_month(label: &str) -> Option<u32> {
    if crate::normalize::has_char(label, '度') {
        return None;
    }
    let nen = label.find('年')?;
    let rest = label[nen + '年'.len_utf8()..].trim_start();
    let rest =
        rest.strip_prefix(|c: char| c == '(').map_or(rest, |inner| inner.split_once(')').map_or(inner, |(_, after)| after)).trim_start();
    let n_digits = rest.chars().take_while(char::is_ascii_digit).count();
    let month: u32 = rest[..n_digits].parse().ok()?;
    (rest[n_digits..].trim_start().starts_with('月') && (1..=12).contains(&month)).then_some(month)
}

/// The fiscal year (April–March) that a calendar date falls in.
pub fn fiscal_year_of(year: i32, month: u32) -> i32 {
    if month >= 4 {
        year
    } else {
        year - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(label: &str) -> Option<i32> {
        year_label(label).year
    }

    #[test]
    fn every_header_form_of_the_seeds() {
        assert_eq!(year("2025 年度 (R7)"), Some(2025));
        assert_eq!(year("2025年度 (R7)"), Some(2025));
        assert_eq!(year("2019 年度① (R1)"), Some(2019));
        assert_eq!(year("令和11年度①"), Some(2029));
        assert_eq!(year("(R11年度末)"), Some(2029));
        assert_eq!(year("計画期間における必要量① (R11年度末)"), Some(2029));
        assert_eq!(year("現在の整備状況② (R6 年度 4 月)"), Some(2024));
        assert_eq!(year("R2 年度"), Some(2020));
        assert_eq!(year("R6(見込)"), Some(2024));
        assert_eq!(year("令和7年度"), Some(2025));
        assert_eq!(year("平成31年"), Some(2019));
        assert_eq!(year("令和元年度"), Some(2019));
        assert_eq!(year("2024年度（令和6年度時点）"), Some(2024));
        assert_eq!(year("今後整備すべき見込み量 (①-②)"), None);
        assert_eq!(year("合計"), None);
        assert_eq!(year("SV"), None);
    }

    #[test]
    fn qualifiers_and_inconsistency() {
        assert_eq!(year_label("2024年度① (R6) (現計画)").qualifier.as_deref(), Some("① 現計画"));
        assert_eq!(year_label("2025 年度 (R7)").qualifier, None);
        assert_eq!(year_label("(R11年度末)").qualifier.as_deref(), Some("末"));
        assert_eq!(year_label("定量的な整備目標 > 令和 7 年度").qualifier.as_deref(), Some("定量的な整備目標"));
        assert!(year_label("2025年度 (R8)").inconsistent());
        assert!(!year_label("2029年度 (R11) (改定)").inconsistent());
        // Two header cells run together name two years of one kind.
        assert!(year_label("現在の整備状況 今後整備すべる必要量① (R11 ② (R6年度末)").two_years);
        assert!(year_label("(R7)2026 年度 2025 年度").inconsistent());
        assert!(!year_label("令和6年度(2024年度)").inconsistent());
        assert!(!year_label("2024 年度 (R6) (2024年度)").two_years);
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        assert_eq!(fiscal_year_of(2025, 3), 2024);
        assert_eq!(fiscal_year_of(2025, 4), 2025);
        assert_eq!(fiscal_year_of(2024, 12), 2024);
        assert_eq!(year("2025年3月"), Some(2024));
        assert_eq!(year("令和7年4月"), Some(2025));
        assert_eq!(year("2025年(令和7年)3月"), Some(2024));
        assert_eq!(year("(R6 年度 4 月)"), Some(2024));
    }

    #[test]
    fn year_marks() {
        // The definition, counted in full.
        let marks = |text: &str| {
            text.matches('年').count()
                + text.as_bytes().windows(2).filter(|pair| matches!(pair[0], b'R' | b'H') && pair[1].is_ascii_digit()).count()
        };
        for text in [
            "2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9)",
            "R6 R7 H30",
            "年 R1 年",
            "2025 年度 (R7) 2026 年度",
            "R 6 年度 Rx",
            "",
            "H",
            "年年",
        ] {
            for n in 1..=4 {
                assert_eq!(has_year_marks(text, n), marks(text) >= n, "{text} {n}");
            }
        }
    }
}
