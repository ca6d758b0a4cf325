//! A small memo of a pure function of short texts: the same cell or header text is
//! read again and again (a table is tested by several readers, then built, then its
//! columns labelled), and typing it or reading its year costs more than finding the
//! answer given last time. One memo a thread (`batch` parses on several).

/// Texts longer than this are not kept (nor looked up): most cells and year labels are shorter.
pub const MAX_KEY_BYTES: usize = 64;

/// A kept text: its bytes as little-endian words, zero-padded.
const KEY_WORDS: usize = MAX_KEY_BYTES / 8;

/// Answers kept: a slot per hash, a new text taking the slot of the one before it.
const N_SLOTS: usize = 1024;

/// The answers last given for up to `N_SLOTS` texts.
pub struct Memo<T> {
    slots: Vec<Slot<T>>,
}

/// One kept answer, beside its text (one look-up reads neighbouring memory).
struct Slot<T> {
    key: [u64; KEY_WORDS],
    /// The text's length in bytes; `usize::MAX` for an empty slot.
    len: usize,
    value: Option<T>,
}

impl<T> Memo<T> {
    pub const fn new() -> Self {
        Memo { slots: Vec::new() }
    }
}

/// `read(text)`, or the answer `memo` kept for `text` (a text read is kept).
#[inline]
pub fn cached<T: Clone>(memo: &'static std::thread::LocalKey<std::cell::RefCell<Memo<T>>>, text: &str, read: impl FnOnce(&str) -> T) -> T {
    cached_with(memo, text, read, T::clone)
}

/// `then(&read(text))`, the answer read from the memo when it was kept (a text read is
/// kept): a caller that needs a part of the answer takes only that, not a copy of the whole.
/// `then` runs while the memo is borrowed: it must not look in the same memo.
#[inline]
pub fn cached_with<T, R>(
    memo: &'static std::thread::LocalKey<std::cell::RefCell<Memo<T>>>,
    text: &str,
    read: impl FnOnce(&str) -> T,
    then: impl FnOnce(&T) -> R,
) -> R {
    let Some((key, slot)) = key_of(text) else {
        return then(&read(text));
    };
    memo.with(|memo| {
        if let Some(kept) = memo.borrow().slots.get(slot) {
            // Word by word, without a call to `memcmp`.
            let differ = kept.key.iter().zip(&key).fold(0, |differ, (kept, word)| differ | (kept ^ word));
            if let Some(value) = kept.value.as_ref().filter(|_| kept.len == text.len() && differ == 0) {
                return then(value);
            }
        }
        let value = read(text);
        let answer = then(&value);
        let mut memo = memo.borrow_mut();
        if memo.slots.is_empty() {
            memo.slots = (0..N_SLOTS).map(|_| Slot { key: [0; KEY_WORDS], len: usize::MAX, value: None }).collect();
        }
        memo.slots[slot] = Slot { key, len: text.len(), value: Some(value) };
        answer
    })
}

/// A text's bytes as zero-padded little-endian words (compared whole), and its slot:
/// a multiplicative hash of the words. None for a text too long to keep.
#[inline]
fn key_of(text: &str) -> Option<([u64; KEY_WORDS], usize)> {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    if bytes.len() > MAX_KEY_BYTES {
        return None;
    }
    let mut key = [0u64; KEY_WORDS];
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    let mut n_words = 0;
    for (slot, chunk) in key.iter_mut().zip(&mut chunks) {
        *slot = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(5) ^ *slot).wrapping_mul(K);
        n_words += 1;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // (A byte at a time: a copy of a few bytes into a padded word was a call to `memcpy`.)
        let word = rest.iter().rev().fold(0u64, |word, &byte| word << 8 | u64::from(byte));
        key[n_words] = word;
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    Some((key, (hash >> 40) as usize % N_SLOTS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local! {
        static MEMO: RefCell<Memo<usize>> = const { RefCell::new(Memo::new()) };
    }

    #[test]
    fn keeps_the_last_answer_per_text() {
        let n_reads = std::cell::Cell::new(0);
        let read = |text: &str| {
            n_reads.set(n_reads.get() + 1);
            text.len()
        };
        let long = "あ".repeat(30);
        for text in ["12件", "13件", "12件", "", "12", &long, &long, "12345678", "123456789", "12345678"] {
            assert_eq!(cached(&MEMO, text, read), text.len());
        }
        // Read once each: `12件`, `13件`, ``, `12`, the long text twice (not kept), `12345678`, `123456789`.
        assert_eq!(n_reads.get(), 8);
    }
}
