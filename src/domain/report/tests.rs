//! The report rules, checked.

use super::*;
use crate::domain::source::SourceRef;
use crate::domain::time::now;

fn new() -> NewReport {
    NewReport {
        body: "Official sources report 8 police dead".into(),
        language: Some("en".into()),
        source: "01HZZZZZZZZZZZZZZZZZZZZZZA".into(),
        link: Some("https://news.example/a".into()),
        cites: None,
        occurred_at: None,
        stated_at: None,
        places: vec!["gn:1526384".into(), "gn:1526384".into()],
        claims: vec![],
        author_name: None,
    }
}

#[test]
fn a_report_is_validated() {
    let d = new().validate(now(), None).unwrap();
    assert_eq!(d.places(), ["gn:1526384"], "places are listed once");
    let mut r = new();
    r.cites = Some(r.source.clone());
    assert_eq!(r.validate(now(), None).unwrap_err().field, "cites");
    let mut r = new();
    r.stated_at = Some(now() + chrono::Duration::hours(2));
    assert_eq!(r.validate(now(), None).unwrap_err().field, "stated_at");
    let mut r = new();
    r.occurred_at = Some(now());
    r.stated_at = Some(now() - chrono::Duration::hours(1));
    assert_eq!(r.validate(now(), None).unwrap_err().field, "occurred_at");
    let mut r = new();
    r.link = Some("ftp://x".into());
    assert_eq!(r.validate(now(), None).unwrap_err().field, "link");
    let mut r = new();
    r.places = vec!["Almaty".into()];
    assert_eq!(r.validate(now(), None).unwrap_err().field, "places");
    let mut r = new();
    r.body = "<script>alert(1)</script>**ok**".into();
    let html = r.validate(now(), None).unwrap().body_html().to_owned();
    assert!(!html.contains("<script"), "{html}");
}

#[test]
fn verification_by_a_moderator() {
    let v = |s: &str, n: Option<&str>| {
        NewVerification {
            status: s.into(),
            note: n.map(Into::into),
        }
        .validate()
    };
    assert_eq!(
        v("false", Some("photo is from 2019")).unwrap().0,
        Verification::False
    );
    assert_eq!(v("false", None).unwrap_err().field, "note");
    assert_eq!(v("disputed", None).unwrap_err().field, "status");
    assert_eq!(v("nonsense", None).unwrap_err().field, "status");
    assert_eq!(
        v("confirmed", None).unwrap(),
        (Verification::Confirmed, None)
    );
}

#[test]
fn moderation_rules() {
    assert_eq!(
        ReportState::after(ModerationAction::Approve),
        ReportState::Published
    );
    let mut r = Report {
        id: "R".into(),
        thread_id: "T".into(),
        body: String::new(),
        body_html: String::new(),
        language: LanguageTag::parse("en").unwrap(),
        language_detected: false,
        source: SourceRef {
            id: "S".into(),
            name: "S".into(),
            kind: crate::domain::source::SourceKind::Official,
            affiliation: String::new(),
        },
        link: None,
        cites: None,
        occurred_at: None,
        stated_at: now(),
        received_at: now(),
        places: vec![],
        claims: vec![],
        submitted_by: Submitter {
            user_id: None,
            name: "x".into(),
        },
        state: ReportState::Pending,
        verification: Verification::Unverified,
        verification_note: None,
        struck: None,
        revision: 1,
        created_at: now(),
        edited_at: None,
    };
    assert!(!r.counts_on_board());
    assert!(check_moderation(&r, ModerationAction::Approve).is_ok());
    r.state = ReportState::Published;
    assert!(r.counts_on_board());
    assert!(check_moderation(&r, ModerationAction::Approve).is_err());
    assert!(check_moderation(&r, ModerationAction::Delete).is_ok());
    r.verification = Verification::Retracted;
    assert!(!r.counts_on_board());
    r.state = ReportState::Deleted;
    assert!(check_editable(&r).is_err());
}
