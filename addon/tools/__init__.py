"""Tools and maintenance: connection set-up and tests, database maintenance, TMDbHelper players."""
