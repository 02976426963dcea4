//! One module per subcommand, each with its own usage text.

pub mod align;
pub mod check;
pub mod segment;
pub mod tm;
