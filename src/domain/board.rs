//! The situation board: what is known, who says so, and what is disputed — one pure function
//! from a thread's claims to its board.
//!
//! Rules: the current value of an indicator (per place, when it is per place) is the most recent
//! claim by `as_of`; claims of struck, retracted or false reports never count. Sources are counted
//! by origin: a report that only repeats another source counts for the cited one. The value is
//! *disputed* when another origin's latest claim within the dispute window disagrees (for counts:
//! ranges that do not overlap), and *corroborated* when two or more origins agree. Superseded
//! is not disputed: an origin's own later claim replaces its earlier one, and a claim an editor
//! marked superseded no longer counts (see `supersede`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

mod count;
mod supersede;
pub use supersede::{ClaimState, NewSupersession, SupersededBy, SupersedingKind};

/// A count as sources state it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Count {
    Exact { n: i64 },
    Range { low: i64, high: i64 },
    AtLeast { n: i64 },
}

#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(as = ClaimValue)]
pub enum Value {
    Count { count: Count },
    Status { value: String },
    Text { text: String },
}

/// `Value` under a name the schema generator does not take for an arbitrary JSON value.
pub type ClaimValue = Value;

impl Value {
    pub fn agrees_with(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Count { count: a }, Value::Count { count: b }) => a.overlaps(*b),
            (a, b) => a == b,
        }
    }
}

/// What a moderator decided about a report; the rest is derived from claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Unverified,
    Corroborated,
    Disputed,
    Confirmed,
    False,
    Retracted,
}

/// One claim with what the board needs of its report and source.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInput {
    pub claim_id: String,
    pub report_id: String,
    pub indicator: String,
    pub place: Option<String>,
    pub value: Value,
    pub as_of: DateTime<Utc>,
    pub source: String,
    /// The source the report only repeats, if any: the claim counts for that one.
    pub cites: Option<String>,
    pub report_struck: bool,
    /// Unverified unless a moderator set confirmed, false or retracted.
    pub report_status: Verification,
    /// An editor's mark: this claim is overtaken by that report or update.
    pub superseded_by: Option<SupersededBy>,
}

impl ClaimInput {
    pub fn origin(&self) -> &str {
        self.cites.as_deref().unwrap_or(&self.source)
    }

    fn counts(&self) -> bool {
        !self.report_struck
            && !matches!(
                self.report_status,
                Verification::False | Verification::Retracted
            )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// One origin says so, and nobody disagrees.
    Single,
    Corroborated,
    Disputed,
}

/// A value and the independent origins that state it (their latest claims in the window).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    pub value: Value,
    pub as_of: DateTime<Utc>,
    pub origins: Vec<String>,
    pub reports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryPoint {
    pub as_of: DateTime<Utc>,
    pub value: Value,
    pub report: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub indicator: String,
    pub place: Option<String>,
    /// The most recent value, first in `positions`.
    pub current: Position,
    pub agreement: Agreement,
    /// The current position and, when disputed, the competing ones, side by side.
    pub positions: Vec<Position>,
    /// Every counted claim over time, per origin.
    pub history: BTreeMap<String, Vec<HistoryPoint>>,
}

/// A claim an editor marked superseded: off the board's figures, shown struck with its link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupersededClaim {
    pub indicator: String,
    pub place: Option<String>,
    pub claim: String,
    pub report: String,
    pub origin: String,
    pub value: Value,
    pub as_of: DateTime<Utc>,
    pub by: SupersededBy,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub entries: Vec<Entry>,
    /// The badge of every report that carries claims.
    pub reports: BTreeMap<String, Verification>,
    /// Where every claim stands, by claim id.
    pub claims: BTreeMap<String, ClaimState>,
    /// The claims editors marked superseded, in time order per indicator and place.
    pub superseded: Vec<SupersededClaim>,
}

pub const DEFAULT_DISPUTE_WINDOW: Duration = Duration::hours(12);

