//! Stage 2, text → normalized lines. Folds full-width ASCII (digits, Latin
//! letters, punctuation, the ideographic space), half-width katakana, and
//! radicals standing for ideographs (`⽬` → `目`) the way NFKC does, but keeps what NFKC would destroy: circled numbers (①),
//! placeholders (〇 ○ ● ▲ ■ ※ ・) and the long vowel mark (ー). Repairs
//! half-width katakana that PDF extraction broke (`ス-バ°-ハ"イサ"-`) and
//! reports damage (U+FFFD, control characters) as warnings. Each line keeps its
//! 1-based number and its page (the decoded text is still at hand for
//! anyone who needs the line as printed). Never drops a line.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::model::Warning;

/// Form feed: pdftotext's page break.
const FORM_FEED: char = '\u{0C}';
/// What broken extraction puts for a dakuten (゛) after a katakana.
const BROKEN_DAKUTEN: char = '"';
/// What broken extraction puts for a handakuten (゜) after a katakana.
const BROKEN_HANDAKUTEN: char = '°';
/// The replacement character: a byte the extractor could not map.
const REPLACEMENT: char = '\u{FFFD}';

/// One input line after normalization. Its number is its index + 1 (`number`), its
/// page read from the page starts (`page_of`): held in the line, the two made every
/// line 24 bytes instead of 16, and every line is kept to the end of `blocks` (the peak).
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Normalized text, trailing spaces removed (tabs kept: they are cell boundaries).
    /// Borrowed from the text, or from the buffer of rewritten lines (`text`'s second
    /// argument): a `Cow` made every line 32 bytes instead of 24.
    pub text: &'a str,
}

/// The 1-based number of the line at `idx`, as a text editor shows it.
#[inline]
pub fn number(idx: usize) -> u32 {
    u32::try_from(idx + 1).unwrap_or(u32::MAX)
}

/// The 1-based page of line `number` (form feeds before its text + 1), from the numbers of
/// the lines that start pages 2, 3, … (`Normalized::page_starts`).
#[inline]
pub fn page_of(page_starts: &[u32], number: u32) -> u32 {
    page_starts.partition_point(|&start| start <= number) as u32 + 1
}

impl Line<'_> {
    /// True when the line has nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        trim(self.text).is_empty()
    }
}

/// `text.trim()` (Unicode White_Space), with the common ends decided on the
/// bytes: an ASCII byte, U+3000 (E3 80 80), or a lead byte no space character
/// has (every kana and kanji). The standard `trim` decoded and looked up a
/// character at each end, which was a twelfth of `classify`.
#[inline]
pub fn trim(text: &str) -> &str {
    // Most texts start and end with a character that cannot be a space: printable ASCII, or
    // a lead byte E4…EF (U+4000…U+FFFF), or E3 (U+3000…U+3FFF) but not U+3000 itself
    // (E3 80 80). Space characters lead with C2, E1, E2 or are U+3000. Two looks, and the
    // text is returned.
    let bytes = text.as_bytes();
    let plain_start = match bytes {
        // (An empty text, a blank line, is its own trim: a blank line in three is empty.)
        [] | [0x21..=0x7E, ..] | [0xE4..=0xEF, ..] => true,
        [0xE3, second, third, ..] => !(*second == 0x80 && *third == 0x80),
        // U+2080…U+2FFF (`①`, `※` is U+203B and is read the slow way): no space among them.
        [0xE2, second, ..] => *second >= 0x82,
        _ => false,
    };
    // The last character ends in printable ASCII, or is the three bytes after such a lead
    // (`。` and `、`, E3 80 82 and E3 80 81, end many lines).
    let plain_end = match bytes {
        [] | [.., 0x21..=0x7E] | [.., 0xE4..=0xEF, _, _] => true,
        [.., 0xE3, second, third] => !(*second == 0x80 && *third == 0x80),
        [.., 0xE2, second, _] => *second >= 0x82,
        _ => false,
    };
    if plain_start && plain_end {
        return text;
    }
    trim_ends(text)
}

/// `trim` past its quick test: the ends read a character at a time.
fn trim_ends(text: &str) -> &str {
    let bytes = text.as_bytes();
    // Indentation first, a byte at a time.
    let mut start = bytes.iter().take_while(|&&byte| byte == b' ').count();
    while let Some(&byte) = bytes.get(start) {
        let n_space = match byte {
            b'\t'..=b'\r' | b' ' => 1,
            0x00..=0x7F => 0,
            // (Slice patterns, not `starts_with`: that called `memcmp` for three bytes.)
            0xE3 if matches!(bytes[start..], [0xE3, 0x80, 0x80, ..]) => IDEOGRAPHIC_SPACE.len(),
            // The other lead bytes of space characters (U+0085, U+00A0, U+1680, U+2000…U+205F).
            0xC2 | 0xE1 | 0xE2 => text[start..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
            _ => 0,
        };
        if n_space == 0 {
            break;
        }
        start += n_space;
    }
    let mut end = bytes.len();
    while end > start {
        let n_space = match bytes[end - 1] {
            b'\t'..=b'\r' | b' ' => 1,
            0x00..=0x7F => 0,
            _ if matches!(bytes[start..end], [.., 0xE3, 0x80, 0x80]) => IDEOGRAPHIC_SPACE.len(),
            // A last character that starts with one of the other lead bytes of space characters.
            _ if end - start >= 2 && bytes[end - 2] == 0xC2 || end - start >= 3 && matches!(bytes[end - 3], 0xE1 | 0xE2) => {
                text[start..end].chars().next_back().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
            }
            _ => 0,
        };
        if n_space == 0 {
            break;
        }
        end -= n_space;
    }
    &text[start..end]
}

/// `c.is_alphabetic()`, without the table lookup for kana and the common ideographs
/// (U+4E00–U+9FFF), all letters, of which most Japanese words are made (the standard
/// test looks every character outside ASCII up in a table).
#[inline]
pub fn is_letter(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}') || c.is_alphabetic()
}

