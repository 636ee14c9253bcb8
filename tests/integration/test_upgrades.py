"""The addon's database across versions and accidents, with the real components (addon.platform.db.MODEL_MODULES):

- a file written by an older version (each component only migrated up to an earlier step, or not present yet)
  opens with the current code, reaches every component's newest schema and keeps every row: queued outbox events
  still replay, resume points and reliability counts stay;
- a file from a newer version (a downgrade) opens without running anything and keeps its rows;
- a damaged file (garbage, a cut-off file, a damaged page) is moved aside with a message, a fresh one is built, the
  service keeps running, and the Trakt copy is rebuilt from Trakt by the next sync;
- the same when the file gets damaged while a process has it open: found where it is next used, without an error
  there, and what is written from then on is kept; a process whose file another process moved aside goes on with
  the fresh file.
"""
from __future__ import annotations

import importlib
import os
import sqlite3
import time

import pytest

from addon import service
from addon.core import outbox_policy as outbox
from addon.platform import db, playstate, storage
from addon.platform import outbox as outbox_store
from addon.play import reliability
from addon.trakt import lists, service_tasks
from addon.trakt import models as trakt_models
from addon.trakt import sync as trakt_sync
from tests.integration.trakt_env import log_in, trakt  # noqa: F401  (pytest fixture)

COMPONENTS = db.MODEL_MODULES


def profile_db(kodi):
    from addon import kodi as kodi_door
    return os.path.join(kodi_door.profile_dir(), db.DB_FILE)


def migrations(component):
    return importlib.import_module(component).MIGRATIONS


def older_file(path, steps):
    """A file as an older version left it: `steps` {component: migrations applied} (0: the component did not exist
    yet). Written with plain sqlite3, as the migrations would have, without the current code's bookkeeping."""
    db.close()
    db.database.init(path, pragmas={'journal_mode': 'wal'})
    db.database.connect()
    db.database.create_tables([db.SchemaVersion])
    for component, count in steps.items():
        for number, step in enumerate(migrations(component)[:count], start=1):
            step(db.database)
            db.SchemaVersion.insert(component=component, version=number).on_conflict_replace().execute()
    db.database.close()


def fill_every_table(path) -> dict:
    """One row with plain values in every table (except the bookkeeping), whatever its columns: {table: row}."""
    connection = sqlite3.connect(path)
    rows = {}
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'schema_version'")]
        for table in tables:
            columns = connection.execute('PRAGMA table_info(%s)' % table).fetchall()
            row = {name: _value(kind, name) for _cid, name, kind, _notnull, _default, _pk in columns}
            connection.execute('INSERT INTO %s (%s) VALUES (%s)' % (table, ', '.join(row), ', '.join('?' * len(row))),
                               list(row.values()))
            rows[table] = row
        connection.commit()
    finally:
        connection.close()
    return rows


def _value(kind, name):
    kind = (kind or '').upper()
    if 'INT' in kind:
        return 7
    if 'REAL' in kind:
        return 7.5
    if name == 'payload':
        return '{"kept": true}'
    return 'kept-%s' % name


def rows_of(path, table, columns):
    connection = sqlite3.connect(path)
    try:
        return connection.execute('SELECT %s FROM %s' % (', '.join(columns), table)).fetchall()
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def closed(kodi):
    db.close()
    yield
    db.close()


def upgrade_cases():
    """Every older layout: for each component, each earlier step, with the other components complete."""
    cases = []
    for component in COMPONENTS:
        for applied in range(len(migrations(component))):
            steps = {other: len(migrations(other)) for other in COMPONENTS}
            steps[component] = applied
            cases.append(pytest.param(steps, id='%s-at-%d' % (component.split('.')[-1], applied)))
    return cases


