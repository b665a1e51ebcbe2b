//! The memory-map policy, with a read fallback.
//!
//! Mapping a plain file avoids copying it: the page cache is the buffer and
//! workers read newline-aligned slices of it directly. The risk is the one
//! ripgrep documents: if another process **truncates the file while it is
//! mapped**, touching the vanished pages raises `SIGBUS` and the process
//! dies. Transcript files are normally complete when graded; for files that
//! may still be written (a live harness), pass `--no-mmap`, which streams the
//! file in blocks instead (bounded memory, immune to truncation: a file cut
//! short simply ends sooner). The engine also notices a file whose size or
//! modification time changed during the run and says so.
//!
//! Small files are read rather than mapped: below [`MMAP_MIN_BYTES`] (one
//! chunk, 1 MiB) a map costs more in system calls, page faults and unmapping
//! (a TLB shootdown on every core running a worker) than one read. A 1 GB
//! sweep split into 10,000 files of ~100 KB took 13 % less CPU time read
//! than mapped (2 threads: user 1.65 s vs 1.90 s, system 0.34 s vs 0.40 s).
//! Memory stays bounded: at most a few chunks are in flight.

use std::fs::File;
use std::io::{self, Read};

/// Files smaller than this are read, not mapped.
pub const MMAP_MIN_BYTES: u64 = 1024 * 1024;

/// Whether plain files may be memory-mapped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MmapChoice {
    /// Map files of at least [`MMAP_MIN_BYTES`], falling back to reading
    /// when mapping fails.
    #[default]
    Auto,
    /// Never map; stream files in blocks (`--no-mmap`).
    Never,
}

/// The bytes of a whole file.
pub enum Bytes {
    /// A read-only map of the file.
    Mapped(memmap2::Mmap),
    /// The file read into memory.
    Heap(Vec<u8>),
}

impl Bytes {
    /// Maps `file` (of length `len`) when `choice` allows and it is big
    /// enough to pay, else reads it when it is small. `Err(file)` means
    /// "stream it": mapping is off or failed for a big file, which must not be read
    /// whole into memory.
    pub fn open(mut file: File, len: u64, choice: MmapChoice) -> io::Result<Result<Bytes, File>> {
        if choice == MmapChoice::Never {
            return Ok(Err(file));
        }
        if len >= MMAP_MIN_BYTES {
            // SAFETY: the map is read-only and never outlives this value. The
            // remaining hazard is external: another process truncating the
            // file while it is mapped makes later reads fault with SIGBUS.
            // That is documented above and `--no-mmap` avoids it; mapping
            // cannot otherwise cause undefined behaviour in safe callers
            // because we never create `&mut` views of the mapping.
            return Ok(match unsafe { memmap2::MmapOptions::new().map(&file) } {
                Ok(m) => {
                    // Sequential access: let the kernel read ahead aggressively.
                    let _ = m.advise(memmap2::Advice::Sequential);
                    Ok(Bytes::Mapped(m))
                }
                Err(_) => Err(file),
            });
        }
        let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        file.read_to_end(&mut buf)?;
        Ok(Ok(Bytes::Heap(buf)))
    }

    /// The file's bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Heap(v) => v,
        }
    }
}
