//! What the report pages show of a report, in the reader's words.

use crate::domain::board::{Value, Verification};
use crate::domain::indicator::{Indicator, value_text};
use crate::domain::place;
use crate::domain::report::{Report, ReportState};
use crate::domain::time::{self, Timestamp};
use crate::web::pages::indicators::status_label;
use crate::web::pages::sources::kind_name;
use crate::web::session::PageCtx;

/// A time as the page shows it: `(datetime attribute, words)`.
pub struct When {
    pub iso: String,
    pub text: String,
}

impl When {
    pub fn of(ctx: &PageCtx, t: &Timestamp) -> Self {
        Self {
            iso: time::iso(t),
            text: ctx.i18n.datetime(t),
        }
    }
}

pub fn verification_name(ctx: &PageCtx, v: Verification) -> String {
    match v {
        Verification::Unverified => ctx.t("report-verification-unverified"),
        Verification::Corroborated => ctx.t("report-verification-corroborated"),
        Verification::Disputed => ctx.t("report-verification-disputed"),
        Verification::Confirmed => ctx.t("report-verification-confirmed"),
        Verification::False => ctx.t("report-verification-false"),
        Verification::Retracted => ctx.t("report-verification-retracted"),
    }
}

fn state_name(ctx: &PageCtx, s: ReportState) -> String {
    match s {
        ReportState::Pending => ctx.t("report-state-pending"),
        ReportState::Published => ctx.t("report-state-published"),
        ReportState::Rejected => ctx.t("report-state-rejected"),
        ReportState::Spam => ctx.t("report-state-spam"),
        ReportState::Deleted => ctx.t("report-state-deleted"),
    }
}

/// A claim in words: the indicator's label, the value (a status by its label), the place.
pub struct ClaimView {
    pub label: String,
    pub value: String,
    pub place: Option<String>,
}

pub fn claim_view(
    ctx: &PageCtx,
    indicators: &[Indicator],
    key: &str,
    value: &Value,
    place: Option<String>,
) -> ClaimView {
    let lang = ctx.i18n.code();
    let indicator = indicators.iter().find(|i| i.key == key);
    let value = match (value, indicator) {
        (Value::Status { value }, Some(i)) => i
            .status(value)
            .map_or_else(|| value.clone(), |s| status_label(s, lang).to_owned()),
        (v, _) => value_text(v),
    };
    ClaimView {
        label: indicator.map_or_else(|| key.to_owned(), |i| i.label(lang).to_owned()),
        value,
        place,
    }
}

/// Everything the report page shows, in the reader's words.
pub struct ReportView {
    pub id: String,
    pub lang: String,
    pub body_html: String,
    pub source_id: String,
    pub source_name: String,
    pub source_kind: String,
    pub source_affiliation: String,
    /// `(id, name)`.
    pub cites: Option<(String, String)>,
    pub link: Option<String>,
    pub occurred: Option<When>,
    pub stated: When,
    pub received: When,
    /// `(id, name)`.
    pub places: Vec<(String, String)>,
    pub claims: Vec<ClaimView>,
    pub submitter: String,
    pub guest: bool,
    pub state: String,
    pub published: bool,
    pub verification_code: &'static str,
    pub verification: String,
    pub verification_note: Option<String>,
    pub struck: Option<(String, When)>,
    pub revision: i64,
    pub edited: Option<When>,
}

impl ReportView {
    pub fn of(ctx: &PageCtx, r: &Report, indicators: &[Indicator]) -> Self {
        Self {
            id: r.id.clone(),
            lang: r.language.to_string(),
            body_html: r.body_html.clone(),
            source_id: r.source.id.clone(),
            source_name: r.source.name.clone(),
            source_kind: kind_name(ctx, r.source.kind),
            source_affiliation: r.source.affiliation.clone(),
            cites: r.cites.as_ref().map(|c| (c.id.clone(), c.name.clone())),
            link: r.link.clone(),
            occurred: r.occurred_at.as_ref().map(|t| When::of(ctx, t)),
            stated: When::of(ctx, &r.stated_at),
            received: When::of(ctx, &r.received_at),
            places: place::as_told(&r.places, ctx.i18n.code(), &r.body)
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect(),
            claims: r
                .claims
                .iter()
                .map(|c| {
                    let place = c
                        .place
                        .as_ref()
                        .map(|p| p.in_language(ctx.i18n.code()).name);
                    claim_view(ctx, indicators, &c.indicator, &c.value, place)
                })
                .collect(),
            submitter: r.submitted_by.name.clone(),
            guest: r.submitted_by.user_id.is_none(),
            state: state_name(ctx, r.state),
            published: r.state == ReportState::Published,
            verification_code: r.verification.as_str(),
            verification: verification_name(ctx, r.verification),
            verification_note: r.verification_note.clone(),
            struck: r
                .struck
                .as_ref()
                .map(|s| (s.reason.clone(), When::of(ctx, &s.struck_at))),
            revision: r.revision,
            edited: r.edited_at.as_ref().map(|t| When::of(ctx, t)),
        }
    }
}
