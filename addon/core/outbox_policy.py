"""Outbox policy (pure): what a send outcome means, which queued events to evict, expire or supersede.

The durable queue itself lives in addon/platform/outbox.py; this module only decides, over plain values, so it can be
unit-tested without a database or Kodi.
"""
from __future__ import annotations

CAPACITY_PER_SINK = 200
MAX_AGE_SECONDS = 30 * 24 * 3600
MAX_ATTEMPTS = 1440  # about one day of per-minute failures
MAX_RETRY_AFTER_SECONDS = 3600
# Statuses that will never succeed however often they are repeated: the event is dropped with a log line.
PERMANENT_STATUSES = (400, 403, 404, 422)

# Eviction ranks: when a sink is full, the lowest rank goes first (oldest first within a rank).
# Progress heartbeats are the cheapest to lose, start/pause/resume next; stops and user actions last.
_EPHEMERAL_KINDS = ('progress', 'scrobble_progress')
_TRANSIENT_KINDS = ('start', 'pause', 'resume', 'scrobble_start', 'scrobble_pause')
# A stop makes queued heartbeats, pauses and resumes of the same playback session stale.
_SUPERSEDED_BY_STOP = ('progress', 'pause', 'resume', 'scrobble_progress', 'scrobble_pause')
_STOP_KINDS = ('stop', 'scrobble_stop')


class Outcome:
    """What a sender reports for one event: delivered | retry | drop | auth_failed."""

    DELIVERED = 'delivered'
    RETRY = 'retry'
    DROP = 'drop'
    AUTH_FAILED = 'auth_failed'

    def __init__(self, kind, retry_after=None, reason='', data=None):
        self.kind = kind
        self.retry_after = retry_after
        self.reason = reason
        self.data = data

    @classmethod
    def delivered(cls, data=None) -> Outcome:
        return cls(cls.DELIVERED, data=data)

    @classmethod
    def retry(cls, retry_after=None, reason='') -> Outcome:
        return cls(cls.RETRY, retry_after=retry_after, reason=reason)

    @classmethod
    def drop(cls, reason) -> Outcome:
        return cls(cls.DROP, reason=reason)

    @classmethod
    def auth_failed(cls, reason='') -> Outcome:
        return cls(cls.AUTH_FAILED, reason=reason)

    def __eq__(self, other):
        return isinstance(other, Outcome) and (self.kind, self.retry_after) == (other.kind, other.retry_after)

    def __repr__(self):
        extra = ', retry_after=%r' % self.retry_after if self.retry_after is not None else ''
        return 'Outcome(%s%s%s)' % (self.kind, extra, ', %r' % self.reason if self.reason else '')


def outcome_for_status(status, retry_after=None, success=(200, 201, 204), permanent=PERMANENT_STATUSES,
                       data=None) -> Outcome:
    """Classify an HTTP status once the sender has done its own 401 refresh-and-retry.

    `success` lists the statuses that count as delivered (Trakt scrobbles add 409: "already scrobbled").
    429 waits Retry-After; 401 means the account must log in again; `permanent` statuses are dropped; everything
    else (408, 409 elsewhere, other 4xx, 5xx) is kept and retried in order, after Retry-After when the server sent
    one.
    """
    if status in success:
        return Outcome.delivered(data)
    if status == 401:
        return Outcome.auth_failed('HTTP 401')
    if status in permanent:
        return Outcome.drop('HTTP %d' % status)
    return Outcome.retry(retry_after, 'HTTP %d' % status)


def retry_delay(outcome) -> float:
    """Seconds to keep an event back after a retry outcome (0: try again on the next replay)."""
    if outcome.retry_after is None:
        return 0.0
    return float(max(0, min(outcome.retry_after, MAX_RETRY_AFTER_SECONDS)))


def gives_up(attempts) -> bool:
    """True once an event has failed so often that it will not be tried again."""
    return attempts >= MAX_ATTEMPTS


def is_expired(created_at, now) -> bool:
    return now - created_at > MAX_AGE_SECONDS


def eviction_rank(kind) -> int:
    if kind in _EPHEMERAL_KINDS:
        return 0
    if kind in _TRANSIENT_KINDS:
        return 1
    return 2


def evictions(queued, capacity=CAPACITY_PER_SINK) -> list:
    """Ids to delete so that one more event fits. `queued`: [(id, kind)] of one sink, oldest first.

    Progress events go first, then start/pause/resume, and only then stops and user actions, oldest first within
    each rank.
    """
    excess = len(queued) + 1 - capacity
    if excess <= 0:
        return []
    by_rank = sorted(enumerate(queued), key=lambda entry: (eviction_rank(entry[1][1]), entry[0]))
    return [event_id for _, (event_id, _) in by_rank[:excess]]


def superseded(new_kind, new_session, queued) -> list:
    """Ids of queued events that a new event makes stale. `queued`: [(id, kind, session)] of one sink.

    A stop of a playback session supersedes that session's queued heartbeats, pauses and resumes, so that stale
    progress never re-creates a "continue watching" entry after the final stop.
    """
    if new_kind not in _STOP_KINDS or not new_session:
        return []
    return [event_id for event_id, kind, session in queued
            if session == new_session and kind in _SUPERSEDED_BY_STOP]
