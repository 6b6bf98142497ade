//! Reports in the thread's timeline: what the page shows of one report, and which reports a
//! page of updates interleaves (those received within the span of its updates).

use chrono::{DateTime, Utc};

use crate::domain::language::LanguageTag;
use crate::domain::place::{self, PlaceRef};
use crate::domain::reading::Renditions;
use crate::domain::report::Report;
use crate::domain::situation::Situation;
use crate::domain::time::iso;
use crate::domain::translation::ItemKind;
use crate::i18n::I18n;

use super::super::views::{ItemReading, read};
use super::evidence::ReplacedBy;
pub use super::order::TimelineOrder;
use super::view::SourceView;
use super::words::verification_text;
use crate::web::words::claim_text;

#[derive(Debug, Clone, Default)]
pub struct TimeView {
    pub iso: String,
    pub text: String,
}

impl TimeView {
    fn of(i18n: &I18n, t: &DateTime<Utc>) -> Self {
        Self {
            iso: iso(t),
            text: i18n.datetime(t),
        }
    }
}

/// A claim in words and, when it was superseded, the link to what replaced it.
#[derive(Debug, Clone, Default)]
pub struct ClaimLine {
    pub text: String,
    pub replaced: Option<ReplacedBy>,
}

#[derive(Debug, Clone, Default)]
pub struct ReportView {
    pub id: String,
    pub lang: String,
    pub body_html: String,
    pub source: SourceView,
    pub cites: Option<SourceView>,
    pub stated: TimeView,
    pub occurred: Option<TimeView>,
    pub received: TimeView,
    pub places: Vec<PlaceRef>,
    /// "Police dead: 12", "Control — Almaty: protesters", each with what replaced it when it
    /// no longer counts.
    pub claim_lines: Vec<ClaimLine>,
    pub link: Option<String>,
    /// `confirmed`, `false`, …: a class name.
    pub badge: &'static str,
    pub badge_text: String,
    pub struck: bool,
    pub strike_reason: String,
    /// The moderator's verdict in words, and their note on it.
    pub verdict_text: String,
    pub note: Option<String>,
    pub edited: bool,
    pub reading: ItemReading,
    /// The timeline is ordered by when sources stated things: the header shows that time.
    pub by_stated: bool,
}

impl ReportView {
    /// The report with its badge: the board's when it has one, else the moderator's verdict.
    pub fn of(r: &Report, situation: &Situation, i18n: &I18n) -> Self {
        let badge = situation
            .badges
            .get(&r.id)
            .copied()
            .unwrap_or(r.verification);
        let claims: Vec<String> = r
            .claims
            .iter()
            .map(|c| {
                claim_text(
                    situation,
                    i18n.code(),
                    &c.indicator,
                    c.place.as_ref(),
                    &c.value,
                )
            })
            .collect();
        let claim_lines = r
            .claims
            .iter()
            .zip(&claims)
            .map(|(c, text)| ClaimLine {
                text: text.clone(),
                replaced: ReplacedBy::of_state(i18n, situation.claims.get(&c.id)),
            })
            .collect();
        Self {
            id: r.id.clone(),
            lang: r.language.to_string(),
            body_html: r.body_html.clone(),
            source: SourceView::of(i18n, &r.source),
            cites: r.cites.as_ref().map(|c| SourceView::of(i18n, c)),
            stated: TimeView::of(i18n, &r.stated_at),
            occurred: r.occurred_at.as_ref().map(|t| TimeView::of(i18n, t)),
            received: TimeView::of(i18n, &r.received_at),
            places: place::as_told(&r.places, i18n.code(), &r.body),
            claim_lines,
            link: r.link.clone(),
            badge: badge.as_str(),
            badge_text: verification_text(i18n, badge),
            struck: r.struck.is_some(),
            strike_reason: r
                .struck
                .as_ref()
                .map(|s| s.reason.clone())
                .unwrap_or_default(),
            verdict_text: verification_text(i18n, r.verification),
            note: r.verification_note.clone(),
            edited: r.revision > 1,
            reading: ItemReading::default(),
            by_stated: false,
        }
    }

    /// The report as a timeline in `order` shows it: the time it is ordered by in its header.
    pub fn ordered(mut self, order: TimelineOrder) -> Self {
        self.by_stated = order.by_stated();
        self
    }

    /// The time in the header (the one the timeline is ordered by).
    pub fn head_time(&self) -> &TimeView {
        if self.by_stated {
            &self.stated
        } else {
            &self.received
        }
    }

    /// The report in the reader's language: its published translation, else the original with
    /// its language named and, when an engine is set up, a machine translation offered.
    pub fn read_in(
        mut self,
        r: &Report,
        renditions: &Renditions,
        page: &str,
        reader: &LanguageTag,
        machine: bool,
        i18n: &I18n,
    ) -> Self {
        let anchor = format!("#r-{}", r.id);
        let reading = read(
            i18n,
            renditions,
            (ItemKind::Report, &r.id),
            &r.language,
            (page, &anchor),
            |t| format!("/r/{}/revisions#v-{}", r.id, t.source_revision),
        );
        if let Some(t) = reading.rendition {
            self.body_html = t.body_html.clone();
        }
        self.lang = reading.lang;
        self.reading = reading.about;
        if machine && self.reading.badge.is_some() {
            self.reading.mt_href = format!("/mt/report/{}?lang={reader}", r.id);
        }
        self
    }