@pytest.mark.parametrize('steps', upgrade_cases())
def test_an_older_file_upgrades_without_losing_a_row(kodi, steps):
    path = profile_db(kodi)
    older_file(path, steps)
    before = fill_every_table(path)
    assert before, 'the older file holds tables to fill'
    storage.open_db()
    for component in COMPONENTS:
        assert db.schema_version(component) == len(migrations(component))
    for table, row in before.items():
        assert rows_of(path, table, list(row)) == [tuple(row.values())], table
    assert kodi.notifications == [] and kodi.errors() == []


def test_a_file_from_before_the_trakt_component_keeps_queued_events_and_resume_points(kodi):
    """Outbox, play state and stream statistics existed; the Trakt tables did not: they are created, and the
    queued stop is still delivered, in order, after the upgrade."""
    path = profile_db(kodi)
    older_file(path, {component: len(migrations(component)) for component in COMPONENTS
                      if component != 'addon.trakt.models'})
    now = time.time()
    connection = sqlite3.connect(path)
    try:
        connection.executemany(
            'INSERT INTO outbox (sink, kind, payload, session, created_at) VALUES (?, ?, ?, ?, ?)',
            [('punchplay', 'start', '{"n": 1}', 's1', now - 2), ('punchplay', 'stop', '{"n": 2}', 's1', now - 1)])
        connection.execute("INSERT INTO play_state (key, position, total, watched, updated_at)"
                           " VALUES ('movie:tt1000001', 600, 7200, 0, 1)")
        connection.execute("INSERT INTO stream_stats (key, successes, failures) VALUES ('a|b|c', 3, 1)")
        connection.commit()
    finally:
        connection.close()

    assert playstate.resume_point('movie:tt1000001') == (600.0, 7200.0)
    assert reliability.stats_for(['a|b|c']) == {'a|b|c': (3.0, 1.0)}
    assert 'trakt_show' in db.database.get_tables() and lists.next_up() == []
    sent = []
    outbox_store.register_sender('punchplay', lambda kind, payload: sent.append((kind, payload)) or
                                 outbox.Outcome.delivered())
    try:
        assert outbox_store.replay('punchplay') == 2
    finally:
        outbox_store._senders.pop('punchplay', None)
    assert sent == [('start', {'n': 1}), ('stop', {'n': 2})]


def test_a_file_from_a_newer_version_opens_and_keeps_its_rows(kodi):
    path = profile_db(kodi)
    storage.open_db()
    playstate.save_position('movie:tt1000001', 60, 600)
    db.SchemaVersion.update(version=db.SchemaVersion.version + 5).execute()
    db.close()
    storage.open_db()  # nothing to run, nothing refused
    assert playstate.resume_point('movie:tt1000001') == (60.0, 600.0)
    assert db.schema_version('addon.platform.playstate') == len(migrations('addon.platform.playstate')) + 5
    assert kodi.notifications == []
    assert os.path.exists(path)


# ---- damaged files ------------------------------------------------------------------------------------------------

def garbage(path):
    with open(path, 'wb') as handle:
        handle.write(b'\x00not a database\xff' * 4096)


