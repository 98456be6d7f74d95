//! The projection itself: pure computation, no file, terminal or clock I/O.

pub mod demography;
