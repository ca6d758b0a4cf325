//! Stage 6, cell text → typed value. Reads what a person reads: `1,600` →
//! 1600, `21.1%` → 21.1, `10 回` → 10 回, `140 件 (+20)` → 140 with a change
//! of +20, `▲4` → −4, `2年8月` → 32 months, `年5~6回` → the range 5–6,
//! `20(見込)` → 20 marked 見込, `(見込)` → a status, `〇` → a mark, `-` → none.
//! Anything it does not recognise in full stays text with no number: a value
//! is never guessed from part of a cell.

use std::borrow::Cow;

use crate::era;
use crate::memo::{self, Memo};
use crate::model::Cell;
use crate::normalize;

/// `▲` prints a minus in Japanese tables.
const MINUS: char = '▲';
/// Marks that fill a cell of a yes/no matrix.
const MARKS: [&str; 8] = ["〇", "○", "◯", "●", "◎", "×", "△", "✓"];
/// Dashes that mean "nothing here" (after normalization `－` is `-`).
const DASHES: [&str; 6] = ["-", "—", "―", "ー", "–", "--"];
/// Words that stand for a value that is not (yet) a number.
const STATUS_WORDS: [&str; 17] = [
    "見込",
    "見込み",
    "計算",
    "実績",
    "中止",
    "未定",
    "未実施",
    "調整中",
    "検討中",
    "休止",
    "廃止",
    "非公表",
    "不明",
    "該当なし",
    "許可",
    "予定",
    "集計中",
];
/// Words that make `3歳未満` a label (an age bound), not a count.
const NOT_UNITS: [&str; 6] = ["未", "以上", "以下", "以降", "超", "から"];
/// Units common enough in plans to be lent to every cell that has one, not copied; each
/// also as characters, as the scanner reads them (compared as a slice, not decoded again).
const COMMON_UNITS: [(&[char], &str); 12] = [
    (&['人'], "人"),
    (&['件'], "件"),
    (&['か', '所'], "か所"),
    (&['箇', '所'], "箇所"),
    (&['回'], "回"),
    (&['世', '帯'], "世帯"),
    (&['施', '設'], "施設"),
    (&['日'], "日"),
    (&['人', '日'], "人日"),
    (&['名'], "名"),
    (&['組'], "組"),
    (&['床'], "床"),
];
/// Significant digits a value may have (an f64 holds 15 exactly).
const MAX_DIGITS: usize = 15;
/// 10^0 … 10^15, all exact in an f64.
const POWERS_OF_TEN: [f64; MAX_DIGITS + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/// Frequency prefixes: `年6回` is six times a year.
const PER: [char; 3] = ['年', '月', '週'];

/// Types one cell. `raw` is normalized text with spaces collapsed.
pub fn cell(raw: &str, line: u32) -> Cell {
    cell_and_number(raw, line).0
}

/// `cell(raw, line)` and `number(raw)` from one reading of the text.
pub fn cell_and_number(raw: &str, line: u32) -> (Cell, Option<f64>) {
    let mut typed = typed(raw);
    // `number` is the quantity read off the whole cell (never one after a label), of these kinds.
    let number = typed
        .quantity
        .as_ref()
        .filter(|quantity| matches!(quantity.kind, "integer" | "decimal" | "percent" | "count" | "negative"))
        .and_then(|quantity| quantity.value);
    if typed.kind == "text" {
        // `児童相談所を通じた特別養子縁組の成立件数:20件`: words naming one quantity, then it.
        if let Some(quantity) = labelled_quantity(raw) {
            typed.kind = quantity.kind;
            typed.quantity = Some(quantity);
        }
    }
    let mut cell = Cell {
        raw: raw.to_string(),
        kind: Cow::Borrowed(typed.kind),
        value: None,
        unit: None,
        status: typed.status.map(Cow::Borrowed),
        line,
        delta: None,
        aside: None,
        range: None,
    };
    match typed.quantity {
        Some(quantity) => {
            cell.value = quantity.value;
            cell.unit = quantity.unit;
            cell.status = quantity.status.map(Cow::Borrowed);
            cell.delta = quantity.delta;
            cell.aside = quantity.aside;
            cell.range = quantity.range;
        }
        // `(計算) %`: a status standing in for a percent.
        None if typed.percent => cell.unit = Some(Cow::Borrowed("%")),
        None => {}
    }
    (cell, number)
}

/// `cell(raw)`'s kind and unit, without building the `Cell` (no copy of the text).
pub fn kind_and_unit(raw: &str) -> (&'static str, Option<Cow<'static, str>>) {
    let typed = typed(raw);
    let (kind, quantity) = match typed.kind {
        "text" => match labelled_quantity(raw) {
            Some(quantity) => (quantity.kind, Some(quantity)),
            None => (typed.kind, None),
        },
        kind => (kind, typed.quantity),
    };
    match quantity {
        Some(quantity) => (kind, quantity.unit),
        None if typed.percent => (kind, Some(Cow::Borrowed("%"))),
        None => (kind, None),
    }
}

/// What `cell` reads from a cell's text, before anything is copied into a `Cell`.
#[derive(Clone)]
struct Typed {
    kind: &'static str,
    status: Option<&'static str>,
    /// A status followed by `%`.
    percent: bool,
    quantity: Option<Quantity>,
}

/// `read_typed`, answered from the thread's memo when the text was typed before (a
/// cell is typed by each reader that tests its table, then again to build it).
fn typed(raw: &str) -> Typed {
    with_typed(raw, Typed::clone)
}

/// `then(&read_typed(raw))`, answered from the thread's memo when the text was typed
/// before (a cell is typed by each reader that tests its table, then again to build it).
fn with_typed<R>(raw: &str, then: impl FnOnce(&Typed) -> R) -> R {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<Typed>> = const { std::cell::RefCell::new(Memo::new()) };
    }
    // A bare integer (`51429`, the most common cell) is read faster than it is looked up.
    if raw.len() <= MAX_DIGITS && raw.bytes().all(|byte| byte.is_ascii_digit()) {
        return then(&read_typed(raw));
    }
    memo::cached_with(&MEMO, raw, read_typed, then)
}

