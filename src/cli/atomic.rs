//! The output policy, in one place: every file a command writes goes
//! through a [`FileSet`].
//!
//! - The set is known before work starts: a command declares every output
//!   ([`FileSet::declare`]) right after parsing, and each is checked then.
//!   An output may not be an input of the run (the scenario chain, the
//!   tables it substitutes), another output of the same run, a symbolic
//!   link or anything but a regular file (a directory, a device, a FIFO):
//!   such an output is refused with exit 2, never replaced.
//! - Content goes to temporaries beside the targets (streamed outputs too,
//!   [`FileSet::stream`]); [`FileSet::commit`] renames them all while it
//!   holds an exclusive lock on every target directory, so two runs writing
//!   into one directory at once leave one run's whole set, never a mix.
//! - Temporaries are registered: on SIGINT or SIGTERM the handler installed
//!   by [`install_cleanup`] removes them and exits 130; SIGXFSZ (a file-size
//!   limit) is ignored so that it comes back as a write error, and a write
//!   error (a full disk, ENOSPC) removes them too. Earlier good files are
//!   only ever replaced by a complete new file.

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
/// SIGXFSZ (a file over `ulimit -f`) is ignored, so the write that passes
/// the limit fails with EFBIG and the temporaries are removed as for any
/// other write error. Call once, at start-up.
pub fn install_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_temporaries();
        std::process::exit(130);
    });
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN at start-up, before
    // any thread is spawned, has no memory-safety preconditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// A panic inside calamine's xlsx reader (an unchecked index or
/// subtraction on a malformed sheet) is caught by the importer and
/// reported as a malformed workbook (`data::import::cells`); its message
/// is not printed. Any other panic (a bug) is printed as usual.
pub fn quiet_caught_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_calamine = info.location().is_some_and(|l| {
            l.file().contains("calamine") && l.file().ends_with("cells_reader.rs")
        });
        if !in_calamine {
            default(info);
        }
    }));
}

/// An output that would replace an input, another output of the run, a
/// link or something that is not a regular file.
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
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// The device and inode of an existing file (hard links share them).
#[cfg(unix)]
fn file_key(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_key(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// What an existing path is, when it is not a regular file.
fn not_regular(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = fs::read_link(path)
            .map(|t| format!(" (to {})", t.display()))
            .unwrap_or_default();
        return Some(format!(
            "is a symbolic link{target}: an output replaces its file whole, which would replace the link; give the real path or remove the link"
        ));
    }
    if kind.is_file() {
        return None;
    }
    let what = if kind.is_dir() {
        "a directory"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                "a FIFO (named pipe)"
            } else if kind.is_char_device() || kind.is_block_device() {
                "a device"
            } else if kind.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            "not a regular file"
        }
    };
    Some(format!(
        "is {what}, not a regular file: an output is only written to a regular file (new or replaced); give a file path"
    ))
}

/// An input of the run: as given, its identity and its inode.
#[derive(Debug)]
struct Input {
    given: PathBuf,
    id: PathBuf,
    key: Option<(u64, u64)>,
}

/// What an output will hold.
#[derive(Debug)]
enum Content {
    /// Declared, not produced yet.
    Pending,
    /// Bytes in memory.
    Bytes(Vec<u8>),
    /// Already written to this registered temporary.
    Written(PathBuf),
}

#[derive(Debug)]
struct Output {
    path: PathBuf,
    id: PathBuf,
    content: Content,
}

/// The files one command writes, written together.
#[derive(Debug, Default)]
pub struct FileSet {
    inputs: Vec<Input>,
    files: Vec<Output>,
}

impl FileSet {
    /// A set for a run that read `inputs` (scenario files, data tables).
    pub fn new<P: AsRef<Path>>(inputs: impl IntoIterator<Item = P>) -> FileSet {
        FileSet {
            inputs: inputs
                .into_iter()
                .filter(|p| p.as_ref().as_os_str() != "-")
                .map(|p| Input {
                    given: p.as_ref().to_path_buf(),
                    id: identity(p.as_ref()),
                    key: file_key(p.as_ref()),
                })
                .collect(),
            files: Vec::new(),
        }
    }

    /// Add more inputs (e.g. the tables a scenario substitutes, known once
    /// it is loaded); outputs already declared are checked against them.
    pub fn add_inputs<P: AsRef<Path>>(
        &mut self,
        inputs: impl IntoIterator<Item = P>,
    ) -> Result<(), ClashError> {
        let mut more = FileSet::new(inputs);
        self.inputs.append(&mut more.inputs);
        for o in &self.files {
            self.input_clash(&o.path, &o.id)?;
        }
        Ok(())
    }

    fn input_clash(&self, path: &Path, id: &Path) -> Result<(), ClashError> {
        let key = file_key(path);
        if let Some(input) = self
            .inputs
            .iter()
            .find(|i| i.id == id || (key.is_some() && i.key == key))
        {
            return Err(ClashError {
                path: path.to_path_buf(),
                message: format!(
                    "this output would replace the input {}: write the output somewhere else",
                    input.given.display()
                ),
            });
        }
        Ok(())
    }