/// U+3000 in UTF-8.
const IDEOGRAPHIC_SPACE: &[u8] = "\u{3000}".as_bytes();

/// `text.contains(c)`, found by `memchr` of the character's last byte and a look at the
/// bytes before it. The standard `contains` of a non-ASCII `char` searches for its bytes
/// as a substring and paid a searcher's setup on every call, on texts of a few bytes.
#[inline]
pub fn has_char(text: &str, c: char) -> bool {
    let mut buffer = [0u8; 4];
    let encoded = c.encode_utf8(&mut buffer).as_bytes();
    let (last, lead) = (encoded[encoded.len() - 1], &encoded[..encoded.len() - 1]);
    let bytes = text.as_bytes();
    // A character's whole encoding found in valid UTF-8 is that character.
    memchr::memchr_iter(last, bytes).any(|at| at >= lead.len() && bytes[at - lead.len()..at] == *lead)
}

/// `text.trim_matches(' ')` on bytes.
pub fn trim_spaces(text: &str) -> &str {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&byte| byte != b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&byte| byte != b' ').map_or(start, |idx| idx + 1);
    // Only ASCII spaces were cut, so both ends are character boundaries.
    &text[start..end]
}

/// Normalized lines of a decoded text, with the warnings found on the way.
pub struct Normalized<'a> {
    pub lines: Vec<Line<'a>>,
    /// The number of the line each page after the first starts at (`page_of`): as
    /// `Source::page_starts`, a line once for each page it starts.
    pub page_starts: Vec<u32>,
    pub pages: u32,
    pub warnings: Vec<Warning>,
    /// The rewritten lines (`text`'s second argument), as the lines borrow them.
    pub rewritten: &'a str,
}

/// Splits `text` into lines and normalizes each. The lines that normalizing
/// changes are written to `rewritten` (one buffer for all, not a `String` each).
pub fn text<'a>(text: &'a str, rewritten: &'a mut String) -> Normalized<'a> {
    // Exact capacity: one counting pass is cheaper than doubling a large vector.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut warnings = Vec::new();
    let mut page = 1u32;
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut form_feeds = memchr::memchr_iter(FORM_FEED as u8, body.as_bytes());
    let mut next_form_feed = form_feeds.next();
    let mut line_start = 0;
    let line_ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len()));
    // Room for every rewritten line from the start (a rewritten line is seldom longer than
    // it was; the room is only a first size): grown by doubling, the buffer was copied at
    // each step into fresh pages. Pages never written are never resident (the allocator
    // maps a buffer this large from the system untouched).
    rewritten.reserve(text.len());
    // The lines rewritten: index in `lines` and place in `rewritten`, filled in once it is complete.
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    let mut page_starts = Vec::new();
    // The page of the last page start pushed (1 before any).
    let mut started = 1u32;
    for (line_idx, line_end) in line_ends.enumerate() {
        // `\n` is ASCII, so both ends are character boundaries.
        let original = &body[line_start..line_end];
        let original_start = line_start;
        line_start = line_end + 1;
        let number = u32::try_from(line_idx + 1).unwrap_or(u32::MAX);
        let mut line_page = page;
        // The form feeds are found once for the whole text, not searched for on every line.
        while next_form_feed.is_some_and(|at| at < original_start) {
            next_form_feed = form_feeds.next();
        }
        if next_form_feed.is_some_and(|at| at < line_end) {
            let leading = original.chars().take_while(|&c| c == FORM_FEED || c == ' ').filter(|&c| c == FORM_FEED).count();
            let total = original.chars().filter(|&c| c == FORM_FEED).count();
            line_page = page + leading as u32;
            page += total as u32;
        }
        let start = rewritten.len();
        let normalized = match line_into(original, number, &mut warnings, rewritten) {
            Some(normalized) => normalized,
            None => {
                pending.push((lines.len(), start, rewritten.len()));
                ""
            }
        };
        while line_page > started {
            page_starts.push(number);
            started += 1;
        }
        lines.push(Line { text: normalized });
    }
    // Not shrunk to fit: the room never written was never resident, and a shrink copied
    // the whole buffer into fresh pages whenever less than half of the room was used.
    let rewritten: &'a String = rewritten;
    for (line_idx, start, end) in pending {
        lines[line_idx].text = &rewritten[start..end];
    }
    if text.is_empty() {
        lines.clear();
    }
    Normalized { lines, page_starts, pages: page, warnings, rewritten }
}

/// The normalized lines in one buffer, for a caller that frees the text they were
/// read from (`parse_owned`): each line once (a rewritten line not beside the line
/// it rewrote), without trailing spaces and line ends. The buffer is the text's
/// own, written over in place (a second buffer was as large as the input, all in
/// fresh pages); `lines_in` gives the lines back, borrowing it.
pub struct Compact {
    /// UTF-8: whole lines of the text, copied whole.
    pub text: Vec<u8>,
    /// Where each line's text starts and ends in `text`.
    /// 16 bytes, as a `Line` is: both conversions reuse the vector they read.
    pub spans: Vec<(usize, usize)>,
}

/// Where the text of each line is: at `start..end` of the text, or at
/// `start - text.len()..end - text.len()` of `rewritten` (an empty line at `0..0`).
/// Collected in place: the lines' vector becomes the spans'.
pub fn spans(lines: Vec<Line<'_>>, text: &str, rewritten: &str) -> Vec<(usize, usize)> {
    let (text_at, rewritten_at) = (text.as_ptr() as usize, rewritten.as_ptr() as usize);
    lines
        .into_iter()
        .map(|line| {
            let at = line.text.as_ptr() as usize;
            let start = match at.checked_sub(text_at) {
                _ if line.text.is_empty() => 0,
                Some(offset) if offset < text.len() => offset,
                _ => text.len() + (at - rewritten_at),
            };
            (start, start + line.text.len())
        })
        .collect()
}

