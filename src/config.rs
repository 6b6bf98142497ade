//! Runtime settings: one struct, filled from flags and `CRONACA_*` environment variables.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted.
    pub body_limit: usize,
    /// How often an idle event stream gets a comment line, so proxies keep it open.
    pub heartbeat: Duration,
    /// How many events an event stream may fall behind before it is disconnected.
    pub stream_buffer: usize,
    /// Writes a guest may make per minute (comments, flags), per client.
    pub guest_writes_per_minute: u32,
    /// Writes a registered contributor or translator may make per minute.
    pub member_writes_per_minute: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            body_limit: 256 * 1024,
            heartbeat: Duration::from_secs(15),
            stream_buffer: 256,
            guest_writes_per_minute: 10,
            member_writes_per_minute: 30,
        }
    }
}
