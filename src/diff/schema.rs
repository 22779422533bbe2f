//! Structural schema comparison: `$ref`s resolved (inline and referenced forms are equal),
//! `allOf` flattened, recursion-safe.

use crate::value::Lookup;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use super::changes::*;
use super::{Change, Direction, Level, Out};
use crate::diagnostic::{Code, escape_token};

/// How many levels of a nested schema a change's description names one by one.
const NAMED_LEVELS: usize = 8;

/// Two schemas to compare, their places, and how a change between them is described.
struct Pair<'a> {
    a: &'a Value,
    ap: String,
    b: &'a Value,
    bp: String,
    what: Rc<str>,
    depth: usize,
}

/// The comparison's work list: a pair to compare, or a change to report in its turn.
enum Step<'a> {
    Compare(Pair<'a>),
    Emit(Change),
}

pub(crate) struct Cx<'a, 'o> {
    old: &'a Value,
    new: &'a Value,
    dir: Direction,
    op: Option<&'a str>,
    out: &'o mut Out,
}

/// A schema seen through its `$ref`s and `allOf`s.
#[derive(Default)]
struct View<'a> {
    ty: Option<&'a str>,
    format: Option<&'a str>,
    enumeration: Option<Vec<&'a Value>>,
    pattern: Option<&'a str>,
    /// `x-nullable: true` (what OpenAPI 3's `nullable` and `null` type become).
    nullable: bool,
    properties: BTreeMap<&'a str, (&'a Value, String)>,
    order: Vec<&'a str>,
    required: BTreeSet<&'a str>,
    items: Option<(&'a Value, String)>,
}

/// The schema behind `v`'s `$ref`s, and its pointer when a `$ref` was followed.
fn follow<'a>(doc: &'a Value, v: &'a Value) -> (&'a Value, Option<&'a str>) {
    let mut cur = (v, None);
    for _ in 0..32 {
        let Some(r) = cur.0.field("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(target) = r.strip_prefix('#').and_then(|p| doc.pointer(p)) else {
            break;
        };
        cur = (target, Some(&r[1..]));
    }
    cur
}

fn view<'a>(doc: &'a Value, v: &'a Value, at: &str, depth: usize) -> View<'a> {
    let (s, followed) = follow(doc, v);
    let at = followed.unwrap_or(at);
    let mut out = View::default();
    if depth > 16 {
        return out;
    }
    if let Some(all) = s.field("allOf").and_then(Value::as_array) {
        for (i, member) in all.iter().enumerate() {
            let m = view(doc, member, &format!("{at}/allOf/{i}"), depth + 1);
            out.ty = out.ty.or(m.ty);
            out.format = out.format.or(m.format);
            for name in m.order {
                if !out.properties.contains_key(name) {
                    out.order.push(name);
                }
                out.properties.insert(name, m.properties[name].clone());
            }
            out.required.extend(m.required);
            out.items = out.items.or(m.items);
        }
    }
    out.ty = s.field("type").and_then(Value::as_str).or(out.ty);
    if out.ty.is_none() && (s.field("properties").is_some() || !out.properties.is_empty()) {
        out.ty = Some("object");
    }
    out.format = s.field("format").and_then(Value::as_str).or(out.format);
    out.enumeration = s
        .field("enum")
        .and_then(Value::as_array)
        .map(|e| e.iter().collect());
    // An empty pattern matches every value: no pattern at all.
    out.pattern = s
        .field("pattern")
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty());
    out.nullable = s.field("x-nullable").and_then(Value::as_bool) == Some(true);
    for (name, p) in s
        .field("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if !out.properties.contains_key(name.as_str()) {
            out.order.push(name);
        }
        out.properties
            .insert(name, (p, format!("{at}/properties/{}", escape_token(name))));
    }
    out.required.extend(
        s.field("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str),
    );
    if let Some(items) = s.field("items") {
        out.items = Some((items, format!("{at}/items")));
    }
    out
}

