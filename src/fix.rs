//! Applying fixes (placeholder).