fn read_typed(raw: &str) -> Typed {
    let mut typed = Typed { kind: "text", status: None, percent: false, quantity: None };
    let text = normalize::trim(raw);
    if text.is_empty() {
        typed.kind = "empty";
        return typed;
    }
    let text = strip_note_mark(text);
    // No dash, mark or status word starts with a digit: a cell that does (most numbers)
    // goes straight to `quantity`.
    // (On the first byte: an ASCII digit is one.)
    if !text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if DASHES.contains(&text) {
            typed.kind = "status";
            typed.status = Some("none");
            return typed;
        }
        if MARKS.contains(&text) {
            typed.kind = "mark";
            return typed;
        }
        if let Some(status) = status_word(text) {
            typed.kind = "status";
            typed.status = Some(status);
            return typed;
        }
        // `(計算) %`: a status standing in for a percent.
        if let Some(rest) = text.strip_suffix('%') {
            if let Some(status) = status_word(rest.trim_end()) {
                typed.kind = "status";
                typed.status = Some(status);
                typed.percent = true;
                return typed;
            }
        }
    }
    if let Some(quantity) = quantity(text) {
        typed.kind = quantity.kind;
        typed.quantity = Some(quantity);
    }
    typed
}

/// Words naming one quantity, then it: `…の成立件数:20件` (words without a
/// digit, the quantity after the last colon being the whole rest of the cell),
/// or a year's figure with an earlier year's beside it (`year_figure`).
fn labelled_quantity(raw: &str) -> Option<Quantity> {
    // Both forms end in a figure: a cell without a digit is neither (most text cells are not).
    // (Branch-free over the bytes, which the compiler vectorizes: `any` read a byte a step,
    // through the whole of every text cell.)
    if !raw.bytes().fold(false, |found, byte| found | byte.is_ascii_digit()) {
        return None;
    }
    let Some((words, rest)) = normalize::trim(raw).rsplit_once(':') else {
        return year_figure(raw);
    };
    if normalize::trim(words).is_empty() || words.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    quantity(normalize::trim(rest)).filter(|quantity| quantity.value.is_some())
}

/// `…の成立件数令和6年度見込み 6件(令和5年度 0件)`: words naming a quantity,
/// ending in the year of the figure (perhaps with `見込み` or `実績`); the figure; in
/// brackets an earlier year and its figure in the same unit. The value is the
/// figure, the earlier figure its `aside`. Any other digit in the words, a
/// bracketed year that is not earlier, or another unit: None.
fn year_figure(raw: &str) -> Option<Quantity> {
    let (head, bracket) = normalize::trim(raw).strip_suffix(')')?.rsplit_once('(')?;
    let (words, figure) = head.trim_end().rsplit_once(' ')?;
    let (then, earlier) = normalize::trim(bracket).rsplit_once(' ')?;
    let (words, status) = match words.strip_suffix("見込み").or_else(|| words.strip_suffix("見込")) {
        Some(words) => (words, Some("見込")),
        None => match words.strip_suffix("実績") {
            Some(words) => (words, Some("実績")),
            None => (words, None),
        },
    };
    // The year is the words' only number: `令和6年度` at their end.
    let year_start = words.rfind("令和").or_else(|| words.rfind("平成"))?;
    let (words, now) = words.split_at(year_start);
    if words.is_empty() || words.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let (now, then) = (era::year_label(now), era::year_label(normalize::trim(then)));
    if now.qualifier.is_some() || then.qualifier.is_some() || then.era? >= now.era? {
        return None;
    }
    let mut figure = quantity(figure).filter(|figure| figure.value.is_some() && figure.kind == "count")?;
    let earlier = quantity(normalize::trim(earlier)).filter(|earlier| earlier.kind == "count" && earlier.unit == figure.unit)?;
    figure.aside = earlier.value;
    figure.status = status;
    Some(figure)
}

