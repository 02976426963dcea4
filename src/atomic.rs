//! Where output goes, and how it appears: whole or not at all.
//!
//! [`Output::open`] is the one way a command opens an output target:
//!
//! | target | how it is written |
//! |---|---|
//! | `-` | standard output, directly |
//! | a character or block device, FIFO or socket (`/dev/null`, a named pipe), or a path that stands for a file descriptor (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, anything under `/proc/`) | opened and written directly: no temporary file, nothing renamed |
//! | a symbolic link | followed to its final target, which is then written as a regular file (the link stays a link) |
//! | a regular file, or a name not yet taken | an [`AtomicFile`]: a temporary file beside it, renamed over it only when everything was written |
//!
//! Temporary files are named `.NAME.termalign-XXXXXX.tmp` (NAME the
//! destination's file name) so a stale one, left by a SIGKILL or a power
//! cut, is recognisable and safe to delete. While one exists, SIGINT,
//! SIGTERM and SIGHUP delete it before the process exits (exit code 128 +
//! the signal), and SIGXFSZ (`ulimit -f`) is ignored so the write fails with
//! an error naming the file instead of killing the process silently.
//!
//! [`refuse_overwrite`] checks, before any work, that no output is one of
//! the command's inputs.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// A file being written; dropped without [`AtomicFile::commit`], it leaves
/// nothing behind.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// let mut f = termalign::atomic::AtomicFile::create(&path).unwrap();
/// f.write_all(b"hello").unwrap();
/// assert!(!path.exists());
/// f.commit().unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
/// ```
pub struct AtomicFile {
    tmp: BufWriter<tempfile::NamedTempFile>,
    dest: PathBuf,
    _reg: Registration,
}

/// The middle of a temporary file's name: `.NAME` + this + `XXXXXX.tmp`.
pub const TEMP_MARK: &str = ".termalign-";

impl AtomicFile {
    /// Start writing `dest` (through a temporary file beside it). The
    /// temporary file is created now, so an unwritable folder is an error
    /// before any work.
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        signals::install();
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}{TEMP_MARK}");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A temporary file is private (0600) by default; the output must get
        // the mode a plainly created file would (0666 less the umask), or
        // keep the mode of the file it replaces.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dest).map_or(0o666, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        // The error names the folder: that is what is not writable.
        let tmp = builder.tempfile_in(dir).map_err(|e| {
            // tempfile's message names its random path; the OS error is
            // what the user needs.
            let why = e.raw_os_error().map_or_else(
                || e.to_string(),
                |n| std::io::Error::from_raw_os_error(n).to_string(),
            );
            Error::new(
                ErrorKind::Io,
                format!("cannot create a file in {}: {why}", dir.display()),
            )
            .with_path(dest)
        })?;
        let reg = Registration::new(tmp.path());
        Ok(AtomicFile {
            tmp: BufWriter::with_capacity(128 * 1024, tmp),
            dest: dest.to_path_buf(),
            _reg: reg,
        })
    }

    /// Flush and move the file into place.
    pub fn commit(self) -> Result<()> {
        let (mut w, pending) = self.into_parts()?;
        w.flush()
            .map_err(|e| Error::io(e).with_path(pending.path()))?;
        drop(w);
        pending.commit()
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.dest
    }

    /// Split into the stream to write and the [`PendingFile`] that moves it
    /// into place, so a writer can own the stream (a boxed
    /// [`TmWriter`](crate::tm::TmWriter), say) while the caller keeps the
    /// commit. Flush the stream before committing.
    pub fn into_parts(self) -> Result<(BufWriter<File>, PendingFile)> {
        let dest = self.dest;
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| Error::io(e.into_error()).with_path(&dest))?;
        let (file, path) = tmp.into_parts();
        Ok((
            BufWriter::with_capacity(128 * 1024, file),
            PendingFile {
                tmp: path,
                dest,
                _reg: self._reg,
            },
        ))
    }
}

/// The commit half of an [`AtomicFile`] split by [`AtomicFile::into_parts`]:
/// dropped, it deletes the temporary file.
pub struct PendingFile {
    tmp: tempfile::TempPath,
    dest: PathBuf,
    _reg: Registration,
}

