"""What the PunchPlay pull sync remembers between runs: the cursor of each account (epoch ms of the last pull that
was committed) and when the last pull ended and how. One small key-value table."""
from __future__ import annotations

import peewee

from addon.platform import storage
from addon.platform.db import BaseModel


class PunchPlaySync(BaseModel):
    key = peewee.CharField(primary_key=True)
    value = peewee.CharField()

    class Meta:
        table_name = 'punchplay_sync'


MODELS = [PunchPlaySync]


def _create(db):
    db.create_tables(MODELS)


MIGRATIONS = [_create]


def _get(key):
    storage.open_db()
    row = PunchPlaySync.get_or_none(PunchPlaySync.key == key)
    return row.value if row is not None else None


def _put(key, value):
    storage.open_db()
    (PunchPlaySync.insert(key=key, value=str(value))
     .on_conflict(conflict_target=[PunchPlaySync.key], preserve=[PunchPlaySync.value]).execute())


def cursor(account):
    """Epoch ms of the account's last committed pull, or None (never pulled: the whole history comes)."""
    value = _get('cursor:%s' % account)
    return int(value) if value and value.isdigit() else None


def save_cursor(account, epoch_ms):
    _put('cursor:%s' % account, int(epoch_ms))


def last_run():
    """(epoch s, outcome) of the last pull, or None."""
    value = _get('last_run')
    if not value or ' ' not in value:
        return None
    at, outcome = value.split(' ', 1)
    return float(at), outcome


def save_last_run(epoch_s, outcome):
    _put('last_run', '%.0f %s' % (epoch_s, outcome))
