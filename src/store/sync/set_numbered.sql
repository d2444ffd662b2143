UPDATE sync_self SET numbered = ?1, file_bytes = ?2
