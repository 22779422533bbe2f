//! The one way the command line writes to standard output and standard error. A failed write
//! never panics:
//!
//! - a reader that went away (a closed pipe: `ccforge lint . | head -1`) silences that stream
//!   for the rest of the run and changes nothing else: no message, the same exit status;
//! - any other failure (a full disk, an I/O error) is said on standard error when it still can
//!   be, the stream is not written again, and the run exits 2 ([`status`]).
//!
//! The standard streams belong to the process, so their state does too.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicU8, Ordering};

/// A stream that has been written without trouble so far.
const OPEN: u8 = 0;
/// Its reader went away.
const CLOSED: u8 = 1;
/// A write failed for another reason.
const FAILED: u8 = 2;

static STDOUT: AtomicU8 = AtomicU8::new(OPEN);
static STDERR: AtomicU8 = AtomicU8::new(OPEN);

/// Writes to a stream unless it was closed or failed before; records what went wrong.
fn write_to(state: &AtomicU8, text: &[u8], mut out: impl Write, name: &str) -> bool {
    if state.load(Ordering::Relaxed) != OPEN {
        return false;
    }
    match out.write_all(text).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            state.store(CLOSED, Ordering::Relaxed);
            false
        }
        Err(e) => {
            state.store(FAILED, Ordering::Relaxed);
            drop(out);
            // Said once, on standard error, if it can still be written.
            stderr(&format!("error: cannot write to {name}: {e}\n"));
            false
        }
    }
}

/// Writes `text` to standard output; whether it was written whole.
pub fn stdout(text: &str) -> bool {
    stdout_bytes(text.as_bytes())
}

/// Writes `bytes` (a file's content, in its own encoding) to standard output; whether they
/// were written whole.
pub fn stdout_bytes(bytes: &[u8]) -> bool {
    write_to(&STDOUT, bytes, std::io::stdout().lock(), "standard output")
}

/// Writes `text` to standard error; whether it was written whole.
pub fn stderr(text: &str) -> bool {
    write_to(
        &STDERR,
        text.as_bytes(),
        std::io::stderr().lock(),
        "standard error",
    )
}

/// Writes `line` and a newline to standard error.
pub fn stderr_line(line: &str) -> bool {
    let mut text = String::with_capacity(line.len() + 1);
    text.push_str(line);
    text.push('\n');
    stderr(&text)
}

/// Whether a write to a standard stream failed for another reason than a closed pipe.
pub fn failed() -> bool {
    STDOUT.load(Ordering::Relaxed) == FAILED || STDERR.load(Ordering::Relaxed) == FAILED
}

/// The exit status of a run that decided on `code`: 2 when a standard stream could not be
/// written (a closed pipe does not count), else `code`.
pub fn status(code: u8) -> u8 {
    if failed() { super::EXIT_INPUT } else { code }
}
