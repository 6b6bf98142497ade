//! The board as readers see it: the pure board joined with the indicators' labels, the
//! sources' names and the places' coordinates, in one language. Pages, the JSON API, the
//! digest, the chart and the map all read this one shape.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::board::{self, Agreement, ClaimState, Entry, SupersededBy, Value, Verification};
use super::indicator::{Indicator, IndicatorKind, Scope, StatusOption, pick_label, value_text};
use super::language::LanguageTag;
use super::notes;
use super::place::Place;
use super::source::{SourceKind, SourceRef};
use super::translation::{ItemKind, Translation, same_language};

/// What a thread's board is computed from, as the store reads it in one go.
#[derive(Debug, Clone, Default)]
pub struct BoardInputs {
    pub indicators: Vec<Indicator>,
    /// Claims of published reports, struck and false ones included: the board drops them.
    pub claims: Vec<board::ClaimInput>,
    pub dispute_window: Duration,
    /// Every source the published reports name (as source or as the cited origin).
    pub sources: BTreeMap<String, SourceRef>,
    /// Every place the published reports name.
    pub places: BTreeMap<String, Place>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Situation {
    pub indicators: Vec<IndicatorView>,
    /// The badge of every report with claims: a moderator's decision, else what the claims
    /// say (`corroborated`, `disputed`, `unverified`).
    pub badges: BTreeMap<String, Verification>,
    /// The thread's places, each with its status where a per-place status indicator has one.
    pub places: Vec<PlaceView>,
    /// The newest `as_of` on the board.
    pub as_of: Option<DateTime<Utc>>,
    /// Where every claim of the published reports stands: `standing` (it counts), `restated`
    /// (its origin said otherwise later), `superseded` (an editor's mark) or `dropped`.
    pub claims: BTreeMap<String, ClaimState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub key: String,
    pub label: String,
    pub kind: IndicatorKind,
    pub scope: Scope,
    pub statuses: Vec<StatusOption>,
    /// One per place for a per-place indicator (in name order), else at most one.
    pub entries: Vec<EntryView>,
    /// The claims editors marked superseded: off the figures, shown struck with their link.
    pub superseded: Vec<SupersededView>,
}

/// A claim an editor marked superseded, named.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SupersededView {
    pub claim: String,
    pub place: Option<PlaceView>,
    #[schema(value_type = super::board::ClaimValue)]
    pub value: Value,
    pub text: String,
    pub as_of: DateTime<Utc>,
    pub source: SourceRef,
    pub report: String,
    pub by: SupersededBy,
}

