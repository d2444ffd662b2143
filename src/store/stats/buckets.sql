SELECT bucket * 900000, answers, again, time_ms, new_cards, young, young_passed, mature,
mature_passed, relearning FROM answer_buckets ORDER BY bucket