    /// Refuse `path` if it is an input, already an output, a link or not a
    /// regular file.
    pub fn check(&self, path: &Path) -> Result<(), ClashError> {
        let id = identity(path);
        self.input_clash(path, &id)?;
        if self.files.iter().any(|o| o.id == id) {
            return Err(ClashError {
                path: path.to_path_buf(),
                message: "two of this run's outputs would be written to the same file: give them different names or directories".into(),
            });
        }
        if let Some(message) = not_regular(path) {
            return Err(ClashError {
                path: path.to_path_buf(),
                message,
            });
        }
        Ok(())
    }

    /// Declare an output before any work; refused as [`FileSet::check`] says.
    pub fn declare(&mut self, path: PathBuf) -> Result<(), ClashError> {
        self.check(&path)?;
        let id = identity(&path);
        self.files.push(Output {
            path,
            id,
            content: Content::Pending,
        });
        Ok(())
    }

    /// The declared, still empty output at `path`, if any.
    fn pending(&mut self, path: &Path) -> Option<&mut Output> {
        let id = identity(path);
        self.files
            .iter_mut()
            .find(|o| o.id == id && matches!(o.content, Content::Pending))
    }

    /// Give a file its bytes: a declared output, or a new one (checked).
    pub fn add(&mut self, path: PathBuf, bytes: Vec<u8>) -> Result<(), ClashError> {
        if let Some(o) = self.pending(&path) {
            o.content = Content::Bytes(bytes);
            return Ok(());
        }
        self.declare(path.clone())?;
        if let Some(o) = self.pending(&path) {
            o.content = Content::Bytes(bytes);
        }
        Ok(())
    }

    /// Write an output from a stream into its temporary now (memory stays
    /// flat); it is renamed with the rest of the set at [`FileSet::commit`].
    /// `fill`'s own error comes back as `Ok(Err(_))`, with the temporary
    /// removed.
    pub fn stream<E>(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, WriteError> {
        if self.pending(path).is_none() {
            self.declare(path.to_path_buf()).map_err(|e| WriteError {
                path: path.to_path_buf(),
                source: std::io::Error::other(e.message),
            })?;
        }
        let tmp = tmp_path(path);
        register(&tmp);
        let outcome = (|| {
            let file = create_new(&tmp)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            let r = fill(&mut w);
            if r.is_ok() {
                let f = w
                    .into_inner()
                    .map_err(std::io::IntoInnerError::into_error)?;
                f.sync_all()?;
            }
            Ok(r)
        })();
        if !matches!(outcome, Ok(Ok(()))) {
            let _ = fs::remove_file(&tmp);
            unregister(&tmp);
            return outcome.map_err(|source| WriteError {
                path: path.to_path_buf(),
                source,
            });
        }
        if let Some(o) = self.pending(path) {
            o.content = Content::Written(tmp);
        }
        Ok(Ok(()))
    }

    /// Write every file: all temporaries first, then, holding a lock on
    /// every target directory, every rename, so that an interrupted or
    /// failed run leaves the previous set in place and concurrent runs do
    /// not mix their sets. Outputs declared but never given content are
    /// not written.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let files = std::mem::take(&mut self.files);
        let mut ready: Vec<(PathBuf, PathBuf)> = Vec::new();
        let fail = |ready: &[(PathBuf, PathBuf)], rest: &[Output]| {
            for (t, _) in ready {
                let _ = fs::remove_file(t);
                unregister(t);
            }
            for o in rest {
                if let Content::Written(t) = &o.content {
                    let _ = fs::remove_file(t);
                    unregister(t);
                }
            }
        };
        for (i, o) in files.iter().enumerate() {
            match &o.content {
                Content::Pending => {}
                Content::Written(t) => ready.push((t.clone(), o.path.clone())),
                Content::Bytes(bytes) => {
                    let tmp = tmp_path(&o.path);
                    register(&tmp);
                    if let Err(source) = write_tmp(&tmp, bytes) {
                        let _ = fs::remove_file(&tmp);
                        unregister(&tmp);
                        fail(&ready, files.get(i..).unwrap_or_default());
                        return Err(WriteError {
                            path: o.path.clone(),
                            source,
                        });
                    }
                    ready.push((tmp, o.path.clone()));
                }
            }
        }
        let locks = lock_dirs(ready.iter().map(|(_, p)| p.as_path()));
        let mut result = Ok(());
        for (tmp, path) in &ready {
            if result.is_ok() {
                if let Err(source) = fs::rename(tmp, path) {
                    result = Err(WriteError {
                        path: path.clone(),
                        source,
                    });
                }
            }
            let _ = fs::remove_file(tmp);
            unregister(tmp);
        }
        drop(locks);
        result
    }
}

impl Drop for FileSet {
    /// A set dropped without a commit (an error on the way) removes the
    /// temporaries of its streamed outputs.
    fn drop(&mut self) {
        for o in &self.files {
            if let Content::Written(t) = &o.content {
                let _ = fs::remove_file(t);
                unregister(t);
            }
        }
    }
}

