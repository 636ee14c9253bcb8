"""The SQLite file: WAL, migrations that upgrade an older file without losing data, damaged files moved aside."""
import sqlite3
import sys
import types

import peewee
import pytest

from addon.platform import db


@pytest.fixture(autouse=True)
def closed_db():
    db.close()
    yield
    db.close()


def _component(name, migrations):
    module = types.ModuleType(name)
    module.MIGRATIONS = migrations
    sys.modules[name] = module
    return name


def _create_notes(database):
    database.execute_sql('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')


def _add_pinned(database):
    database.execute_sql('ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0')


def test_wal_and_busy_timeout(tmp_path):
    database = db.open_database(str(tmp_path / 'a.db'), modules=())
    assert database.execute_sql('PRAGMA journal_mode').fetchone()[0] == 'wal'
    assert database.execute_sql('PRAGMA busy_timeout').fetchone()[0] == db.BUSY_TIMEOUT_MS


def test_older_file_is_upgraded_without_losing_rows(tmp_path):
    path = str(tmp_path / 'a.db')
    name = _component('tests_notes_v1', [_create_notes])
    database = db.open_database(path, modules=(name,))
    database.execute_sql("INSERT INTO note (text) VALUES ('kept')")
    assert db.schema_version(name) == 1
    db.close()

    sys.modules[name].MIGRATIONS = [_create_notes, _add_pinned]
    database = db.open_database(path, modules=(name,))
    assert db.schema_version(name) == 2
    assert database.execute_sql('SELECT text, pinned FROM note').fetchall() == [('kept', 0)]


class Note(db.BaseModel):
    """The note table as the newest version (two migrations) has it."""
    text = peewee.TextField()
    pinned = peewee.IntegerField(default=0, constraints=[peewee.SQL('DEFAULT 0')])

    class Meta:
        table_name = 'note'


def test_a_new_file_gets_the_models_tables_at_the_newest_version(tmp_path):
    steps = []
    name = _component('tests_notes_models', [lambda database: steps.append(1), lambda database: steps.append(2)])
    sys.modules[name].MODELS = [Note]
    db.open_database(str(tmp_path / 'a.db'), modules=(name,))
    assert steps == [] and db.schema_version(name) == 2
    Note.create(text='new')
    assert [(note.text, note.pinned) for note in Note.select()] == [('new', 0)]


def test_an_older_file_runs_only_the_migrations_it_has_not_seen(tmp_path):
    path = str(tmp_path / 'a.db')
    name = _component('tests_notes_older', [_create_notes])
    db.open_database(path, modules=(name,)).execute_sql("INSERT INTO note (text) VALUES ('kept')")
    db.close()
    sys.modules[name].MIGRATIONS = [_create_notes, _add_pinned]
    sys.modules[name].MODELS = [Note]
    db.open_database(path, modules=(name,))
    assert db.schema_version(name) == 2
    assert [(note.text, note.pinned) for note in Note.select()] == [('kept', 0)]


def test_migrations_run_once(tmp_path):
    calls = []
    name = _component('tests_counted', [lambda database: calls.append(1)])
    path = str(tmp_path / 'a.db')
    db.open_database(path, modules=(name,))
    db.close()
    db.open_database(path, modules=(name,))
    assert calls == [1]


def test_an_up_to_date_file_opens_while_another_process_writes(tmp_path, monkeypatch):
    """Opening takes no write lock when no migration is due: a plugin or the outbox opening the file during a long
    sync of the service neither waits for it nor fails with "database is locked"."""
    path = str(tmp_path / 'a.db')
    name = _component('tests_notes_current', [_create_notes])
    db.open_database(path, modules=(name,))
    db.close()
    writer = sqlite3.connect(path)
    writer.execute('BEGIN IMMEDIATE')  # another process in the middle of a write transaction
    writer.execute("INSERT INTO note (text) VALUES ('syncing')")
    monkeypatch.setattr(db, 'BUSY_TIMEOUT_MS', 300)
    try:
        database = db.open_database(path, modules=(name,))  # "database is locked" after 300 ms if it took a lock
        assert db.schema_version(name) == 1 and database.execute_sql('SELECT count(*) FROM note').fetchone() == (0,)
    finally:
        writer.rollback()
        writer.close()


def test_failed_migration_leaves_version_unchanged(tmp_path):
    def broken(database):
        database.execute_sql('CREATE TABLE half (id INTEGER)')
        raise peewee.OperationalError('boom')

    name = _component('tests_broken', [_create_notes, broken])
    with pytest.raises(peewee.OperationalError):
        db.open_database(str(tmp_path / 'a.db'), modules=(name,))
    assert db.schema_version(name) == 0
    tables = db.database.get_tables()
    assert 'half' not in tables and 'note' not in tables


def test_damaged_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / 'a.db'
    path.write_bytes(b'this is not a database' * 100)
    with pytest.raises(db.DatabaseDamaged) as raised:
        db.open_database(str(path), modules=())
    assert raised.value.moved_to.startswith(str(path) + '.damaged-')
    assert (tmp_path / raised.value.moved_to.split('/')[-1]).read_bytes().startswith(b'this is not')
    assert 'schema_version' in db.database.get_tables()