/// `cell(raw).kind`, without building the `Cell` (no copy of the text, no unit).
pub fn kind(raw: &str) -> &'static str {
    // (Kept per text: with a text cell's second reading, for a labelled quantity.)
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<&'static str>> = const { std::cell::RefCell::new(Memo::new()) };
    }
    memo::cached(&MEMO, raw, |raw| match with_typed(raw, |typed| typed.kind) {
        "text" => labelled_quantity(raw).map_or("text", |quantity| quantity.kind),
        kind => kind,
    })
}

/// True when `cell(raw)` has a value or a status, or is a mark (what a data
/// cell of a table holds), without building the `Cell`.
pub fn has_value_status_or_mark(raw: &str) -> bool {
    // (None: a text cell, read again for a labelled quantity, outside the memo.)
    let answer = with_typed(raw, |typed| match &typed.quantity {
        Some(quantity) => Some(quantity.value.is_some() || quantity.status.is_some() || typed.kind == "mark"),
        None if typed.kind == "text" => None,
        None => Some(typed.status.is_some() || typed.kind == "mark"),
    });
    answer.unwrap_or_else(|| {
        labelled_quantity(raw).is_some_and(|quantity| quantity.value.is_some() || quantity.status.is_some() || quantity.kind == "mark")
    })
}

/// `cell(raw).value`, without building the `Cell` (no copy of the text).
pub fn value(raw: &str) -> Option<f64> {
    let (value, text) = with_typed(raw, |typed| {
        (typed.quantity.as_ref().and_then(|quantity| quantity.value), typed.quantity.is_none() && typed.kind == "text")
    });
    // A text cell may still be words naming one quantity, then it (`cell` reads it so).
    if text {
        labelled_quantity(raw).and_then(|quantity| quantity.value)
    } else {
        value
    }
}

/// True when `cell(raw).value` would be set, without building the `Cell`.
pub fn has_value(raw: &str) -> bool {
    with_typed(raw, |typed| typed.quantity.as_ref().is_some_and(|quantity| quantity.value.is_some()))
}

/// The number a sum can use (counts, percents, plain and negative numbers),
/// without building a `Cell`; equals `cell(raw).value` for those kinds.
pub fn number(raw: &str) -> Option<f64> {
    let text = strip_note_mark(normalize::trim(raw));
    if text.is_empty() || DASHES.contains(&text) || MARKS.contains(&text) || text.ends_with(')') && status_word(text).is_some() {
        return None;
    }
    let typed = quantity(text)?;
    match typed.kind {
        "integer" | "decimal" | "percent" | "count" | "negative" => typed.value,
        _ => None,
    }
}

/// `未定※`, `23※1` → without the note mark.
fn strip_note_mark(text: &str) -> &str {
    // The mark is the cell's first `※` with only ASCII digits after it, so it is looked
    // for from the end: most cells are turned down after a byte or two (a `memchr` and a
    // searcher ran on every cell).
    // Read on the bytes (an ASCII digit is one byte, `※` is E2 80 BB): no character is
    // decoded from the end.
    let n_digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    match text.as_bytes()[..text.len() - n_digits] {
        [ref head @ .., 0xE2, 0x80, 0xBB] if !head.is_empty() => {
            // Whole characters were cut, so the length is a character boundary.
            let head = &text[..head.len()];
            if normalize::has_char(head, '※') {
                text
            } else {
                head.trim_end()
            }
        }
        _ => text,
    }
}

/// True for a number and a bare status word, one space apart (`1 中止`): one cell with its
/// status, or two cells (2019's `1`, 2020's `中止`) run together when a single space parts
/// cells. A bracketed status (`82 回 (見込)`) only ever annotates its number.
pub fn number_then_bare_status(text: &str) -> bool {
    match text.split_once(' ') {
        Some((first, second)) => number(first).is_some() && !second.starts_with('(') && status_word(second).is_some(),
        None => false,
    }
}

/// `中止`, `(見込)`, `(見込み)` → the status word.
fn status_word(text: &str) -> Option<&'static str> {
    let inner = text.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')).unwrap_or(text);
    let inner = normalize::trim(inner);
    STATUS_WORDS.iter().copied().find(|word| *word == inner)
}

