SELECT x.id, x.created_at, x.parameters, x.items, x.cards, x.seq FROM fsrs_parameters x
