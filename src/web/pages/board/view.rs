//! What the board page and the thread's summary box show: the situation turned into plain
//! strings in the reader's language, ready for the templates.

use std::collections::BTreeMap;

use crate::domain::board::{Agreement, Value};
use crate::domain::indicator::{IndicatorKind, Scope};
use crate::domain::situation::{BoardInputs, EntryView, IndicatorView, PositionView, Situation};
use crate::domain::source::SourceRef;
use crate::i18n::I18n;

use super::evidence::{self, EvidenceLink, SupersededCard};
use super::figures::{self, ChartView};
use super::words::{agreement_key, agreement_text, foreign_label_lang, kind_text};

#[derive(Debug, Clone, Default)]
pub struct SourceView {
    pub id: String,
    pub name: String,
    pub kind: String,
}

impl SourceView {
    pub fn of(i18n: &I18n, s: &SourceRef) -> Self {
        Self {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: kind_text(i18n, s.kind),
        }
    }
}

/// A value and the independent sources that state it.
#[derive(Debug, Clone, Default)]
pub struct PositionCard {
    pub text: String,
    pub text_lang: String,
    pub colour: String,
    pub as_of_iso: String,
    pub as_of_text: String,
    pub sources: Vec<SourceView>,
    pub sources_text: String,
    /// The reports behind the value, newest first.
    pub evidence: Vec<EvidenceLink>,
}

#[derive(Debug, Clone, Default)]
pub struct EntryCard {
    pub place: String,
    pub current: PositionCard,
    /// `single`, `corroborated` or `disputed`: a class name.
    pub agreement: &'static str,
    pub agreement_text: String,
    /// The values other sources give, when disputed.
    pub competing: Vec<PositionCard>,
}

impl EntryCard {
    pub fn disputed(&self) -> bool {
        !self.competing.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorCard {
    pub key: String,
    pub label: String,
    /// The label's language when it is not the reader's; empty otherwise.
    pub label_lang: String,
    pub per_place: bool,
    /// A text indicator: its value is a phrase, not a figure.
    pub text: bool,
    pub entries: Vec<EntryCard>,
    /// One per count entry, in the entries' order.
    pub charts: Vec<ChartView>,
    /// Claims an editor marked superseded, struck with their link.
    pub superseded: Vec<SupersededCard>,
}

/// One place and its value of each per-place indicator.
#[derive(Debug, Clone, Default)]
pub struct PlaceRow {
    pub id: String,
    pub name: String,
    pub cells: Vec<Option<EntryCard>>,
}

#[derive(Debug, Clone, Default)]
pub struct ColumnView {
    pub label: String,
    pub label_lang: String,
}

#[derive(Debug, Clone, Default)]
pub struct BoardView {
    pub as_of_iso: String,
    pub as_of_text: String,
    pub indicators: Vec<IndicatorCard>,
    pub place_columns: Vec<ColumnView>,
    pub places: Vec<PlaceRow>,
    pub map_svg: Option<String>,
}

/// One line of the thread page's summary box.
#[derive(Debug, Clone, Default)]
pub struct SummaryItem {
    pub key: String,
    pub label: String,
    pub label_lang: String,
    /// The current value, or the places grouped by value for a per-place indicator.
    pub value: String,
    pub value_lang: String,
    /// Empty when there is nothing to say (a per-place indicator without disputes).
    pub agreement: &'static str,
    pub agreement_text: String,
    /// "2 independent sources" or "4 places".
    pub detail: String,
    /// The independent sources of the value, each with its newest report: `(name, report)`.
    pub sources: Vec<(String, String)>,
    /// A per-place indicator's places grouped by value, each place with its newest report.
    pub groups: Vec<(String, Vec<(String, String)>)>,
}

#[derive(Debug, Clone, Default)]
pub struct SummaryView {
    pub as_of_iso: String,
    pub as_of_text: String,
    pub items: Vec<SummaryItem>,
}

/// The board's language context: the reader's words and the labels each indicator has.
struct Ctx<'a> {
    i18n: &'a I18n,
    labels: BTreeMap<&'a str, &'a BTreeMap<String, String>>,
}

impl Ctx<'_> {
    fn label_lang(&self, key: &str) -> String {
        self.labels
            .get(key)
            .and_then(|l| foreign_label_lang(l, self.i18n.code()))
            .unwrap_or_default()
    }

    /// The language of a status value's label, when it is not the reader's.
    fn value_lang(&self, ind: &IndicatorView, value: &Value) -> String {
        let Value::Status { value } = value else {
            return String::new();
        };
        ind.statuses
            .iter()
            .find(|s| &s.value == value)
            .and_then(|s| foreign_label_lang(&s.labels, self.i18n.code()))
            .unwrap_or_default()
    }

    fn sources_text(&self, n: usize) -> String {
        self.i18n.tn(
            "board-independent-sources",
            "count",
            i64::try_from(n).unwrap_or(i64::MAX),
        )
    }

    fn position(&self, ind: &IndicatorView, p: &PositionView) -> PositionCard {
        PositionCard {
            text: p.text.clone(),
            text_lang: self.value_lang(ind, &p.value),
            colour: p.colour.clone().unwrap_or_default(),
            as_of_iso: crate::domain::time::iso(&p.as_of),
            as_of_text: self.i18n.datetime(&p.as_of),
            sources: p
                .sources
                .iter()
                .map(|s| SourceView::of(self.i18n, s))
                .collect(),
            sources_text: self.sources_text(p.sources.len()),
            evidence: evidence::links(self.i18n, p),
        }
    }

