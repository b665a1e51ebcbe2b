//! Output files that are never half-written.
//!
//! Reports and verdict files are written to a temporary file beside the
//! target and renamed over it only when complete, so an interrupted or failed
//! run leaves either the old file or none, never a truncated one. `-` means
//! standard output.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files not yet committed or abandoned, so that a forced exit
/// (a second Ctrl-C, or input that never ends) can remove them.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn forget(tmp: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != tmp);
    }
}

/// Removes every temporary file still open, for a process about to exit
/// without unwinding. Targets are never touched.
pub fn remove_temporaries() {
    if let Ok(live) = LIVE.lock() {
        for p in live.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A destination that becomes visible only on [`Output::commit`].
pub enum Output {
    /// Standard output (buffered).
    Stdout(BufWriter<io::Stdout>),
    /// Something that is not a regular file (`/dev/null`, a FIFO, a
    /// terminal): written in place, because renaming a temporary file over
    /// it would replace the device itself.
    Device(BufWriter<File>),
    /// A temporary file renamed to `target` on commit.
    File {
        /// Where the writes go until commit.
        tmp: PathBuf,
        /// The final name.
        target: PathBuf,
        /// The open temporary file.
        file: BufWriter<File>,
    },
}

impl Output {
    /// Opens `path` (or stdout for `-`).
    pub fn create(path: &Path) -> io::Result<Output> {
        if path.as_os_str() == "-" {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(io::Error::other(format!(
                    "{} is a directory; name a file to write",
                    path.display()
                )));
            }
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new().write(true).open(path)?;
                return Ok(Output::Device(BufWriter::with_capacity(1 << 16, f)));
            }
            _ => {}
        }
        // A symlink is followed, so the file it points to is replaced, not
        // the link.
        let resolved;
        let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            resolved = std::fs::canonicalize(path)?;
            resolved.as_path()
        } else {
            path
        };
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::other("the output path names no file"))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".assay-tmp-{}", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = File::create(&tmp)?;
        if let Ok(mut live) = LIVE.lock() {
            live.push(tmp.clone());
        }
        Ok(Output::File {
            tmp,
            target: path.to_path_buf(),
            file: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Flushes and, for files, syncs and renames into place.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::Device(mut w) => w.flush(),
            Output::File { tmp, target, file } => {
                let f = file.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                let r = std::fs::rename(&tmp, &target);
                forget(&tmp);
                r
            }
        }
    }

    /// Removes the temporary file without touching the target.
    pub fn abandon(self) {
        if let Output::File { tmp, file, .. } = self {
            drop(file);
            let _ = std::fs::remove_file(&tmp);
            forget(&tmp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Device(w) => w.write(buf),
            Output::File { file, .. } => file.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::Device(w) => w.write_all(buf),
            Output::File { file, .. } => file.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Device(w) => w.flush(),
            Output::File { file, .. } => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--output /dev/null` once replaced /dev/null with a regular file (a
    /// temporary file renamed over it). A FIFO stands in for the device.
    #[test]
    fn r_devices_and_fifos_are_written_in_place_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut o = Output::create(&fifo).unwrap();
        o.write_all(b"report").unwrap();
        o.commit().unwrap();
        assert_eq!(reader.join().unwrap(), "report");
        assert!(
            std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
            "still a FIFO"
        );
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temporary file"
        );
        assert!(Output::create(d.path()).is_err(), "a directory is refused");
    }

    #[test]
    fn symlinks_are_followed_not_replaced() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("run1.json");
        std::fs::write(&real, "old").unwrap();
        let link = d.path().join("latest.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut o = Output::create(&link).unwrap();
        o.write_all(b"new").unwrap();
        o.commit().unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn target_appears_only_on_commit() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("report.json");
        std::fs::write(&target, "old").unwrap();
        let mut o = Output::create(&target).unwrap();
        o.write_all(b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        o.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let mut o = Output::create(&target).unwrap();
        o.write_all(b"partial").unwrap();
        o.abandon();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "temporary file removed"
        );
    }
}