/// Writes the lines at `spans` (as `spans` gives them, the text at `skip..` of
/// `buffer`) one after the other from the start of `buffer`. In place when no
/// line lands on a line not yet read (a line only grows when `repair_kana` turns
/// `-` into `ー`, and every line end gives a byte back); else into a new buffer.
pub fn compact(mut buffer: Vec<u8>, skip: usize, rewritten: &str, mut spans: Vec<(usize, usize)>) -> Compact {
    let n_text = buffer.len() - skip;
    let mut written = 0;
    let in_place = spans.iter().all(|&(start, end)| {
        let fits = start == end || start >= n_text || written <= skip + start;
        written += end - start;
        fits
    }) && written <= buffer.len();
    let mut text = if in_place { Vec::new() } else { Vec::with_capacity(written) };
    let mut written = 0;
    for span in &mut spans {
        let (start, end) = (span.0, span.1);
        let len = end - start;
        if len > 0 {
            match (start >= n_text, in_place) {
                (true, true) => buffer[written..written + len].copy_from_slice(&rewritten.as_bytes()[start - n_text..end - n_text]),
                (true, false) => text.extend_from_slice(&rewritten.as_bytes()[start - n_text..end - n_text]),
                (false, true) => buffer.copy_within(skip + start..skip + end, written),
                (false, false) => text.extend_from_slice(&buffer[skip + start..skip + end]),
            }
        }
        (span.0, span.1) = (written, written + len);
        written += len;
    }
    if in_place {
        buffer.truncate(written);
        // Gives the rest back (a large buffer is shrunk where it is, by `mremap`).
        buffer.shrink_to_fit();
        text = buffer;
    }
    Compact { text, spans }
}

/// The lines of a `Compact`, read from its `text` and `spans` (in place, as `compact` made them).
pub fn lines_in(compact: &mut Compact) -> Vec<Line<'_>> {
    // SIMD validation again (the standard library's took as long as the copy it saves).
    let text = simdutf8::basic::from_utf8(&compact.text).expect("whole lines of valid UTF-8, copied whole");
    std::mem::take(&mut compact.spans).into_iter().map(|(start, end)| Line { text: &text[start..end] }).collect()
}

/// True for the characters this stage rewrites or reports (the definition
/// `needs_work_bytes` implements on bytes).
#[cfg(test)]
fn needs_work(c: char) -> bool {
    matches!(c,
        '\u{FF01}'..='\u{FF5E}' | '\u{FF61}'..='\u{FF9F}' | '\u{FFE0}'..='\u{FFEE}'
        | '\u{3000}' | '\u{00A0}' | '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{301C}'
        | '\u{2027}' | '\u{2E80}'..='\u{2FFF}' | '\u{F900}'..='\u{FAFF}'
        | FORM_FEED | REPLACEMENT | BROKEN_DAKUTEN | BROKEN_HANDAKUTEN)
        || (c.is_control() && c != '\t')
}

/// Same answer as `text.chars().any(needs_work)`, read from the UTF-8 bytes
/// without decoding characters (the quick check: most lines need nothing).
/// Each byte is tested with the two after it, branch-free, 16 at a time, so
/// the compiler vectorizes it.
fn needs_work_bytes(bytes: &[u8]) -> bool {
    let flag = |byte: u8, next: u8, after: u8| -> u8 {
        let is = |condition: bool| u8::from(condition);
        let ascii = is(byte < 0x20) & is(byte != b'\t') | is(byte == b'"') | is(byte == 0x7F);
        let c2 = is(byte == 0xC2) & (is(next >= 0x80) & is(next <= 0xA0) | is(next == 0xB0));
        // U+2010, U+2011, U+2027 (‧), U+2212, and the radicals' blocks U+2E80–U+2FFF (E2 BA 80 – E2 BF BF).
        let e2 = is(byte == 0xE2)
            & (is(next == 0x80) & (is(after == 0x90) | is(after == 0x91) | is(after == 0xA7))
                | is(next == 0x88) & is(after == 0x92)
                | is(next >= 0xBA) & is(next <= 0xBF));
        let e3 = is(byte == 0xE3) & is(next == 0x80) & (is(after == 0x80) | is(after == 0x9C));
        // Full-width forms, half-width katakana, and the CJK compatibility ideographs U+F900–U+FAFF.
        let ef = is(byte == 0xEF)
            & (is(next >= 0xA4) & is(next <= 0xAB)
                | is(next == 0xBC) & is(after >= 0x81)
                | is(next == 0xBD) & (is(after <= 0x9E) | is(after >= 0xA1))
                | is(next == 0xBE) & is(after <= 0x9F)
                | is(next == 0xBF) & (is(after >= 0xA0) & is(after <= 0xAE) | is(after == 0xBD)));
        ascii | c2 | e2 | e3 | ef
    };
    // True wherever `flag` may be: a control byte or `"`, or the lead byte of a character it
    // looks at (U+00A0…, U+2010…, U+3000 and U+301C, U+FF01…).
    let may_flag = |byte: u8, next: u8| -> u8 {
        let is = |condition: bool| u8::from(condition);
        is(byte < 0x20)
            | is(byte == b'"')
            | is(byte == 0x7F)
            | is(byte == 0xC2)
            | is(byte == 0xE2)
            | is(byte == 0xEF)
            | is(byte == 0xE3) & is(next == 0x80)
    };
    let mut found = 0u8;
    let mut start = 0;
    while let (Some(byte), Some(next), Some(after)) = (
        bytes.get(start..start + 16).and_then(|slice| <&[u8; 16]>::try_from(slice).ok()),
        bytes.get(start + 1..start + 17).and_then(|slice| <&[u8; 16]>::try_from(slice).ok()),
        bytes.get(start + 2..start + 18).and_then(|slice| <&[u8; 16]>::try_from(slice).ok()),
    ) {
        // A cheaper test of the lead bytes first: four blocks in five hold none, and
        // the exact test cost five times as much.
        let mut candidate = 0u8;
        for idx in 0..16 {
            candidate |= may_flag(byte[idx], next[idx]);
        }
        if candidate != 0 {
            for idx in 0..16 {
                found |= flag(byte[idx], next[idx], after[idx]);
            }
            if found != 0 {
                return true;
            }
        }
        start += 16;
    }
    // The last 0–17 bytes: copied into a buffer padded with a letter (which flags
    // nothing) and checked by the same 16-wide code, not byte by byte.
    let tail = &bytes[start..];
    let mut padded = [b'a'; 34];
    padded[..tail.len()].copy_from_slice(tail);
    let mut candidate = 0u8;
    for idx in 0..32 {
        candidate |= may_flag(padded[idx], padded[idx + 1]);
    }
    if candidate != 0 {
        for block in [0, 16] {
            for idx in block..block + 16 {
                found |= flag(padded[idx], padded[idx + 1], padded[idx + 2]);
            }
        }
    }
    found != 0
}

