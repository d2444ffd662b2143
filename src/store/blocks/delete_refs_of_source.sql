DELETE FROM block_refs WHERE source_id = ?1
