//! The network edge below HTTP: the descriptor limit, caps on what clients hold open, and a
//! listener that enforces them with timeouts for connections that send nothing.

pub mod caps;
pub mod client_key;
pub mod descriptors;
pub mod io;
pub mod listener;
