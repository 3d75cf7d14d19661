//! The progress bar shown on standard error while a large fact set loads.
//!
//! It appears only when loading has taken more than a second, standard
//! error is a terminal, and neither `NO_COLOR` nor `TERM=dumb` asks for
//! plain output; it disappears when reading is done. Piped runs see nothing.

use std::io::IsTerminal;
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
        let template = "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({eta})";
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(format!("reading {}", self.name));
        bar.set_position(self.done);
        self.bar = Some(bar);
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
