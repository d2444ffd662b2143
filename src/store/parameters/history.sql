SELECT id, created_at, parameters, items, cards, log_loss, rmse_bins,
default_log_loss, default_rmse_bins FROM fsrs_parameters ORDER BY created_at, parameters, id
