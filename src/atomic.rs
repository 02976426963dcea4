//! Output files that appear whole or not at all: data goes to a temporary
//! file in the destination's folder, renamed over the destination only when
//! everything was written.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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
}

impl AtomicFile {
    /// Start writing `dest` (through a temporary file beside it).
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
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
        let tmp = builder
            .tempfile_in(dir)
            .map_err(|e| Error::io(e).with_path(dest))?;
        Ok(AtomicFile {
            tmp: BufWriter::new(tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// Flush and move the file into place.
    pub fn commit(self) -> Result<()> {
        let dest = self.dest;
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| Error::io(e.into_error()).with_path(&dest))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(e).with_path(&dest))?;
        tmp.persist(&dest)
            .map_err(|e| Error::io(e.error).with_path(&dest))?;
        Ok(())
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
            PendingFile { tmp: path, dest },
        ))
    }
}

/// The commit half of an [`AtomicFile`] split by [`AtomicFile::into_parts`]:
/// dropped, it deletes the temporary file.
pub struct PendingFile {
    tmp: tempfile::TempPath,
    dest: PathBuf,
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
    fn dropped_pending_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.txt");
        let (mut w, pending) = AtomicFile::create(&dest).unwrap().into_parts().unwrap();
        w.write_all(b"data").unwrap();
        drop((w, pending));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
