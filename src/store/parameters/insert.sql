INSERT INTO fsrs_parameters (created_at, parameters, items, cards, log_loss,
rmse_bins, default_log_loss, default_rmse_bins) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
