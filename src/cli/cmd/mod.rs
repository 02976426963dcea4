//! One module per subcommand, each with its own usage text.

pub mod align;
pub mod check;
pub mod eval;
pub mod glossary;
pub mod review;
pub mod segment;
pub mod tm;