impl PendingFile {
    /// Sync the temporary file to disk and rename it over the destination.
    pub fn commit(self) -> Result<()> {
        let dest = self.dest;
        File::open(&self.tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(e).with_path(&dest))?;
        self.tmp
            .persist(&dest)
            .map_err(|e| Error::io(e.error).with_path(&dest))?;
        Ok(())
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.dest
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// An output target opened by [`Output::open`]: standard output, a device
/// or pipe written directly, or an [`AtomicFile`]. Write to it, then call
/// [`Output::commit`]; dropped uncommitted, a file target leaves nothing
/// behind (a device or pipe keeps what was written: it cannot be undone).
///
/// Write errors name the target (`<stdout>: No space left on device`).
///
/// ```
/// use std::io::Write;
/// use termalign::atomic::Output;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// let mut out = Output::open(&path).unwrap();
/// writeln!(out, "whole or not at all").unwrap();
/// assert!(!path.exists());
/// out.commit().unwrap();
/// assert!(path.exists());
/// // `-` is standard output; /dev/null is written directly, never replaced.
/// assert!(Output::open(std::path::Path::new("-")).unwrap().is_stdout());
/// # #[cfg(unix)]
/// Output::open(std::path::Path::new("/dev/null")).unwrap().commit().unwrap();
/// ```
pub struct Output {
    kind: Kind,
    name: String,
}

enum Kind {
    Stdout(BufWriter<std::io::Stdout>),
    Direct(BufWriter<File>),
    File(AtomicFile),
}

/// The stream half of an [`Output`] split by [`Output::into_parts`].
pub type OutputStream = Box<dyn Write + Send>;

/// The commit half of an [`Output`] split by [`Output::into_parts`]: a
/// [`PendingFile`] for a file target, nothing to do otherwise.
pub struct OutputCommit {
    pending: Option<PendingFile>,
}

impl OutputCommit {
    /// Move a file target into place (the stream must have been flushed
    /// and dropped); a no-op for standard output, devices and pipes.
    pub fn commit(self) -> Result<()> {
        match self.pending {
            Some(p) => p.commit(),
            None => Ok(()),
        }
    }
}

impl Output {
    /// Open `path` for writing as the table in the [module docs](self)
    /// says: `-` is standard output; devices, FIFOs, sockets and
    /// `/dev/stdout`-like paths are written directly; a symbolic link is
    /// followed to its target; anything else is written atomically. A
    /// folder, or a folder where the file cannot be created, is an error
    /// now, before any work.
    pub fn open(path: &Path) -> Result<Output> {
        // SIGXFSZ is ignored for every target (a file behind /dev/stdout
        // too), so a write past `ulimit -f` is an error, not a death.
        signals::install();
        if path.as_os_str() == "-" {
            return Ok(Output::stdout());
        }
        let name = path.display().to_string();
        let meta = std::fs::metadata(path);
        if let Ok(m) = &meta
            && m.is_dir()
        {
            return Err(Error::new(ErrorKind::Config, "is a folder, not a file").with_path(path));
        }
        let special = meta.as_ref().is_ok_and(|m| !m.is_file()) || is_system_path(path);
        if special {
            // A regular file behind `/dev/stdout` (`> out`, `>> log`) is
            // appended to: the shell already truncated it for `>`, and
            // `>>` must keep what is there.
            let regular = meta.as_ref().is_ok_and(|m| m.is_file());
            let file = std::fs::OpenOptions::new()
                .write(true)
                .append(regular)
                .open(path)
                .map_err(|e| Error::io(e).with_path(path))?;
            return Ok(Output {
                kind: Kind::Direct(BufWriter::with_capacity(128 * 1024, file)),
                name,
            });
        }
        let dest = resolve_links(path)?;
        Ok(Output {
            kind: Kind::File(AtomicFile::create(&dest)?),
            name,
        })
    }

    /// Standard output (buffered; flushed by [`Output::commit`]).
    pub fn stdout() -> Output {
        signals::install();
        Output {
            kind: Kind::Stdout(BufWriter::with_capacity(128 * 1024, std::io::stdout())),
            name: STDOUT_NAME.to_string(),
        }
    }

    /// True for standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self.kind, Kind::Stdout(_))
    }

    /// The target as the user named it (`<stdout>` for standard output),
    /// for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Flush, and move a file target into place.
    pub fn commit(self) -> Result<()> {
        let name = self.name;
        let err = |e: std::io::Error| Error::io(e).with_path(&name);
        match self.kind {
            Kind::Stdout(mut w) => w.flush().map_err(err),
            Kind::Direct(mut w) => w.flush().map_err(err),
            Kind::File(f) => f.commit(),
        }
    }

    /// Split into a stream and its commit, so a writer can own the stream
    /// while the caller keeps the commit. Flush and drop the stream before
    /// committing. Write errors of the stream name the target.
    pub fn into_parts(self) -> Result<(OutputStream, OutputCommit)> {
        let name = self.name;
        let (inner, pending): (OutputStream, _) = match self.kind {
            Kind::Stdout(w) => (Box::new(w), None),
            Kind::Direct(w) => (Box::new(w), None),
            Kind::File(f) => {
                let (w, p) = f.into_parts()?;
                (Box::new(w), Some(p))
            }
        };
        Ok((Box::new(Named { inner, name }), OutputCommit { pending }))
    }
}

/// How standard output is named in messages.
pub const STDOUT_NAME: &str = "<stdout>";

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = match &mut self.kind {
            Kind::Stdout(w) => w.write(buf),
            Kind::Direct(w) => w.write(buf),
            Kind::File(f) => f.write(buf),
        };
        r.map_err(|e| name_error(&self.name, e))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = match &mut self.kind {
            Kind::Stdout(w) => w.flush(),
            Kind::Direct(w) => w.flush(),
            Kind::File(f) => f.flush(),
        };
        r.map_err(|e| name_error(&self.name, e))
    }
}

