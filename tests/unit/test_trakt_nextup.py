"""Next Up semantics (trakt-api.md section 10) over plain data, and the Trakt timestamp helpers."""
from __future__ import annotations

from addon.core import next_up as nextup
from addon.core import trakt_times as times
from addon.core.next_up import ShowProgress

NOW = 1000.0


def season(number, count, aired=lambda index: 10.0 * index):
    return [(number, episode, aired(episode)) for episode in range(1, count + 1)]


def show(episodes, watched, **options):
    options.setdefault('last_watched_at', 500.0)
    return ShowProgress(options.pop('show', 1), options.pop('last_watched_at'), episodes,
                        {key: 100.0 for key in watched} if not isinstance(watched, dict) else watched, **options)


def test_next_is_the_episode_after_the_highest_watched_one_gaps_behind_ignored():
    progress = show(season(1, 8), [(1, 1), (1, 2), (1, 5)])
    assert nextup.next_episode(progress, NOW) == (1, 6)


def test_after_a_season_finale_comes_the_next_season():
    assert nextup.next_episode(show(season(1, 3) + season(2, 3), [(1, 1), (1, 2), (1, 3)]), NOW) == (2, 1)


def test_nothing_watched_yet_means_the_first_episode():
    assert nextup.next_episode(show(season(1, 3), []), NOW) == (1, 1)


def test_specials_are_never_next_and_do_not_count():
    specials = season(0, 2)
    progress = show(specials + season(1, 3), [(0, 1), (1, 1), (1, 2), (1, 3)])
    assert nextup.next_episode(progress, NOW) is None  # only a special is left
    assert nextup.counts(progress, NOW) == (3, 3)
    assert nextup.next_episode(show(specials + season(1, 3), [(0, 1), (0, 2)]), NOW) == (1, 1)


def test_an_unaired_or_undated_next_episode_is_not_next():
    unaired = season(1, 4, aired=lambda index: 10.0 * index if index < 4 else NOW + 86400)
    assert nextup.next_episode(show(unaired, [(1, 1), (1, 2), (1, 3)]), NOW) is None
    undated = season(1, 4, aired=lambda index: 10.0 * index if index < 4 else None)
    assert nextup.next_episode(show(undated, [(1, 1), (1, 2), (1, 3)]), NOW) is None
    # a gap behind does not make an earlier episode "next" when the one after the last watched is unaired
    assert nextup.next_episode(show(unaired, [(1, 1), (1, 3)]), NOW) is None
    assert nextup.counts(show(unaired, [(1, 1), (1, 3)]), NOW) == (2, 3)


def test_a_rewatch_reset_ignores_plays_before_it():
    episodes = season(1, 6)
    before, after = 200.0, 400.0
    watched = {(1, number): before for number in range(1, 7)}
    watched.update({(1, 1): after, (1, 2): after})
    assert nextup.next_episode(show(episodes, watched, reset_at=300.0), NOW) == (1, 3)
    fresh = {(1, number): before for number in range(1, 7)}
    assert nextup.next_episode(show(episodes, fresh, reset_at=300.0), NOW) == (1, 1)
    assert nextup.next_episode(show(episodes, fresh), NOW) is None  # finished, no reset


def test_seasons_hidden_from_progress_are_skipped():
    episodes = season(1, 2) + season(2, 2) + season(3, 2)
    assert nextup.next_episode(show(episodes, [(1, 1), (1, 2)], hidden_seasons={2}), NOW) == (3, 1)


def test_next_up_excludes_hidden_and_dropped_and_orders_by_last_watch():
    shows = [show(season(1, 3), [(1, 1)], show=1, last_watched_at=300.0),
             show(season(1, 3), [(1, 1)], show=2, last_watched_at=900.0),
             show(season(1, 3), [(1, 1), (1, 2), (1, 3)], show=3, last_watched_at=950.0),  # finished
             show(season(1, 3), [(1, 2)], show=4, last_watched_at=600.0),
             show(season(1, 3), [], show=5, last_watched_at=600.0)]
    assert nextup.next_up(shows, NOW, excluded={4}) == [(2, 1, 2), (5, 1, 1), (1, 1, 2)]


def test_next_up_works_on_trakt_timestamp_strings():
    aired = lambda index: times.iso(1600000000 + index * 86400)  # noqa: E731
    episodes = season(1, 3, aired=aired)
    older = show(episodes, {(1, 1): times.iso(1600100000)}, show=7, last_watched_at='2020-09-14T00:00:00.000Z')
    newer = show(episodes, {(1, 1): times.iso(1600100000)}, show=8, last_watched_at='2021-01-01T00:00:00.000Z')
    now = times.iso(1600000000 + 2.5 * 86400)
    assert nextup.next_up([older, newer], now) == [(8, 1, 2), (7, 1, 2)]
    assert nextup.next_up([older], times.iso(1600000000 + 1.5 * 86400)) == []  # E2 not aired yet


def test_trakt_timestamps_parse_with_z_offset_and_without_millis():
    assert times.parse('2014-09-01T09:10:11.000Z') == 1409562611.0
    assert times.parse('2014-09-01T09:10:11Z') == 1409562611.0
    assert times.parse('2014-09-01T09:10:11.250+00:00') == 1409562611.25
    assert times.parse(None) is None and times.parse('') is None and times.parse('yesterday') is None
    assert times.parse('2014-09-01T11:10:11+02:00') == 1409562611.0  # an offset is honoured
    assert times.parse('2014-09-01') is None and times.parse('2024-13-45T99:00:00Z') is None
    assert times.iso(1409562611.25) == '2014-09-01T09:10:11.250Z'
    assert times.iso(times.parse('2026-07-20T19:12:10.999Z')) == '2026-07-20T19:12:10.999Z'


def test_the_list_knows_when_it_changes_by_itself():
    """next_up_until: the same list, and the earliest air time of a next episode still to come."""
    soon, later = NOW + 100.0, NOW + 900.0
    shows = [show(season(1, 4, aired=lambda index: 10.0 * index if index < 4 else later), [(1, 1), (1, 2), (1, 3)],
                  show=1),
             show(season(1, 3, aired=lambda index: 10.0 * index if index < 3 else soon), [(1, 1), (1, 2)], show=2),
             show(season(1, 3, aired=lambda index: 10.0 * index if index < 3 else None), [(1, 1), (1, 2)], show=3),
             show(season(1, 5), [(1, 1)], show=4, last_watched_at=900.0),
             show(season(1, 3, aired=lambda index: NOW + 5.0), [], show=5)]
    found, until = nextup.next_up_until(shows, NOW, excluded={5})
    assert found == nextup.next_up(shows, NOW, excluded={5}) == [(4, 1, 2)]
    assert until == soon  # excluded and undated shows do not count; the earliest upcoming one does
    assert nextup.next_up_until(shows, soon, excluded={5}) == ([(4, 1, 2), (2, 1, 3)], later)
    assert nextup.next_up_until(shows[3:4], NOW) == ([(4, 1, 2)], None)
