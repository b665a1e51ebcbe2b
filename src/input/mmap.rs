//! The memory-map policy, with a read fallback.
//!
//! Mapping a plain file avoids copying it: the page cache is the buffer and
//! workers read newline-aligned slices of it directly. The risk is the one
//! ripgrep documents: if another process **truncates the file while it is
//! mapped**, touching the vanished pages raises `SIGBUS`, which would kill
//! the process. On Linux [`super::sigbus`] catches it for the maps of
//! [`Regions`]: the vanished pages read as zeros, the lines that reach them
//! are dropped and the file is reported as truncated. For files that may
//! still be written (a live harness), `--no-mmap` streams the file in
//! blocks instead (a file cut short simply ends sooner). The engine also
//! notices a file whose size or modification time changed during the run
//! and says so.
//!
//! Small files are read rather than mapped: below [`MMAP_MIN_BYTES`] (one
//! chunk, 1 MiB) a map costs more in system calls, page faults and unmapping
//! (a TLB shootdown on every core running a worker) than one read; many small
//! files took measurably less CPU time read than mapped (docs/performance.md).
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

    /// Drops the page-table entries of the whole pages inside `range`,
    /// whose bytes nobody will read again (see [`Regions`]). A no-op for
    /// files read into memory, and off Linux.
    fn release(&self, range: std::ops::Range<usize>) {
        #[cfg(target_os = "linux")]
        if let Bytes::Mapped(m) = self {
            let page = rustix::param::page_size();
            let start = range.start.next_multiple_of(page);
            let end = range.end.min(m.len()) / page * page;
            if start < end {
                // SAFETY: `m` is a read-only MAP_SHARED map of a file
                // (memmap2's `Mmap`). MADV_DONTNEED on such a map only drops
                // page-table entries: the next read of those pages faults the
                // same file bytes back in from the page cache, so every slice
                // of the map keeps reading what it read before (a file
                // truncated under the map is the hazard documented above,
                // unchanged). Nothing is freed that a reference points to.
                let _ = unsafe {
                    m.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
                };
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = range;
    }

    /// The file's bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Heap(v) => v,
        }
    }
}

/// A whole file's bytes, shared by the workers that grade its chunks, with
/// a count per region of the bytes not yet graded.
///
/// Why: unmapping a map costs a page-table walk over all its pages, and it
/// came at the very end of a run, on one thread, after every other thread
/// had finished, a share of the run that grows with the thread count. Each
/// 32 MiB region is released by the worker that grades its last byte, while
/// the others keep grading, so little is left to unmap at the end. Regions,
/// not 1 MiB chunks: every release interrupts the other cores to flush their
/// TLBs, and releasing per chunk cost measurably more CPU time
/// (docs/performance.md).
pub struct Regions {
    /// Registered with the SIGBUS handler while the map lives; declared
    /// first so that it is dropped (unregistered) before the map is unmapped.
    #[cfg(target_os = "linux")]
    guard: Option<super::sigbus::Guard>,
    bytes: Bytes,
    /// Bytes of region `i` not yet graded.
    left: Box<[std::sync::atomic::AtomicUsize]>,
}

/// Size of a [`Regions`] region (a multiple of any page size).
const REGION_BYTES: usize = 32 << 20;

impl Regions {
    /// `bytes`, with every byte still to be graded.
    pub fn new(bytes: Bytes) -> Regions {
        let len = bytes.as_slice().len();
        let left = (0..len.div_ceil(REGION_BYTES))
            .map(|i| std::sync::atomic::AtomicUsize::new(REGION_BYTES.min(len - i * REGION_BYTES)))
            .collect();
        #[cfg(target_os = "linux")]
        let guard = match &bytes {
            Bytes::Mapped(m) => Some(super::sigbus::Guard::new(m.as_ptr(), m.len())),
            Bytes::Heap(_) => None,
        };
        Regions {
            #[cfg(target_os = "linux")]
            guard,
            bytes,
            left,
        }
    }

