//! SIGTERM and SIGHUP, handled as Ctrl-C is (`ctrlc` handles SIGINT).
//!
//! A service manager stops a run with SIGTERM and a closed terminal sends
//! SIGHUP; by default either kills the process at once and leaves the
//! hidden temporary file of `--verdicts` (up to the size of the verdicts)
//! behind. Here the handler only writes the signal's number to a pipe (the
//! one async-signal-safe thing it needs to do); a thread reads it and calls
//! the same stop logic as Ctrl-C, on an ordinary thread.

use std::sync::atomic::{AtomicI32, Ordering};

/// The write end of the pipe, for the handler.
static PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let byte = sig as u8;
    let fd = PIPE_WRITE.load(Ordering::Relaxed);
    // SAFETY: write(2) is async-signal-safe; `byte` is a live one-byte
    // buffer on this stack frame. A failed or short write (a full pipe
    // means a stop is already queued) is ignored.
    let _ = unsafe { libc::write(fd, (&raw const byte).cast(), 1) };
}

/// Calls `stop(signal number)` on a thread of its own for every SIGTERM or
/// SIGHUP. Best effort: if the pipe or a handler cannot be set up, the
/// signal keeps its default action.
pub fn on_terminate(stop: impl Fn(i32) + Send + 'static) {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe(2) to fill.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return;
    }
    let [read_fd, write_fd] = fds;
    PIPE_WRITE.store(write_fd, Ordering::Relaxed);
    std::thread::spawn(move || {
        loop {
            let mut byte = 0u8;
            // SAFETY: reads one byte into a live one-byte buffer from the
            // pipe's read end, which stays open for the process's life.
            let n = unsafe { libc::read(read_fd, (&raw mut byte).cast(), 1) };
            match n {
                1 => stop(i32::from(byte)),
                _ if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
                _ => return,
            }
        }
    });
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: an all-zero `sigaction` is a valid value (empty mask, no
        // flags) that we then fill; `on_signal` has the signature the
        // kernel calls a plain (non-SA_SIGINFO) handler with, and it only
        // calls async-signal-safe write(2).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as *const () as libc::sighandler_t;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}
