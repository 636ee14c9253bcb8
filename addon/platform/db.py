"""The addon's one SQLite file, through peewee: WAL, busy timeout, per-component schema versions and migrations.

Model modules (listed in MODEL_MODULES) define peewee models bound to `database`, a module-level `MIGRATIONS`
list (migration N, 1-based, is `MIGRATIONS[N-1](database)`, run once and in order, inside one transaction per
component) and, optionally, `MODELS`: the tables of the component as its newest version has them.
A file without the component gets MODELS from peewee's create_tables at the newest version at once; a file with
an older version runs the migrations it has not seen. `schema_version` remembers the version each component
reached, so an older file is upgraded in place.
A file SQLite cannot read is moved aside and rebuilt empty (callers then resync from Trakt): when it is opened, and
at the point of use when it gets damaged while the process has it open (HealingDatabase). A process whose file
another process moved aside reconnects to the fresh one at its next open_database().
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
MODEL_MODULES = ('addon.platform.outbox', 'addon.platform.playstate', 'addon.play.stream_store', 'addon.trakt.models',
                 'addon.punchplay.sync_state')

# What SQLite says of a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB); never of a busy file or a wrong statement.
DAMAGE_MARKERS = ('malformed', 'not a database', 'corrupt')


def is_damage(error) -> bool:
    return isinstance(error, (peewee.DatabaseError, sqlite3.DatabaseError)) and any(
        marker in str(error).lower() for marker in DAMAGE_MARKERS)


def _inode(path):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


class _ThreadFile(threading.local):
    inode = None      # the file this thread's connection opened
    damaged = False   # damage met inside a transaction: rebuilt at this thread's next statement outside one
    opening = False   # open_database() / a rebuild is under way: it handles damage itself


class HealingDatabase(peewee.SqliteDatabase):
    """Notices a damaged file at the point of use: the statement that meets the damage moves the file aside, builds
    a fresh one, tells open_database's `on_damage`, and runs again on the fresh file. Inside a transaction (whose
    earlier statements went to the damaged file) it fails with DatabaseDamaged; the rebuild follows outside it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.thread_file = _ThreadFile()

    def _connect(self):
        connection = super()._connect()
        self.thread_file.inode = _inode(self.database)
        return connection

    def begin(self, *args, **kwargs):
        # peewee 4 sends BEGIN on the cursor, not through execute_sql: the rebuild must come before it too
        self._rebuild_if_damaged()
        return super().begin(*args, **kwargs)

    def _rebuild_if_damaged(self):
        if self.thread_file.damaged and not self.in_transaction() and _opened_path is not None:
            _rebuild_damaged()

    def execute_sql(self, sql, params=None, commit=None):
        state = self.thread_file
        self._rebuild_if_damaged()
        try:
            return super().execute_sql(sql, params)
        except peewee.DatabaseError as error:
            if not is_damage(error) or state.opening or _opened_path is None:
                raise
            state.damaged = True
            if self.in_transaction():
                raise DatabaseDamaged() from error
            _rebuild_damaged()
            return super().execute_sql(sql, params)

    def moved_away(self) -> bool:
        """Whether the file this thread opened is no longer the one at the path (moved aside elsewhere)."""
        return self.thread_file.inode is not None and self.thread_file.inode != _inode(self.database)


database = HealingDatabase(None)
_open_lock = threading.RLock()
_opened_path = None
_opened_modules = MODEL_MODULES
_on_damage = None


class SchemaVersion(peewee.Model):
    component = peewee.CharField(primary_key=True)
    version = peewee.IntegerField()

    class Meta:
        database = database
        table_name = 'schema_version'


class BaseModel(peewee.Model):
    class Meta:
        database = database


class DatabaseDamaged(peewee.DatabaseError):
    """The file could not be read as SQLite; it was (or, inside a transaction, will be) moved aside to `moved_to`."""

    def __init__(self, moved_to=None):
        super().__init__('database file damaged')
        self.moved_to = moved_to