#[derive(Clone)]
struct Quantity {
    kind: &'static str,
    value: Option<f64>,
    unit: Option<Cow<'static, str>>,
    status: Option<&'static str>,
    delta: Option<f64>,
    aside: Option<f64>,
    range: Option<[f64; 2]>,
}

/// A cursor over the characters of one cell.
struct Scanner<'a> {
    chars: &'a [char],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }

    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }

    /// `1,600`, `51429`, `0.121`; commas only in groups of three.
    fn number(&mut self) -> Option<(f64, bool)> {
        let start = self.at;
        // The digits as one integer and the count after the point: at most MAX_DIGITS
        // digits, so both the integer and the power of ten are exact in an f64 and one
        // division rounds correctly, as parsing the decimal text would.
        let mut mantissa: u64 = 0;
        let mut n_digits = 0usize;
        let mut group = 0usize;
        let mut seen_comma = false;
        while let Some(c) = self.peek() {
            if let Some(digit) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
                n_digits += 1;
                group += 1;
                self.at += 1;
            } else if c == ',' && group > 0 && self.chars.get(self.at + 1).is_some_and(|d| d.is_ascii_digit()) {
                if (seen_comma && group != 3) || (!seen_comma && group > 3) {
                    self.at = start;
                    return None;
                }
                seen_comma = true;
                group = 0;
                self.at += 1;
            } else {
                break;
            }
        }
        if n_digits == 0 || (seen_comma && group != 3) {
            self.at = start;
            return None;
        }
        let mut n_fraction = 0usize;
        let mut decimal = false;
        if self.peek() == Some('.') && self.chars.get(self.at + 1).is_some_and(|d| d.is_ascii_digit()) {
            decimal = true;
            self.at += 1;
            while let Some(digit) = self.peek().filter(|c| c.is_ascii_digit()).and_then(|c| c.to_digit(10)) {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
                n_digits += 1;
                n_fraction += 1;
                self.at += 1;
            }
        }
        // More digits than a double holds exactly: not a number keikaku can report faithfully.
        if n_digits > MAX_DIGITS {
            self.at = start;
            return None;
        }
        let value = mantissa as f64;
        Some((if n_fraction == 0 { value } else { value / POWERS_OF_TEN[n_fraction] }, decimal))
    }

    /// A unit word: letters that are neither digits, spaces nor brackets (`件`, `か所`, `人日`).
    fn unit(&mut self) -> Option<Cow<'static, str>> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '~' | ',' | '.' | '+' | MINUS) {
                break;
            }
            self.at += 1;
        }
        let word = &self.chars[start..self.at];
        if word.is_empty() || word.len() > 6 {
            self.at = start;
            return None;
        }
        // A common unit is lent, not copied (none of them holds a bound).
        if let Some((_, common)) = COMMON_UNITS.iter().find(|(chars, _)| *chars == word) {
            return Some(Cow::Borrowed(common));
        }
        // Sized for the characters' bytes (collected from a `char` slice, the string was sized
        // at a byte a character and grew once or twice).
        let mut word_text = String::with_capacity(word.iter().map(|c| c.len_utf8()).sum());
        word_text.extend(word);
        let word = word_text;
        // (Every bound starts with one of four characters: most words are not searched six times.)
        let may_bound = || word.chars().any(|c| matches!(c, '未' | '以' | '超' | 'か'));
        if may_bound() && NOT_UNITS.iter().any(|bound| word.contains(bound)) {
            self.at = start;
            return None;
        }
        Some(Cow::Owned(word))
    }
}

