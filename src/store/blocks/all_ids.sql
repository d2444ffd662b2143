SELECT id, text FROM block_ids
