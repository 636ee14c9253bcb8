"""The PunchPlay pull sync's rules over plain data (addon/core/punchplay_merge.py): the answer's shape, the keys our
listings use, which side wins, the resume guards and the cursor's overlap."""
from __future__ import annotations

import pytest

from addon.core import punchplay_merge as merge
from addon.core.punchplay_merge import Remote, State

T0 = 1_780_000_000.0   # epoch seconds of "2026-05-28T20:26:40Z"
ISO_T0 = '2026-05-28T20:26:40Z'


def parsed(body):
    return merge.parse(body)


# ---- the answer ----------------------------------------------------------------------------------------------

def test_items_get_the_keys_our_listings_use_imdb_first_then_tmdb():
    remotes, unmatched = parsed({
        'movies': [{'tmdb_id': 27205, 'imdb_id': 'tt1375666', 'playcount': 2, 'watched_at': ISO_T0},
                   {'tmdb_id': 550, 'watched_at': ISO_T0}],
        'episodes': [{'show_tmdb_id': 1396, 'show_imdb_id': 'tt0903747', 'season': 1, 'episode': 2,
                      'watched_at': ISO_T0}],
        'in_progress': [{'media_type': 'episode', 'show_tmdb_id': 1399, 'season': 3, 'episode': 9,
                         'position_seconds': 1200.5, 'duration_seconds': 3300, 'updated_at': ISO_T0}]})
    assert remotes == [Remote('movie:tt1375666', True, 0.0, 0.0, T0), Remote('movie:tmdb:550', True, 0.0, 0.0, T0),
                       Remote('episode:tt0903747:1:2', True, 0.0, 0.0, T0),
                       Remote('episode:tmdb:1399:3:9', False, 1200.5, 3300.0, T0)]
    assert unmatched == 0


def test_missing_or_null_lists_are_empty_and_items_without_ids_are_counted_not_applied():
    remotes, unmatched = parsed({'movies': None, 'episodes': [{'season': 1, 'episode': 1, 'title': 'x'},
                                                              {'show_imdb_id': 'tt1', 'season': 1}]})
    assert remotes == [] and unmatched == 2
    assert parsed({}) == ([], 0)


@pytest.mark.parametrize('body', [
    [], 'text', None,
    {'movies': {'tmdb_id': 1}},
    {'movies': ['tt1']},
    {'movies': [{'tmdb_id': '27205'}]},
    {'movies': [{'imdb_id': 1375666}]},
    {'movies': [{'tmdb_id': 1, 'watched_at': 'yesterday'}]},
    {'movies': [{'tmdb_id': 1, 'playcount': 'two'}]},
    {'episodes': [{'show_tmdb_id': 1, 'season': '1', 'episode': 2}]},
    {'in_progress': [{'media_type': 'show', 'tmdb_id': 1, 'position_seconds': 100}]},
    {'in_progress': [{'media_type': 'movie', 'tmdb_id': 1}]},
    {'in_progress': [{'media_type': 'movie', 'tmdb_id': 1, 'position_seconds': True}]},
    {'in_progress': [{'media_type': 'movie', 'tmdb_id': 1, 'position_seconds': -5}]},
])
def test_a_malformed_answer_is_refused_whole(body):
    with pytest.raises(merge.Malformed):
        merge.parse(body)


@pytest.mark.parametrize('text, expected', [
    ('2026-05-28T20:26:40Z', T0), ('2026-05-28T20:26:40.250Z', T0 + 0.25), ('2026-05-28T22:26:40+02:00', T0),
    ('2026-05-28T20:26:40', T0), ('2026-05-28T20:26:40.123456789Z', T0 + 0.123456), (None, 0.0)])
def test_times_in_the_forms_the_server_sends(text, expected):
    assert merge.iso_seconds(text) == pytest.approx(expected)


# ---- the cursor ------------------------------------------------------------------------------------------------

def test_the_first_pull_asks_for_everything_later_ones_overlap_an_hour():
    assert merge.since_param(None) is None
    assert merge.since_param(T0 * 1000) == T0 * 1000 - 3600 * 1000
    assert merge.since_param(1000) == 0


# ---- the merge -----------------------------------------------------------------------------------------------

def watched(key, at=T0):
    return Remote(key, True, 0.0, 0.0, at)


def position(key, seconds, total=3600.0, at=T0):
    return Remote(key, False, seconds, total, at)


def test_remote_watched_and_positions_fill_an_empty_device():
    changes = merge.merge([watched('movie:tt1'), position('movie:tt2', 600.0)], {})
    assert changes == {'movie:tt1': State(0.0, 0.0, True, T0), 'movie:tt2': State(600.0, 3600.0, False, T0)}


def test_a_play_newer_on_the_device_wins_over_an_older_remote_one():
    local = {'movie:tt1': State(900.0, 3600.0, False, T0 + 60),     # resumed here after the remote watch
             'movie:tt2': State(300.0, 3600.0, False, T0 + 60)}     # played here after the remote position
    assert merge.merge([watched('movie:tt1'), position('movie:tt2', 1800.0)], local) == {}


def test_an_older_device_state_gives_way_and_a_watched_mark_clears_the_resume_point():
    local = {'movie:tt1': State(900.0, 3600.0, False, T0 - 60), 'movie:tt2': State(300.0, 3600.0, False, T0 - 60)}
    changes = merge.merge([watched('movie:tt1'), position('movie:tt2', 1800.0)], local)
    assert changes == {'movie:tt1': State(0.0, 3600.0, True, T0), 'movie:tt2': State(1800.0, 3600.0, False, T0)}


def test_nothing_is_ever_unwatched_and_a_rewatch_elsewhere_adds_a_resume_point():
    local = {'movie:tt1': State(0.0, 0.0, True, T0 - 60)}
    assert merge.merge([watched('movie:tt1')], local) == {}
    assert merge.merge([position('movie:tt1', 600.0)], local) == {'movie:tt1': State(600.0, 3600.0, True, T0)}


def test_a_position_older_than_the_watched_mark_of_the_same_answer_is_dropped_a_newer_one_kept():
    older = merge.merge([position('episode:tt9:1:1', 600.0, at=T0 - 10), watched('episode:tt9:1:1')], {})
    assert older == {'episode:tt9:1:1': State(0.0, 0.0, True, T0)}
    newer = merge.merge([position('episode:tt9:1:1', 600.0, at=T0 + 10), watched('episode:tt9:1:1')], {})
    assert newer == {'episode:tt9:1:1': State(600.0, 3600.0, True, T0 + 10)}


@pytest.mark.parametrize('seconds, total, local, applied', [
    (59.0, 3600.0, None, False),                                  # credits skip, sampling noise
    (60.0, 3600.0, None, True),
    (3481.0, 3600.0, None, False),                                # less than 2 minutes left: basically finished
    (3480.0, 3600.0, None, True),
    (600.0, 0.0, None, True),                                     # duration unknown: no end guard
    (650.0, 3600.0, State(600.0, 3600.0, False, T0 - 60), False),  # within a minute of ours
    (660.0, 3600.0, State(600.0, 3600.0, False, T0 - 60), True),
])
def test_resume_guards(seconds, total, local, applied):
    changes = merge.merge([position('movie:tt1', seconds, total)], {'movie:tt1': local} if local else {})
    assert ('movie:tt1' in changes) is applied


def test_the_same_answer_twice_changes_nothing_the_second_time():
    remotes = [watched('movie:tt1'), position('movie:tt2', 600.0), watched('episode:tt3:1:1')]
    first = merge.merge(remotes, {})
    assert merge.merge(remotes, first) == {}