    fn entry(&self, ind: &IndicatorView, e: &EntryView) -> EntryCard {
        EntryCard {
            place: e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            current: self.position(ind, &e.current),
            agreement: agreement_key(e.agreement),
            agreement_text: agreement_text(self.i18n, e.agreement),
            competing: if e.agreement == Agreement::Disputed {
                e.positions
                    .iter()
                    .skip(1)
                    .map(|p| self.position(ind, p))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

fn ctx<'a>(i18n: &'a I18n, inputs: &'a BoardInputs) -> Ctx<'a> {
    Ctx {
        i18n,
        labels: inputs
            .indicators
            .iter()
            .map(|i| (i.key.as_str(), &i.labels))
            .collect(),
    }
}

fn as_of(i18n: &I18n, situation: &Situation) -> (String, String) {
    situation.as_of.map_or_else(Default::default, |t| {
        (crate::domain::time::iso(&t), i18n.datetime(&t))
    })
}

/// The whole board in the reader's words, with its figures.
pub fn board(i18n: &I18n, inputs: &BoardInputs, situation: &Situation) -> BoardView {
    let c = ctx(i18n, inputs);
    let indicators: Vec<IndicatorCard> = situation
        .indicators
        .iter()
        .map(|ind| {
            let charts = if ind.kind == IndicatorKind::Count {
                ind.entries
                    .iter()
                    .map(|e| {
                        let title = match &e.place {
                            Some(p) => format!("{} — {}", ind.label, p.name),
                            None => ind.label.clone(),
                        };
                        figures::chart(i18n, e, &title)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            IndicatorCard {
                key: ind.key.clone(),
                label: ind.label.clone(),
                label_lang: c.label_lang(&ind.key),
                per_place: ind.scope == Scope::Place,
                text: ind.kind == IndicatorKind::Text,
                entries: ind.entries.iter().map(|e| c.entry(ind, e)).collect(),
                charts,
                superseded: ind
                    .superseded
                    .iter()
                    .map(|s| SupersededCard::of(i18n, s))
                    .collect(),
            }
        })
        .collect();
    let per_place: Vec<&IndicatorView> = situation
        .indicators
        .iter()
        .filter(|i| i.scope == Scope::Place)
        .collect();
    let places = situation
        .places
        .iter()
        .map(|p| PlaceRow {
            id: p.id.clone(),
            name: p.name.clone(),
            cells: per_place
                .iter()
                .map(|ind| {
                    ind.entries
                        .iter()
                        .find(|e| e.place.as_ref().is_some_and(|ep| ep.id == p.id))
                        .map(|e| c.entry(ind, e))
                })
                .collect(),
        })
        .collect();
    let (as_of_iso, as_of_text) = as_of(i18n, situation);
    BoardView {
        as_of_iso,
        as_of_text,
        indicators,
        place_columns: per_place
            .iter()
            .map(|i| ColumnView {
                label: i.label.clone(),
                label_lang: c.label_lang(&i.key),
            })
            .collect(),
        places,
        map_svg: figures::map(i18n, situation),
    }
}

/// The compact figures of the thread page's summary box; `None` without indicators.
pub fn summary(i18n: &I18n, inputs: &BoardInputs, situation: &Situation) -> Option<SummaryView> {
    if situation.indicators.is_empty() {
        return None;
    }
    let c = ctx(i18n, inputs);
    let items = situation
        .indicators
        .iter()
        .map(|ind| summary_item(&c, ind))
        .collect();
    let (as_of_iso, as_of_text) = as_of(i18n, situation);
    Some(SummaryView {
        as_of_iso,
        as_of_text,
        items,
    })
}

fn summary_item(c: &Ctx<'_>, ind: &IndicatorView) -> SummaryItem {
    let mut item = SummaryItem {
        key: ind.key.clone(),
        label: ind.label.clone(),
        label_lang: c.label_lang(&ind.key),
        ..SummaryItem::default()
    };
    match (ind.scope, ind.entries.first()) {
        (_, None) => item.value = c.i18n.t("board-no-value"),
        (Scope::Thread, Some(e)) => {
            item.value = e.current.text.clone();
            item.value_lang = c.value_lang(ind, &e.current.value);
            item.agreement = agreement_key(e.agreement);
            item.agreement_text = agreement_text(c.i18n, e.agreement);
            item.detail = c.sources_text(e.current.sources.len());
            item.sources = evidence::sources_with_reports(&e.current);
        }
        (Scope::Place, Some(_)) => {
            // "government: Astana, Shymkent · protesters: Almaty, Aktobe".
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for e in &ind.entries {
                let place = e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                match groups.iter_mut().find(|g| g.0 == e.current.text) {
                    Some(g) => g.1.push(place.clone()),
                    None => groups.push((e.current.text.clone(), vec![place.clone()])),
                }
                let report = e.current.evidence.first().map(|r| r.report.clone());
                let linked = (place, report.unwrap_or_default());
                match item.groups.iter_mut().find(|g| g.0 == e.current.text) {
                    Some(g) => g.1.push(linked),
                    None => item.groups.push((e.current.text.clone(), vec![linked])),
                }
            }
            item.value = groups
                .iter()
                .map(|(v, places)| format!("{v}: {}", places.join(", ")))
                .collect::<Vec<_>>()
                .join(" · ");
            if ind
                .entries
                .iter()
                .any(|e| e.agreement == Agreement::Disputed)
            {
                item.agreement = agreement_key(Agreement::Disputed);
                item.agreement_text = agreement_text(c.i18n, Agreement::Disputed);
            }
            item.detail = c.i18n.tn(
                "board-places-count",
                "count",
                i64::try_from(ind.entries.len()).unwrap_or(i64::MAX),
            );
        }
    }
    item
}
