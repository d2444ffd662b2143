DELETE FROM block_ids WHERE source_id = ?1
