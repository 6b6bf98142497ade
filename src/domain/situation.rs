//! The board as readers see it: the pure board joined with the indicators' labels, the
//! sources' names and the places' coordinates, in one language. Pages, the JSON API, the
//! digest, the chart and the map all read this one shape.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::board::{self, Agreement, Entry, Value, Verification};
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
                name: p.name.clone(),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::{ClaimInput, Count};
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 1, 5, h, 0, 0).unwrap()
    }

    fn source(id: &str, name: &str) -> (String, SourceRef) {
        (
            id.into(),
            SourceRef {
                id: id.into(),
                name: name.into(),
                kind: SourceKind::Official,
                affiliation: String::new(),
            },
        )
    }

    fn claim(
        id: &str,
        ind: &str,
        place: Option<&str>,
        value: Value,
        h: u32,
        src: &str,
    ) -> ClaimInput {
        ClaimInput {
            claim_id: id.into(),
            report_id: format!("r{id}"),
            indicator: ind.into(),
            place: place.map(Into::into),
            value,
            as_of: t(h),
            source: src.into(),
            cites: None,
            report_struck: false,
            report_status: Verification::Unverified,
        }
    }

    fn inputs() -> BoardInputs {
        let control = Indicator {
            id: "I2".into(),
            thread_id: "T".into(),
            key: "control".into(),
            labels: [
                ("en".to_owned(), "Control".to_owned()),
                ("it".to_owned(), "Controllo".to_owned()),
            ]
            .into(),
            kind: IndicatorKind::Status,
            scope: Scope::Place,
            statuses: vec![StatusOption {
                value: "government".into(),
                colour: "#1f77b4".into(),
                labels: [("it".to_owned(), "governo".to_owned())].into(),
            }],
            position: 1,
            created_at: t(0),
        };
        let dead = Indicator {
            id: "I1".into(),
            key: "police_dead".into(),
            labels: [("en".to_owned(), "Police dead".to_owned())].into(),
            kind: IndicatorKind::Count,
            scope: Scope::Thread,
            statuses: vec![],
            position: 0,
            ..control.clone()
        };
        let almaty = Place {
            id: "gn:1526384".into(),
            name: "Almaty".into(),
            country: Some("KZ".into()),
            lat: 43.25,
            lon: 76.92,
            custom: false,
        };
        BoardInputs {
            indicators: vec![dead, control],
            claims: vec![
                claim(
                    "1",
                    "police_dead",
                    None,
                    Value::Count {
                        count: Count::Exact { n: 8 },
                    },
                    9,
                    "gov",
                ),
                claim(
                    "2",
                    "police_dead",
                    None,
                    Value::Count {
                        count: Count::Exact { n: 12 },
                    },
                    11,
                    "tv",
                ),
                claim(
                    "3",
                    "control",
                    Some("gn:1526384"),
                    Value::Status {
                        value: "government".into(),
                    },
                    10,
                    "gov",
                ),
            ],
            dispute_window: Duration::hours(12),
            sources: [source("gov", "Ministry"), source("tv", "Free TV")].into(),
            places: [(almaty.id.clone(), almaty)].into(),
        }
    }

    #[test]
    fn the_situation_names_sources_places_and_labels() {
        let s = situation(&inputs(), "it");
        assert_eq!(
            s.indicators[0].label, "Police dead",
            "falls back to English"
        );
        let dead = &s.indicators[0].entries[0];
        assert_eq!(dead.agreement, Agreement::Disputed);
        assert_eq!(dead.current.text, "12");
        assert_eq!(dead.current.sources[0].name, "Free TV");
        assert_eq!(dead.positions[1].text, "8");
        assert_eq!(dead.history.len(), 2);
        assert_eq!(s.indicators[1].label, "Controllo");
        let place = &s.places[0];
        assert_eq!(place.name, "Almaty");
        let status = place.status.as_ref().unwrap();
        assert_eq!(
            (status.label.as_str(), status.colour.as_str()),
            ("governo", "#1f77b4")
        );
        assert_eq!(s.as_of, Some(t(11)));
        assert_eq!(s.badges["r1"], Verification::Disputed);
    }

    #[test]
    fn published_label_translations_fill_missing_languages() {
        use crate::domain::translation::{Credit, TranslationStatus, TranslationText};
        use crate::domain::user::UserRef;
        let text = |body: &str| TranslationText {
            revision: 1,
            title: None,
            body: body.into(),
            body_html: String::new(),
            translator: Credit {
                name: "A".into(),
                url: None,
            },
            publication: None,
            source_revision: 1,
            machine: None,
            edited_by: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: t(0),
        };
        let translation = |item: &str, lang: &str, body: &str, published: bool| Translation {
            id: format!("{item}-{lang}"),
            thread_id: "T".into(),
            kind: ItemKind::Indicator,
            item_id: item.into(),
            language: LanguageTag::parse(lang).unwrap(),
            status: TranslationStatus::Published,
            latest: text(body),
            published: published.then(|| text(body)),
            original_revision: 1,
            stale: false,
            created_by: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: t(0),
            updated_at: t(0),
        };
        let mut inputs = inputs();
        let all = [
            translation("I1", "it", "Poliziotti morti [[agenti]]", true),
            // The indicator's own Italian label wins over a translation.
            translation("I2", "it", "Chi controlla", true),
            translation("I1", "ru", "черновик", false),
        ];
        translate_labels(&mut inputs, &all, &LanguageTag::parse("it-CH").unwrap());
        translate_labels(&mut inputs, &all, &LanguageTag::parse("ru").unwrap());
        let s = situation(&inputs, "it");
        assert_eq!(s.indicators[0].label, "Poliziotti morti [agenti]");
        assert_eq!(s.indicators[1].label, "Controllo");
        assert_eq!(situation(&inputs, "ru").indicators[0].label, "Police dead");
    }

    #[test]
    fn an_empty_thread_has_an_empty_board() {
        let s = situation(&BoardInputs::default(), "en");
        assert!(s.indicators.is_empty() && s.places.is_empty() && s.as_of.is_none());
    }
}
