-- The review cards least likely to be recalled, found without reading every due card: review
-- cards by stability band (1–10% wide) and, within a band, by last review. In a band the
-- earliest reviewed are the most at risk, so a session reads the first few cards of each band
-- instead of every due card (`store::queue::at_risk`).
--
-- A band is the stability in two significant digits, exponent × 100 + the two digits
-- (1.23 → 12, 0.0456 → -154, 789 → 279): it grows with the stability. Written with printf,
-- which every SQLite has (ln() is a build option). Queries name the band by this same
-- expression (`queue/band.sql`), so SQLite reads it from the index.
CREATE INDEX card_state_risk ON card_state (
    state,
    (CAST(substr(printf('%.1e', stability), -3) AS INTEGER) * 100
     + CAST(substr(printf('%.1e', stability), 1, 1) || substr(printf('%.1e', stability), 3, 1)
            AS INTEGER)),
    last_review, stability, due)
    WHERE state = 'review' AND stability BETWEEN 1e-9 AND 1e12;

-- The review cards without a band (no stability or last review, or a stability out of that
-- range, where the band's two-digit exponent would not hold): read apart. Normally none.
CREATE INDEX card_state_unbanded ON card_state (due)
    WHERE state = 'review'
      AND (stability IS NULL OR stability NOT BETWEEN 1e-9 AND 1e12 OR last_review IS NULL);
