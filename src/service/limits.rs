//! Rate limits on writes from guests and registered readers (staff are not limited), and the
//! login throttle.
//!
//! Guests are told apart by a keyed hash of their address ([`ClientKeys`]): the address itself
//! is never kept.
//!
//! Logins are counted per account name *and* client together, so someone else's failures do
//! not lock an account out; per client, so one client cannot try many names quickly; and, more
//! slowly, per account name from everywhere, so many clients together cannot guess one
//! password quickly either. Names are counted by their normalized key
//! ([`crate::domain::user::name_key`]), the same one look-ups use.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Config;
use crate::domain::user::Actor;
use crate::error::AppError;
use crate::net::client_key::ClientKeys;

pub struct RateLimits {
    guests: DefaultKeyedRateLimiter<String>,
    members: DefaultKeyedRateLimiter<String>,
    logins: LoginLimits,
    /// When each (thread, person) last commented, for threads in slow mode.
    last_comment: Mutex<HashMap<(String, String), Instant>>,
    keys: Arc<ClientKeys>,
}

/// The login throttle's limiters. Each is keyed by a string that says what it counts.
struct LoginLimits {
    /// One name from one client, per minute: `logins_per_minute`.
    pair_minute: DefaultKeyedRateLimiter<String>,
    /// One name from one client, per hour: a few minutes' worth, then slowly.
    pair_hour: DefaultKeyedRateLimiter<String>,
    /// One client, whatever the names: `logins_per_minute`.
    client: DefaultKeyedRateLimiter<String>,
    /// One name from all clients, per hour: more than one client may use, fewer than many
    /// clients guessing together would need.
    name: DefaultKeyedRateLimiter<String>,
}

/// How many minutes' worth of attempts one client gets on one name per hour.
pub const PAIR_HOURLY_MINUTES: u32 = 4;
/// How many minutes' worth of attempts one name gets per hour from all clients together:
/// more than [`PAIR_HOURLY_MINUTES`], so no single client can exhaust it.
pub const NAME_HOURLY_MINUTES: u32 = 10;
/// The longest name key the throttle keeps (account names have at most 40 characters).
const MAX_NAME_KEY_CHARS: usize = 64;
/// Past this many keys a limiter forgets the ones that are back to a full quota.
const FORGET_AFTER_KEYS: usize = 10_000;

impl LoginLimits {
    fn new(per_minute_quota: u32) -> Self {
        Self {
            pair_minute: RateLimiter::keyed(per_minute(per_minute_quota)),
            pair_hour: RateLimiter::keyed(per_hour(
                per_minute_quota.saturating_mul(PAIR_HOURLY_MINUTES),
            )),
            client: RateLimiter::keyed(per_minute(per_minute_quota)),
            name: RateLimiter::keyed(per_hour(
                per_minute_quota.saturating_mul(NAME_HOURLY_MINUTES),
            )),
        }
    }

    /// Counts one attempt. The checks run narrowest first and stop at the first refusal, so
    /// attempts refused for one pair do not use up the client's or the name's quota.
    fn check(&self, name_key: &str, client_key: &str) -> Result<(), AppError> {
        let pair = format!("{client_key}\u{1f}{name_key}");
        for (limiter, key) in [
            (&self.pair_minute, pair.as_str()),
            (&self.pair_hour, pair.as_str()),
            (&self.client, client_key),
            (&self.name, name_key),
        ] {
            if limiter.len() > FORGET_AFTER_KEYS {
                limiter.retain_recent();
            }
            limiter.check_key(&key.to_owned()).map_err(refusal)?;
        }
        Ok(())
    }
}