/// True for a byte that may start a character `line` rewrites or counts: a control byte,
/// or the lead byte of U+0080…U+00BF, U+2000…U+2FFF, U+3000…U+303F (`next` is the byte
/// after it) or U+F000…U+FFFF. Never true inside a character (a continuation byte).
fn starts_work(byte: u8, next: Option<u8>) -> bool {
    byte < 0x20 || matches!(byte, 0x7F | 0xC2 | 0xE2 | 0xEF) || byte == 0xE3 && next == Some(0x80)
}

/// `text.trim_end_matches([' ', '\u{3000}'])` on bytes (U+3000 is E3 80 80).
fn trim_end_spaces(text: &str) -> &str {
    let mut bytes = text.as_bytes();
    loop {
        // Eight spaces a step first: the layout modes pad a line with dozens of them (a tenth
        // of the lines of the fixtures, 54 spaces each).
        while let [rest @ .., b' ', b' ', b' ', b' ', b' ', b' ', b' ', b' '] = bytes {
            bytes = rest;
        }
        match bytes {
            [rest @ .., b' '] | [rest @ .., 0xE3, 0x80, 0x80] => bytes = rest,
            _ => break,
        }
    }
    // Only whole characters were cut, so the length is a character boundary.
    &text[..bytes.len()]
}

/// Normalizes one line; borrows when nothing needs to change.
#[cfg(test)]
pub fn line<'a>(original: &'a str, number: u32, warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    let mut folded = String::new();
    match line_into(original, number, warnings, &mut folded) {
        Some(normalized) => Cow::Borrowed(normalized),
        None => Cow::Owned(folded),
    }
}

/// Normalizes one line: the line itself when nothing needs to change, else None and
/// the line as rewritten appended to `out`. (Written where `text` keeps it: a `String`
/// a line, copied there and freed, was a tenth of `text`.)
fn line_into<'a>(original: &'a str, number: u32, warnings: &mut Vec<Warning>, out: &mut String) -> Option<&'a str> {
    let trimmed = trim_end_spaces(original);
    // (A blank line, a third of them, is not padded out and tested.)
    if trimmed.is_empty() || !needs_work_bytes(trimmed.as_bytes()) {
        return Some(trimmed);
    }
    // The line is `out[start..]`, as it is folded.
    let start = out.len();
    out.reserve(trimmed.len());
    let folded = out;
    let mut n_replacement = 0;
    let mut n_control = 0;
    // Characters kept as they are go over in runs (`kept_from..`), not one `push` each.
    let mut kept_from = 0;
    let bytes = trimmed.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Only a character `starts_work` flags can be rewritten or counted; the others (kana,
        // kanji, most ASCII) are stepped over by the length their first byte gives, without
        // decoding them (`at` is always at the start of a character).
        let byte = bytes[at];
        if !starts_work(byte, bytes.get(at + 1).copied()) {
            at += match byte {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        let c = trimmed[at..].chars().next().expect("a flagged byte starts a character");
        let next_at = at + c.len_utf8();
        let folded_c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            '\u{2010}' | '\u{2011}' | '\u{2212}' => '-',
            '\u{301C}' => '~',
            // PDF fonts that map ideographs to radicals (Chromium's; pdf.js prints them as they
            // are): `⽬標` is `目標`. Kangxi radicals and compatibility ideographs as NFKC does,
            // the radicals supplement by Unicode's equivalent ideographs (NFKC leaves them).
            // Six radicals NFKC folds to a traditional form a Japanese font's glyph is not
            // (`⼾` → `戶`): the form Japanese writes (`全戸訪問`).
            '\u{2F3E}' => '戸',
            '\u{2FAD}' => '青',
            '\u{2FC8}' => '黄',
            '\u{2FCA}' => '黒',
            '\u{2FD1}' => '斉',
            '\u{2FD4}' => '亀',
            '\u{2F00}'..='\u{2FD5}' | '\u{F900}'..='\u{FAFF}' => c.nfkc().next().unwrap_or(c),
            '\u{2E80}'..='\u{2EFF}' => RADICALS.binary_search_by_key(&c, |&(radical, _)| radical).map_or(c, |idx| RADICALS[idx].1),
            // The hyphenation point pdf.js gives for the katakana middle dot.
            '\u{2027}' => '・',
            '\u{FF61}'..='\u{FF9F}' | '\u{FFE0}'..='\u{FFEE}' => {
                // Half-width katakana: take the run with its sound marks so NFKC composes them.
                let mut end = next_at;
                while let Some(next) = trimmed[end..].chars().next().filter(|next| matches!(next, '\u{FF61}'..='\u{FF9F}')) {
                    end += next.len_utf8();
                }
                folded.push_str(&trimmed[kept_from..at]);
                folded.extend(trimmed[at..end].nfkc());
                kept_from = end;
                at = end;
                continue;
            }
            FORM_FEED => {
                folded.push_str(&trimmed[kept_from..at]);
                kept_from = next_at;
                at = next_at;
                continue;
            }
            REPLACEMENT => {
                n_replacement += 1;
                at = next_at;
                continue;
            }
            '\t' => {
                at = next_at;
                continue;
            }
            c if c.is_control() => {
                n_control += 1;
                at = next_at;
                continue;
            }
            _ => {
                at = next_at;
                continue;
            }
        };
        folded.push_str(&trimmed[kept_from..at]);
        folded.push(folded_c);
        kept_from = next_at;
        at = next_at;
    }
    folded.push_str(&trimmed[kept_from..]);
    if n_replacement > 0 {
        warnings.push(Warning {
            line: number,
            code: "replacement_char".into(),
            message: format!("{n_replacement} character(s) lost in extraction (U+FFFD): {}", excerpt(trimmed, REPLACEMENT)),
        });
    }
    if n_control > 0 {
        warnings.push(Warning {
            line: number,
            code: "control_char".into(),
            message: format!("{n_control} control character(s) in the line"),
        });
    }
    let repaired = repair_kana(&folded[start..]);
    if let Some(repaired) = repaired {
        warnings.push(Warning {
            line: number,
            code: "repaired_kana".into(),
            message: format!("broken half-width katakana repaired: {} → {}", changed_run(&folded[start..]), changed_run(&repaired)),
        });
        folded.truncate(start);
        folded.push_str(&repaired);
    }
    // Cut in place (a copy of the line was made for it).
    folded.truncate(start + folded[start..].trim_end_matches(' ').len());
    None
}

