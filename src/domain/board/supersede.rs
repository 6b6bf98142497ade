//! Superseded is not disputed: which claims still stand for their origin.
//!
//! A claim stops standing in two ways. Its origin said something else later (a source's own
//! later claim that disagrees replaces its earlier one: the source changed its figure, nobody
//! disputes it), or an editor marked it superseded by a later report or update (events
//! overtook it). Only standing claims take part in current values, disputes and corroboration;
//! the others stay on record and are shown struck through with what replaced them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ClaimInput;
use crate::domain::validation::ValidationError;

/// What an editor marked a claim superseded by: a report or an update of the same thread.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct SupersededBy {
    pub kind: SupersedingKind,
    /// The report's or the update's id.
    #[schema(min_length = 1, max_length = 64)]
    pub id: String,
}

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
#[serde(rename_all = "snake_case")]
pub enum SupersedingKind {
    Report,
    Update,
}

impl SupersedingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SupersedingKind::Report => "report",
            SupersedingKind::Update => "update",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "report" => Some(SupersedingKind::Report),
            "update" => Some(SupersedingKind::Update),
            _ => None,
        }
    }
}

impl SupersededBy {
    pub fn report(id: impl Into<String>) -> Self {
        Self {
            kind: SupersedingKind::Report,
            id: id.into(),
        }
    }

    pub fn update(id: impl Into<String>) -> Self {
        Self {
            kind: SupersedingKind::Update,
            id: id.into(),
        }
    }

    /// The form value `report:ID` or `update:ID`, as the page's select sends it.
    pub fn from_form(value: &str) -> Option<Self> {
        let (kind, id) = value.trim().split_once(':')?;
        let id = id.trim();
        Some(Self {
            kind: SupersedingKind::parse(kind.trim())?,
            id: plain_id(id).then(|| id.to_owned())?,
        })
    }

    pub fn form_value(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.id)
    }
}

/// What an editor sends to mark a claim superseded, or to clear the mark (`by: null`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupersession {
    /// The later report or update that overtakes the claim; `null` clears the mark.
    pub by: Option<SupersededBy>,
}

impl NewSupersession {
    pub fn validate(self) -> Result<Option<SupersededBy>, ValidationError> {
        match self.by {
            Some(by) if !plain_id(&by.id) => Err(ValidationError::new(
                "by.id",
                "is not the id of a report or an update",
            )),
            by => Ok(by),
        }
    }
}

fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Where a claim stands on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClaimState {
    /// It counts: it is its origin's word and nobody replaced it.
    Standing,
    /// Its origin later said something else, in `report`.
    Restated { report: String },
    /// An editor marked it superseded.
    Superseded { by: SupersededBy },
    /// Its report is struck, false or retracted.
    Dropped,
}

impl ClaimState {
    pub fn stands(&self) -> bool {
        matches!(self, ClaimState::Standing)
    }
}

/// The state of each claim of one indicator (and place), given in time order and all counted
/// (their reports neither struck, false nor retracted). A claim is restated by the first later
/// claim of its origin that disagrees with it; an editor's mark wins over that.
pub(super) fn states(group: &[&ClaimInput]) -> BTreeMap<String, ClaimState> {
    let mut out = BTreeMap::new();
    for (i, c) in group.iter().enumerate() {
        let state = if let Some(by) = &c.superseded_by {
            ClaimState::Superseded { by: by.clone() }
        } else if let Some(later) = group.iter().skip(i + 1).find(|d| {
            d.superseded_by.is_none() && d.origin() == c.origin() && !d.value.agrees_with(&c.value)
        }) {
            ClaimState::Restated {
                report: later.report_id.clone(),
            }
        } else {
            ClaimState::Standing
        };
        out.insert(c.claim_id.clone(), state);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_value_names_a_report_or_an_update() {
        let by = SupersededBy::update("01HX");
        assert_eq!(SupersededBy::from_form(&by.form_value()), Some(by));
        assert_eq!(
            SupersededBy::from_form(" report:01AB "),
            Some(SupersededBy::report("01AB"))
        );
        for bad in [
            "",
            "report",
            "report:",
            "comment:01AB",
            "update:../x",
            "01AB",
        ] {
            assert_eq!(SupersededBy::from_form(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_mark_names_a_plain_id_or_nothing() {
        let sent = |by| NewSupersession { by }.validate();
        assert_eq!(sent(None), Ok(None));
        assert!(sent(Some(SupersededBy::report("01AB"))).is_ok());
        assert!(sent(Some(SupersededBy::update(""))).is_err());
        assert!(sent(Some(SupersededBy::update("a/b"))).is_err());
    }
}
