//! Every figure leads to its evidence: the reports behind a value with the sources that state
//! them, and the claims that no longer count, struck through with what replaced them.

use crate::domain::board::{ClaimState, SupersededBy, SupersedingKind};
use crate::domain::situation::{EvidenceView, PositionView, SupersededView};
use crate::domain::time::iso;
use crate::i18n::I18n;

/// One report behind a value: a link named by its source (and the origin it repeats).
#[derive(Debug, Clone, Default)]
pub struct EvidenceLink {
    pub report: String,
    pub source: String,
    pub cites: String,
    pub at_iso: String,
    pub at_text: String,
}

impl EvidenceLink {
    pub fn of(i18n: &I18n, e: &EvidenceView) -> Self {
        Self {
            report: e.report.clone(),
            source: e.source.name.clone(),
            cites: e.cites.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            at_iso: iso(&e.as_of),
            at_text: i18n.datetime(&e.as_of),
        }
    }
}

pub fn links(i18n: &I18n, p: &PositionView) -> Vec<EvidenceLink> {
    p.evidence
        .iter()
        .map(|e| EvidenceLink::of(i18n, e))
        .collect()
}

/// The newest report of each independent source of a value: `(source name, report id)`.
pub fn sources_with_reports(p: &PositionView) -> Vec<(String, String)> {
    p.sources
        .iter()
        .filter_map(|s| {
            let newest = p
                .evidence
                .iter()
                .find(|e| e.cites.as_ref().map_or(&e.source.id, |c| &c.id) == &s.id)?;
            Some((s.name.clone(), newest.report.clone()))
        })
        .collect()
}

/// What replaced a claim, as a link: to the report's page, or to the update on the thread.
#[derive(Debug, Clone, Default)]
pub struct ReplacedBy {
    pub update: bool,
    pub id: String,
    /// "Superseded by a later update", "Replaced by the source's later report", …
    pub text: String,
}

impl ReplacedBy {
    pub fn marked(i18n: &I18n, by: &SupersededBy) -> Self {
        let update = by.kind == SupersedingKind::Update;
        Self {
            update,
            id: by.id.clone(),
            text: i18n.t(if update {
                "evidence-superseded-by-update"
            } else {
                "evidence-superseded-by-report"
            }),
        }
    }

    /// The link for a claim that no longer counts, if it was replaced.
    pub fn of_state(i18n: &I18n, state: Option<&ClaimState>) -> Option<Self> {
        match state? {
            ClaimState::Superseded { by } => Some(Self::marked(i18n, by)),
            ClaimState::Restated { report } => Some(Self {
                update: false,
                id: report.clone(),
                text: i18n.t("evidence-restated"),
            }),
            ClaimState::Standing | ClaimState::Dropped => None,
        }
    }

    /// The report's page, or the update's place on its thread's page.
    pub fn href(&self, slug: &str) -> String {
        if self.update {
            format!("/t/{slug}#u-{}", self.id)
        } else {
            format!("/r/{}", self.id)
        }
    }
}

/// A claim an editor marked superseded, as the board lists it under its indicator.
#[derive(Debug, Clone, Default)]
pub struct SupersededCard {
    pub place: String,
    pub text: String,
    pub source: String,
    pub at_iso: String,
    pub at_text: String,
    pub report: String,
    pub by: ReplacedBy,
}

impl SupersededCard {
    pub fn of(i18n: &I18n, s: &SupersededView) -> Self {
        Self {
            place: s.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            text: s.text.clone(),
            source: s.source.name.clone(),
            at_iso: iso(&s.as_of),
            at_text: i18n.datetime(&s.as_of),
            report: s.report.clone(),
            by: ReplacedBy::marked(i18n, &s.by),
        }
    }
}
