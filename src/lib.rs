pub mod diagnostic;
pub mod lines;