def _pragmas():
    return {'journal_mode': 'wal', 'busy_timeout': BUSY_TIMEOUT_MS, 'synchronous': 'normal',
            'foreign_keys': 1, 'temp_store': 'memory'}


def open_database(path, modules=None, on_damage=None):
    """Bind `database` to `path` (creating it), and migrate every component. Idempotent per path.

    Raises DatabaseDamaged after moving a corrupt file aside and creating a fresh one. `on_damage(moved_to)` is
    called when that happens later, at the point of use (see HealingDatabase).
    """
    global _opened_path, _opened_modules, _on_damage
    with _open_lock:
        if _opened_path == path and not database.is_closed() and (
                database.in_transaction() or not database.moved_away()):
            return database
        if not database.is_closed():
            database.close()
        database.init(path, pragmas=_pragmas(), timeout=BUSY_TIMEOUT_MS / 1000.0, check_same_thread=False)
        damaged_copy = None
        database.thread_file.opening, database.thread_file.damaged = True, False
        try:
            try:
                database.connect(reuse_if_open=True)
                if database.execute_sql('PRAGMA quick_check').fetchone()[0] != 'ok':
                    raise peewee.DatabaseError('quick_check failed')
            except (peewee.DatabaseError, sqlite3.DatabaseError):  # sqlite3's own when a damaged page is read
                database.close()
                damaged_copy = _move_aside(path)
                database.connect(reuse_if_open=True)
            _opened_modules = MODEL_MODULES if modules is None else modules
            migrate(_opened_modules)
        finally:
            database.thread_file.opening = False
        _opened_path, _on_damage = path, on_damage
        if damaged_copy:
            raise DatabaseDamaged(damaged_copy)
        return database


def _rebuild_damaged():
    """This thread's connection met a damaged file: move it aside (unless another thread or process did already:
    the file at the path is then a fresh one), reconnect, migrate, and tell `on_damage` about a move."""
    state, moved_to = database.thread_file, None
    with _open_lock:
        state.opening = True
        try:
            damaged_inode = state.inode
            database.close()
            if damaged_inode is not None and damaged_inode == _inode(_opened_path):
                moved_to = _move_aside(_opened_path)
            state.damaged = False
            database.connect()
            migrate(_opened_modules)
        finally:
            state.opening = False
    if moved_to and _on_damage is not None:
        _on_damage(moved_to)


def _move_aside(path):
    target = '%s.damaged-%d' % (path, int(time.time()))
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(path + suffix):
            os.replace(path + suffix, target + suffix)
    return target


def migrate(module_names):
    """Bring every named component up to its newest schema version. A file that is up to date is only read: no
    write lock, so opening it never waits for another process's long write (a sync)."""
    if not database.table_exists(SchemaVersion._meta.table_name):
        with database.atomic():
            database.create_tables([SchemaVersion], safe=True)
    versions = {row.component: row.version for row in SchemaVersion.select()}
    for name in module_names:
        module = importlib.import_module(name)
        if versions.get(name, 0) < len(module.MIGRATIONS):
            apply_migrations(name, module.MIGRATIONS, getattr(module, 'MODELS', ()))


def apply_migrations(component, migrations, models=()):
    """Bring `component` to its newest version in one transaction: a file without it gets `models` created by
    peewee; one with an older version runs the migrations it has not seen yet."""
    with database.atomic('IMMEDIATE'):
        row = SchemaVersion.get_or_none(SchemaVersion.component == component)
        current = row.version if row else 0
        if current == 0 and models and migrations:
            database.create_tables(models)
            SchemaVersion.insert(component=component, version=len(migrations)).on_conflict_replace().execute()
            return
        for number, step in enumerate(migrations[current:], start=current + 1):
            step(database)
            SchemaVersion.insert(component=component, version=number).on_conflict_replace().execute()


def schema_version(component) -> int:
    row = SchemaVersion.get_or_none(SchemaVersion.component == component)
    return row.version if row else 0


def close():
    global _opened_path, _on_damage
    with _open_lock:
        if not database.is_closed():
            database.close()
        _opened_path = _on_damage = None
