//! Surviving a mapped file truncated while it is read.
//!
//! Reading a page of a map that lies past the end of its (now shorter)
//! file raises `SIGBUS`, which kills the process: no report, not a word.
//! Here a `SIGBUS` handler looks the faulting address up among the maps
//! that graders read ([`Guard`]); for one of ours, it maps a page of zeros
//! over the faulting page, records the fault's offset in the file, and
//! returns, so the read that faulted re-runs and reads zeros. The engine
//! checks [`Guard::fault`] as it walks each chunk's lines: every line that
//! ends past the fault is dropped, and the file is reported as truncated
//! while it was read, with the rest of the inputs graded as usual.
//!
//! Why this, not `pread` for files whose size may change: the size cannot
//! be known to stay put (a harness may truncate any file, at any time), so
//! `pread` would have to replace the map for every file, and reading costs a
//! copy of every byte, which costs more CPU than the map (measured in
//! docs/performance.md). The handler costs nothing until a fault, and a
//! relaxed atomic load per line, which did not show in `assay bench`.
//! A fault at an address that is not one of ours (a bug, or a map of the
//! embedding program) gets the action that was there before: the handler
//! puts it back and returns, and the fault recurs under it. The handler is
//! installed once per process, when the first map is guarded.

use std::sync::Once;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Maps guarded at once; more are read unguarded (as before).
const SLOTS: usize = 64;

/// A slot: where a map starts and how long it is (0 when free), and the
/// lowest faulting offset in it (`u64::MAX` when none).
struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    fault: AtomicU64,
}

#[allow(clippy::declare_interior_mutable_const)] // only to initialise the array
const FREE: Slot = Slot {
    start: AtomicUsize::new(0),
    len: AtomicUsize::new(0),
    fault: AtomicU64::new(u64::MAX),
};

static MAPS: [Slot; SLOTS] = [FREE; SLOTS];
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static INSTALL: Once = Once::new();
/// The SIGBUS action before ours, put back for a fault that is not ours.
static PREVIOUS: std::sync::OnceLock<libc::sigaction> = std::sync::OnceLock::new();

extern "C" fn on_sigbus(_sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t for an SA_SIGINFO handler.
    let addr = unsafe { (*info).si_addr() } as usize;
    let page = PAGE.load(Ordering::Relaxed);
    for slot in &MAPS {
        let start = slot.start.load(Ordering::Acquire);
        let len = slot.len.load(Ordering::Acquire);
        if start == 0 || addr < start || addr >= start + len {
            continue;
        }
        let at = addr & !(page - 1);
        // SAFETY: `at` is a page inside a read-only map that this process
        // made and that stays registered (so unmapped by nobody) until its
        // owner drops it; replacing that page with a private zero page
        // (MAP_FIXED) changes what the map's readers see there from "fault"
        // to zeros, which they are told of through `fault`. mmap(2) is a
        // plain system call, safe in a signal handler.
        let r = unsafe {
            libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if r != libc::MAP_FAILED {
            slot.fault.fetch_min((at - start) as u64, Ordering::AcqRel);
            return;
        }
    }
    // Not ours, or the page could not be replaced: the previous action (by
    // default the process dies when the faulting read re-runs).
    // SAFETY: sigaction(2) and signal(2) are async-signal-safe; PREVIOUS is
    // set before our handler is installed, and `get` is an atomic load.
    unsafe {
        match PREVIOUS.get() {
            Some(old) => {
                libc::sigaction(libc::SIGBUS, old, std::ptr::null_mut());
            }
            None => {
                libc::signal(libc::SIGBUS, libc::SIG_DFL);
            }
        }
    }
}

fn install() {
    INSTALL.call_once(|| {
        PAGE.store(rustix::param::page_size(), Ordering::Relaxed);
        // SAFETY: an all-zero sigaction is valid (empty mask, no flags)
        // before it is filled in; `on_sigbus` has the three-argument
        // signature SA_SIGINFO handlers are called with and only does
        // async-signal-safe things (atomics, mmap, signal).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_sigbus as *const () as libc::sighandler_t;
            sa.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut sa.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut old) == 0 {
                let _ = PREVIOUS.set(old);
            }
            libc::sigaction(libc::SIGBUS, &sa, std::ptr::null_mut());
        }
    });
}

/// A map registered with the handler for as long as it lives.
pub struct Guard {
    slot: Option<usize>,
}

impl Guard {
    /// Guards the map of `len` bytes at `start`. Without a free slot the map
    /// is unguarded (a truncation then kills the process, as without this).
    pub fn new(start: *const u8, len: usize) -> Guard {
        install();
        for (i, s) in MAPS.iter().enumerate() {
            if s.len
                .compare_exchange(0, len.max(1), Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
            {
                s.fault.store(u64::MAX, Ordering::Relaxed);
                s.start.store(start as usize, Ordering::Release);
                return Guard { slot: Some(i) };
            }
        }
        Guard { slot: None }
    }

    /// The offset of the first page that faulted (the file was truncated
    /// there or before), if any did.
    pub fn fault(&self) -> Option<u64> {
        let f = MAPS[self.slot?].fault.load(Ordering::Acquire);
        (f != u64::MAX).then_some(f)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(i) = self.slot {
            MAPS[i].start.store(0, Ordering::Release);
            MAPS[i].len.store(0, Ordering::Release);
        }
    }
}