impl<'a, 'o> Cx<'a, 'o> {
    pub(crate) fn new(
        old: &'a Value,
        new: &'a Value,
        dir: Direction,
        op: Option<&'a str>,
        out: &'o mut Out,
    ) -> Self {
        Cx {
            old,
            new,
            dir,
            op,
            out,
        }
    }

    fn push(&mut self, code: &'static Code, level: Level, a: &str, b: &str, message: String) {
        self.out.push(
            code,
            level,
            self.op,
            Some(a.to_string()),
            Some(b.to_string()),
            message,
        );
    }

    /// Compares two schemas and everything below them. The walk keeps its own stack: a chain
    /// of definitions, each a property of the one before, is as deep as the file is long.
    pub(crate) fn compare(&mut self, a: &'a Value, ap: &str, b: &'a Value, bp: &str, what: &str) {
        let root: Rc<str> = Rc::from(what);
        let mut stack = vec![Step::Compare(Pair {
            a,
            ap: ap.to_string(),
            b,
            bp: bp.to_string(),
            what: root.clone(),
            depth: 0,
        })];
        while let Some(step) = stack.pop() {
            match step {
                Step::Emit(change) => self.out.changes.push(change),
                Step::Compare(pair) => {
                    let mut next = Vec::new();
                    self.compare_one(pair, &root, &mut next);
                    stack.extend(next.into_iter().rev());
                }
            }
        }
    }

