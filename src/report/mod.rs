//! Renderers (placeholder).