/// A few characters around the first `mark` in `text`.
fn excerpt(text: &str, mark: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&c| c == mark).unwrap_or(0);
    let from = at.saturating_sub(6);
    let to = (at + 6).min(chars.len());
    chars[from..to].iter().collect()
}

/// The first katakana run (with broken marks) in `text`, for messages.
fn changed_run(text: &str) -> String {
    let mut best = String::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_katakana(c) || matches!(c, '-' | BROKEN_DAKUTEN | BROKEN_HANDAKUTEN | 'ー') {
            current.push(c);
        } else {
            if current.chars().count() > best.chars().count() {
                best = std::mem::take(&mut current);
            }
            current.clear();
        }
    }
    if current.chars().count() > best.chars().count() {
        best = current;
    }
    best
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

/// Rebuilds katakana whose sound marks came out as `"`/`°` and whose long
/// vowel marks came out as `-`; None when the line has no such damage.
fn repair_kana(text: &str) -> Option<String> {
    // The quick test first: no `"` and no `°`, no damage.
    // (`has_char`: `contains` of a non-ASCII `char` set up a substring searcher on every line.)
    if memchr::memchr(b'"', text.as_bytes()).is_none() && !has_char(text, BROKEN_HANDAKUTEN) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let damaged = chars.windows(2).any(|pair| is_katakana(pair[0]) && matches!(pair[1], BROKEN_DAKUTEN | BROKEN_HANDAKUTEN));
    if !damaged {
        return None;
    }
    let mut repaired = String::with_capacity(text.len());
    let mut char_idx = 0;
    while char_idx < chars.len() {
        let c = chars[char_idx];
        let next = chars.get(char_idx + 1).copied();
        let prev_kana = repaired.chars().last().is_some_and(|p| is_katakana(p) || p == 'ー');
        match (c, next) {
            (c, Some(BROKEN_DAKUTEN)) if is_katakana(c) && voiced(c).is_some() => {
                repaired.push(voiced(c).unwrap_or(c));
                char_idx += 2;
                continue;
            }
            (c, Some(BROKEN_HANDAKUTEN)) if is_katakana(c) && semi_voiced(c).is_some() => {
                repaired.push(semi_voiced(c).unwrap_or(c));
                char_idx += 2;
                continue;
            }
            ('-', _) if prev_kana => repaired.push('ー'),
            _ => repaired.push(c),
        }
        char_idx += 1;
    }
    Some(repaired)
}

/// カ → ガ, ウ → ヴ.
fn voiced(c: char) -> Option<char> {
    match c {
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ'
        | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 1),
        'ウ' => Some('ヴ'),
        _ => None,
    }
}

/// ハ → パ, and バ → パ (a dakuten read where a handakuten was printed).
fn semi_voiced(c: char) -> Option<char> {
    match c {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 2),
        'バ' | 'ビ' | 'ブ' | 'ベ' | 'ボ' => char::from_u32(c as u32 + 1),
        _ => None,
    }
}

/// Collapses runs of spaces to one and trims; used for cells and labels.
pub fn collapse(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_matches(|c: char| c == ' ' || c == '\t');
    // Cells are short: a look at each pair of bytes costs less than setting up the substring
    // searcher of `contains("  ")`.
    if !trimmed.as_bytes().windows(2).any(|pair| pair == b"  ") && !trimmed.contains('\t') {
        return Cow::Borrowed(trimmed);
    }
    let mut collapsed = String::with_capacity(trimmed.len());
    let mut last_space = false;
    for c in trimmed.chars() {
        let space = c == ' ' || c == '\t';
        if space && last_space {
            continue;
        }
        collapsed.push(if space { ' ' } else { c });
        last_space = space;
    }
    Cow::Owned(collapsed)
}

/// CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph each stands for,
/// sorted: the single-character lines of Unicode 15.0's EquivalentUnifiedIdeograph.txt
/// (Debian `unicode-data` 15.0.0, /usr/share/unicode/EquivalentUnifiedIdeograph.txt).
/// A row label joined from its pieces, made whole: its katakana repaired once whole (a
/// wrapped label's pieces were repaired a line each: `…スーパーバイサ` / `"- (SV) の配置`), and
/// without its spacing when it was printed letter-spaced (`代 替 養 育 子 ども数A`,
/// `児 童 福 祉 司 ス - バ °- バイザー`: browsers and Word space out the characters of a
/// narrow cell). Only a label with two one-character words side by side is letter-spaced; a
/// space stays where an ASCII word meets it (`(SV) の配置`, `18 歳`) and between two longer
/// words (`事業名 機関名`).
pub fn tidy_label(label: &str) -> Cow<'_, str> {
    let mut unspaced = unspace_letters(label);
    // A note mark and its number wrapped apart (`児童福祉司等配置数※` / `1`) are one mark.
    if let Some(at) = unspaced.find("※ ").filter(|&at| unspaced[at + "※ ".len()..].starts_with(|c: char| c.is_ascii_digit())) {
        let mut joined = unspaced.into_owned();
        joined.remove(at + "※".len());
        unspaced = Cow::Owned(joined);
    }
    // A sound mark printed apart from its kana is no word (`…バイサ` / `"- (SV)` joined as
    // `…バイサ "- (SV)`).
    if unspaced.contains([BROKEN_DAKUTEN, BROKEN_HANDAKUTEN]) {
        let chars: Vec<char> = unspaced.chars().collect();
        let apart = |idx: usize| {
            chars[idx] == ' '
                && idx > 0
                && is_katakana(chars[idx - 1])
                && chars.get(idx + 1).is_some_and(|c| matches!(*c, BROKEN_DAKUTEN | BROKEN_HANDAKUTEN))
        };
        if (0..chars.len()).any(apart) {
            unspaced = Cow::Owned((0..chars.len()).filter(|&idx| !apart(idx)).map(|idx| chars[idx]).collect());
        }
    }
    // A long mark printed as `-` at the start of a wrapped piece is the word's `ー`, whatever
    // space the join put before it (`児童福祉司ス` / `-バ°-ハ"イサ"` / `- (SV) の配置`, each piece
    // repaired alone: `ス -パーバイザ - (SV)`).
    if unspaced.contains(" -") {
        let chars: Vec<char> = unspaced.chars().collect();
        let long_mark = |idx: usize| {
            chars[idx] == '-'
                && idx >= 2
                && chars[idx - 1] == ' '
                && is_katakana(chars[idx - 2])
                && (chars.get(idx + 1).copied().is_some_and(is_katakana) || chars[idx + 1..].starts_with(&[' ', '(']))
        };
        if (0..chars.len()).any(long_mark) {
            let mut mended = String::with_capacity(unspaced.len());
            for (idx, &c) in chars.iter().enumerate() {
                if long_mark(idx) {
                    mended.pop();
                    mended.push('ー');
                } else {
                    mended.push(c);
                }
            }
            unspaced = Cow::Owned(mended);
        }
    }
    match repair_kana(&unspaced) {
        Some(repaired) => Cow::Owned(repaired),
        None => unspaced,
    }
}

fn unspace_letters(label: &str) -> Cow<'_, str> {
    // The quick test first: a space between two non-ASCII characters.
    if !label.as_bytes().windows(2).any(|pair| pair[0] == b' ' && pair[1] >= 0x80) {
        return Cow::Borrowed(label);
    }
    let words: Vec<&str> = label.split(' ').collect();
    let letter = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| !c.is_ascii()) && chars.next().is_none()
    };
    if !words.windows(2).any(|pair| letter(pair[0]) && letter(pair[1])) {
        return Cow::Borrowed(label);
    }
    // A word as short as a letter: one character, or one with a mark the PDF split off (`°-`).
    let short = |word: &str| {
        let n_chars = word.chars().count();
        n_chars == 1 || (n_chars == 2 && word.contains([BROKEN_DAKUTEN, BROKEN_HANDAKUTEN, '-']))
    };
    let spaced = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() || c == '-');
    let mut joined = String::with_capacity(label.len());
    for (idx, word) in words.iter().enumerate() {
        if idx > 0 {
            let before = words[idx - 1];
            let keep = !(short(before) || short(word)) || !spaced(before.chars().next_back()) || !spaced(word.chars().next());
            if keep {
                joined.push(' ');
            }
        }
        joined.push_str(word);
    }
    Cow::Owned(joined)
}