/// Parses number-shaped cells; None when the cell is not wholly a quantity.
fn quantity(text: &str) -> Option<Quantity> {
    // Every quantity starts with a digit, a bracket, a sign or a frequency prefix (see
    // below): any other cell is turned down before its characters are copied.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '(' | MINUS | '-') || PER.contains(&c)) {
        return None;
    }
    // A bare integer (`51429`, the most common cell) is read on its bytes: the scan below
    // reads it as an integer with no unit, after copying and decoding every character.
    if text.len() <= MAX_DIGITS && text.bytes().all(|byte| byte.is_ascii_digit()) {
        let mantissa = text.bytes().fold(0u64, |mantissa, byte| mantissa * 10 + u64::from(byte - b'0'));
        return Some(Quantity {
            kind: "integer",
            value: Some(mantissa as f64),
            unit: None,
            status: None,
            delta: None,
            aside: None,
            range: None,
        });
    }
    // Cells are short: scan a copy on the stack, not on the heap.
    let mut stack = [' '; 48];
    let heap: Vec<char>;
    let chars: &[char] = if text.len() <= stack.len() {
        let mut n_chars = 0;
        for (slot, c) in stack.iter_mut().zip(text.chars()) {
            *slot = c;
            n_chars += 1;
        }
        &stack[..n_chars]
    } else {
        heap = text.chars().collect();
        &heap
    };
    let mut scanner = Scanner { chars, at: 0 };
    let mut quantity = Quantity { kind: "integer", value: None, unit: None, status: None, delta: None, aside: None, range: None };

    // `(+20)` alone, `(0)` alone.
    if scanner.peek() == Some('(') {
        scanner.at += 1;
        let sign = signed(&mut scanner)?;
        let (value, decimal) = scanner.number()?;
        if !scanner.eat(')') || !scanner.done() {
            return None;
        }
        match sign {
            Some(sign) => {
                quantity.kind = "delta";
                quantity.value = Some(sign * value);
            }
            None => {
                quantity.kind = if decimal { "decimal" } else { "integer" };
                quantity.value = Some(value);
            }
        }
        return Some(quantity);
    }

    let per = scanner.peek().filter(|c| PER.contains(c) && scanner.chars.get(1).is_some_and(|d| d.is_ascii_digit()));
    if per.is_some() {
        scanner.at += 1;
    }
    let negative = scanner.eat(MINUS)
        || (scanner.peek() == Some('-') && scanner.chars.get(scanner.at + 1).is_some_and(|d| d.is_ascii_digit()) && scanner.eat('-'));
    let (mut value, decimal) = scanner.number()?;
    if negative {
        value = -value;
    }
    quantity.value = Some(value);
    quantity.kind = if negative {
        "negative"
    } else if decimal {
        "decimal"
    } else {
        "integer"
    };

    // `2年8月`, `5年`, `8か月`: durations in months.
    if let Some(months) = duration(&mut scanner, value) {
        quantity.kind = "duration";
        quantity.value = Some(months);
        quantity.unit = Some("月".into());
        return scanner.done().then_some(quantity);
    }

    // `5~6`: a range.
    if scanner.eat('~') {
        let (high, _) = scanner.number()?;
        quantity.kind = "range";
        quantity.range = Some([value, high]);
        quantity.value = None;
    }

    scanner.spaces();
    if scanner.eat('%') {
        if quantity.kind != "range" && !negative {
            quantity.kind = "percent";
        }
        quantity.unit = Some("%".into());
    } else if let Some(mut unit) = scanner.unit() {
        // A status word after the number is its status, no unit (`3 見込`, `1 中止`).
        if let Some(status) = status_word(&unit) {
            quantity.status = Some(status);
            scanner.spaces();
            return scanner.done().then_some(quantity);
        }
        if let Some(stripped) = unit.strip_suffix("実施").filter(|rest| !rest.is_empty()) {
            unit = Cow::Owned(stripped.to_string());
        }
        if quantity.kind == "integer" || quantity.kind == "decimal" {
            quantity.kind = "count";
        }
        quantity.unit = Some(unit);
    }

    scanner.spaces();
    if scanner.eat('(') {
        scanner.spaces();
        let inner_start = scanner.at;
        if let Some(sign) = signed(&mut scanner)? {
            let (change, _) = scanner.number()?;
            quantity.delta = Some(sign * change);
        } else if let Some((aside, _)) = scanner.number() {
            scanner.spaces();
            scanner.eat('%');
            quantity.aside = Some(aside);
        } else {
            scanner.at = inner_start;
            let close = scanner.chars[inner_start..].iter().position(|&c| c == ')')?;
            let word: String = scanner.chars[inner_start..inner_start + close].iter().collect();
            quantity.status = Some(status_word(normalize::trim(&word))?);
            scanner.at = inner_start + close;
        }
        scanner.spaces();
        if !scanner.eat(')') {
            return None;
        }
    }
    scanner.spaces();
    scanner.done().then_some(quantity)
}

/// `+` or `-`/`▲` at the cursor: Some(Some(sign)); nothing: Some(None).
fn signed(scanner: &mut Scanner<'_>) -> Option<Option<f64>> {
    if scanner.eat('+') {
        Some(Some(1.0))
    } else if scanner.eat('-') || scanner.eat(MINUS) {
        Some(Some(-1.0))
    } else {
        Some(None)
    }
}

/// After a number: `年8月`, `年`, `か月`/`ヶ月`/`カ月` → months, rounded to
/// 1e-9 so that `1.1年` is 13.2 and not 13.200000000000001.
fn duration(scanner: &mut Scanner<'_>, value: f64) -> Option<f64> {
    months(scanner, value).map(|months| (months * 1e9).round() / 1e9)
}

