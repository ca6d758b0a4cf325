//! A small memo of a pure function of short texts: the same cell or header text is
//! read again and again (a table is tested by several readers, then built, then its
//! columns labelled), and typing it or reading its year costs more than finding the
//! answer given last time. One memo a thread (`batch` parses on several).

/// Texts longer than this are not kept (nor looked up): most cells and year labels are shorter.
pub const MAX_KEY_BYTES: usize = 48;

/// Answers kept: a slot per hash, a new text taking the slot of the one before it.
const N_SLOTS: usize = 1024;

/// The answers last given for up to `N_SLOTS` texts.
pub struct Memo<T> {
    /// Key bytes of every slot, `MAX_KEY_BYTES` each, with the slot's key length in `lens`.
    keys: Vec<[u8; MAX_KEY_BYTES]>,
    /// `usize::MAX` for an empty slot.
    lens: Vec<usize>,
    values: Vec<Option<T>>,
}

impl<T: Clone> Memo<T> {
    pub const fn new() -> Self {
        Memo { keys: Vec::new(), lens: Vec::new(), values: Vec::new() }
    }

    /// The answer kept for `text`, if it is.
    #[inline]
    pub fn get(&self, text: &str) -> Option<T> {
        let (key, slot) = key_of(text)?;
        if self.lens.get(slot) == Some(&text.len()) && self.keys[slot] == key {
            self.values[slot].clone()
        } else {
            None
        }
    }

    /// Keeps `value` as the answer for `text` (a text too long to keep is not).
    #[inline]
    pub fn put(&mut self, text: &str, value: &T) {
        let Some((key, slot)) = key_of(text) else { return };
        if self.lens.is_empty() {
            self.keys = vec![[0; MAX_KEY_BYTES]; N_SLOTS];
            self.lens = vec![usize::MAX; N_SLOTS];
            self.values = (0..N_SLOTS).map(|_| None).collect();
        }
        self.keys[slot] = key;
        self.lens[slot] = text.len();
        self.values[slot] = Some(value.clone());
    }
}

/// A text's bytes padded with zeros to `MAX_KEY_BYTES` (compared whole, without a
/// call to `memcmp`), and its slot: a multiplicative hash of the padded key, eight
/// bytes at a time. None for a text too long to keep.
#[inline]
fn key_of(text: &str) -> Option<([u8; MAX_KEY_BYTES], usize)> {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    if bytes.len() > MAX_KEY_BYTES {
        return None;
    }
    let mut key = [0u8; MAX_KEY_BYTES];
    key[..bytes.len()].copy_from_slice(bytes);
    let mut hash = bytes.len() as u64;
    // Only the words that hold the text (a short text, most of them, is hashed in one or two).
    for chunk in key.chunks_exact(8).take(bytes.len().div_ceil(8)) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    Some((key, (hash >> 40) as usize % N_SLOTS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_answer_per_text() {
        let mut memo = Memo::new();
        assert_eq!(memo.get("12件"), None);
        memo.put("12件", &1);
        memo.put("13件", &2);
        assert_eq!(memo.get("12件"), Some(1));
        assert_eq!(memo.get("13件"), Some(2));
        assert_eq!(memo.get("12"), None);
        let long = "あ".repeat(20);
        memo.put(&long, &3);
        assert_eq!(memo.get(&long), None);
    }
}
