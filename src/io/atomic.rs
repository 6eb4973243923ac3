//! Atomic output: write a temp file beside the target, then rename over it, so a failed run
//! never leaves a half-written layer and earlier outputs stay intact.

use crate::{Error, Result};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = format!(".{name}.{}.tmp", std::process::id());
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(tmp),
        _ => PathBuf::from(tmp),
    }
}

/// An output file written as a stream: into a temp file beside `path`, renamed over it by
/// [`AtomicFile::commit`]. Dropped without a commit (an error, nothing to write), the temp
/// file is removed and an earlier file at `path` stays as it was. A device or pipe
/// (/dev/stdout, /dev/full, a FIFO) is written in place: renaming a temp file over it would
/// replace the device node with a regular file.
pub struct AtomicFile {
    path: PathBuf,
    tmp: Option<PathBuf>,
    w: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<AtomicFile> {
        if path.is_dir() {
            return Err(Error::output(path, "it is a directory"));
        }
        if let Ok(m) = fs::metadata(path) {
            if !m.is_file() {
                let f = fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| Error::output(path, e))?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    tmp: None,
                    w: Some(BufWriter::with_capacity(1 << 16, f)),
                });
            }
        }
        let tmp = temp_path(path);
        let f = File::create(&tmp).map_err(|e| Error::output(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: Some(tmp),
            w: Some(BufWriter::with_capacity(1 << 16, f)),
        })
    }

    /// Flush, sync and rename the temp file over the target.
    pub fn commit(mut self) -> Result<()> {
        let res = (|| -> std::io::Result<()> {
            let Some(w) = self.w.take() else {
                return Ok(());
            };
            let f = w.into_inner().map_err(|e| e.into_error())?;
            if let Some(tmp) = &self.tmp {
                f.sync_all()?;
                fs::rename(tmp, &self.path)?;
            }
            Ok(())
        })();
        if res.is_ok() {
            self.tmp = None;
        }
        res.map_err(|e| Error::output(&self.path, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match &mut self.w {
            Some(w) => w.write(b),
            None => Err(std::io::Error::other("output already closed")),
        }
    }
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        match &mut self.w {
            Some(w) => w.write_all(b),
            None => Err(std::io::Error::other("output already closed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.w {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            drop(self.w.take());
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Write `path` atomically with a closure that fills a buffered writer.
pub fn write_atomic_with<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut f = AtomicFile::create(path)?;
    fill(&mut f).map_err(|e| Error::output(path, e))?;
    f.commit()
}

/// Write bytes to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_stream_keeps_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("layer.geojson");
        write_atomic(&p, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"new but unfinished").unwrap();
        }
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_write_keeps_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("layer.geojson");
        write_atomic(&p, b"old").unwrap();
        let r = write_atomic_with(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("injected"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file left behind"
        );
    }
}
