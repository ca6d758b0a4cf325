//! Plan metadata from the text: title and municipality from the title page,
//! the plan period (`2025年度から2029年度までの5年間`) from anywhere, and the
//! publication month (`2025年(令和7年)3月(改定)`) from the title page. Null
//! where the document does not say; never a guess.

use crate::era;
use crate::model::{Meta, PlanPeriod, Section};
use crate::normalize::Line;

/// Suffixes of a municipality name, most specific first.
const MUNICIPALITY_ENDS: [char; 4] = ['市', '町', '村', '区'];
const PREFECTURE_ENDS: [char; 4] = ['都', '道', '府', '県'];
/// Words that make a title-page line the plan's title.
const PLAN_WORD: &str = "計画";
/// Marks a revised edition.
const REVISED: &str = "改定";

/// What `read` needs from the lines, taken before the sections are built so
/// that the lines can be freed first.
pub struct FromLines {
    /// The first 20 non-blank lines without TABs: (line number, text).
    front: Vec<(u32, String)>,
    plan_period: Option<PlanPeriod>,
}

/// Takes from the lines what `read` needs.
pub fn gather(lines: &[Line<'_>]) -> FromLines {
    let front = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.is_blank() && !line.text.contains('\t'))
        .take(20)
        .map(|(idx, line)| (crate::normalize::number(idx), line.text.to_string()))
        .collect();
    FromLines { front, plan_period: lines.iter().find_map(|line| plan_period(line.text)) }
}

/// Reads `Meta` from what was gathered from the lines and the front-matter section.
pub fn read(from_lines: FromLines, sections: &[Section]) -> Meta {
    let front_end = sections.iter().find(|section| section.kind != "front").map_or(u32::MAX, |section| section.line);
    // The first 20 candidates before the first heading are the first 20 candidates, cut there.
    let front: Vec<&str> = from_lines.front.iter().filter(|(number, _)| *number < front_end).map(|(_, text)| text.as_str()).collect();
    let title = front
        .iter()
        .map(|text| text.trim())
        .find(|text| text.contains(PLAN_WORD) && !text.contains(FULL_STOP) && text.chars().count() <= 60 && date(text).is_none())
        .map(|text| text.trim_end_matches("(案)").trim().to_string());
    let municipality = title.as_deref().and_then(municipality);
    let mut published: Option<(i32, u32, bool)> = None;
    for text in &front {
        if let Some((year, month)) = date(text) {
            if published.is_none_or(|(best_year, best_month, _)| (year, month) > (best_year, best_month)) {
                published = Some((year, month, text.contains(REVISED)));
            }
        }
    }
    let plan_period = from_lines.plan_period;
    Meta {
        title,
        municipality,
        plan_period,
        published: published.map(|(year, month, _)| format!("{year:04}-{month:02}")),
        revised: published.is_some_and(|(_, _, revised)| revised),
    }
}

const FULL_STOP: char = '。';

/// `明石市社会的養育推進計画` → `明石市`.
fn municipality(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().take(12).collect();
    let end =
        chars.iter().position(|c| MUNICIPALITY_ENDS.contains(c)).or_else(|| chars.iter().position(|c| PREFECTURE_ENDS.contains(c)))?;
    (end >= 1).then(|| chars[..=end].iter().collect())
}

/// `2025年(令和7年)3月(改定)`, `令和7年3月` → (2025, 3) when the line is a date line.
fn date(text: &str) -> Option<(i32, u32)> {
    let text = text.trim();
    if text.chars().count() > 30 {
        return None;
    }
    let year = era::year_label(text).calendar?;
    let month_at = text.rfind('月')?;
    // `3 月` too: renderings of a PDF put a space between digits and kanji.
    let digits: String =
        text[..month_at].trim_end().chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
    let month: u32 = digits.parse().ok().filter(|month| (1..=12).contains(month))?;
    Some((year, month))
}

/// `2025年度から2029年度までの5年間`, `令和7年度から令和11年度まで` → 2025–2029.
fn plan_period(text: &str) -> Option<PlanPeriod> {
    let at = text.find("から")?;
    let to_end = text[at..].find("まで")? + at;
    let from = era::year_of(last_chars(&text[..at], 12))?;
    let to = era::year_of(&text[at + "から".len()..to_end])?;
    (from <= to && to - from < 20 && text[..at].ends_with("年度")).then_some(PlanPeriod { from, to })
}

fn last_chars(text: &str, n: usize) -> &str {
    let start = text.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(idx, _)| idx);
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_periods_and_names() {
        assert_eq!(date("2025年(令和7年)3月(改定)"), Some((2025, 3)));
        assert_eq!(date("2025 年(令和 7 年)3 月(改定)"), Some((2025, 3)));
        assert_eq!(date("2020年(令和2年)3月"), Some((2020, 3)));
        assert_eq!(plan_period("2025年度から2029年度までの5年間とします。"), Some(PlanPeriod { from: 2025, to: 2029 }));
        assert_eq!(plan_period("令和7年度から令和11年度までを計画期間とする"), Some(PlanPeriod { from: 2025, to: 2029 }));
        assert_eq!(municipality("明石市社会的養育推進計画"), Some("明石市".into()));
        assert_eq!(municipality("大阪府社会的養育推進計画"), Some("大阪府".into()));
    }
}