/// The refusal of a limiter, telling the client when to try again.
fn refusal(not_until: governor::NotUntil<governor::clock::QuantaInstant>) -> AppError {
    let now = governor::clock::Clock::now(&governor::clock::DefaultClock::default());
    AppError::TooManyRequests {
        retry_after: not_until.wait_time_from(now).as_secs().max(1),
    }
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

fn per_hour(n: u32) -> Quota {
    Quota::per_hour(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    pub fn new(config: &Config) -> Self {
        Self {
            guests: RateLimiter::keyed(per_minute(config.guest_writes_per_minute)),
            members: RateLimiter::keyed(per_minute(config.member_writes_per_minute)),
            logins: LoginLimits::new(config.logins_per_minute),
            last_comment: Mutex::new(HashMap::new()),
            keys: Arc::new(ClientKeys::default()),
        }
    }

    /// A keyed hash of a client address, for telling guests apart without keeping addresses.
    pub fn client_key(&self, addr: Option<IpAddr>) -> String {
        self.keys.of(addr)
    }

    pub fn client_keys(&self) -> &Arc<ClientKeys> {
        &self.keys
    }

    /// Counts one login attempt for the account name as typed (it is normalized here) and the
    /// client: guessing one password many times, one password on many accounts, and one
    /// password from many clients are all slowed down, while a client that has not failed can
    /// still log in when another one has.
    pub fn check_login(&self, name: &str, addr: Option<IpAddr>) -> Result<(), AppError> {
        // No account name is longer than this, so a longer key names no account; keeping it
        // short bounds what a flood of made-up names costs in memory.
        let name_key: String = crate::domain::user::name_key(name)
            .chars()
            .take(MAX_NAME_KEY_CHARS)
            .collect();
        self.logins.check(&name_key, &self.client_key(addr))
    }

    /// Counts one write; refuses it when the actor is over their quota.
    pub fn check_write(&self, actor: &Actor, addr: Option<IpAddr>) -> Result<(), AppError> {
        let outcome = match actor {
            Actor::Guest => self.guests.check_key(&self.client_key(addr)),
            Actor::User(u) if !u.role.is_staff() => self.members.check_key(&u.id),
            _ => return Ok(()),
        };
        outcome.map_err(refusal)
    }

    /// Slow mode: at most one comment per person every `seconds` on this thread; staff are
    /// exempt. Counts the comment when it is allowed.
    pub fn check_slow_mode(
        &self,
        thread_id: &str,
        seconds: u32,
        actor: &Actor,
        addr: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let person = match actor {
            Actor::User(u) if u.role.is_staff() => return Ok(()),
            Actor::System => return Ok(()),
            Actor::User(u) => u.id.clone(),
            Actor::Guest => self.client_key(addr),
        };
        if seconds == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let window = Duration::from_secs(u64::from(seconds));
        let mut last = self
            .last_comment
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Forget what no slow mode can still care about (an hour is the longest).
        if last.len() > 10_000 {
            last.retain(|_, at| now.duration_since(*at) < Duration::from_secs(3600));
        }
        let key = (thread_id.to_owned(), person);
        if let Some(at) = last.get(&key) {
            let elapsed = now.duration_since(*at);
            if elapsed < window {
                return Err(AppError::Conflict {
                    code: "slow_mode",
                    message: format!(
                        "this thread is in slow mode: wait {} s before commenting again",
                        (window - elapsed).as_secs().max(1)
                    ),
                });
            }
        }
        last.insert(key, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(logins_per_minute: u32) -> RateLimits {
        RateLimits::new(&Config {
            logins_per_minute,
            ..Config::default()
        })
    }

    fn addr(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn one_name_one_client_is_one_count_however_the_name_is_spelled() {
        let limits = limits(2);
        assert!(limits.check_login("anna", addr("192.0.2.1")).is_ok());
        assert!(limits.check_login(" ANNA\t", addr("192.0.2.1")).is_ok());
        assert!(limits.check_login("ａｎｎａ", addr("192.0.2.1")).is_err());
        // Another client still may.
        assert!(limits.check_login("anna", addr("192.0.2.2")).is_ok());
    }

    #[test]
    fn a_refused_pair_spends_nothing_of_the_name() {
        // 10 an hour for the name from everywhere; one client keeps hammering.
        let limits = limits(1);
        assert!(limits.check_login("anna", addr("192.0.2.1")).is_ok());
        for _ in 0..50 {
            assert!(limits.check_login("anna", addr("192.0.2.1")).is_err());
        }
        for i in 2..11 {
            let client = addr(&format!("192.0.2.{i}"));
            assert!(limits.check_login("anna", client).is_ok(), "client {i}");
        }
        assert!(limits.check_login("anna", addr("192.0.2.99")).is_err());
    }

    #[test]
    fn made_up_long_names_are_cut_to_a_short_key() {
        let limits = limits(1);
        let long = "n".repeat(10_000);
        assert!(limits.check_login(&format!("{long}a"), None).is_ok());
        // Past the longest account name, the rest of a name is not kept, nor counted apart.
        assert!(limits.check_login(&format!("{long}b"), None).is_err());
        // Spacing before a name is not cut into its key.
        let spaced = format!("{}anna", " ".repeat(300));
        assert!(limits.check_login(&spaced, addr("192.0.2.1")).is_ok());
        assert!(limits.check_login("anna", addr("192.0.2.1")).is_err());
    }
}