/// Exclusive locks on the directories of `paths` (each once, in a fixed
/// order so that two runs cannot deadlock), released when dropped. A
/// directory that cannot be locked is not waited for: the renames are
/// atomic one by one regardless.
fn lock_dirs<'a>(paths: impl Iterator<Item = &'a Path>) -> Vec<fs::File> {
    let mut dirs: Vec<PathBuf> = paths
        .map(|p| {
            let d = crate::cli::parent_dir(p);
            d.canonicalize().unwrap_or_else(|_| d.to_path_buf())
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs.iter()
        .filter_map(|d| fs::File::open(d).ok())
        .filter(lock_exclusive)
        .collect()
}

#[cfg(unix)]
fn lock_exclusive(f: &fs::File) -> bool {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a file descriptor this process owns and keeps open
    // for as long as the lock is held.
    unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) == 0 }
}

#[cfg(not(unix))]
fn lock_exclusive(_f: &fs::File) -> bool {
    false
}

/// Create `tmp`, failing if it exists (a stale temporary of another run
/// with the same process id is removed first: it is this process's name).
fn create_new(tmp: &Path) -> std::io::Result<fs::File> {
    let _ = fs::remove_file(tmp);
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
}

fn write_tmp(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = create_new(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}; {hint}", path = .path.display(), hint = write_hint(.source))]
pub struct WriteError {
    /// The file being written.
    pub path: PathBuf,
    /// The operating system's reason.
    #[source]
    pub source: std::io::Error,
}

/// How to fix a failed write, by its cause.
fn write_hint(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => {
            "the disk is full: free some space or write the output elsewhere (earlier files are kept, no partial file is left)"
        }
        Some(libc::EFBIG) => {
            "the file is larger than allowed (`ulimit -f`): raise the limit or write less (earlier files are kept, no partial file is left)"
        }
        _ => "check that the directory exists and is writable",
    }
}

/// The free space, in bytes, of the file system holding `dir` (`None`
/// when it cannot be told).
#[cfg(unix)]
// The field types differ between platforms (u32 on some 32-bit ones).
#[allow(clippy::useless_conversion)]
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs writes into the zeroed struct we own; the path is a
    // NUL-terminated string that outlives the call.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(c.as_ptr(), &mut st) };
    (rc == 0).then(|| u64::from(st.f_bavail).saturating_mul(st.f_frsize))
}

#[cfg(not(unix))]
pub fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

/// Refuse to start writing about `bytes` into `dir` when its file system
/// has less free (with a 5 % margin).
pub fn ensure_space(dir: &Path, bytes: u64, what: &str) -> Result<(), crate::cli::UsageError> {
    let Some(free) = free_bytes(dir) else {
        return Ok(());
    };
    let needed = bytes.saturating_add(bytes / 20);
    if needed > free {
        return Err(crate::cli::UsageError(format!(
            "{what} would take about {} but {} has {} free: free some space, write it elsewhere or ask for less",
            human_bytes(bytes),
            dir.display(),
            human_bytes(free)
        )));
    }
    Ok(())
}

/// Bytes as a short human figure (`1.5 GB`).
pub fn human_bytes(b: u64) -> String {
    let v = b as f64;
    if v >= 1e9 {
        format!("{:.1} GB", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1} MB", v / 1e6)
    } else {
        format!("{} kB", b.div_ceil(1000))
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write `bytes` to `path` atomically (an output set of one file).
#[cfg(test)]
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut set = FileSet::default();
    if let Err(e) = set.add(path.to_path_buf(), bytes.to_vec()) {
        return Err(WriteError {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.message),
        });
    }
    set.commit()
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

    #[cfg(unix)]
    #[test]
    fn links_hard_links_and_devices_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("s.toml");
        fs::write(&input, "x").unwrap();
        let link = d.path().join("l.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let hard = d.path().join("h.csv");
        fs::hard_link(&input, &hard).unwrap();
        let mut set = FileSet::new([&input]);
        assert!(set.declare(link).is_err());
        assert!(set.declare(hard).is_err());
        assert!(set.declare(PathBuf::from("/dev/null")).is_err());
        assert!(set.declare(d.path().to_path_buf()).is_err());
    }

    #[test]
    fn a_streamed_output_is_renamed_with_the_set_or_removed() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("paths.csv");
        fs::write(&p, "good").unwrap();
        let mut set = FileSet::default();
        set.declare(p.clone()).unwrap();
        let r: Result<(), std::io::Error> = set
            .stream(&p, |w| {
                w.write_all(b"partial")
                    .and(Err(std::io::Error::other("stop")))
            })
            .unwrap();
        assert!(r.is_err());
        drop(set);
        assert_eq!(fs::read(&p).unwrap(), b"good");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
        let mut set = FileSet::default();
        set.declare(p.clone()).unwrap();
        set.stream(&p, |w| w.write_all(b"new")).unwrap().unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"good");
        set.commit().unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        assert!(write_atomic(&d.path().join("no/such/a.csv"), b"x").is_err());
    }
}
