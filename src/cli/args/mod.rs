//! Argument groups shared by several subcommands, each flattened into the
//! commands that need it.

pub mod glossary;
pub mod input;
pub mod io;
pub mod jobs;
pub mod model;
pub mod output;
