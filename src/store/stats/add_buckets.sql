INSERT INTO answer_buckets (bucket, answers, again, time_ms, new_cards, young, young_passed,
    mature, mature_passed, relearning, learning_hard, learning_good, learning_easy, review_hard,
    review_good, review_easy)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
ON CONFLICT (bucket) DO UPDATE SET
    answers = answers + excluded.answers, again = again + excluded.again,
    time_ms = time_ms + excluded.time_ms, new_cards = new_cards + excluded.new_cards,
    young = young + excluded.young, young_passed = young_passed + excluded.young_passed,
    mature = mature + excluded.mature, mature_passed = mature_passed + excluded.mature_passed,
    relearning = relearning + excluded.relearning,
    learning_hard = learning_hard + excluded.learning_hard,
    learning_good = learning_good + excluded.learning_good,
    learning_easy = learning_easy + excluded.learning_easy,
    review_hard = review_hard + excluded.review_hard,
    review_good = review_good + excluded.review_good,
    review_easy = review_easy + excluded.review_easy
