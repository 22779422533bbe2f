//! The library's entry points: `convert`, `lint`, `fix`, `diff` and `drift` as functions that
//! take paths or sources and return their outputs and diagnostics. The command line prints what
//! they return and decides the exit status; it does no work of its own.

pub mod lint;

pub use lint::lint_paths;
