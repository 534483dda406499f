//! Renderers of the readiness overview ([`crate::submission::overview::Overview`]):
//! a terminal summary, the JSON contract and the self-contained HTML page.

pub mod html;
pub mod human;
pub mod json;
