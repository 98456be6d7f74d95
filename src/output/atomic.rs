//! Atomic file writes: the content goes to a temporary file in the same
//! directory, which is then renamed over the target, so an interrupted run
//! never leaves a truncated file behind.
//!
//! A command that writes several files collects them in a [`FileSet`]: it
//! refuses an output that would replace one of the run's inputs or another
//! of its outputs, writes every file to its temporary first and renames
//! them only when all are written, so a run's files are replaced as a set.
//! Temporaries are registered so that [`install_cleanup`] can remove them
//! when the process is interrupted (SIGINT, SIGTERM).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, removed on an interrupt.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Register a temporary file or directory for removal on an interrupt.
pub fn register_temporary(tmp: &Path) {
    register(tmp);
}

/// Forget a temporary registered with [`register_temporary`].
pub fn unregister_temporary(tmp: &Path) {
    unregister(tmp);
}

fn register(tmp: &Path) {
    if let Ok(mut t) = TEMPORARIES.lock() {
        t.push(tmp.to_path_buf());
    }
}

fn unregister(tmp: &Path) {
    if let Ok(mut t) = TEMPORARIES.lock() {
        t.retain(|p| p != tmp);
    }
}

/// Remove every registered temporary (what an interrupt leaves behind).
pub fn remove_temporaries() {
    if let Ok(mut t) = TEMPORARIES.lock() {
        for p in t.drain(..) {
            if p.is_dir() {
                let _ = fs::remove_dir_all(p);
            } else {
                let _ = fs::remove_file(p);
            }
        }
    }
}

/// On SIGINT or SIGTERM (Ctrl-C, `kill`), remove the temporaries being
/// written and exit with 130, the shell's code for an interrupted command.
/// Call once, at start-up; a second call (or a platform without signals)
/// leaves the default behaviour.
pub fn install_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_temporaries();
        std::process::exit(130);
    });
}

/// An output that would replace an input or another output of the run.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ClashError {
    /// The output path.
    pub path: PathBuf,
    /// Which input or output it would replace, and how to fix it.
    pub message: String,
}

/// A path's identity for comparisons: the real folder (symbolic links and
/// `..` resolved) and the file name; the path itself when its folder does
/// not exist yet.
fn identity(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The files one command writes, written together.
#[derive(Debug, Default)]
pub struct FileSet {
    inputs: Vec<(PathBuf, PathBuf)>,
    files: Vec<(PathBuf, PathBuf, Vec<u8>)>,
}

impl FileSet {
    /// A set for a run that read `inputs` (scenario files, data tables).
    pub fn new<P: AsRef<Path>>(inputs: impl IntoIterator<Item = P>) -> FileSet {
        FileSet {
            inputs: inputs
                .into_iter()
                .map(|p| (p.as_ref().to_path_buf(), identity(p.as_ref())))
                .collect(),
            files: Vec::new(),
        }
    }

    /// Refuse `path` if it is an input or already an output.
    pub fn check(&self, path: &Path) -> Result<(), ClashError> {
        let id = identity(path);
        let clash = |message: String| ClashError {
            path: path.to_path_buf(),
            message,
        };
        if let Some((input, _)) = self.inputs.iter().find(|(_, i)| *i == id) {
            return Err(clash(format!(
                "this output would replace the input {}: write the output somewhere else",
                input.display()
            )));
        }
        if self.files.iter().any(|(_, i, _)| *i == id) {
            return Err(clash(
                "two of this run's outputs would be written to the same file: give them different names or directories".into(),
            ));
        }
        Ok(())
    }

    /// Add a file to write; refused if it would replace an input or another
    /// output.
    pub fn add(&mut self, path: PathBuf, bytes: Vec<u8>) -> Result<(), ClashError> {
        self.check(&path)?;
        let id = identity(&path);
        self.files.push((path, id, bytes));
        Ok(())
    }

    /// Write every file: all temporaries first, then every rename, so that
    /// an interrupted or failed run leaves the previous set in place.
    pub fn commit(self) -> Result<(), WriteError> {
        // A target that cannot be replaced by a file fails the set before
        // anything is written.
        if let Some((path, _, _)) = self.files.iter().find(|(p, _, _)| p.is_dir()) {
            return Err(WriteError {
                path: path.clone(),
                source: std::io::Error::other("a directory is in the way"),
            });
        }
        let mut written: Vec<(PathBuf, &Path)> = Vec::new();
        for (path, _, bytes) in &self.files {
            let tmp = tmp_path(path);
            register(&tmp);
            if let Err(source) = write_tmp(&tmp, bytes) {
                for (t, _) in written.iter().chain([&(tmp, path.as_path())]) {
                    let _ = fs::remove_file(t);
                    unregister(t);
                }
                return Err(WriteError {
                    path: path.clone(),
                    source,
                });
            }
            written.push((tmp, path));
        }
        let mut result = Ok(());
        for (tmp, path) in &written {
            if result.is_ok() {
                if let Err(source) = fs::rename(tmp, path) {
                    result = Err(WriteError {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            }
            let _ = fs::remove_file(tmp);
            unregister(tmp);
        }
        result
    }
}

fn write_tmp(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}; check that the directory exists and is writable")]
pub struct WriteError {
    /// The file being written.
    pub path: PathBuf,
    /// The operating system's reason.
    #[source]
    pub source: std::io::Error,
}

/// Write `path` atomically from a stream: `fill` writes the content
/// (buffered) into a temporary file beside it, which replaces `path` only
/// when `fill` succeeds, so memory does not grow with the output's size.
/// `fill`'s own error comes back as `Ok(Err(_))`.
pub fn write_atomic_streamed<E>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<Result<(), E>, WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let tmp = tmp_path(path);
    register(&tmp);
    let outcome = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        let r = fill(&mut w);
        if r.is_ok() {
            let f = w
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            f.sync_all()?;
            fs::rename(&tmp, path)?;
        }
        Ok(r)
    })();
    if !matches!(outcome, Ok(Ok(()))) {
        let _ = fs::remove_file(&tmp);
    }
    unregister(&tmp);
    outcome.map_err(err)
}

fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let tmp = tmp_path(path);
    register(&tmp);
    let result = write_tmp(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    unregister(&tmp);
    result.map_err(err)
}

/// Make sure `dir` exists and can take new files, before any long work.
pub fn prepare_dir(dir: &Path) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: dir.to_path_buf(),
        source,
    };
    fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(format!(".fiscal-write-probe.{}", std::process::id()));
    fs::File::create(&probe).map_err(err)?;
    fs::remove_file(&probe).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn file_set_refuses_clashes_and_writes_all() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("s.toml");
        fs::write(&input, "x").unwrap();
        let mut set = FileSet::new([&input]);
        assert!(set.add(d.path().join("./s.toml"), b"y".to_vec()).is_err());
        set.add(d.path().join("a.csv"), b"a".to_vec()).unwrap();
        assert!(set.add(d.path().join("a.csv"), b"b".to_vec()).is_err());
        set.add(d.path().join("b.csv"), b"b".to_vec()).unwrap();
        set.commit().unwrap();
        assert_eq!(fs::read(d.path().join("a.csv")).unwrap(), b"a");
        assert_eq!(fs::read(&input).unwrap(), b"x");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 3);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        assert!(write_atomic(&d.path().join("no/such/a.csv"), b"x").is_err());
    }
}
