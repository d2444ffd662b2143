-- FSRS parameters fitted to the learner's log by `recall optimize`. Every set is kept; the
-- newest one schedules. (No row: the FSRS defaults.)
CREATE TABLE fsrs_parameters (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    parameters  TEXT NOT NULL,          -- JSON array of the 21 FSRS-6 parameters
    items       INTEGER NOT NULL,       -- spaced reviews fitted to
    cards       INTEGER NOT NULL,
    -- The honest score (`--evaluate`), when it was computed: lower is better.
    log_loss            REAL,
    rmse_bins           REAL,
    default_log_loss    REAL,
    default_rmse_bins   REAL
);
