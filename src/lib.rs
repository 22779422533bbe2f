//! ccforge: convert, lint and diff Power Platform custom connector definitions.
//!
//! The command-line tool is a thin layer over this library. [`pipeline`] holds the commands as
//! functions (`convert`, `fix`, `lint`, `diff`, `drift`) that return their outputs and
//! diagnostics; below it, [`source`] reads files, [`detect`] tells their format, [`import`]
//! converts them, [`connector`] makes them connector-ready, [`lint`] checks them, [`diff`]
//! compares them, and [`report`] renders the diagnostics. Every code they report is declared
//! where it is reported ([`diagnostic::Code`]) and collected by [`registry`]. ARCHITECTURE.md
//! draws the layers.

pub mod cli;
pub mod config;
pub mod connector;
pub mod detect;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod fsutil;
pub mod import;
pub mod lint;
pub mod lsp;
pub mod memory;
pub mod pipeline;
pub mod registry;
pub mod report;
pub mod secrets;
pub mod source;
pub mod swagger;
pub mod value;

pub use diagnostic::{Diagnostic, Severity, Span};