/// A stream whose errors name the target.
struct Named {
    inner: OutputStream,
    name: String,
}

impl Write for Named {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|e| name_error(&self.name, e))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| name_error(&self.name, e))
    }
}

/// The error with the target's name in front, kind kept (a broken pipe
/// stays one). File errors: EFBIG from `ulimit -f` reads "File too large".
fn name_error(name: &str, e: std::io::Error) -> std::io::Error {
    if e.to_string().starts_with(name) {
        return e;
    }
    std::io::Error::new(e.kind(), format!("{name}: {e}"))
}

/// Paths that stand for an open file descriptor (`/dev/stdout`,
/// `/dev/fd/N`, `/proc/self/fd/N`): never replaced by a rename, even when
/// they resolve to a regular file (`> file` in the shell). Other paths
/// under `/dev` (`/dev/shm/x`) are files like any other.
fn is_system_path(path: &Path) -> bool {
    ["/dev/stdout", "/dev/stderr", "/dev/tty"]
        .iter()
        .any(|p| path == Path::new(p))
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc")
}

/// Follow `path` through symbolic links to the file they finally name
/// (which may not exist yet); a loop or more than 40 links is an error.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p).map_err(|e| Error::io(e).with_path(&p))?;
                p = match p.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Error::new(ErrorKind::Io, "too many levels of symbolic links").with_path(path))
}