/// The board of a thread's claims. The order of `claims` does not matter.
pub fn board(claims: &[ClaimInput], dispute_window: Duration) -> Board {
    let mut groups: BTreeMap<(String, Option<String>), Vec<&ClaimInput>> = BTreeMap::new();
    let mut states: BTreeMap<String, ClaimState> = BTreeMap::new();
    let mut superseded = Vec::new();
    for c in claims {
        if !c.counts() {
            states.insert(c.claim_id.clone(), ClaimState::Dropped);
            continue;
        }
        groups
            .entry((c.indicator.clone(), c.place.clone()))
            .or_default()
            .push(c);
    }
    let mut entries = Vec::new();
    let mut derived: BTreeMap<String, Verification> = BTreeMap::new();
    for ((indicator, place), mut group) in groups {
        // A total order, so the result never depends on the order claims arrive in.
        group.sort_by(|a, b| (a.as_of, &a.claim_id).cmp(&(b.as_of, &b.claim_id)));
        let group_states = supersede::states(&group);
        let stands = |c: &ClaimInput| {
            group_states
                .get(&c.claim_id)
                .is_some_and(ClaimState::stands)
        };
        let standing: Vec<&ClaimInput> = group.iter().copied().filter(|c| stands(c)).collect();
        for c in &group {
            if let Some(ClaimState::Superseded { by }) = group_states.get(&c.claim_id) {
                superseded.push(SupersededClaim {
                    indicator: indicator.clone(),
                    place: place.clone(),
                    claim: c.claim_id.clone(),
                    report: c.report_id.clone(),
                    origin: c.origin().to_owned(),
                    value: c.value.clone(),
                    as_of: c.as_of,
                    by: by.clone(),
                });
            }
        }
        states.extend(group_states.clone());
        let Some(newest) = standing.last().copied() else {
            continue;
        };
        // History keeps what each origin said, superseded or not: figures did move that way.
        let mut history: BTreeMap<String, Vec<HistoryPoint>> = BTreeMap::new();
        for c in &group {
            history
                .entry(c.origin().to_owned())
                .or_default()
                .push(HistoryPoint {
                    as_of: c.as_of,
                    value: c.value.clone(),
                    report: c.report_id.clone(),
                });
        }
        let mut latest: BTreeMap<&str, &ClaimInput> = BTreeMap::new();
        for c in &standing {
            latest.insert(c.origin(), c);
        }
        let in_window: Vec<&ClaimInput> = latest
            .values()
            .copied()
            .filter(|c| newest.as_of - c.as_of <= dispute_window)
            .collect();
        let (agreeing, competing): (Vec<&ClaimInput>, Vec<&ClaimInput>) = in_window
            .iter()
            .partition(|c| c.value.agrees_with(&newest.value));
        let current = position(&newest.value, newest.as_of, &agreeing, &standing);
        let mut positions = vec![current.clone()];
        let mut rest: BTreeMap<&Value, Vec<&ClaimInput>> = BTreeMap::new();
        for c in &competing {
            rest.entry(&c.value).or_default().push(c);
        }
        let mut others: Vec<Position> = rest
            .into_iter()
            .map(|(value, cs)| {
                let as_of = cs.iter().map(|c| c.as_of).max().unwrap_or(newest.as_of);
                position(value, as_of, &cs, &standing)
            })
            .collect();
        others.sort_by(|a, b| b.as_of.cmp(&a.as_of).then(a.value.cmp(&b.value)));
        positions.extend(others);
        let agreement = if !competing.is_empty() {
            Agreement::Disputed
        } else if current.origins.len() >= 2 {
            Agreement::Corroborated
        } else {
            Agreement::Single
        };
        // Every standing claim of the window takes part: an earlier repeat of a disputed figure
        // is as disputed as the latest one; a restated or superseded claim takes no badge.
        for c in standing
            .iter()
            .filter(|c| newest.as_of - c.as_of <= dispute_window)
        {
            let badge = match agreement {
                Agreement::Disputed if positions.iter().any(|p| p.value.agrees_with(&c.value)) => {
                    Verification::Disputed
                }
                Agreement::Corroborated if c.value.agrees_with(&current.value) => {
                    Verification::Corroborated
                }
                _ => Verification::Unverified,
            };
            let slot = derived
                .entry(c.report_id.clone())
                .or_insert(Verification::Unverified);
            *slot = stronger(*slot, badge);
        }
        entries.push(Entry {
            indicator,
            place,
            current,
            agreement,
            positions,
            history,
        });
    }
    // A moderator's decision outranks what the claims say; false outranks retracted outranks
    // confirmed, so claims of one report given with different statuses still give one answer.
    let decided_rank = |v: Verification| match v {
        Verification::False => 3,
        Verification::Retracted => 2,
        Verification::Confirmed => 1,
        _ => 0,
    };
    let mut reports: BTreeMap<String, Verification> = BTreeMap::new();
    for c in claims {
        let derived_badge = derived
            .get(&c.report_id)
            .copied()
            .unwrap_or(Verification::Unverified);
        let badge = if decided_rank(c.report_status) > 0 {
            c.report_status
        } else {
            derived_badge
        };
        let slot = reports.entry(c.report_id.clone()).or_insert(badge);
        if decided_rank(badge) > decided_rank(*slot) {
            *slot = badge;
        }
    }
    Board {
        entries,
        reports,
        claims: states,
        superseded,
    }
}

/// A dispute is news: it outranks corroboration, which outranks nothing.
fn stronger(a: Verification, b: Verification) -> Verification {
    let rank = |v| match v {
        Verification::Disputed => 2,
        Verification::Corroborated => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// A value stated by the latest claims of some origins; it is backed by every standing claim of
/// those origins (which all agree with their latest one), so each report behind it is named.
fn position(
    value: &Value,
    as_of: DateTime<Utc>,
    claims: &[&ClaimInput],
    standing: &[&ClaimInput],
) -> Position {
    let origins: BTreeSet<String> = claims.iter().map(|c| c.origin().to_owned()).collect();
    let reports: BTreeSet<String> = standing
        .iter()
        .filter(|c| origins.contains(c.origin()))
        .map(|c| c.report_id.clone())
        .collect();
    Position {
        value: value.clone(),
        as_of,
        origins: origins.into_iter().collect(),
        reports: reports.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests;
