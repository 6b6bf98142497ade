//! What a store knows about its storage: whether the last write failed for a storage fault
//! (full disk, read-only or failing disk, a writer that cannot be had), cleared by the next
//! commit that succeeds. Shared by every backend; `/healthz` and `/readyz` read it.

use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::time::{self, Timestamp};

/// At most one probing write per this interval, however often `/readyz` is asked.
const PROBE_INTERVAL: Duration = Duration::from_secs(1);
/// A probe that takes longer (a writer held elsewhere) leaves the storage unavailable:
/// a load balancer's check must not hang on it.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageState {
    /// The last write committed (or none failed since the start).
    Ok,
    /// The last write failed for a storage fault: writes are refused with 503.
    Unavailable,
}

impl StorageState {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageState::Ok => "ok",
            StorageState::Unavailable => "unavailable",
        }
    }
}

/// The storage state and, while it is unavailable, why and since when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorageReport {
    pub state: StorageState,
    /// The database's own words, e.g. "database or disk is full"; never a path or a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<Utc>>,
}

impl StorageReport {
    pub fn is_ok(&self) -> bool {
        self.state == StorageState::Ok
    }
}

struct Fault {
    reason: String,
    since: Timestamp,
}

/// The tracker a store keeps: writes report their outcome, the health endpoints read it.
#[derive(Default)]
pub struct StorageHealth {
    fault: Mutex<Option<Fault>>,
    /// When the last probe ran; held across the probe so that concurrent checks share it.
    last_probe: tokio::sync::Mutex<Option<Instant>>,
}

impl StorageHealth {
    /// A write failed for a storage fault; the first failure's time is kept.
    pub fn write_failed(&self, reason: &str) {
        let mut fault = self.fault.lock().unwrap_or_else(PoisonError::into_inner);
        match fault.as_mut() {
            Some(f) => f.reason = reason.to_owned(),
            None => {
                tracing::warn!(reason, "storage unavailable: writes are refused");
                *fault = Some(Fault {
                    reason: reason.to_owned(),
                    since: time::now(),
                });
            }
        }
    }

    /// A write committed: the storage takes writes.
    pub fn write_succeeded(&self) {
        let mut fault = self.fault.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(f) = fault.take() {
            tracing::info!(since = %time::iso(&f.since), "storage available again");
        }
    }

    pub fn report(&self) -> StorageReport {
        let fault = self.fault.lock().unwrap_or_else(PoisonError::into_inner);
        match fault.as_ref() {
            None => StorageReport {
                state: StorageState::Ok,
                reason: None,
                since: None,
            },
            Some(f) => StorageReport {
                state: StorageState::Unavailable,
                reason: Some(f.reason.clone()),
                since: Some(f.since),
            },
        }
    }

    /// The state, after trying `probe` (a tiny real write that reports its own outcome here)
    /// when the last write failed: so the storage reads as available again once it is.
    pub async fn check<F, Fut>(&self, probe: F) -> StorageReport
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = ()>,
    {
        if self.report().is_ok() {
            return self.report();
        }
        let mut last = self.last_probe.lock().await;
        let recent = last.is_some_and(|at| at.elapsed() < PROBE_INTERVAL);
        if !recent && !self.report().is_ok() {
            // Cut short, the probe's write is dropped uncommitted and rolled back.
            let _ = tokio::time::timeout(PROBE_TIMEOUT, probe()).await;
            *last = Some(Instant::now());
        }
        self.report()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_clears_a_fault_and_the_first_failure_time_is_kept() {
        let health = StorageHealth::default();
        assert!(health.report().is_ok());
        health.write_failed("database or disk is full");
        let first = health.report();
        assert_eq!(first.state, StorageState::Unavailable);
        health.write_failed("disk I/O error");
        let second = health.report();
        assert_eq!(second.since, first.since);
        assert_eq!(second.reason.as_deref(), Some("disk I/O error"));
        health.write_succeeded();
        assert_eq!(health.report().state, StorageState::Ok);
        assert_eq!(health.report().reason, None);
    }

    #[tokio::test]
    async fn check_probes_only_after_a_fault_and_at_most_once_a_second() {
        let health = StorageHealth::default();
        let probes = std::sync::atomic::AtomicUsize::new(0);
        let probe = || async {
            probes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        };
        assert!(health.check(probe).await.is_ok());
        assert_eq!(probes.load(std::sync::atomic::Ordering::SeqCst), 0);

        health.write_failed("database or disk is full");
        assert!(!health.check(probe).await.is_ok());
        assert!(!health.check(probe).await.is_ok());
        assert_eq!(probes.load(std::sync::atomic::Ordering::SeqCst), 1);

        let recovering = || async { health.write_succeeded() };
        // Still within the interval: the earlier probe's answer stands.
        assert!(!health.check(recovering).await.is_ok());
        *health.last_probe.lock().await = None;
        assert!(health.check(recovering).await.is_ok());
    }
}
