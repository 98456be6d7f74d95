//! Reading an input file safely: only a regular file (never a device, FIFO
//! or directory, which can hang or grow without end: `/dev/zero`,
//! `/dev/urandom`, a named pipe) and never more than a size cap.

use std::io::Read;
use std::path::Path;

/// The largest scenario file read, bytes (the shipped ones are under 20 kB).
pub const MAX_SCENARIO_BYTES: u64 = 1 << 20;
/// The largest data table read, bytes (the largest shipped table is about
/// 1 MB; a single-year population projection to 2122 is about 3 MB).
pub const MAX_TABLE_BYTES: u64 = 64 << 20;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a regular file.
    #[error("it is not a regular file (a directory, device or pipe): give the path of a file")]
    NotAFile,
    /// Over the cap.
    #[error("it is larger than {} MB: this is not a file the tool reads", .0 >> 20)]
    TooLarge(u64),
    /// Not UTF-8.
    #[error("it is not UTF-8 text: save it as UTF-8")]
    NotUtf8,
}

/// The bytes of the regular file at `path`, at most `max_bytes` of them.
pub fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    // `metadata` follows symbolic links and does not open the file, so a
    // FIFO is refused before anything blocks on it.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge(max_bytes));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge(max_bytes));
    }
    Ok(bytes)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_text_capped(path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    String::from_utf8(read_capped(path, max_bytes)?).map_err(|_| ReadError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_directories_devices_and_big_files() {
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_capped(d.path(), 10),
            Err(ReadError::NotAFile)
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile)
        ));
        let p = d.path().join("f");
        std::fs::write(&p, b"0123456789ab").unwrap();
        assert!(matches!(read_capped(&p, 10), Err(ReadError::TooLarge(10))));
        assert_eq!(read_capped(&p, 12).unwrap().len(), 12);
    }
}
