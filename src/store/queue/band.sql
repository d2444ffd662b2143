(CAST(substr(printf('%.1e', stability), -3) AS INTEGER) * 100
 + CAST(substr(printf('%.1e', stability), 1, 1) || substr(printf('%.1e', stability), 3, 1)
        AS INTEGER))
