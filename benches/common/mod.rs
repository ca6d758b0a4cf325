//! Inputs shared by the benches: the fixture texts and a corpus made of them.

use std::path::{Path, PathBuf};

/// `fixtures/` of this crate.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every `fixtures/*.txt`, in name order, as UTF-8 (a Shift_JIS fixture decoded as
/// `parse` decodes it: one file of mixed encodings is no text keikaku reads).
pub fn fixture_texts() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("fixtures/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("fixture is readable");
            let decoded = keikaku::stages::decode(&bytes).expect("fixture decodes");
            decoded.text.into_owned().into_bytes()
        })
        .collect()
}

/// The fixtures concatenated, each ending in a newline and followed by a
/// blank line, repeated until the text is at least `min_bytes` long.
pub fn fixture_corpus(min_bytes: usize) -> Vec<u8> {
    let texts = fixture_texts();
    let mut corpus = Vec::with_capacity(min_bytes + texts.iter().map(Vec::len).sum::<usize>() + 16);
    while corpus.len() < min_bytes {
        for text in &texts {
            corpus.extend_from_slice(text);
            if !text.ends_with(b"\n") {
                corpus.push(b'\n');
            }
            corpus.push(b'\n');
        }
    }
    corpus
}
