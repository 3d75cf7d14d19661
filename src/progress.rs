//! What is shown on standard error while a large fact set loads or its
//! exports are written: a bar of the bytes read, a spinner of the bytes
//! written.
//!
//! Each appears only when its work has taken more than a second, standard
//! error is a terminal, and neither `NO_COLOR` nor `TERM=dumb` asks for
//! plain output; it disappears when the work is done. Piped runs see
//! nothing. Nothing here reads facts or writes exports.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::color_allowed;
use crate::validate::Progress;

/// How long loading must run before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Bar {
    enabled: bool,
    started: Instant,
    bar: Option<ProgressBar>,
    name: String,
    total: Option<u64>,
    done: u64,
}

impl Bar {
    /// A bar for standard error, enabled only on a terminal that allows it.
    pub fn stderr() -> Bar {
        let enabled = color_allowed(std::io::stderr().is_terminal());
        Bar {
            enabled,
            started: Instant::now(),
            bar: None,
            name: String::new(),
            total: None,
            done: 0,
        }
    }

    fn show(&mut self) {
        let bar = match self.total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = template(self.total);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(format!("reading {}", self.name));
        bar.set_position(self.done);
        self.bar = Some(bar);
    }
}

/// How reading is shown: a bar toward the size when it is known; without
/// one (standard input) only the bytes read so far, since a bar whose total
/// is what was read looks finished.
fn template(total: Option<u64>) -> &'static str {
    match total {
        Some(_) => "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({eta})",
        None => "{spinner} {msg}: {binary_bytes} ({elapsed})",
    }
}

impl Progress for Bar {
    fn file(&mut self, name: &str, total: Option<u64>) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.name = name.to_string();
        self.total = total;
        self.done = 0;
    }

    fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        match &self.bar {
            Some(bar) => bar.set_position(self.done),
            None if self.enabled && self.started.elapsed() > DELAY => self.show(),
            None => {}
        }
    }

    fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Bytes written so far, counted by every [`Counted`] writer that shares
/// it and read by the bar.
#[derive(Default)]
pub struct Written(AtomicU64);

impl Written {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A writer that counts what passes through it into a shared [`Written`].
/// The exports write 64 KiB at a time, so the count costs nothing to keep.
pub struct Counted<'a, W: ?Sized> {
    pub inner: &'a mut W,
    pub written: &'a Written,
}

impl<W: Write + ?Sized> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// How often the writing spinner is drawn again.
const TICK: Duration = Duration::from_millis(100);

/// Runs `work`, which counts what it writes into the [`Written`] it is
/// given; when that takes more than a second and standard error is a
/// terminal that allows it, a spinner there says how much has been written
/// (`what` names it), and it is cleared when `work` is done. Otherwise no
/// thread is started and nothing is shown.
pub fn writing<R>(what: &str, show: bool, work: impl FnOnce(&Written) -> R) -> R {
    let written = Written::default();
    if !(show && color_allowed(std::io::stderr().is_terminal())) {
        return work(&written);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let ticker = scope.spawn(|| spin(what, &written, &finished));
        let result = work(&written);
        finished.store(true, Ordering::Release);
        ticker.thread().unpark();
        // A ticker that panicked drew nothing more; the work is done.
        let _ = ticker.join();
        result
    })
}

/// Counts on a hidden spinner every [`TICK`] and shows it once [`DELAY`]
/// has passed, until `finished`; the spinner is counted from the start so
/// that its rate and time are the work's.
fn spin(what: &str, written: &Written, finished: &AtomicBool) {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let template = "{spinner} {msg}: {binary_bytes} ({binary_bytes_per_sec}, {elapsed})";
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_message(format!("writing {what}"));
    let started = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Acquire) {
        std::thread::park_timeout(TICK);
        bar.set_position(written.get());
        if !shown && started.elapsed() >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(TICK);
            shown = true;
        }
    }
    bar.finish_and_clear();
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::{Counted, Written, writing};

    /// Standard input has no size: its reading shows no total to reach.
    #[test]
    fn reading_without_a_size_shows_no_total() {
        let no_size = super::template(None);
        assert!(
            !no_size.contains("total") && !no_size.contains("{bar"),
            "{no_size}"
        );
        assert!(indicatif::ProgressStyle::with_template(no_size).is_ok());
        assert!(super::template(Some(1)).contains("{binary_total_bytes}"));
    }

    #[test]
    fn counted_writers_add_up_what_passes_through_them() {
        let written = Written::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        Counted {
            inner: &mut a,
            written: &written,
        }
        .write_all(b"graph {}\n")
        .unwrap();
        let mut w = Counted {
            inner: &mut b,
            written: &written,
        };
        w.write_all(b"[1, 2]").unwrap();
        w.flush().unwrap();
        assert_eq!(
            (a.as_slice(), b.as_slice()),
            (&b"graph {}\n"[..], &b"[1, 2]"[..])
        );
        assert_eq!(written.get(), 15);
    }

    #[test]
    fn writing_hands_back_what_the_work_gives() {
        for show in [false, true] {
            let n = writing("exports", show, |written| {
                let mut out = Vec::new();
                let mut w = Counted {
                    inner: &mut out,
                    written,
                };
                w.write_all(b"abc").unwrap();
                written.get()
            });
            assert_eq!(n, 3);
        }
    }
}
