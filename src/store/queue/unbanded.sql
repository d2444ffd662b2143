SELECT card_id, (?2 - last_review) * 1.0 / stability FROM card_state INDEXED BY card_state_unbanded
WHERE state = 'review'
  AND (stability IS NULL OR stability NOT BETWEEN 1e-9 AND 1e12 OR last_review IS NULL)
  AND due < ?1
