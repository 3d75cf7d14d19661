//! The `shared-name` warnings themselves: each one's message, the field
//! it points at, its note and its help. What is ambiguous is found in
//! [`super`]; this module only words it.

use super::First;
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, PathSeg};
use crate::model::{Ent, Facts};
use crate::validate::warnings::{id_loc, origin_of};

/// Reports a name used by two actors or places.
pub(super) fn name_shared(facts: &Facts, first: First, this: First, diags: &mut Diagnostics) {
    let (Some(first_origin), Some(origin)) =
        (origin_of(facts, first.ent), origin_of(facts, this.ent))
    else {
        return;
    };
    let msg = format!(
        "`{}` names both `{}` and `{}`",
        facts.str(this.name),
        facts.id_of(first.ent),
        facts.id_of(this.ent)
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, this.path()))
        .note(Some(Loc::Field(first_origin, first.path())), "also used here")
        .help("on the command line this name will be ambiguous; use the id, or make the names distinct");
    diags.push(d);
}

/// Reports the id of `ent` that is the name or alias `named` of another.
pub(super) fn id_named(facts: &Facts, ent: Ent, named: First, diags: &mut Diagnostics) {
    let (Some(id_origin), Some(origin)) = (origin_of(facts, ent), origin_of(facts, named.ent))
    else {
        return;
    };
    let kind = |e: Ent| facts.kind(e).as_str();
    let (id, other) = (facts.id_of(ent), facts.id_of(named.ent));
    let msg = format!(
        "`{}` names {} `{other}` and is the id of {} `{id}`",
        facts.str(named.name),
        kind(named.ent),
        kind(ent),
    );
    let help = format!(
        "on the command line this name will be ambiguous; type `{}:{other}` or `{}:{id}`, \
         or make the name and the id differ",
        kind(named.ent),
        kind(ent),
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, named.path()))
        .note(Some(id_loc(id_origin)), "the id")
        .help(help);
    diags.push(d);
}

/// Reports the title of the event `ent` that is the name or alias `named`
/// of an actor or place.
pub(super) fn title_named(facts: &Facts, ent: Ent, named: First, diags: &mut Diagnostics) {
    let what = match named.seg {
        super::NAME => "name",
        _ => "alias",
    };
    title_shared(facts, ent, named.ent, ("names", what, named.path()), diags);
}

/// Reports the title of the event `ent` that is the id of `other`.
pub(super) fn title_is_id(facts: &Facts, ent: Ent, other: Ent, diags: &mut Diagnostics) {
    let id = ("is the id of", "id", vec![PathSeg::Key("id")]);
    title_shared(facts, ent, other, id, diags);
}

/// Reports the title of the event `ent` that `is` (names, is the id of)
/// `other`: its `what` (name, alias, id) at `path` in `other`'s record.
fn title_shared(
    facts: &Facts,
    ent: Ent,
    other: Ent,
    (is, what, path): (&str, &str, Vec<PathSeg>),
    diags: &mut Diagnostics,
) {
    let (Some(origin), Some(other_origin)) = (origin_of(facts, ent), origin_of(facts, other))
    else {
        return;
    };
    let (id, other_id) = (facts.id_of(ent), facts.id_of(other));
    let kind = facts.kind(other).as_str();
    let msg = format!(
        "`{}` is the title of event `{id}` and {is} {kind} `{other_id}`",
        facts.label_of(ent),
    );
    let help = format!(
        "on the command line this title names the {kind}; type `event:{id}` for the event, \
         or make the title and the {what} differ"
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, vec![PathSeg::Key("title")]))
        .note(Some(Loc::Field(other_origin, path)), format!("the {what}"))
        .help(help);
    diags.push(d);
}

/// Reports the id of `ent` that, typed on the command line, names `other`
/// as `kind:id`.
pub(super) fn kind_prefixed(facts: &Facts, ent: Ent, other: Ent, diags: &mut Diagnostics) {
    let (Some(origin), Some(other_origin)) = (origin_of(facts, ent), origin_of(facts, other))
    else {
        return;
    };
    let (kind, other_kind) = (facts.kind(ent).as_str(), facts.kind(other).as_str());
    let id = facts.id_of(ent);
    let msg = format!(
        "`{id}` is the id of {kind} `{id}`, and on the command line it names {other_kind} `{}`",
        facts.id_of(other),
    );
    let prefix = id.split_once(':').map_or(other_kind, |(prefix, _)| prefix);
    let help = format!(
        "type `{kind}:{id}` for the {kind}, or give it an id that does not begin with `{prefix}:`"
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(id_loc(origin))
        .note(Some(id_loc(other_origin)), format!("the {other_kind}"))
        .help(help);
    diags.push(d);
}