fn months(scanner: &mut Scanner<'_>, value: f64) -> Option<f64> {
    let start = scanner.at;
    let month_word = |scanner: &mut Scanner<'_>| {
        let here = scanner.at;
        for prefix in ['か', 'ヶ', 'カ', 'ケ', 'ヵ'] {
            if scanner.eat(prefix) {
                break;
            }
        }
        if scanner.eat('月') {
            true
        } else {
            scanner.at = here;
            false
        }
    };
    if scanner.eat('年') {
        if scanner.done() {
            return Some(value * 12.0);
        }
        if let Some((months, _)) = scanner.number() {
            if month_word(scanner) && scanner.done() {
                return Some(value * 12.0 + months);
            }
        }
        scanner.at = start;
        return None;
    }
    if scanner.peek() != Some('月') && month_word(scanner) {
        if scanner.done() {
            return Some(value);
        }
        scanner.at = start;
    }
    None
}

/// Most words one value of `split_values` takes.
const MAX_VALUE_WORDS: usize = 4;

/// Most tokens of a cell that `split_values` splits (three words a value, six
/// values: `2 件 (+0) 3 件 (+1) …`).
const MAX_SPLIT_TOKENS: usize = 18;

/// Splits a cell that holds two or more values printed side by side
/// (`106 回 (見込)`, `0.0% 4.8%`, `0 3`) into them; None when the cell reads
/// as one token or when any part would be text; callers split only rows that
/// are short of cells, since `106 回 (見込)` may also be one cell. A change `(+20)` or a bracketed
/// share `(83.9%)` stays with its value.
pub fn split_values(raw: &str) -> Option<Vec<String>> {
    memo::cached(&SPLIT_MEMO, raw, read_split_values)
}

thread_local! {
    /// A cell is split by each reader that tests its row, then again to build the table: the
    /// answer given last for a text is kept (most are None, kept without an allocation).
    static SPLIT_MEMO: std::cell::RefCell<Memo<Option<Vec<String>>>> = const { std::cell::RefCell::new(Memo::new()) };
}

/// `split_values(raw).is_some()`, the parts not copied out of the memo: most callers
/// (`columns::is_data`, asked of every cell of a table, again and again) ask only that.
pub fn splits_into_values(raw: &str) -> bool {
    memo::cached_with(&SPLIT_MEMO, raw, read_split_values, Option::is_some)
}

/// How many parts `split_values(raw)` gives, the parts not copied out of the memo.
pub fn n_split_values(raw: &str) -> Option<usize> {
    memo::cached_with(&SPLIT_MEMO, raw, read_split_values, |parts| parts.as_ref().map(Vec::len))
}

/// True when `split_values(raw)` gives parts and every one passes `test`, the parts read
/// in the memo, not copied out. `test` runs while the memo is borrowed: it must not split
/// values itself (typing a part, `kind`, does not).
pub fn split_values_all(raw: &str, test: impl Fn(&str) -> bool) -> bool {
    memo::cached_with(&SPLIT_MEMO, raw, read_split_values, |parts| parts.as_ref().is_some_and(|parts| parts.iter().all(|part| test(part))))
}