/// Refuse, before any work, an output that is one of the inputs: each
/// output that exists and is the same file as an input (same device and
/// inode, through any links) is an error naming both. Outputs that do not
/// exist, and non-regular files (`/dev/null`), are fine.
///
/// ```
/// use termalign::atomic::refuse_overwrite;
/// let dir = tempfile::tempdir().unwrap();
/// let input = dir.path().join("a.tmx");
/// std::fs::write(&input, "x").unwrap();
/// let e = refuse_overwrite(&[input.as_path()], &[input.as_path()]).unwrap_err();
/// assert!(e.to_string().contains("a.tmx"));
/// refuse_overwrite(&[input.as_path()], &[dir.path().join("b.tmx").as_path()]).unwrap();
/// ```
pub fn refuse_overwrite(inputs: &[&Path], outputs: &[&Path]) -> Result<()> {
    for out in outputs {
        if out.as_os_str() == "-" {
            continue;
        }
        let Ok(o) = std::fs::metadata(out) else {
            continue;
        };
        if !o.is_file() {
            continue;
        }
        for input in inputs {
            if input.as_os_str() == "-" {
                continue;
            }
            if let Ok(i) = std::fs::metadata(input)
                && same_file(&i, &o)
            {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!(
                        "refusing to write {}: it is the input {} (choose another output)",
                        out.display(),
                        input.display()
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// A temporary file known to the signal handler until dropped.
struct Registration(u64);

impl Registration {
    fn new(path: &Path) -> Registration {
        Registration(signals::register(path))
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        signals::unregister(self.0);
    }
}

/// The signal side: a thread waits for SIGINT/SIGTERM/SIGHUP, deletes the
/// registered temporary files and exits; SIGXFSZ is caught and ignored.
/// The handler itself does nothing but wake the thread (signal-hook), so
/// deleting files happens outside signal context.
mod signals {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, Once};

    static TEMPS: Mutex<BTreeMap<u64, PathBuf>> = Mutex::new(BTreeMap::new());
    static NEXT: AtomicU64 = AtomicU64::new(0);
    static INSTALL: Once = Once::new();

    pub(super) fn install() {
        INSTALL.call_once(|| {
            #[cfg(unix)]
            {
                use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
                // Registering a flag replaces the default action (kill the
                // process), so a write past `ulimit -f` fails with EFBIG.
                let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
                if let Ok(mut signals) =
                    signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
                {
                    let _ = std::thread::Builder::new()
                        .name("termalign-signals".into())
                        .spawn(move || {
                            if let Some(sig) = signals.forever().next() {
                                cleanup();
                                std::process::exit(128 + sig);
                            }
                        });
                }
            }
        });
    }

    fn cleanup() {
        let temps = match TEMPS.lock() {
            Ok(t) => t,
            Err(p) => p.into_inner(),
        };
        for path in temps.values() {
            if std::fs::remove_file(path).is_ok() {
                eprintln!(
                    "termalign: interrupted; removed the unfinished {}",
                    path.display()
                );
            }
        }
    }

    pub(super) fn register(path: &Path) -> u64 {
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut t) = TEMPS.lock() {
            t.insert(id, path.to_path_buf());
        }
        id
    }

    pub(super) fn unregister(id: u64) {
        if let Ok(mut t) = TEMPS.lock() {
            t.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.txt");
        let (mut w, pending) = AtomicFile::create(&dest).unwrap().into_parts().unwrap();
        w.write_all(b"data").unwrap();
        w.flush().unwrap();
        drop(w);
        assert!(!dest.exists());
        pending.commit().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"data");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn output_mode_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.txt");
        AtomicFile::create(&dest).unwrap().commit().unwrap();
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        // Whatever the umask, the group/other bits it allows are there: not 0600.
        assert_ne!(mode, 0o600, "{mode:o}");
        std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(0o640)).unwrap();
        AtomicFile::create(&dest).unwrap().commit().unwrap();
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "replacing keeps the mode");
    }

    #[test]
    fn temp_names_are_recognisable() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.tmx");
        let f = AtomicFile::create(&dest).unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with(".out.tmx.termalign-") && names[0].ends_with(".tmp"));
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn output_follows_links_and_writes_devices_directly() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/t.txt"), "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real/t.txt", &link).unwrap();
        let mut out = Output::open(&link).unwrap();
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read(dir.path().join("real/t.txt")).unwrap(),
            b"new"
        );
        // A dangling link: its target is created.
        let dangling = dir.path().join("d.txt");
        std::os::unix::fs::symlink("real/new.txt", &dangling).unwrap();
        Output::open(&dangling).unwrap().commit().unwrap();
        assert!(dir.path().join("real/new.txt").is_file());
        // A loop is an error, not a hang.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("a", &a).unwrap();
        assert!(Output::open(&a).is_err());
        // /dev/null is written, not replaced.
        let mut null = Output::open(Path::new("/dev/null")).unwrap();
        null.write_all(b"x").unwrap();
        null.commit().unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        // A folder is refused.
        assert!(Output::open(dir.path()).is_err());
    }

    #[test]
    fn split_output_commits_and_names_errors() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("o.txt");
        let (mut w, commit) = Output::open(&dest).unwrap().into_parts().unwrap();
        w.write_all(b"abc").unwrap();
        w.flush().unwrap();
        drop(w);
        commit.commit().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"abc");
        let e = name_error(
            "<stdout>",
            std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        );
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
        assert!(e.to_string().starts_with("<stdout>: "));
    }

    #[cfg(unix)]
    #[test]
    fn refuse_overwrite_sees_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "x").unwrap();
        let link = dir.path().join("alias.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let e = refuse_overwrite(&[input.as_path()], &[link.as_path()]).unwrap_err();
        assert!(e.to_string().contains("alias.csv") && e.to_string().contains("in.csv"));
        refuse_overwrite(
            &[input.as_path()],
            &[Path::new("/dev/null"), Path::new("-")],
        )
        .unwrap();
    }

    #[test]
    fn dropped_pending_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.txt");
        let (mut w, pending) = AtomicFile::create(&dest).unwrap().into_parts().unwrap();
        w.write_all(b"data").unwrap();
        drop((w, pending));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
