//! Caps on things a client holds open (connections, event streams): per client key and in all.
//!
//! A client key is the keyed hash of an address (`RateLimits::client_key`), never the address.
//! A holder without a key (a trusted proxy, once there is one) counts only toward the total.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub struct Caps {
    per_client: usize,
    total: usize,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    by_client: HashMap<String, usize>,
    all: usize,
}

/// Which cap refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This client already holds its share.
    Client,
    /// The server holds as many as it can.
    Server,
}

impl Full {
    /// For metric labels and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Full::Client => "client",
            Full::Server => "server",
        }
    }
}

/// One thing held open; dropping it gives its place back.
#[must_use = "the place is given back when this is dropped"]
pub struct Held {
    caps: Arc<Caps>,
    key: Option<String>,
}

impl Caps {
    pub fn new(per_client: usize, total: usize) -> Self {
        Self {
            per_client: per_client.max(1),
            total: total.max(1),
            open: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a place for the client `key`, or says which cap is reached.
    pub fn try_hold(self: &Arc<Self>, key: Option<String>) -> Result<Held, Full> {
        let mut open = self.lock();
        if open.all >= self.total {
            return Err(Full::Server);
        }
        if let Some(k) = &key {
            let mine = open.by_client.get(k).copied().unwrap_or(0);
            if mine >= self.per_client {
                return Err(Full::Client);
            }
            open.by_client.insert(k.clone(), mine + 1);
        }
        open.all += 1;
        Ok(Held {
            caps: self.clone(),
            key,
        })
    }

    /// How many are held in all.
    pub fn open(&self) -> usize {
        self.lock().all
    }

    pub fn per_client(&self) -> usize {
        self.per_client
    }

    pub fn total(&self) -> usize {
        self.total
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = self.caps.lock();
        open.all = open.all.saturating_sub(1);
        if let Some(k) = &self.key
            && let Some(n) = open.by_client.get_mut(k)
        {
            *n -= 1;
            // Forget clients that hold nothing: the map is only as large as what is open.
            if *n == 0 {
                open.by_client.remove(k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Option<String> {
        Some(k.to_owned())
    }

    #[test]
    fn a_client_gets_its_share_and_others_still_get_theirs() {
        let caps = Arc::new(Caps::new(2, 10));
        let a1 = caps.try_hold(key("a")).unwrap();
        let _a2 = caps.try_hold(key("a")).unwrap();
        assert_eq!(caps.try_hold(key("a")).err(), Some(Full::Client));
        let _b = caps.try_hold(key("b")).unwrap();
        drop(a1);
        let _a3 = caps.try_hold(key("a")).unwrap();
        assert_eq!(caps.open(), 3);
    }

    #[test]
    fn the_total_cap_holds_for_everyone_and_places_come_back() {
        let caps = Arc::new(Caps::new(5, 2));
        let held = [
            caps.try_hold(key("a")).unwrap(),
            caps.try_hold(None).unwrap(),
        ];
        assert_eq!(caps.try_hold(key("b")).err(), Some(Full::Server));
        assert_eq!(caps.try_hold(None).err(), Some(Full::Server));
        drop(held);
        assert_eq!(caps.open(), 0);
        assert!(caps.lock().by_client.is_empty(), "no client is remembered");
    }
}
