SELECT card_id, last_review, stability, due FROM card_state INDEXED BY card_state_risk
WHERE state = 'review' AND stability BETWEEN 1e-9 AND 1e12 AND last_review IS NOT NULL
  AND {band} = ?1
ORDER BY last_review
