use super::*;

#[test]
fn fitted_parameters_predict_the_log_better_than_the_defaults() {
    let log = synthetic::log(&synthetic::forgetful_parameters(), 500, 240, 20_000, 7);
    let items = to_items(log);
    assert!(items.items.len() > 2_000, "{} items", items.items.len());
    let mut calls = 0;
    let fitted = fit(items.clone(), 1, |_, _| calls += 1).unwrap();
    assert_eq!(fitted.len(), 21);
    assert!(calls > 0, "progress was reported");
    // The fitted initial stability for Good is far below the default's, as in the true model.
    assert!(
        fitted[2] < fsrs::DEFAULT_PARAMETERS[2] * 0.6,
        "fitted {:?}",
        &fitted[..4]
    );
    let score = |w: &[f32]| {
        FSRS::new(w)
            .unwrap()
            .evaluate(items.items.clone(), |_| true)
            .unwrap()
    };
    let (fit_score, default_score) = (score(&fitted), score(&[]));
    assert!(
        fit_score.log_loss < default_score.log_loss,
        "fitted {fit_score:?} vs defaults {default_score:?}"
    );
}

#[test]
fn the_honest_score_trains_on_the_past_only_and_still_beats_the_defaults() {
    let items = to_items(synthetic::log(
        &synthetic::forgetful_parameters(),
        400,
        200,
        20_000,
        11,
    ));
    let n = items.items.len();
    let e = evaluate(items, 1, |_, _| {}).unwrap();
    assert_eq!(e.tested_items, n - n / 6);
    assert!(
        e.fitted.log_loss < e.defaults.log_loss,
        "fitted {:?} vs defaults {:?}",
        e.fitted,
        e.defaults
    );
}

#[test]
fn too_little_history_says_how_much_more_is_needed() {
    let items = to_items(synthetic::log(
        &synthetic::forgetful_parameters(),
        20,
        60,
        20_000,
        3,
    ));
    let have = items.items.len();
    assert!(have < MIN_ITEMS);
    let e = fit(items, 1, |_, _| {}).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains(&format!("{have} spaced reviews"))
            && msg.contains(&format!("about {} more", MIN_ITEMS - have)),
        "{msg}"
    );
}

#[test]
fn fitting_is_suggested_from_a_thousand_answers_and_again_when_the_log_doubles() {
    assert_eq!(suggest_fitting(999, None), None);
    assert_eq!(suggest_fitting(1_000, None), Some(1_000));
    // Fitted on 3,000 answers: suggested again from 3,000 more.
    assert_eq!(suggest_fitting(5_999, Some(2_999)), None);
    assert_eq!(suggest_fitting(6_000, Some(3_000)), Some(3_000));
    // A small log that doubled still waits for a thousand new answers.
    assert_eq!(suggest_fitting(1_600, Some(800)), None);
}