#[rustfmt::skip]
const RADICALS: [(char, char); 104] = [
    ('\u{2E81}', '厂'), ('\u{2E82}', '乛'), ('\u{2E83}', '乚'), ('\u{2E84}', '乙'), ('\u{2E85}', '亻'),
    ('\u{2E86}', '冂'), ('\u{2E87}', '𠘨'), ('\u{2E88}', '刀'), ('\u{2E89}', '刂'), ('\u{2E8A}', '卜'),
    ('\u{2E8B}', '㔾'), ('\u{2E8E}', '兀'), ('\u{2E8F}', '尣'), ('\u{2E90}', '尢'), ('\u{2E91}', '𡯂'),
    ('\u{2E92}', '巳'), ('\u{2E93}', '幺'), ('\u{2E94}', '彑'), ('\u{2E95}', '𫜹'), ('\u{2E96}', '忄'),
    ('\u{2E97}', '心'), ('\u{2E98}', '扌'), ('\u{2E99}', '攵'), ('\u{2E9B}', '旡'), ('\u{2E9C}', '日'),
    ('\u{2E9D}', '月'), ('\u{2E9E}', '歺'), ('\u{2E9F}', '母'), ('\u{2EA0}', '民'), ('\u{2EA1}', '氵'),
    ('\u{2EA2}', '氺'), ('\u{2EA3}', '灬'), ('\u{2EA6}', '丬'), ('\u{2EA7}', '牛'), ('\u{2EA8}', '犭'),
    ('\u{2EA9}', '王'), ('\u{2EAA}', '𤴔'), ('\u{2EAB}', '目'), ('\u{2EAC}', '示'), ('\u{2EAD}', '礻'),
    ('\u{2EAE}', '𥫗'), ('\u{2EAF}', '糹'), ('\u{2EB0}', '纟'), ('\u{2EB1}', '罓'), ('\u{2EB2}', '罒'),
    ('\u{2EB3}', '㓁'), ('\u{2EB4}', '冗'), ('\u{2EB5}', '𦉫'), ('\u{2EB6}', '羊'), ('\u{2EB7}', '𦍌'),
    ('\u{2EB8}', '𦍋'), ('\u{2EB9}', '耂'), ('\u{2EBA}', '肀'), ('\u{2EBB}', '聿'), ('\u{2EBC}', '肉'),
    ('\u{2EBD}', '𦥑'), ('\u{2EC1}', '虎'), ('\u{2EC2}', '衤'), ('\u{2EC3}', '覀'), ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'), ('\u{2EC6}', '角'), ('\u{2EC7}', '𧢲'), ('\u{2EC8}', '讠'), ('\u{2EC9}', '贝'),
    ('\u{2ECA}', '𧾷'), ('\u{2ECB}', '车'), ('\u{2ECF}', '邑'), ('\u{2ED0}', '钅'), ('\u{2ED1}', '長'),
    ('\u{2ED2}', '镸'), ('\u{2ED3}', '长'), ('\u{2ED4}', '门'), ('\u{2ED5}', '𨸏'), ('\u{2ED6}', '阝'),
    ('\u{2ED7}', '雨'), ('\u{2ED8}', '青'), ('\u{2ED9}', '韦'), ('\u{2EDA}', '页'), ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'), ('\u{2EDD}', '食'), ('\u{2EDE}', '𩙿'), ('\u{2EDF}', '飠'), ('\u{2EE0}', '饣'),
    ('\u{2EE1}', '𩠐'), ('\u{2EE2}', '马'), ('\u{2EE3}', '骨'), ('\u{2EE4}', '鬼'), ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'), ('\u{2EE7}', '卤'), ('\u{2EE8}', '麦'), ('\u{2EE9}', '黄'), ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'), ('\u{2EEC}', '齐'), ('\u{2EED}', '歯'), ('\u{2EEE}', '齿'), ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'), ('\u{2EF1}', '龜'), ('\u{2EF2}', '亀'), ('\u{2EF3}', '龟'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        line(text, 1, &mut Vec::new()).into_owned()
    }

    #[test]
    fn radicals_fold_to_the_forms_japanese_writes() {
        // NFKC gives `戶`, `靑`, `黃`, `黑`, `齊`, `龜`; a Japanese plan means `戸`, `青`, `黄`, …
        assert_eq!(norm("全\u{2F3E}訪問 \u{2FAD}\u{2FC8}\u{2FCA}\u{2FD1}\u{2FD4}"), "全戸訪問 青黄黒斉亀");
        assert_eq!(norm("\u{2F6C}標"), "目標");
    }

    #[test]
    fn radicals_standing_for_ideographs_are_folded() {
        // pdf.js on a Chromium-printed PDF (000_chromium_pdfjs.txt): Kangxi radicals, the
        // radicals supplement, a compatibility ideograph, `‧` for `・`.
        assert_eq!(norm("⽬標数値 ⺠間 ⾥親 﨑 ‧ライフ"), "目標数値 民間 里親 﨑 ・ライフ");
        assert_eq!(norm("\u{F91D}"), "欄");
        assert!(RADICALS.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted for the binary search");
        // Unassigned code points next to them are kept.
        assert_eq!(norm("\u{2EF5}\u{2FD6}"), "\u{2EF5}\u{2FD6}");
    }

    #[test]
    fn folds_full_width_and_keeps_meaningful_marks() {
        assert_eq!(norm("（１）　２０２５年度"), "(1) 2025年度");
        assert_eq!(norm("① 〇 ○ ● ▲4 ■ ※ ・ ー"), "① 〇 ○ ● ▲4 ■ ※ ・ ー");
        assert_eq!(norm("ｱﾄﾞﾎﾞｹｲﾄ"), "アドボケイト");
        assert_eq!(norm("６件　　"), "6件");
    }

    #[test]
    fn letter_spaced_labels_lose_their_spacing() {
        assert_eq!(tidy_label("代 替 養 育 子 ども数A"), "代替養育子ども数A");
        assert_eq!(tidy_label("養 子 縁組里親"), "養子縁組里親");
        assert_eq!(tidy_label("児 童 福 祉 司 ス - バ °- バイザー (SV) の配置"), "児童福祉司スーパーバイザー (SV) の配置");
        assert_eq!(tidy_label("18 歳 未 満 人 口 B"), "18 歳未満人口 B");
        assert_eq!(tidy_label("児童福祉司等配置数※ 1"), "児童福祉司等配置数※1");
        // Pieces repaired one by one, their long marks `-` joined a space apart (Word, -layout).
        assert_eq!(tidy_label("児童福祉司ス -パーバイザ - (SV) の配置"), "児童福祉司スーパーバイザー (SV) の配置");
        assert_eq!(tidy_label("ページ - 1"), "ページ - 1");
        // Pieces repaired a line each, then joined: repaired again whole.
        assert_eq!(tidy_label("児童福祉司スーパーバイサ \"- (SV) の配置"), "児童福祉司スーパーバイザー (SV) の配置");
        // Not letter-spaced: no two one-character words side by side.
        for label in ["事業名 機関名", "児童福祉司 SV の配置数", "(内訳) 3 歳未満", "ひとり 親", "A B C"] {
            assert_eq!(tidy_label(label), label);
        }
    }

    #[test]
    fn repairs_broken_katakana_and_warns() {
        let mut warnings = Vec::new();
        let text = line("児童福祉司ス-バ°-ハ\"イサ\"- (SV) の配置", 1376, &mut warnings);
        assert_eq!(text, "児童福祉司スーパーバイザー (SV) の配置");
        assert_eq!(warnings[0].code, "repaired_kana");
        assert_eq!(warnings[0].line, 1376);
    }

    #[test]
    fn flags_replacement_characters() {
        let mut warnings = Vec::new();
        line("表〇 子ど\u{FFFD}数の見込み", 638, &mut warnings);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "replacement_char");
    }

    #[test]
    fn byte_check_agrees_with_needs_work() {
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else { continue };
            let mut buffer = [0; 4];
            let encoded = c.encode_utf8(&mut buffer);
            assert_eq!(needs_work_bytes(encoded.as_bytes()), needs_work(c), "U+{code:04X}");
        }
    }

    #[test]
    fn byte_check_agrees_across_window_boundaries() {
        let samples = [
            'a', '"', '\t', '\u{0C}', '\u{85}', '\u{A0}', '°', '、', '。', '\u{3000}', '〜', '‐', '※', '−', '１', '（', 'ｱ', '\u{FFFD}',
            '￥', 'ー',
        ];
        for sample in samples {
            for n_before in 0..40 {
                let text: String = "あ".repeat(n_before % 7) + &"b".repeat(n_before / 7 * 5) + &sample.to_string() + "いう";
                assert_eq!(needs_work_bytes(text.as_bytes()), text.chars().any(needs_work), "{text:?}");
            }
        }
    }

    #[test]
    fn characters_not_flagged_are_kept() {
        // Every character whose first bytes `starts_work` passes over goes through the fold as it is.
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else { continue };
            let mut buffer = [0; 4];
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            if starts_work(encoded[0], encoded.get(1).copied()) {
                continue;
            }
            let mut warnings = Vec::new();
            assert_eq!(line(&format!("１{c}１"), 1, &mut warnings), format!("1{c}1"), "U+{code:04X}");
            assert!(warnings.is_empty(), "U+{code:04X}");
        }
    }

    #[test]
    fn trims_spaces_and_ideographic_spaces_at_the_end() {
        let padded = format!("表{}\u{3000}{}", " ".repeat(17), " ".repeat(9));
        for text in ["", " ", "a", "a \u{3000} ", "\u{3000}", "表 \u{3000}", "a\t ", " \u{3000}a", "        ", "a         ", &padded] {
            assert_eq!(trim_end_spaces(text), text.trim_end_matches([' ', '\u{3000}']), "{text:?}");
        }
    }

    /// The fold as it was written before runs were copied whole: a character at a time.
    fn fold_by_char(text: &str) -> String {
        let mut folded = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\u{FF01}'..='\u{FF5E}' => folded.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
                '\u{3000}' | '\u{00A0}' => folded.push(' '),
                '\u{2010}' | '\u{2011}' | '\u{2212}' => folded.push('-'),
                '\u{301C}' => folded.push('~'),
                '\u{FF61}'..='\u{FF9F}' | '\u{FFE0}'..='\u{FFEE}' => {
                    let mut run = String::from(c);
                    while let Some(&next) = chars.peek().filter(|next| matches!(next, '\u{FF61}'..='\u{FF9F}')) {
                        run.push(next);
                        chars.next();
                    }
                    folded.extend(run.nfkc());
                }
                FORM_FEED => {}
                _ => folded.push(c),
            }
        }
        folded.trim_end_matches(' ').to_string()
    }

    #[test]
    fn folds_runs_as_char_by_char() {
        let pieces = [
            "あ", "a", "１", "（", "\u{3000}", "\u{A0}", "‐", "−", "〜", "ｶ", "ﾞ", "ﾊ", "ﾟ", "￥", "\u{0C}", "\u{FFFD}", "\u{1}", "\t", "ス",
            "-", "\"", "°", "表",
        ];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let text = format!("{first}{second}x{third}{second}");
                    let expected = fold_by_char(trim_end_spaces(&text));
                    let normalized = line(&text, 1, &mut Vec::new());
                    if repair_kana(&expected).is_none() {
                        assert_eq!(normalized, expected, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn has_char_as_contains() {
        for text in ["", "a", "年度", "2025年度 (R7)", "①②", "度", "x度", "度x", "\u{3000}", "あいう。", "é", "\u{10000}z"]
        {
            for c in ['度', '年', '①', '②', '。', 'a', 'é', 'z', '\u{10000}', '\u{3000}', 'い'] {
                assert_eq!(has_char(text, c), text.contains(c), "{text:?} {c:?}");
            }
        }
    }

    #[test]
    fn trims_as_str_trim() {
        let spaces: Vec<char> = (0..=0x3000u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        let others = [
            'a',
            'あ',
            '\u{1F}',
            '\u{85}',
            '\u{A1}',
            '\u{1681}',
            '\u{2014}',
            '\u{3001}',
            '\u{FF11}',
            '\u{10000}',
            'é',
            '\u{0}',
            '①',
            '※',
            '○',
            '\u{7F}',
            '\u{2060}',
            '\u{2080}',
            '\u{3002}',
        ];
        let mut samples = vec![String::new()];
        for &space in &spaces {
            for &other in &others {
                samples.extend([
                    format!("{space}"),
                    format!("{space}{other}"),
                    format!("{other}{space}"),
                    format!("{space}{other}{space}{space}"),
                    format!("{other}{space}{other}"),
                    format!(" {space}\t{other}x{other}\u{3000}{space}"),
                ]);
            }
        }
        for sample in &samples {
            assert_eq!(trim(sample), sample.trim(), "{sample:?}");
            assert_eq!(trim_spaces(sample), sample.trim_matches(' '), "{sample:?}");
        }
    }

    #[test]
    fn compacts_over_the_text_or_beside_it() {
        let grown = format!("ア{}カ\"", "-".repeat(20));
        for text in [
            "a  \n１２\n\nb\u{0C}c\n  \n".to_string(),
            format!("{grown}\nx\n"),
            format!("x\ny\n{grown}"),
            format!("x{}\n\n\n{grown}\nz", " ".repeat(80)),
            String::new(),
        ] {
            for bom in ["", "\u{FEFF}"] {
                let buffer = format!("{bom}{text}").into_bytes();
                let mut rewritten = String::new();
                let normalized = self::text(&text, &mut rewritten);
                let expected: Vec<String> = normalized.lines.iter().map(|line| line.text.to_string()).collect();
                let spans = spans(normalized.lines, &text, normalized.rewritten);
                let mut compact = compact(buffer, bom.len(), &rewritten, spans);
                let lines: Vec<String> = lines_in(&mut compact).iter().map(|line| line.text.to_string()).collect();
                assert_eq!(lines, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn form_feeds_are_pages() {
        let mut rewritten = String::new();
        let normalized = text("a\n\u{0C}b\nc\u{0C}\nd", &mut rewritten);
        let pages: Vec<u32> = (0..normalized.lines.len()).map(|idx| page_of(&normalized.page_starts, number(idx))).collect();
        assert_eq!(pages, vec![1, 2, 2, 3]);
        assert_eq!(normalized.page_starts, vec![2, 4]);
        assert_eq!(normalized.pages, 3);
        assert_eq!(normalized.lines[1].text, "b");
    }
}
