//! Telling clients apart without keeping their address: a keyed hash of it.
//!
//! The key is new at every start, so the hashes cannot be linked across restarts. The
//! listener counts connections by it and the service's limits count writes by it.

use std::net::IpAddr;

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub struct ClientKeys {
    key: [u8; 32],
}

impl Default for ClientKeys {
    fn default() -> Self {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        Self { key }
    }
}

impl ClientKeys {
    /// The client's key: the same address gives the same key until the server restarts.
    pub fn of(&self, addr: Option<IpAddr>) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return "unknown".into();
        };
        mac.update(addr.map(|a| a.to_string()).unwrap_or_default().as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }
}
