"""Local play state: resume points in seconds, watched marks, batched lookups, kept across restarts."""
from __future__ import annotations

import pytest

from addon.platform import db, playstate


@pytest.fixture
def state(kodi):
    yield playstate
    db.close()


def test_a_saved_position_is_the_resume_point(state):
    state.save_position('episode:tt0903747:1:2', 1234.5, 2880)
    assert state.resume_point('episode:tt0903747:1:2') == (1234.5, 2880.0)
    state.save_position('episode:tt0903747:1:2', 1500, 2880)
    assert state.resume_point('episode:tt0903747:1:2') == (1500.0, 2880.0)


def test_unknown_or_zero_positions_have_no_resume_point(state):
    assert state.resume_point('movie:tt1375666') is None
    state.save_position('movie:tt1375666', 0, 8880)
    assert state.resume_point('movie:tt1375666') is None


def test_marking_watched_clears_the_resume_point(state):
    state.save_position('movie:tt1375666', 6000, 8880)
    state.mark_watched('movie:tt1375666')
    assert state.resume_point('movie:tt1375666') is None
    assert state.watched_keys(['movie:tt1375666']) == {'movie:tt1375666'}
    state.mark_watched('movie:tt1375666', watched=False)
    assert state.watched_keys(['movie:tt1375666']) == set()


def test_watched_keys_answers_large_batches(state):
    keys = ['episode:tt0944947:%d:%d' % (season, episode) for season in range(1, 9) for episode in range(1, 120)]
    for key in keys[::3]:
        state.mark_watched(key)
    assert state.watched_keys(keys + ['movie:tt0000001']) == set(keys[::3])
    assert state.watched_keys([]) == set()


def test_state_survives_a_restart(state):
    state.save_position('movie:tmdb:27205', 600, 8880)
    db.close()
    assert state.resume_point('movie:tmdb:27205') == (600.0, 8880.0)
