"""The addon's one SQLite file, through peewee: WAL, busy timeout, per-component schema versions and migrations.

Model modules (listed in MODEL_MODULES) define peewee models bound to `database` and a module-level
`MIGRATIONS` list: migration N (1-based) is `MIGRATIONS[N-1](database)`, run once and in order, inside one
transaction per component.
`schema_version` remembers the version each component reached, so an older file is upgraded in place.
A file SQLite cannot read is moved aside and rebuilt empty (callers then resync from Trakt).
"""
from __future__ import annotations

import importlib
import os
import sqlite3
import threading
import time

import peewee

DB_FILE = 'aiostreams.db'
BUSY_TIMEOUT_MS = 15000
# Components whose models live in the database; each module exposes MIGRATIONS.
MODEL_MODULES = ('addon.outbox_store', 'addon.playstate', 'addon.stream_store', 'addon.trakt.models')

database = peewee.SqliteDatabase(None)
_open_lock = threading.Lock()
_opened_path = None


class SchemaVersion(peewee.Model):
    component = peewee.CharField(primary_key=True)
    version = peewee.IntegerField()

    class Meta:
        database = database
        table_name = 'schema_version'


class BaseModel(peewee.Model):
    class Meta:
        database = database


class DatabaseDamaged(Exception):
    """The file could not be read as SQLite; it was moved aside to `moved_to`."""

    def __init__(self, moved_to):
        super().__init__('database file damaged')
        self.moved_to = moved_to


def _pragmas():
    return {'journal_mode': 'wal', 'busy_timeout': BUSY_TIMEOUT_MS, 'synchronous': 'normal',
            'foreign_keys': 1, 'temp_store': 'memory'}


def open_database(path, modules=None):
    """Bind `database` to `path` (creating it), and migrate every component. Idempotent per path.

    Raises DatabaseDamaged after moving a corrupt file aside and creating a fresh one.
    """
    global _opened_path
    with _open_lock:
        if _opened_path == path and not database.is_closed():
            return database
        if not database.is_closed():
            database.close()
        database.init(path, pragmas=_pragmas(), timeout=BUSY_TIMEOUT_MS / 1000.0, check_same_thread=False)
        damaged_copy = None
        try:
            database.connect(reuse_if_open=True)
            if database.execute_sql('PRAGMA quick_check').fetchone()[0] != 'ok':
                raise peewee.DatabaseError('quick_check failed')
        except (peewee.DatabaseError, sqlite3.DatabaseError):  # sqlite3's own when a damaged page is read
            database.close()
            damaged_copy = _move_aside(path)
            database.connect(reuse_if_open=True)
        migrate(MODEL_MODULES if modules is None else modules)
        _opened_path = path
        if damaged_copy:
            raise DatabaseDamaged(damaged_copy)
        return database


def _move_aside(path):
    target = '%s.damaged-%d' % (path, int(time.time()))
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(path + suffix):
            os.replace(path + suffix, target + suffix)
    return target


def migrate(module_names):
    """Bring every named component up to its newest schema version."""
    with database.atomic():
        database.create_tables([SchemaVersion], safe=True)
    for name in module_names:
        module = importlib.import_module(name)
        apply_migrations(name, module.MIGRATIONS)


def apply_migrations(component, migrations):
    """Run the migrations of `component` that this file has not seen yet, in one transaction."""
    with database.atomic('IMMEDIATE'):
        row = SchemaVersion.get_or_none(SchemaVersion.component == component)
        current = row.version if row else 0
        for number, step in enumerate(migrations[current:], start=current + 1):
            step(database)
            SchemaVersion.insert(component=component, version=number).on_conflict_replace().execute()


def schema_version(component) -> int:
    row = SchemaVersion.get_or_none(SchemaVersion.component == component)
    return row.version if row else 0


def close():
    global _opened_path
    with _open_lock:
        if not database.is_closed():
            database.close()
        _opened_path = None