    /// Compares one pair of schemas; what is below them (and the changes to report between
    /// those) goes to `next`, in the order it is to be reported.
    fn compare_one(&mut self, pair: Pair<'a>, root: &Rc<str>, next: &mut Vec<Step<'a>>) {
        let Pair {
            a,
            ap,
            b,
            bp,
            what,
            depth,
        } = pair;
        let (ap, bp, what) = (ap.as_str(), bp.as_str(), &*what);
        // Deep inside a schema, the description names the outermost schema and the depth, so
        // its length does not grow with the nesting.
        let nested = |part: String| -> Rc<str> {
            if depth < NAMED_LEVELS {
                Rc::from(format!("{part} of {what}"))
            } else {
                Rc::from(format!("{part}, {} levels inside {root}", depth + 1))
            }
        };
        // Where each side really is, after its `$ref`s. A recursive schema goes round through
        // a definition, so a pair of places inside definitions seen before ends the walk; it
        // also compares a definition shared by many operations once.
        let (ra, followed_a) = follow(self.old, a);
        let (rb, followed_b) = follow(self.new, b);
        let (at_a, at_b) = (followed_a.unwrap_or(ap), followed_b.unwrap_or(bp));
        // A node's address names its place in the (unchanging) document.
        if (at_a.starts_with("/definitions/") || at_b.starts_with("/definitions/"))
            && !self.out.visited.insert((
                ra as *const Value as usize,
                rb as *const Value as usize,
                self.dir == Direction::Request,
            ))
        {
            return;
        }
        let va = view(self.old, a, ap, 0);
        let vb = view(self.new, b, bp, 0);
        let request = self.dir == Direction::Request;
        if let (Some(ta), Some(tb)) = (va.ty, vb.ty)
            && ta != tb
        {
            let widening = (request && ta == "integer" && tb == "number")
                || (!request && ta == "number" && tb == "integer");
            let kind = if request {
                &REQUEST_TYPE_CHANGED
            } else {
                &RESPONSE_TYPE_CHANGED
            };
            self.push(
                kind,
                if widening {
                    Level::Info
                } else {
                    Level::Breaking
                },
                ap,
                bp,
                format!("{what} changed type from {ta} to {tb}"),
            );
            return;
        }
        if va.format != vb.format && va.format.is_some() && vb.format.is_some() {
            self.push(
                &FORMAT_CHANGED,
                Level::Warning,
                ap,
                bp,
                format!(
                    "{what} changed format from {} to {}",
                    va.format.unwrap_or(""),
                    vb.format.unwrap_or("")
                ),
            );
        } else if request
            && va.format.is_none()
            && vb.format.is_some()
            && !matches!(vb.format, Some("int32" | "int64" | "float" | "double"))
        {
            self.push(
                &FORMAT_CHANGED,
                Level::Warning,
                ap,
                bp,
                format!("{what} now has format {}", vb.format.unwrap_or("")),
            );
        }
        if request && va.pattern != vb.pattern && vb.pattern.is_some() {
            self.push(
                &PATTERN_CHANGED,
                Level::Warning,
                ap,
                bp,
                format!(
                    "{what} has a new or changed pattern `{}`",
                    vb.pattern.unwrap_or("")
                ),
            );
        }
        if !request && !va.nullable && vb.nullable {
            self.push(
                &NULLABLE_CHANGED,
                Level::Warning,
                ap,
                bp,
                format!("{what} may now be null"),
            );
        } else if request && va.nullable && !vb.nullable {
            self.push(
                &NULLABLE_CHANGED,
                Level::Warning,
                ap,
                bp,
                format!("{what} no longer accepts null"),
            );
        }
        self.enums(&va, ap, &vb, bp, what);
        if request {
            self.constraints(ra, ap, rb, bp, what);
        }
        // Properties.
        for name in &va.order {
            let (pa, pap) = va.properties[name].clone();
            match vb.properties.get(name) {
                None => {
                    let kind = if request {
                        &REQUEST_PROPERTY_REMOVED
                    } else {
                        &RESPONSE_PROPERTY_REMOVED
                    };
                    next.push(self.emit(
                        kind,
                        Level::Breaking,
                        Some(pap),
                        Some(bp.to_string()),
                        format!("property `{name}` of {what} was removed"),
                    ));
                }
                Some((pb, pbp)) => {
                    let (pb, pbp) = (*pb, pbp.clone());
                    if request && !va.required.contains(name) && vb.required.contains(name) {
                        next.push(self.emit(
                            &REQUEST_PROPERTY_MADE_REQUIRED,
                            Level::Breaking,
                            Some(pap.clone()),
                            Some(pbp.clone()),
                            format!("property `{name}` of {what} became required"),
                        ));
                    }
                    next.push(Step::Compare(Pair {
                        a: pa,
                        ap: pap,
                        b: pb,
                        bp: pbp,
                        what: nested(format!("property `{name}`")),
                        depth: depth + 1,
                    }));
                }
            }
        }
        for name in &vb.order {
            if va.properties.contains_key(name) {
                continue;
            }
            let (_, pbp) = vb.properties[name].clone();
            let required = vb.required.contains(name);
            let (kind, level) = match (request, required) {
                (true, true) => (&REQUEST_PROPERTY_ADDED_REQUIRED, Level::Breaking),
                (true, false) => (&REQUEST_PROPERTY_ADDED, Level::Info),
                (false, _) => (&RESPONSE_PROPERTY_ADDED, Level::Info),
            };
            next.push(self.emit(
                kind,
                level,
                Some(ap.to_string()),
                Some(pbp),
                format!(
                    "{} property `{name}` was added to {what}",
                    if required && request { "required" } else { "a" }
                ),
            ));
        }
        if let (Some((ia, iap)), Some((ib, ibp))) = (va.items.clone(), vb.items.clone()) {
            next.push(Step::Compare(Pair {
                a: ia,
                ap: iap,
                b: ib,
                bp: ibp,
                what: nested("each item".to_string()),
                depth: depth + 1,
            }));
        }
    }

