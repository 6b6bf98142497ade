//! The operations: one function per change anyone can make, shared by the JSON API, the pages,
//! the command line and the demo.
//!
//! Each operation does, in this order and only here: who may do it (one permission check, with
//! the real ownership of what it touches), what was sent (parsed only once the caller may act,
//! then validated into a type nothing else can build), the rate limits, the store's one
//! transaction, and the announcement of the committed events on the bus. Handlers only turn a
//! request into these arguments and the outcome into JSON or a page.

pub mod access;
pub mod accounts;
pub mod comments;
pub mod indicators;
pub mod input;
pub mod limits;
pub mod machine;
pub mod moderation;
pub mod places;
pub mod reports;
pub mod sources;
pub mod threads;
pub mod translations;
pub mod updates;

use std::net::IpAddr;
use std::sync::Arc;

use tokio::sync::broadcast;

use crate::config::Config;
use crate::domain::event::Change;
use crate::live::{EventBus, Frame};
use crate::mt::Translator;
use crate::store::Store;

pub use self::access::{ownership, permit};
pub use self::input::Submitted;
use self::limits::RateLimits;

/// Who is asking, below the account: the client's address, when known. It is never stored;
/// guests are told apart by a keyed hash of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Client {
    pub addr: Option<IpAddr>,
}

impl Client {
    pub fn at(addr: Option<IpAddr>) -> Self {
        Self { addr }
    }
}

/// Everything an operation needs: the store with its writes, the bus, the limits, the
/// machine-translation engine.
pub struct Service {
    store: Arc<dyn Store>,
    events: Arc<dyn EventBus>,
    limits: Arc<RateLimits>,
    config: Arc<Config>,
    /// The machine-translation engine, when one is configured.
    translator: Option<Arc<dyn Translator>>,
}

impl Service {
    pub fn new(
        store: Arc<dyn Store>,
        events: Arc<dyn EventBus>,
        config: Arc<Config>,
        translator: Option<Arc<dyn Translator>>,
    ) -> Self {
        Self {
            store,
            events,
            limits: Arc::new(RateLimits::new(&config)),
            config,
            translator,
        }
    }

    /// The thread's committed events from now on, for an open stream.
    pub fn subscribe(&self, thread_id: &str) -> broadcast::Receiver<Arc<Frame>> {
        self.events.subscribe(thread_id)
    }

    /// The keyed hash that tells clients apart without keeping their address.
    pub fn client_key(&self, client: Client) -> String {
        self.limits.client_key(client.addr)
    }

    /// The keys the listener counts connections under, the same the limits use.
    pub fn client_keys(&self) -> &Arc<crate::net::client_key::ClientKeys> {
        self.limits.client_keys()
    }

    pub fn limits(&self) -> &Arc<RateLimits> {
        &self.limits
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends a committed change's events to the open streams and hands back the item.
    fn announce<T>(&self, change: Change<T>) -> T {
        self.events.publish(&change.events);
        change.item
    }
}

impl Service {
    /// Announces events committed outside an operation (a burst a test commits at once).
    pub fn publish(&self, events: &[crate::domain::event::Event]) {
        self.events.publish(events);
    }
}
