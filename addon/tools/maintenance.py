"""Database info and reset (Tools / settings > Advanced > Maintenance).

Reset clears EVERY table of the database (Trakt sync data, local resume points and watched marks, stream
statistics, learned preferences, preloaded streams, and whatever future components add) except two:
- `outbox`: plays, watched marks and list changes not yet delivered to Trakt / PunchPlay. Deleting them would lose
  the user's history, which a reset must never do; they are sent as usual.
- `schema_version`: the migration bookkeeping that describes the (kept) tables.
The tables are read from the file itself, so a table added later is cleared too.
"""
from __future__ import annotations

import datetime
import os

from addon.platform import db, storage

KEPT_TABLES = ('outbox', 'schema_version')
TRAKT_PREFIX = 'trakt_'
LAST_SYNC_KEYS = ('last_poll',)


def table_names() -> list:
    rows = db.database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [name for (name,) in rows]


def _count(table) -> int:
    return db.database.execute_sql('SELECT COUNT(*) FROM "%s"' % table.replace('"', '""')).fetchone()[0]


def file_size(path) -> int:
    """Bytes of the database with its write-ahead log."""
    return sum(os.path.getsize(path + suffix) for suffix in ('', '-wal') if os.path.exists(path + suffix))


def human_size(size) -> str:
    for unit in ('B', 'KB', 'MB'):
        if size < 1024 or unit == 'MB':
            return ('%d %s' % (size, unit)) if unit == 'B' else ('%.1f %s' % (size, unit))
        size /= 1024.0
    return '%d B' % size


def last_sync():
    """Local time text of the last Trakt sync poll, or None when the account never synced."""
    if 'trakt_sync_state' not in table_names():
        return None
    stamps = [row[0] for row in db.database.execute_sql(
        'SELECT updated_at FROM trakt_sync_state WHERE updated_at IS NOT NULL').fetchall()]
    if not stamps:
        return None
    return datetime.datetime.fromtimestamp(max(stamps)).strftime('%Y-%m-%d %H:%M')


def info() -> dict:
    """{'path', 'size', 'tables': [(name, rows)], 'last_sync': text or None}."""
    storage.open_db()
    path = db.database.database
    return {'path': path, 'size': file_size(path), 'last_sync': last_sync(),
            'tables': [(name, _count(name)) for name in table_names()]}


def cleared_tables() -> list:
    storage.open_db()
    return [name for name in table_names() if name not in KEPT_TABLES]


def _empty(names) -> dict:
    """Delete every row of the named tables in one transaction; {table: rows deleted}."""
    deleted = {}
    with db.database.atomic('IMMEDIATE'):
        for name in names:
            deleted[name] = db.database.execute_sql('DELETE FROM "%s"' % name.replace('"', '""')).rowcount
    return deleted


def reset() -> dict:
    """Empty every table but KEPT_TABLES; {table: rows deleted}."""
    return _empty(cleared_tables())


def trakt_tables() -> list:
    storage.open_db()
    return [name for name in table_names() if name.startswith(TRAKT_PREFIX)]


def clear_trakt() -> dict:
    """Delete the local copy of the Trakt account (every trakt_* table); the next sync downloads it again."""
    return _empty(trakt_tables())


def vacuum() -> tuple:
    """Rebuild the file without free pages (VACUUM) and refresh the query planner's statistics; (before, after)
    sizes in bytes."""
    storage.open_db()
    path = db.database.database
    before = file_size(path)
    db.database.execute_sql('PRAGMA wal_checkpoint(TRUNCATE)')
    db.database.execute_sql('VACUUM')
    db.database.execute_sql('ANALYZE')
    return before, file_size(path)
