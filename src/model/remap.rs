//! Renumbering the strings of pending records.
//!
//! Records decoded on another thread hold handles of that thread's own
//! [`Interner`](super::Interner); when they join the shared store every
//! handle is mapped to the shared one. This module only walks the fields.

use super::intern::Sym;
use super::record::{Actor, Attr, Cite, Event, Participant, Pending, Place, Relation, Source};

/// Rewrites every string handle of a record.
pub trait MapSyms {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym);
}

fn opt(s: &mut Option<Sym>, f: &dyn Fn(Sym) -> Sym) {
    if let Some(x) = s {
        *x = f(*x);
    }
}

fn all(list: &mut [Sym], f: &dyn Fn(Sym) -> Sym) {
    list.iter_mut().for_each(|s| *s = f(*s));
}

fn cites(list: &mut [Cite<Pending>], f: &dyn Fn(Sym) -> Sym) {
    for c in list {
        c.source = f(c.source);
        opt(&mut c.quote, f);
    }
}

impl MapSyms for Source {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym) {
        self.id = f(self.id);
        self.title = f(self.title);
        opt(&mut self.publisher, f);
        opt(&mut self.url, f);
        opt(&mut self.note, f);
    }
}

impl MapSyms for Actor<Pending> {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym) {
        self.id = f(self.id);
        self.name = f(self.name);
        opt(&mut self.kind, f);
        all(&mut self.aliases, f);
        opt(&mut self.note, f);
        cites(&mut self.sources, f);
    }
}

impl MapSyms for Place<Pending> {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym) {
        self.id = f(self.id);
        self.name = f(self.name);
        opt(&mut self.kind, f);
        if let Some(w) = &mut self.within {
            w.sym = f(w.sym);
        }
        all(&mut self.aliases, f);
        opt(&mut self.note, f);
        cites(&mut self.sources, f);
    }
}

impl MapSyms for Event<Pending> {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym) {
        self.id = f(self.id);
        self.title = f(self.title);
        opt(&mut self.kind, f);
        if let Some(p) = &mut self.place {
            p.sym = f(p.sym);
        }
        for Participant { actor, role } in &mut self.actors {
            *actor = f(*actor);
            opt(role, f);
        }
        opt(&mut self.summary, f);
        for (key, value) in &mut self.attributes {
            *key = f(*key);
            if let Attr::Str(s) = value {
                *s = f(*s);
            }
        }
        cites(&mut self.sources, f);
    }
}

impl MapSyms for Relation<Pending> {
    fn map_syms(&mut self, f: &dyn Fn(Sym) -> Sym) {
        opt(&mut self.id, f);
        self.kind = f(self.kind);
        self.from = f(self.from);
        self.to = f(self.to);
        opt(&mut self.note, f);
        cites(&mut self.sources, f);
    }
}
