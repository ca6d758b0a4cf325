//! Stage 1, bytes → text. Detects the encoding (BOM, UTF-8, else CP932),
//! unifies line ends to `\n` and leaves form feeds in place (the next stage
//! turns them into page numbers). Never replaces a byte it cannot decode: it
//! reports the offset instead.

use std::borrow::Cow;

/// The encodings keikaku reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Shift_JIS as Windows writes it (CP932).
    ShiftJis,
}

impl Encoding {
    /// The name used in `source.encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::ShiftJis => "shift_jis",
        }
    }
}

/// Decoded text with `\n` line ends.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
}

/// The bytes are no text keikaku reads; `offset` is the first bad byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecodable {
    pub offset: usize,
}

/// Decodes `bytes`: BOM first, then strict UTF-8, then strict CP932.
pub fn bytes(bytes: &[u8]) -> Result<Decoded<'_>, Undecodable> {
    let (text, encoding): (Cow<'_, str>, Encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match utf8(rest) {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8Bom),
            Err(error) => return Err(Undecodable { offset: 3 + error.valid_up_to() }),
        }
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (Cow::Owned(utf16(rest, u16::from_le_bytes)?), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Cow::Owned(utf16(rest, u16::from_be_bytes)?), Encoding::Utf16Be)
    } else {
        match utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
            Err(error) => {
                let utf8_offset = error.valid_up_to();
                match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(text) if !text.contains('\u{FFFD}') && looks_like_text(&text) => {
                        (Cow::Owned(text.into_owned()), Encoding::ShiftJis)
                    }
                    _ => return Err(Undecodable { offset: utf8_offset }),
                }
            }
        }
    };
    Ok(Decoded { text: unify_line_ends(text), encoding })
}

/// Strict UTF-8: SIMD validation (simdutf8) for the common valid case; the
/// standard library only for invalid input, whose error carries the offset.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// CP932 decodes most byte strings; binary data shows itself by NUL bytes and
/// other control characters, which plan text does not have.
fn looks_like_text(text: &str) -> bool {
    let n_chars = text.chars().count().max(1);
    let n_control = text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')).count();
    !text.contains('\0') && n_control * 100 <= n_chars
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, Undecodable> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Undecodable { offset: 2 + bytes.len() - 1 });
    }
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (unit_idx, result) in char::decode_utf16(units).enumerate() {
        match result {
            Ok(character) => text.push(character),
            Err(_) => return Err(Undecodable { offset: 2 + unit_idx * 2 }),
        }
    }
    Ok(text)
}

/// CRLF and lone CR become LF; text without CR is returned as it is.
fn unify_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    // (`memchr` over the whole text: `str::contains` read it a word at a time.)
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut unified = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(character) = chars.next() {
        if character == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            unified.push('\n');
        } else {
            unified.push(character);
        }
    }
    Cow::Owned(unified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(bytes("表1\r\n".as_bytes()).unwrap().text, "表1\n");
        let decoded = bytes(b"\xEF\xBB\xBFa\rb").unwrap();
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(decoded.text, "a\nb");
    }

    #[test]
    fn utf16_and_shift_jis() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "表\r\n".encode_utf16() {
            le.extend(unit.to_le_bytes());
        }
        assert_eq!(bytes(&le).unwrap().text, "表\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("令和7年度\r\n");
        let decoded = bytes(&sjis).unwrap();
        assert_eq!(decoded.encoding, Encoding::ShiftJis);
        assert_eq!(decoded.text, "令和7年度\n");
    }

    #[test]
    fn garbage_names_the_first_bad_byte() {
        assert_eq!(bytes(b"ok\xFF\xFF\xFF").unwrap_err(), Undecodable { offset: 2 });
        // Binary that CP932 would accept is refused by its control characters.
        assert_eq!(bytes(b"\x81\x40\x00\x01\x02\x83\x41").unwrap_err(), Undecodable { offset: 0 });
    }
}
