"""Outbox policy: status classes, Retry-After, eviction order at capacity, expiry, stale events of a finished play."""
from __future__ import annotations

import pytest

from addon.core import outbox_policy as outbox
from addon.core.outbox_policy import Outcome, outcome_for_status


@pytest.mark.parametrize('status', [200, 201, 204])
def test_success_statuses_are_delivered(status):
    assert outcome_for_status(status).kind == Outcome.DELIVERED


def test_trakt_counts_409_as_delivered_only_when_asked():
    assert outcome_for_status(409, success=(200, 201, 409)).kind == Outcome.DELIVERED
    assert outcome_for_status(409).kind == Outcome.RETRY


@pytest.mark.parametrize('status', [400, 403, 404, 422])
def test_permanent_client_errors_are_dropped(status):
    result = outcome_for_status(status)
    assert result.kind == Outcome.DROP
    assert str(status) in result.reason


@pytest.mark.parametrize('status', [408, 409, 418, 500, 502, 503, 504, 520, 522])
def test_transient_statuses_are_retried(status):
    assert outcome_for_status(status).kind == Outcome.RETRY


def test_429_waits_for_retry_after():
    result = outcome_for_status(429, retry_after=42)
    assert result == Outcome.retry(42)
    assert outbox.retry_delay(result) == 42.0


def test_retry_after_is_capped_and_missing_means_next_replay():
    assert outbox.retry_delay(Outcome.retry(10 ** 7)) == outbox.MAX_RETRY_AFTER_SECONDS
    assert outbox.retry_delay(Outcome.retry()) == 0.0


def test_401_after_refresh_means_auth_failed_not_drop():
    assert outcome_for_status(401).kind == Outcome.AUTH_FAILED


def test_a_sink_may_choose_its_own_permanent_statuses():
    assert outcome_for_status(420, permanent=(420, 423)).kind == Outcome.DROP
    assert outcome_for_status(400, permanent=(420,)).kind == Outcome.RETRY


def test_no_eviction_below_capacity():
    queued = [(index, 'stop') for index in range(outbox.CAPACITY_PER_SINK - 1)]
    assert outbox.evictions(queued) == []


def test_progress_is_evicted_before_anything_else_oldest_first():
    queued = [(1, 'stop'), (2, 'start'), (3, 'progress'), (4, 'progress'), (5, 'stop')]
    assert outbox.evictions(queued, capacity=5) == [3]
    assert outbox.evictions(queued, capacity=4) == [3, 4]


def test_then_start_pause_resume_and_stops_last():
    queued = [(1, 'stop'), (2, 'pause'), (3, 'progress'), (4, 'resume'), (5, 'stop'), (6, 'start')]
    assert outbox.evictions(queued, capacity=3) == [3, 2, 4, 6]
    assert outbox.evictions(queued, capacity=2) == [3, 2, 4, 6, 1]


def test_trakt_kinds_rank_like_punchplay_ones():
    queued = [(1, 'history_add'), (2, 'scrobble_stop'), (3, 'scrobble_start'), (4, 'scrobble_pause')]
    assert outbox.evictions(queued, capacity=3) == [3, 4]


def test_a_full_sink_of_stops_evicts_the_oldest_stop():
    queued = [(index, 'stop') for index in range(1, outbox.CAPACITY_PER_SINK + 1)]
    assert outbox.evictions(queued) == [1]


def test_expiry_after_30_days():
    now = 1_800_000_000.0
    assert not outbox.is_expired(now - 29 * 86400, now)
    assert outbox.is_expired(now - 31 * 86400, now)


def test_gives_up_after_the_attempt_limit():
    assert not outbox.gives_up(outbox.MAX_ATTEMPTS - 1)
    assert outbox.gives_up(outbox.MAX_ATTEMPTS)


def test_a_stop_supersedes_its_own_sessions_progress_pause_and_resume():
    queued = [(1, 'start', 'a'), (2, 'progress', 'a'), (3, 'pause', 'a'), (4, 'resume', 'a'), (5, 'progress', 'b'),
              (6, 'stop', 'z')]
    assert outbox.superseded('stop', 'a', queued) == [2, 3, 4]
    assert outbox.superseded('scrobble_stop', 'b', [(7, 'scrobble_pause', 'b')]) == [7]


def test_other_events_supersede_nothing():
    queued = [(1, 'progress', 'a')]
    assert outbox.superseded('progress', 'a', queued) == []
    assert outbox.superseded('stop', None, queued) == []