fn read_split_values(raw: &str) -> Option<Vec<String>> {
    // Each token with its byte offset in `raw`, on the stack (this runs on many cells).
    let mut stack = [(0, ""); MAX_SPLIT_TOKENS];
    let mut n_tokens = 0;
    let mut offset = 0;
    // (Split on the bytes: `str::split(' ')` ran a `memchr` for each token of a few bytes.
    // A space is one byte, so the pieces are whole characters.)
    for piece in raw.as_bytes().split(|&byte| byte == b' ') {
        let token = &raw[offset..offset + piece.len()];
        if !token.is_empty() {
            if n_tokens == MAX_SPLIT_TOKENS {
                return None;
            }
            stack[n_tokens] = (offset, token);
            n_tokens += 1;
        }
        offset += token.len() + 1;
    }
    if n_tokens < 2 {
        return None;
    }
    let tokens = &stack[..n_tokens];
    let standalone = |text: &str| {
        matches!(
            with_typed(text, |typed| typed.kind),
            "integer" | "decimal" | "percent" | "count" | "negative" | "status" | "mark" | "duration"
        ) && !text.starts_with("(+")
            && !text.starts_with("(-")
    };
    // `tokens[start..end]` joined by single spaces: the text of `raw` they span when
    // single spaces part them there (the usual case, read without a copy), else `joined`.
    let mut joined = String::new();
    let mut standalone_run = |start: usize, end: usize| -> bool {
        let (first, (last_at, last)) = (tokens[start].0, tokens[end - 1]);
        let spanned = &raw[first..last_at + last.len()];
        let n_bytes: usize = tokens[start..end].iter().map(|(_, token)| token.len()).sum::<usize>() + (end - start - 1);
        if spanned.len() == n_bytes {
            return standalone(spanned);
        }
        joined.clear();
        for (idx, (_, token)) in tokens[start..end].iter().enumerate() {
            if idx > 0 {
                joined.push(' ');
            }
            joined.push_str(token);
        }
        standalone(&joined)
    };
    // Dynamic programming over token boundaries: best[i] = fewest parts covering tokens[..i].
    let n = tokens.len();
    let mut best = [None::<(usize, usize)>; MAX_SPLIT_TOKENS + 1];
    best[0] = Some((0, 0));
    // A value is at most four words (`106 回 (見込)` is three): longer parts are not tried.
    for end in 1..=n {
        for start in end.saturating_sub(MAX_VALUE_WORDS)..end {
            let Some((parts, _)) = best[start] else { continue };
            if start == 0 && end == n {
                continue;
            }
            if best[end].is_none_or(|(best_parts, _)| parts + 1 < best_parts) && standalone_run(start, end) {
                best[end] = Some((parts + 1, start));
            }
        }
    }
    let (n_parts, _) = best[n]?;
    if n_parts < 2 {
        return None;
    }
    let mut parts = Vec::with_capacity(n_parts);
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        parts.push(tokens[start..end].iter().map(|(_, token)| *token).collect::<Vec<_>>().join(" "));
        end = start;
    }
    parts.reverse();
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_marks_stripped_as_read_by_characters() {
        // The definition, read by characters.
        let by_chars = |text: &str| {
            let before_digits = text.trim_end_matches(|c: char| c.is_ascii_digit());
            match before_digits.strip_suffix('※') {
                Some(head) if !head.is_empty() && !head.contains('※') => head.trim_end().to_string(),
                _ => text.to_string(),
            }
        };
        for text in ["", "※", "※1", "未定※", "23※1", "23 ※12", "※※1", "a※b※", "12", "見込※ ", "1※※", "あ※"] {
            assert_eq!(strip_note_mark(text), by_chars(text), "{text:?}");
        }
    }

    fn typed(raw: &str) -> (String, Option<f64>, Option<String>, Option<String>) {
        let cell = cell(raw, 1);
        (cell.kind.into_owned(), cell.value, cell.unit.map(Cow::into_owned), cell.status.map(Cow::into_owned))
    }

    #[test]
    fn numbers() {
        assert_eq!(typed("1,600"), ("integer".into(), Some(1600.0), None, None));
        assert_eq!(typed("51429"), ("integer".into(), Some(51429.0), None, None));
        assert_eq!(typed("47.9"), ("decimal".into(), Some(47.9), None, None));
        assert_eq!(typed("0.121%"), ("percent".into(), Some(0.121), Some("%".into()), None));
        assert_eq!(typed("21.1%"), ("percent".into(), Some(21.1), Some("%".into()), None));
        assert_eq!(typed("1,60").1, None);
        assert_eq!(typed("1234567890123456789").1, None);
        assert_eq!(typed("123456789012345").1, Some(123456789012345.0));
    }

    #[test]
    fn counts_deltas_and_negatives() {
        assert_eq!(typed("10 回"), ("count".into(), Some(10.0), Some("回".into()), None));
        assert_eq!(typed("20件"), ("count".into(), Some(20.0), Some("件".into()), None));
        assert_eq!(typed("34.3 日"), ("count".into(), Some(34.3), Some("日".into()), None));
        let with_delta = cell("140 件 (+20)", 1);
        assert_eq!((with_delta.value, with_delta.delta), (Some(140.0), Some(20.0)));
        assert_eq!(typed("(+0)"), ("delta".into(), Some(0.0), None, None));
        assert_eq!(typed("▲4"), ("negative".into(), Some(-4.0), None, None));
        assert_eq!(typed("▲10.0"), ("negative".into(), Some(-10.0), None, None));
        let share = cell("26 (83.9%)", 1);
        assert_eq!((share.value, share.aside), (Some(26.0), Some(83.9)));
        assert_eq!(cell("1(6)", 1).aside, Some(6.0));
        assert_eq!(typed("(0)"), ("integer".into(), Some(0.0), None, None));
    }

    #[test]
    fn common_units_as_characters() {
        for (chars, unit) in COMMON_UNITS {
            assert_eq!(chars.iter().collect::<String>(), unit);
        }
    }

    #[test]
    fn note_marks() {
        for (text, stripped) in [
            ("未定※", "未定"),
            ("23※1", "23"),
            ("23 ※12", "23"),
            ("※1", "※1"),
            ("※", "※"),
            ("", ""),
            ("12", "12"),
            ("a※1※2", "a※1※2"),
            ("a※b1", "a※b1"),
            ("a※※", "a※※"),
        ] {
            assert_eq!(strip_note_mark(text), stripped, "{text:?}");
        }
    }

    #[test]
    fn durations_ranges_and_statuses() {
        assert_eq!(typed("2年8月"), ("duration".into(), Some(32.0), Some("月".into()), None));
        assert_eq!(typed("1.1年").1, Some(13.2));
        let range = cell("年5~6回", 1);
        assert_eq!((range.kind.as_ref(), range.value, range.range), ("range", None, Some([5.0, 6.0])));
        assert_eq!(typed("年6回実施"), ("count".into(), Some(6.0), Some("回".into()), None));
        assert_eq!(typed("中止"), ("status".into(), None, None, Some("中止".into())));
        // A status word after a number is no unit.
        assert_eq!(typed("3 見込"), ("integer".into(), Some(3.0), None, Some("見込".into())));
        assert_eq!(typed("1 中止"), ("integer".into(), Some(1.0), None, Some("中止".into())));
        assert!(number_then_bare_status("1 中止"));
        assert!(!number_then_bare_status("82 回 (見込)") && !number_then_bare_status("40 (見込)") && !number_then_bare_status("中止"));
        assert_eq!(typed("(見込)"), ("status".into(), None, None, Some("見込".into())));
        assert_eq!(typed("(計算) %"), ("status".into(), None, Some("%".into()), Some("計算".into())));
        assert_eq!(typed("未定※"), ("status".into(), None, None, Some("未定".into())));
        assert_eq!(typed("-"), ("status".into(), None, None, Some("none".into())));
        assert_eq!(typed("—"), ("status".into(), None, None, Some("none".into())));
        assert_eq!(typed("20(見込)"), ("integer".into(), Some(20.0), None, Some("見込".into())));
        assert_eq!(typed("〇").0, "mark");
        assert_eq!(typed("支援サービスを利用している全ケース"), ("text".into(), None, None, None));
        assert_eq!(typed("0.0% 4.8%").1, None);
        assert_eq!(typed("3歳未満"), ("text".into(), None, None, None));
        for raw in ["1,600", "21.1%", "10 回", "▲4", "(見込)", "-", "〇", "2年8月", "年5~6回", "(+20)", "140 件 (+20)", "中止"]
        {
            let cell = cell(raw, 0);
            let summable = matches!(cell.kind.as_ref(), "integer" | "decimal" | "percent" | "count" | "negative");
            assert_eq!(number(raw), if summable { cell.value } else { None }, "{raw}");
        }
    }

    #[test]
    fn labelled_quantities() {
        let colon = cell("児童相談所を通じた特別養子縁組の成立件数:20件", 1);
        assert_eq!((colon.kind.as_ref(), colon.value, colon.unit.as_deref()), ("count", Some(20.0), Some("件")));
        let year = cell("民間あっせん機関を通じた特別養子縁組の成立件数令和6年度見込み 6件(令和5年度 0件)", 1);
        assert_eq!((year.kind.as_ref(), year.value, year.aside, year.status.as_deref()), ("count", Some(6.0), Some(0.0), Some("見込")));
        assert_eq!(year.unit.as_deref(), Some("件"));
        assert_eq!(cell("成立件数令和5年度実績 4件(令和4年度 2件)", 1).status.as_deref(), Some("実績"));
        assert_eq!(cell("成立件数令和6年度 6件(令和5年度 0件)", 1).value, Some(6.0));
        // Two numbers and nothing says which is the figure: no value.
        for raw in [
            "成立件数令和6年度見込み 6件(令和7年度 8件)",        // the bracketed year is later
            "成立件数令和6年度見込み 6件(令和5年度 0人)",        // another unit
            "3施設の成立件数令和6年度見込み 6件(令和5年度 0件)", // another number in the words
            "成立件数令和6年度見込み 6件(令和5年度末 0件)",      // not a year alone
            "令和6年度見込み 6件(令和5年度 0件)",                // no words
        ] {
            assert_eq!(cell(raw, 1).value, None, "{raw}");
            assert_eq!(kind(raw), "text", "{raw}");
        }
    }

    #[test]
    fn side_by_side_values_split() {
        assert_eq!(split_values("106 回 (見込)"), Some(vec!["106 回".to_string(), "(見込)".to_string()]));
        assert_eq!(split_values("0.0% 4.8%"), Some(vec!["0.0%".to_string(), "4.8%".to_string()]));
        assert_eq!(split_values("140 件 (+20)"), None);
        assert_eq!(split_values("26 (83.9%)"), None);
        assert_eq!(split_values("50.6% (計算) %"), Some(vec!["50.6%".to_string(), "(計算) %".to_string()]));
        assert_eq!(split_values("20 人"), None);
    }
}
