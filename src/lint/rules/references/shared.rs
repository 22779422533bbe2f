//! What is wrong with each `$ref` of a definition, decided once per definition (see
//! [`crate::swagger::references`]) for the three rules that report reference faults (not found,
//! not valid, not a JSON pointer): each keeps its own.

use crate::lint::Definition;
use crate::swagger::schemas::Ref;

pub use crate::swagger::references::Fault;

/// Calls `f` with each faulty reference of the definition and its fault.
pub fn each_fault<'a>(cx: &Definition<'a>, mut f: impl FnMut(&Ref<'a>, &Fault<'a>)) {
    let index = cx.index();
    for (i, fault) in cx.ref_faults() {
        f(&index.refs[*i], fault);
    }
}
