SELECT reviewed_at, 1, again, time_ms, new_card, young, young_passed, mature,
     mature_passed, relearning
FROM answer_figures WHERE undone_at IS NULL
