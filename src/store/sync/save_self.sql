UPDATE sync_self SET numbered = ?1, file_bytes = ?2, dir = ?3, synced_at = ?4, received = ?5
