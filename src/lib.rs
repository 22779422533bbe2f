//! ccforge: convert, lint and diff Power Platform custom connector definitions.
//!
//! The command-line tool is a thin layer over this library: [`source`] reads files, [`detect`]
//! tells their format, [`lint`] checks them and [`report`] renders the diagnostics.

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
pub mod pipeline;
pub mod registry;
pub mod report;
pub mod source;
pub mod swagger;

pub use diagnostic::{Diagnostic, Severity, Span};