    /// A change to report later, in its place among the comparisons below a schema.
    fn emit(
        &self,
        code: &'static Code,
        level: Level,
        old: Option<String>,
        new: Option<String>,
        message: String,
    ) -> Step<'a> {
        Step::Emit(Change {
            code,
            rule: code.name,
            level,
            message,
            operation: self.op.map(str::to_string),
            old,
            new,
        })
    }

    /// Request constraints that got stricter: values flows send today may be refused.
    fn constraints(&mut self, a: &Value, ap: &str, b: &Value, bp: &str, what: &str) {
        let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
        if let (Some(x), Some(y)) = (a.field("collectionFormat"), b.field("collectionFormat"))
            && x != y
        {
            self.push(
                &COLLECTION_FORMAT_CHANGED,
                Level::Breaking,
                ap,
                bp,
                format!("{what} changed collectionFormat from {x} to {y}"),
            );
        }
        let mut stricter = Vec::new();
        for k in ["maximum", "maxLength", "maxItems", "maxProperties"] {
            match (num(a, k), num(b, k)) {
                (Some(x), Some(y)) if y < x => stricter.push(format!("{k} {x} → {y}")),
                (None, Some(y)) => stricter.push(format!("{k} {y}")),
                _ => {}
            }
        }
        for k in ["minimum", "minLength", "minItems", "minProperties"] {
            match (num(a, k), num(b, k)) {
                (Some(x), Some(y)) if y > x => stricter.push(format!("{k} {x} → {y}")),
                (None, Some(y)) if y > 0.0 => stricter.push(format!("{k} {y}")),
                _ => {}
            }
        }
        if !stricter.is_empty() {
            self.push(
                &CONSTRAINT_NARROWED,
                Level::Warning,
                ap,
                bp,
                format!("{what} accepts fewer values: {}", stricter.join(", ")),
            );
        }
    }

    fn enums(&mut self, va: &View, ap: &str, vb: &View, bp: &str, what: &str) {
        let request = self.dir == Direction::Request;
        match (&va.enumeration, &vb.enumeration) {
            (None, Some(_)) if request => {
                self.push(&ENUM_ADDED, Level::Breaking, ap, bp, format!("{what} now only accepts listed values (a new enum): flows that send other values break"));
            }
            (Some(ea), Some(eb)) if ea != eb => {
                // By their JSON text, in sets: lists of thousands of values compare in one pass.
                let texts =
                    |list: &[&Value]| list.iter().map(|v| v.to_string()).collect::<Vec<_>>();
                let (ta, tb) = (texts(ea), texts(eb));
                let (sa, sb): (HashSet<&str>, HashSet<&str>) = (
                    ta.iter().map(String::as_str).collect(),
                    tb.iter().map(String::as_str).collect(),
                );
                let added: Vec<String> = tb
                    .iter()
                    .filter(|v| !sa.contains(v.as_str()))
                    .cloned()
                    .collect();
                let removed: Vec<String> = ta
                    .iter()
                    .filter(|v| !sb.contains(v.as_str()))
                    .cloned()
                    .collect();
                // The values of a secret (`enum: [the key]` on `api_key`) are not repeated.
                let named = what.split('`').nth(1).unwrap_or_default();
                let secret = |list: &[String]| {
                    list.iter().any(|v| {
                        let text = v.trim_matches('"');
                        crate::secrets::withhold(Some(named), text).is_some()
                    })
                };
                let shown = |list: &[String]| {
                    if secret(list) {
                        format!("({} withheld: a secret)", list.len())
                    } else {
                        list.join(", ")
                    }
                };
                if !removed.is_empty() {
                    let level = if request {
                        Level::Breaking
                    } else {
                        Level::Info
                    };
                    self.push(
                        &ENUM_VALUES_REMOVED,
                        level,
                        ap,
                        bp,
                        format!("{what} lost enum values {}", shown(&removed)),
                    );
                }
                if !added.is_empty() {
                    let level = if request { Level::Info } else { Level::Warning };
                    self.push(
                        &ENUM_VALUES_ADDED,
                        level,
                        ap,
                        bp,
                        format!(
                            "{what} gained enum values {}{}",
                            shown(&added),
                            if request {
                                ""
                            } else {
                                ": flows that branch on the value may not expect them"
                            }
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}
