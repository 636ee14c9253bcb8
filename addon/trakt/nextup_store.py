"""The Next Up list, stored: computing it reads every episode row of the account (20-30 ms for a large one, more
than rendering the whole widget), so it is computed when its data changed - by the service after a sync, or by the
first render after a local change - and stored together with the Kodi fields of every entry (from the meta copies).

A stored list is used while both hold:
- it exists: SQLite triggers (models.NEXT_UP_SOURCES) delete it on every write to the shows, episode lists, watched
  episodes, hidden shows and meta copies, whoever writes them (sync, user actions, the scrobbler, the meta task). It
  is computed and stored under the write lock, so no write falls between the rows read and the list stored.
- it is not past `valid_until`: the air time of the first next episode still in the future (the list changes by
  itself then), at most MAX_AGE later (meta copies grown old are queued for a refresh), or WANTED_RECHECK later
  when metas were missing (asked for again if the service could not fetch them).
"""
from __future__ import annotations

import json
import time

import peewee

from addon import kodi
from addon.core import trakt_times as times
from addon.platform import db, storage
from addon.trakt import lists, metas, render
from addon.trakt.models import NextUpList

MAX_AGE = 3600
WANTED_RECHECK = 600
LOCK_WAIT_MS = 250  # a render does not wait for a sync being stored: it computes the list without storing it


def current(now=None):
    """(entries, stamp): the Next Up entries of lists.next_up, each with its Kodi 'fields', and a string naming
    this computation (a new one whenever the list may have changed)."""
    storage.open_db()
    now = time.time() if now is None else now
    row = db.database.execute(NextUpList.select(NextUpList.entries, NextUpList.computed_at, NextUpList.valid_until)
                              .where(NextUpList.id == 1)).fetchone()
    if row is not None:
        text, computed_at, valid_until = row
        now_iso = times.iso(now)
        if computed_at <= now_iso and (valid_until is None or now_iso < valid_until):
            return json.loads(text), computed_at
    return rebuild(now)


def rebuild(now=None):
    """Compute the list, store it and return it as current() does."""
    storage.open_db()
    now = time.time() if now is None else now
    database = db.database
    database.pragma('busy_timeout', LOCK_WAIT_MS)
    try:
        with database.atomic('IMMEDIATE'):
            entries, valid_until, wanted = _compute(now)
            NextUpList.replace(id=1, computed_at=times.iso(now), valid_until=valid_until,
                               entries=json.dumps(entries, separators=(',', ':'))).execute()
            metas.want(wanted)
    except peewee.OperationalError as error:  # busy: computed without storing; the next render stores it
        kodi.log('Next Up list not stored: %s' % error, 'debug')
        entries = _compute(now)[0]
    finally:
        database.pragma('busy_timeout', db.BUSY_TIMEOUT_MS)
    return entries, times.iso(now)


def _compute(now):
    """(entries with their fields, valid_until, metas to fetch)."""
    entries, until = lists.next_up_until(now=now)
    copies, wanted = metas.lookup([(entry['content_type'], entry['meta_id']) for entry in entries], now)
    for entry in entries:
        entry['fields'] = render.fields_of(entry, copies.get((entry['content_type'], entry['meta_id'])))
    recheck = times.iso(now + (WANTED_RECHECK if wanted else MAX_AGE))
    return entries, (min(until, recheck) if until is not None else recheck), wanted
