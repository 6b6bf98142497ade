//! Superseded is not disputed: restated and marked claims.

use super::*;

#[test]
fn a_source_restating_its_figure_supersedes_its_earlier_claim() {
    // The ministry says 8, an NGO agrees, then the ministry says 11: the NGO's 8 disputes the
    // ministry's 11, but the ministry's own 8 is replaced, not disputed.
    let claims = vec![
        claim("a", "dead", count(8), 1, "ministry"),
        claim("b", "dead", count(8), 2, "ngo"),
        claim("c", "dead", count(11), 3, "ministry"),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let e = entry(&b, "dead");
    assert_eq!(e.current.value, count(11));
    assert_eq!(e.agreement, Agreement::Disputed);
    assert_eq!(
        e.positions[1].reports,
        ["r-b"],
        "the restated claim backs nothing"
    );
    assert_eq!(
        b.claims["a"],
        ClaimState::Restated {
            report: "r-c".into()
        }
    );
    assert_eq!(b.claims["b"], ClaimState::Standing);
    assert_eq!(
        b.reports["r-a"],
        Verification::Unverified,
        "no dispute badge"
    );
    assert_eq!(b.reports["r-b"], Verification::Disputed);
    assert_eq!(
        e.history["ministry"].len(),
        2,
        "what it said stays in history"
    );
}

#[test]
fn a_source_contradicting_itself_alone_is_a_new_value_not_a_dispute() {
    let claims = vec![
        claim("a", "help_requested", status("no"), 1, "presidency"),
        claim("b", "help_requested", status("yes"), 3, "presidency"),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let e = entry(&b, "help_requested");
    assert_eq!(
        (e.current.value.clone(), e.agreement),
        (status("yes"), Agreement::Single)
    );
    assert_eq!(e.positions.len(), 1);
    assert!(matches!(b.claims["a"], ClaimState::Restated { .. }));
    assert_eq!(b.claims["b"], ClaimState::Standing);
}

#[test]
fn a_later_agreeing_claim_of_the_same_source_does_not_supersede() {
    let claims = vec![
        claim(
            "a",
            "dead",
            Value::Count {
                count: Count::AtLeast { n: 5 },
            },
            1,
            "ministry",
        ),
        claim("b", "dead", count(8), 2, "ministry"),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    assert_eq!(b.claims["a"], ClaimState::Standing);
    assert_eq!(entry(&b, "dead").current.reports, ["r-a", "r-b"]);
}

#[test]
fn a_claim_an_editor_marked_superseded_leaves_the_figures_but_stays_listed() {
    // Another source's "no" inside the window would be a dispute; marked superseded by the
    // update that reports events overtook it, it no longer counts.
    let mut old = claim("a", "help_requested", status("no"), 1, "alliance");
    old.superseded_by = Some(SupersededBy::update("u1"));
    let claims = vec![
        old,
        claim("b", "help_requested", status("yes"), 3, "presidency"),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let e = entry(&b, "help_requested");
    assert_eq!(e.agreement, Agreement::Single);
    assert_eq!(e.positions.len(), 1);
    assert_eq!(
        b.claims["a"],
        ClaimState::Superseded {
            by: SupersededBy::update("u1")
        }
    );
    assert_eq!(b.superseded.len(), 1);
    assert_eq!(b.superseded[0].claim, "a");
    assert_eq!(b.superseded[0].by, SupersededBy::update("u1"));
    assert_eq!(b.reports["r-a"], Verification::Unverified);
    // Without the mark, the same claims are a dispute.
    let mut unmarked = claims.clone();
    unmarked[0].superseded_by = None;
    let b = board(&unmarked, DEFAULT_DISPUTE_WINDOW);
    assert_eq!(entry(&b, "help_requested").agreement, Agreement::Disputed);
}

#[test]
fn an_indicator_whose_only_claim_is_superseded_has_no_value_but_keeps_it_listed() {
    let mut old = claim("a", "dead", count(8), 1, "ministry");
    old.superseded_by = Some(SupersededBy::report("r-later"));
    let b = board(&[old], DEFAULT_DISPUTE_WINDOW);
    assert!(b.entries.is_empty());
    assert_eq!(b.superseded.len(), 1);
}
