//! The public API refuses invalid configuration with an error instead of
//! panicking later.

use termalign::ErrorKind;
use termalign::align::{AlignerBuilder, BeadKind, ScoreParams};

fn build_err(params: ScoreParams) -> termalign::Error {
    AlignerBuilder::new().params(params).build().unwrap_err()
}

#[test]
fn default_params_build() {
    assert!(AlignerBuilder::new().build().is_ok());
}

#[test]
fn beads_without_deletions_are_refused() {
    // Without 1-0 and 0-1 the search can find no path for 2 × 1 sentences
    // (this used to hit an assert in the dynamic program).
    let params = ScoreParams {
        beads: vec![(BeadKind::new(1, 1), 0.5)],
        ..ScoreParams::default()
    };
    let err = build_err(params);
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("must include 1-0"), "{err}");

    let err = build_err(ScoreParams {
        beads: vec![(BeadKind::new(1, 0), 3.0), (BeadKind::new(1, 1), 0.5)],
        ..ScoreParams::default()
    });
    assert!(err.to_string().contains("must include 0-1"), "{err}");
}

#[test]
fn empty_bead_and_bad_costs_are_refused() {
    let mut params = ScoreParams::default();
    params.beads.push((BeadKind::new(0, 0), 1.0));
    let err = build_err(params);
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("0-0"), "{err}");

    let mut params = ScoreParams::default();
    params.beads[0].1 = f64::NAN;
    let err = build_err(params);
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("costs must lie in"), "{err}");
}

#[test]
fn non_finite_or_non_positive_weights_are_refused() {
    let err = build_err(ScoreParams {
        lexical_weight: f64::INFINITY,
        ..ScoreParams::default()
    });
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(
        err.to_string().contains("lexical_weight must be finite"),
        "{err}"
    );

    let err = build_err(ScoreParams {
        length_variance: 0.0,
        ..ScoreParams::default()
    });
    assert!(
        err.to_string().contains("length_variance must be positive"),
        "{err}"
    );

    let err = build_err(ScoreParams {
        prior_strength: -1.0,
        ..ScoreParams::default()
    });
    assert!(
        err.to_string().contains("prior_strength must be positive"),
        "{err}"
    );
    // Without re-estimation the strength is unused.
    assert!(
        AlignerBuilder::new()
            .params(ScoreParams {
                prior_strength: 0.0,
                estimate_priors: false,
                ..ScoreParams::default()
            })
            .build()
            .is_ok()
    );
}