def cut_off(path):
    size = os.path.getsize(path)
    with open(path, 'r+b') as handle:
        handle.truncate(size // 3)


def damaged_page(path):
    """Overwrite pages in the middle of the file (the header stays valid: only a check finds it)."""
    size = os.path.getsize(path)
    with open(path, 'r+b') as handle:
        for offset in range(4096, size - 4096, 4096 * 3):
            handle.seek(offset)
            handle.write(b'\xde\xad\xbe\xef' * 256)


def checkpointed(path):
    """Everything written so far is in the main file (no -wal left), as after a clean exit."""
    connection = sqlite3.connect(path)
    connection.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    connection.close()


@pytest.mark.parametrize('damage', [garbage, cut_off, damaged_page])
def test_a_damaged_file_is_moved_aside_and_the_trakt_copy_rebuilt_from_trakt(kodi, trakt, damage):  # noqa: F811
    """The service syncs a Trakt account, Kodi stops, the file gets damaged; at the next start the service tells
    the user once, works on a fresh file, and its next sync brings back what Trakt holds."""
    log_in(trakt)
    first = service_tasks.sync_now()
    assert first is not None and first.ok
    expected = (len(lists.next_up()), trakt_models.WatchedEpisode.select().count(),
                trakt_models.WatchlistItem.select().count())
    assert expected[1] > 0
    path = profile_db(kodi)
    db.close()
    checkpointed(path)
    damage(path)

    again = service_tasks.sync_now()  # the service after Kodi restarted
    assert again is not None and again.ok and again.changed
    assert (len(lists.next_up()), trakt_models.WatchedEpisode.select().count(),
            trakt_models.WatchlistItem.select().count()) == expected
    assert [note['message'] for note in kodi.notifications].count(kodi.localized_string(30017)) == 1
    aside = [name for name in os.listdir(os.path.dirname(path)) if name.startswith(db.DB_FILE + '.damaged-')]
    assert aside, 'the damaged file is kept for inspection'
    assert db.database.execute_sql('PRAGMA quick_check').fetchone()[0] == 'ok'
    assert trakt_sync.state_value('username') == trakt.account.username


def test_the_service_keeps_running_its_tasks_on_a_damaged_file(kodi):
    """Every periodic task of the service (and a plugin listing) runs on the rebuilt file without an error."""
    from addon import plugin_entry as routes
    storage.open_db()
    playstate.save_position('movie:tt1000001', 60, 600)
    path = profile_db(kodi)
    db.close()
    checkpointed(path)
    garbage(path)
    # (the Trakt tasks start a thread of their own: their sync is the test above)
    modules = [name for name in service.TASK_MODULES if name != 'addon.trakt.service_tasks']
    for task in [task for group in service._collect(modules, 'tasks') for task in group]:
        task.due = 0.0
        task.run_if_due(1.0)
    listing = kodi.run_plugin('plugin://plugin.video.aiostreams/', handle=3, entry=routes.run)
    assert listing.succeeded
    assert [line for line in kodi.errors() if 'database damaged; moved aside' not in line] == []
    assert [note['message'] for note in kodi.notifications].count(kodi.localized_string(30017)) == 1
    assert playstate.resume_point('movie:tt1000001') is None  # gone with the damaged file, nothing invented


# ---- damaged while a process has the file open ---------------------------------------------------------------------

def damaged_while_open(kodi, damage):
    """The running process has the file open when it gets damaged; SQLite then lets go of the pages it kept in
    memory (as under memory pressure, or after another process wrote), so its next statements read the file."""
    path = profile_db(kodi)
    db.close()
    storage.open_db()
    checkpointed(path)
    damage(path)
    db.database.execute_sql('PRAGMA shrink_memory')
    return path


def trakt_counts():
    return (len(lists.next_up()), trakt_models.WatchedEpisode.select().count(),
            trakt_models.WatchlistItem.select().count())


def rebuilt_notes(kodi) -> int:
    return [note['message'] for note in kodi.notifications].count(kodi.localized_string(30017))


@pytest.mark.parametrize('damage', [garbage, cut_off])
def test_a_file_damaged_while_open_is_rebuilt_where_it_is_next_used(kodi, trakt, damage):  # noqa: F811
    log_in(trakt)
    assert service_tasks.sync_now().ok
    expected = trakt_counts()
    playstate.save_position('movie:tt1000001', 60, 600)
    path = damaged_while_open(kodi, damage)

    assert lists.next_up() == []  # a widget read meets the damage: no error, the file is moved aside and rebuilt
    playstate.save_position('movie:tt1000002', 30, 300)  # what comes next is kept, in the fresh file
    outbox_store.enqueue('punchplay', 'stop', {'playback_session_id': 's9', 'n': 1}, wake=False)
    assert rebuilt_notes(kodi) == 1
    assert [name for name in os.listdir(os.path.dirname(path)) if name.startswith(db.DB_FILE + '.damaged-')]
    assert rows_of(path, 'play_state', ['key']) == [('movie:tt1000002',)]
    assert rows_of(path, 'outbox', ['sink', 'kind']) == [('punchplay', 'stop')]
    service.refill_after_rebuild()  # what the service runs when storage's flag wakes it
    assert kodi.window_property(10000, service_tasks.SYNC_REQUEST), 'a sync from Trakt was asked for'

    again = service_tasks.sync_now()
    assert again is not None and again.ok and again.changed
    assert trakt_counts() == expected
    assert rebuilt_notes(kodi) == 1 and [line for line in kodi.errors() if 'database damaged' not in line] == []


def outbox_pages(path):
    """Overwrite the outbox table's root page only."""
    connection = sqlite3.connect(path)
    try:
        size = connection.execute('PRAGMA page_size').fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
    finally:
        connection.close()
    with open(path, 'r+b') as handle:
        handle.seek((root - 1) * size)
        handle.write(b'\xde\xad\xbe\xef' * (size // 4))


def test_an_event_queued_as_the_damage_is_met_is_kept(kodi):
    """Queueing is one transaction: the damage fails it, the file is rebuilt, the event is stored in the fresh one."""
    storage.open_db()
    outbox_store.enqueue('punchplay', 'start', {'playback_session_id': 's9', 'n': 0}, wake=False)
    path = damaged_while_open(kodi, outbox_pages)  # met inside the transaction, not when it begins
    outbox_store.enqueue('punchplay', 'stop', {'playback_session_id': 's9', 'n': 1}, wake=False)
    assert rows_of(path, 'outbox', ['sink', 'kind', 'payload']) == [
        ('punchplay', 'stop', '{"playback_session_id":"s9","n":1}')]
    assert rebuilt_notes(kodi) == 1


def test_damage_met_inside_a_transaction_fails_it_and_the_next_one_runs_on_a_fresh_file(kodi):
    storage.open_db()
    playstate.save_position('movie:tt1000001', 60, 600)
    path = damaged_while_open(kodi, garbage)
    with pytest.raises(db.DatabaseDamaged):  # its earlier statements went to the damaged file: it cannot go on
        playstate.watched_keys(['movie:tt1000001'])
    assert rebuilt_notes(kodi) == 0
    assert playstate.watched_keys(['movie:tt1000001']) == set()
    assert rebuilt_notes(kodi) == 1
    assert db.database.execute_sql('PRAGMA quick_check').fetchone()[0] == 'ok'
    assert rows_of(path, 'play_state', ['key']) == []


def test_a_file_another_process_moved_aside_is_left_for_the_fresh_one(kodi):
    """The plugin found the damage when it opened the file, moved it aside and built a fresh one: the service,
    which still had the old file open, writes to the fresh one from its next use on (and says nothing itself)."""
    storage.open_db()
    playstate.save_position('movie:tt1000001', 60, 600)
    path = profile_db(kodi)
    checkpointed(path)
    moved_to = db._move_aside(path)
    sqlite3.connect(path).close()  # the other process's fresh, still empty file
    playstate.save_position('movie:tt1000002', 30, 300)
    assert rows_of(path, 'play_state', ['key']) == [('movie:tt1000002',)]
    assert rows_of(moved_to, 'play_state', ['key']) == [('movie:tt1000001',)]
    assert rebuilt_notes(kodi) == 0 and kodi.errors() == []


def test_only_what_sqlite_says_of_a_damaged_file_counts_as_damage():
    import peewee
    assert db.is_damage(peewee.DatabaseError('database disk image is malformed'))
    assert db.is_damage(sqlite3.DatabaseError('file is not a database'))
    for other in ('database is locked', 'no such table: outbox', 'disk I/O error', 'UNIQUE constraint failed'):
        assert not db.is_damage(peewee.OperationalError(other)), other
