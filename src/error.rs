//! The crate-wide error for the environment: unreadable files and undecodable
//! bytes. Bad *content* is never an error; it becomes `Warning`s in the
//! `Document`.

use std::path::PathBuf;

/// Something that stopped a file from being read at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{}: {}", path.display(), message)]
    Io { path: PathBuf, message: String },
    /// The bytes are not text in an encoding keikaku reads.
    #[error("{}: not UTF-8, UTF-16 or Shift_JIS (first bad byte at offset {offset})", path.display())]
    Encoding { path: PathBuf, offset: usize },
    /// A PDF that needs `pdftotext` (poppler-utils) to be read.
    #[error("{}: {}", path.display(), message)]
    Pdf { path: PathBuf, message: String },
}

impl Error {
    /// An I/O error with a short lowercase message (no OS error codes).
    pub fn io(path: impl Into<PathBuf>, error: &std::io::Error) -> Error {
        let message = match error.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
            _ => {
                let text = error.to_string();
                match text.find(" (os error") {
                    Some(end) => text[..end].to_lowercase(),
                    None => text.to_lowercase(),
                }
            }
        };
        Error::Io { path: path.into(), message }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