    /// Where the file was found truncated under the map, if it was: the
    /// offset of the first page that could not be read (it reads as zeros
    /// now, see [`super::sigbus`]). Bytes before it read as they were.
    pub fn fault(&self) -> Option<u64> {
        #[cfg(target_os = "linux")]
        return self.guard.as_ref().and_then(super::sigbus::Guard::fault);
        #[cfg(not(target_os = "linux"))]
        None
    }

    /// The file's bytes.
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// Counts `range` as graded; a region whose every byte has been is
    /// released. Ranges must not overlap, so each byte is counted once.
    pub fn graded(&self, range: std::ops::Range<usize>) {
        use std::sync::atomic::Ordering;
        let mut at = range.start;
        while at < range.end {
            let i = at / REGION_BYTES;
            let region_end = ((i + 1) * REGION_BYTES).min(range.end);
            let n = region_end - at;
            if let Some(left) = self.left.get(i)
                && left.fetch_sub(n, Ordering::AcqRel) == n
            {
                self.bytes.release(i * REGION_BYTES..(i + 1) * REGION_BYTES);
            }
            at = region_end;
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::{Bytes, MmapChoice, REGION_BYTES, Regions};
    use std::io::Write;

    /// Resident bytes of the mapping that starts at `addr`, from
    /// /proc/self/smaps (other tests' mappings are other entries).
    fn resident(addr: *const u8) -> usize {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let head = format!("{:x}-", addr as usize);
        let mut lines = smaps.lines().skip_while(|l| !l.starts_with(&head));
        assert!(lines.next().is_some(), "mapping not in smaps");
        let rss = lines.find(|l| l.starts_with("Rss:")).unwrap();
        let kb: usize = rss.split_whitespace().nth(1).unwrap().parse().unwrap();
        kb * 1024
    }

    #[test]
    fn a_region_is_released_once_every_byte_of_it_is_graded() {
        let len = 2 * REGION_BYTES + 4096 * 3 + 17;
        let mut f = tempfile::tempfile().unwrap();
        let line = [b'x'; 4095];
        let mut written = 0;
        while written < len {
            let n = (len - written).min(4096);
            f.write_all(&line[..n - 1]).unwrap();
            f.write_all(b"\n").unwrap();
            written += n;
        }
        let Ok(bytes @ Bytes::Mapped(_)) = Bytes::open(f, len as u64, MmapChoice::Auto).unwrap()
        else {
            panic!("a file this big is mapped");
        };
        let r = Regions::new(bytes);
        let all = r.as_slice();
        let touch = |s: &[u8]| s.iter().step_by(4096).map(|&b| u64::from(b)).sum::<u64>();
        assert_eq!(touch(all), 'x' as u64 * len.div_ceil(4096) as u64);
        let addr = all.as_ptr();
        assert!(resident(addr) >= len / 4096 * 4096);
        // The first region, in two pieces and a piece straddling into the
        // second: released only when its last byte is counted.
        r.graded(0..1000);
        r.graded(REGION_BYTES - 10..REGION_BYTES + 5000);
        assert!(resident(addr) >= len / 4096 * 4096, "released too early");
        r.graded(1000..REGION_BYTES - 10);
        let after_first = resident(addr);
        assert!(after_first <= len - REGION_BYTES + 4096, "{after_first}");
        // The rest, including the short last region.
        r.graded(REGION_BYTES + 5000..len);
        assert!(resident(addr) <= 2 * 4096, "{}", resident(addr));
        // The bytes read the same after release: they fault back in.
        assert_eq!(touch(r.as_slice()), 'x' as u64 * len.div_ceil(4096) as u64);
        assert!(
            r.as_slice()[..len - 1]
                .iter()
                .step_by(4095)
                .all(|&b| b == b'x' || b == b'\n')
        );
    }
}
