//! The process's descriptor limit: raised to the hard limit at start, and the share of it that
//! connections and event streams may take, so that one flood cannot take every descriptor.

use rlimit::Resource;

/// The soft descriptor limit before and after raising it, and the hard limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DescriptorLimit {
    pub soft_before: u64,
    pub soft: u64,
    pub hard: u64,
}

/// Raises the soft limit on open files to the hard limit (a common soft default is 1,024,
/// far below what a server with many open streams needs).
pub fn raise() -> std::io::Result<DescriptorLimit> {
    let (soft_before, hard) = Resource::NOFILE.get()?;
    // `increase_nofile_limit` also knows the platforms whose hard limit cannot be used as is.
    let soft = rlimit::increase_nofile_limit(hard)?;
    Ok(DescriptorLimit {
        soft_before,
        soft,
        hard,
    })
}

/// The soft limit in force now (1,024 when it cannot be read).
pub fn soft_limit() -> u64 {
    Resource::NOFILE.get().map(|(soft, _)| soft).unwrap_or(1024)
}

/// How many connections and event streams may be open at once under a descriptor limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Open connections in all; more are closed as soon as they are accepted.
    pub connections: usize,
    /// Open event streams in all: a share of the connections, leaving the rest for pages and
    /// API requests.
    pub streams: usize,
}

impl Budget {
    /// A reserve of an eighth of the limit (at least 64, at most 1,024) stays for the database,
    /// the log, outgoing requests and the descriptor an over-cap connection needs for the moment
    /// it takes to close it; streams may use three quarters of the connections.
    pub fn for_limit(soft: u64) -> Self {
        let soft = usize::try_from(soft).unwrap_or(usize::MAX);
        let reserve = (soft / 8).clamp(64, 1024);
        let connections = soft.saturating_sub(reserve).max(16);
        Self {
            connections,
            streams: (connections / 4 * 3).max(1),
        }
    }

    /// The budget under the limit in force now.
    pub fn current() -> Self {
        Self::for_limit(soft_limit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_keeps_descriptors_for_everything_else() {
        assert_eq!(
            Budget::for_limit(1024),
            Budget {
                connections: 896,
                streams: 672
            }
        );
        assert_eq!(
            Budget::for_limit(4096),
            Budget {
                connections: 3584,
                streams: 2688
            }
        );
        let large = Budget::for_limit(1 << 20);
        assert_eq!(large.connections, (1 << 20) - 1024);
        assert!(large.streams < large.connections);
        assert_eq!(Budget::for_limit(64).connections, 16, "never none at all");
    }

    #[test]
    fn raising_reaches_the_hard_limit() {
        let limit = raise().unwrap();
        assert!(limit.soft >= limit.soft_before);
        assert_eq!(soft_limit(), limit.soft);
    }
}