    /// A verdict that takes the report off the board.
    pub fn refuted(&self) -> bool {
        matches!(self.badge, "false" | "retracted")
    }
}

/// The time span of reports a page of updates shows: from `from` (inclusive) up to `until`
/// (exclusive); `None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Span {
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.from.is_none_or(|f| t >= f) && self.until.is_none_or(|u| t < u)
    }

    /// The span of a page of updates, given the updates' times in page order, the time of the
    /// update just before the page (the previous page's last), and whether more pages follow.
    /// Newest first: from the page's oldest update up to the previous page's; the last page
    /// reaches back to the beginning. Oldest first: after the previous page's last update up to
    /// and including the page's last; the last page reaches to now. Consecutive pages never
    /// show a report twice, and every report is on some page.
    pub fn of_page(
        times: &[DateTime<Utc>],
        before_page: Option<DateTime<Utc>>,
        more: bool,
        oldest_first: bool,
    ) -> Span {
        let last = times.last().copied();
        if oldest_first {
            // Bounds shifted by a microsecond turn (after, up to and including] into [from, until).
            let tick = chrono::Duration::microseconds(1);
            Span {
                from: before_page.map(|t| t + tick),
                until: if more { last.map(|t| t + tick) } else { None },
            }
        } else {
            Span {
                from: if more { last } else { None },
                until: before_page,
            }
        }
    }
}

/// One item of the timeline, with the time it is ordered by.
pub enum Item<U> {
    Update(U),
    Report(Box<ReportView>),
}

/// Updates (already in page order) and reports merged by time: newest first unless
/// `oldest_first`. Updates win ties, so a report posted in the same instant follows its update.
pub fn interleave<U>(
    updates: Vec<(DateTime<Utc>, U)>,
    mut reports: Vec<(DateTime<Utc>, ReportView)>,
    oldest_first: bool,
) -> Vec<Item<U>> {
    if oldest_first {
        reports.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    } else {
        reports.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    }
    let mut out = Vec::with_capacity(updates.len() + reports.len());
    let mut reports = reports.into_iter().peekable();
    for (t, u) in updates {
        while let Some(r) = reports.next_if(|(rt, _)| if oldest_first { *rt < t } else { *rt > t })
        {
            out.push(Item::Report(Box::new(r.1)));
        }
        out.push(Item::Update(u));
    }
    out.extend(reports.map(|r| Item::Report(Box::new(r.1))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 1, 5, 10, m, 0).unwrap()
    }

    fn report(id: &str) -> ReportView {
        ReportView {
            id: id.into(),
            ..ReportView::default()
        }
    }

    fn order(items: &[Item<&str>]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Update(u) => (*u).to_owned(),
                Item::Report(r) => r.id.clone(),
            })
            .collect()
    }

    #[test]
    fn reports_fall_between_updates_by_time() {
        let updates = vec![(t(30), "u30"), (t(20), "u20"), (t(10), "u10")];
        let reports = vec![
            (t(5), report("r05")),
            (t(25), report("r25")),
            (t(40), report("r40")),
            (t(20), report("r20")),
        ];
        let items = interleave(updates, reports.clone(), false);
        assert_eq!(
            order(&items),
            ["r40", "u30", "r25", "u20", "r20", "u10", "r05"]
        );
        let oldest = vec![(t(10), "u10"), (t(20), "u20"), (t(30), "u30")];
        let items = interleave(oldest, reports, true);
        assert_eq!(
            order(&items),
            ["r05", "u10", "u20", "r20", "r25", "u30", "r40"]
        );
    }

    #[test]
    fn consecutive_pages_share_no_report_and_miss_none() {
        let reports = [t(0), t(5), t(10), t(15), t(20), t(25), t(30), t(35)];
        // Newest first, pages of two updates: [30, 20], [10, 0].
        let p1 = Span::of_page(&[t(30), t(20)], None, true, false);
        let p2 = Span::of_page(&[t(10), t(0)], Some(t(20)), false, false);
        // Oldest first: [0, 10], [20, 30].
        let o1 = Span::of_page(&[t(0), t(10)], None, true, true);
        let o2 = Span::of_page(&[t(20), t(30)], Some(t(10)), false, true);
        for r in reports {
            assert_eq!(
                u8::from(p1.contains(r)) + u8::from(p2.contains(r)),
                1,
                "{r}"
            );
            assert_eq!(
                u8::from(o1.contains(r)) + u8::from(o2.contains(r)),
                1,
                "{r}"
            );
        }
        assert!(p1.contains(t(35)) && p1.contains(t(20)) && !p1.contains(t(15)));
        assert!(o1.contains(t(10)) && !o1.contains(t(15)) && o2.contains(t(35)));
        assert_eq!(Span::of_page(&[], None, false, false), Span::default());
    }
}