/// One report behind a value: its own source (which may only repeat the origin) and when.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EvidenceView {
    pub report: String,
    pub source: SourceRef,
    pub cites: Option<SourceRef>,
    pub as_of: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub place: Option<PlaceView>,
    pub current: PositionView,
    pub agreement: Agreement,
    /// The current value first, then the values other sources give within the window.
    pub positions: Vec<PositionView>,
    /// Every value each origin gave, oldest first.
    pub history: Vec<SeriesView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PositionView {
    #[schema(value_type = super::board::ClaimValue)]
    pub value: Value,
    /// The value in words: "8", "5–10", "≥ 8", a status label, a text.
    pub text: String,
    /// The status colour, for a status value.
    pub colour: Option<String>,
    pub as_of: DateTime<Utc>,
    /// The independent sources (origins) behind it.
    pub sources: Vec<SourceRef>,
    pub reports: Vec<String>,
    /// The reports behind it with their own sources, newest first.
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SeriesView {
    pub source: SourceRef,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PointView {
    pub as_of: DateTime<Utc>,
    #[schema(value_type = super::board::ClaimValue)]
    pub value: Value,
    pub text: String,
    pub report: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlaceView {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// The value of the first per-place status indicator here, if any.
    pub status: Option<PlaceStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlaceStatus {
    pub indicator: String,
    pub value: String,
    pub label: String,
    pub colour: String,
    pub agreement: Agreement,
}

fn unknown_source(id: &str) -> SourceRef {
    SourceRef {
        id: id.to_owned(),
        name: id.to_owned(),
        kind: SourceKind::Other,
        affiliation: String::new(),
    }
}

struct Ctx<'a> {
    inputs: &'a BoardInputs,
    lang: &'a str,
}

impl Ctx<'_> {
    fn source(&self, id: &str) -> SourceRef {
        self.inputs
            .sources
            .get(id)
            .cloned()
            .unwrap_or_else(|| unknown_source(id))
    }

    fn text(&self, indicator: &Indicator, value: &Value) -> (String, Option<String>) {
        match value {
            Value::Status { value } => match indicator.status(value) {
                Some(s) => (
                    pick_label(&s.labels, self.lang, &s.value).to_owned(),
                    Some(s.colour.clone()),
                ),
                None => (value.clone(), None),
            },
            other => (value_text(other), None),
        }
    }

    fn place(&self, id: &str) -> PlaceView {
        match self.inputs.places.get(id) {
            Some(p) => PlaceView {
                id: p.id.clone(),
                name: p.name_in(self.lang),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                status: None,
            },
            None => PlaceView {
                id: id.to_owned(),
                name: id.to_owned(),
                country: None,
                lat: 0.0,
                lon: 0.0,
                status: None,
            },
        }
    }

    fn position(&self, indicator: &Indicator, p: &board::Position) -> PositionView {
        let (text, colour) = self.text(indicator, &p.value);
        PositionView {
            value: p.value.clone(),
            text,
            colour,
            as_of: p.as_of,
            sources: p.origins.iter().map(|o| self.source(o)).collect(),
            reports: p.reports.clone(),
            evidence: self.evidence(indicator, p),
        }
    }

    fn evidence(&self, indicator: &Indicator, p: &board::Position) -> Vec<EvidenceView> {
        let mut out: Vec<EvidenceView> = Vec::new();
        for report in &p.reports {
            // The report's latest claim on this value's indicator stands for it.
            let claim = self
                .inputs
                .claims
                .iter()
                .filter(|c| &c.report_id == report && c.indicator == indicator.key)
                .max_by_key(|c| c.as_of);
            if let Some(c) = claim {
                out.push(EvidenceView {
                    report: report.clone(),
                    source: self.source(&c.source),
                    cites: c.cites.as_deref().map(|s| self.source(s)),
                    as_of: c.as_of,
                });
            }
        }
        out.sort_by(|a, b| b.as_of.cmp(&a.as_of).then(a.report.cmp(&b.report)));
        out
    }

    fn superseded(&self, indicator: &Indicator, s: &board::SupersededClaim) -> SupersededView {
        SupersededView {
            claim: s.claim.clone(),
            place: s.place.as_deref().map(|p| self.place(p)),
            value: s.value.clone(),
            text: self.text(indicator, &s.value).0,
            as_of: s.as_of,
            source: self.source(&s.origin),
            report: s.report.clone(),
            by: s.by.clone(),
        }
    }

    fn entry(&self, indicator: &Indicator, e: &Entry) -> EntryView {
        let mut history: Vec<SeriesView> = e
            .history
            .iter()
            .map(|(origin, points)| SeriesView {
                source: self.source(origin),
                points: points
                    .iter()
                    .map(|h| PointView {
                        as_of: h.as_of,
                        value: h.value.clone(),
                        text: self.text(indicator, &h.value).0,
                        report: h.report.clone(),
                    })
                    .collect(),
            })
            .collect();
        history.sort_by(|a, b| a.source.name.cmp(&b.source.name));
        EntryView {
            place: e.place.as_deref().map(|p| self.place(p)),
            current: self.position(indicator, &e.current),
            agreement: e.agreement,
            positions: e
                .positions
                .iter()
                .map(|p| self.position(indicator, p))
                .collect(),
            history,
        }
    }
}

/// Gives indicators whose own labels lack `lang` the label of their published translation into
/// it, so every reader of the board, the summary and the digest sees it (notes kept in brackets).
pub fn translate_labels(
    inputs: &mut BoardInputs,
    translations: &[Translation],
    lang: &LanguageTag,
) {
    for indicator in &mut inputs.indicators {
        let has_own = indicator
            .labels
            .keys()
            .any(|k| k.split('-').next() == Some(lang.primary()));
        if has_own {
            continue;
        }
        let published = translations.iter().find(|t| {
            t.kind == ItemKind::Indicator
                && t.item_id == indicator.id
                && same_language(&t.language, lang)
        });
        if let Some(text) = published.and_then(|t| t.published.as_ref()) {
            indicator
                .labels
                .insert(lang.primary().to_owned(), notes::plain(&text.body));
        }
    }
}

/// The situation of a thread in `lang`.
pub fn situation(inputs: &BoardInputs, lang: &str) -> Situation {
    let computed = board::board(&inputs.claims, inputs.dispute_window);
    let ctx = Ctx { inputs, lang };
    let mut indicators = Vec::with_capacity(inputs.indicators.len());
    for ind in &inputs.indicators {
        let mut entries: Vec<EntryView> = computed
            .entries
            .iter()
            .filter(|e| e.indicator == ind.key)
            .map(|e| ctx.entry(ind, e))
            .collect();
        entries.sort_by(|a, b| {
            let name = |e: &EntryView| e.place.as_ref().map(|p| p.name.clone());
            name(a).cmp(&name(b))
        });
        indicators.push(IndicatorView {
            key: ind.key.clone(),
            label: ind.label(lang).to_owned(),
            kind: ind.kind,
            scope: ind.scope,
            statuses: ind.statuses.clone(),
            entries,
            superseded: computed
                .superseded
                .iter()
                .filter(|s| s.indicator == ind.key)
                .map(|s| ctx.superseded(ind, s))
                .collect(),
        });
    }
    let status_indicator = indicators
        .iter()
        .find(|i| i.kind == IndicatorKind::Status && i.scope == Scope::Place);
    let mut places: Vec<PlaceView> = inputs.places.keys().map(|id| ctx.place(id)).collect();
    for place in &mut places {
        place.status = status_indicator.and_then(|ind| {
            let e = ind
                .entries
                .iter()
                .find(|e| e.place.as_ref().is_some_and(|p| p.id == place.id))?;
            let Value::Status { value } = &e.current.value else {
                return None;
            };
            Some(PlaceStatus {
                indicator: ind.key.clone(),
                value: value.clone(),
                label: e.current.text.clone(),
                colour: e.current.colour.clone().unwrap_or_else(|| "#767676".into()),
                agreement: e.agreement,
            })
        });
    }
    places.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Situation {
        as_of: computed.entries.iter().map(|e| e.current.as_of).max(),
        indicators,
        badges: computed.reports,
        places,
        claims: computed.claims,
    }
}

#[cfg(test)]
mod tests;
