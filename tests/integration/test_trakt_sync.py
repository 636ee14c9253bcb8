"""Delta sync against the fake Trakt server: first sync, one-request no-change cycles, propagation of changes
made elsewhere (un-watch, drop), anchors kept on failure, episode lists only for changed shows, and Next Up equal to
the contract's semantics for the large seeded account."""
from __future__ import annotations

import time

import pytest

from addon.platform import storage
from addon.trakt import lists, models, sync
from addon.trakt.client import TraktClient
from tests.fakes.trakt_generator import EDGE_NAMES, large_account
from tests.fakes.trakt_server import FakeTraktServer
from tests.integration.trakt_env import configure, edge, elsewhere, log_in, trakt  # noqa: F401


def cycle():
    return sync.run_cycle(TraktClient(sleep=lambda seconds: None))


def next_up_keys():
    return [(entry['trakt'], entry['season'], entry['episode']) for entry in lists.next_up()]


def watched_episode(show, season, number):
    storage.open_db()
    return models.WatchedEpisode.get_or_none((models.WatchedEpisode.show == show) & (models.WatchedEpisode.season ==
                                             season) & (models.WatchedEpisode.number == number))


def test_first_sync_copies_the_account_and_a_quiet_cycle_costs_one_request(trakt):
    log_in(trakt)
    account = trakt.account
    result = cycle()
    assert result.ok and len(result.changed) == len(sync.CATEGORIES)
    assert models.WatchedMovie.select().count() == len(account.watched_movies())
    assert models.WatchedEpisode.select().count() == sum(len(eps) for eps in account.watched_episodes().values())
    assert models.CollectedMovie.select().count() == len(account.collected_movies)
    assert models.CollectedEpisode.select().count() == len(account.collected_episodes)
    assert models.WatchlistItem.select().count() == len(account.watchlist)
    assert models.Playback.select().count() == len(account.playback)
    dropped = {row.trakt for row in models.Hidden.select().where(models.Hidden.section == 'dropped')}
    assert dropped == account.hidden_shows('dropped')
    assert next_up_keys() == account.expected_next_up()
    trakt.clear_log()
    again = cycle()
    assert again.unchanged and [request.path for request in trakt.requests] == ['/sync/last_activities']


def test_the_seeded_edge_cases_follow_the_contract(trakt):
    log_in(trakt)
    cycle()
    found = {show: (season, number) for show, season, number in next_up_keys()}
    assert found[edge(trakt, 'gap')] == (1, 6)
    assert found[edge(trakt, 'season_boundary')] == (2, 1)
    assert found[edge(trakt, 'rewatch')] == (1, 4)
    assert found[edge(trakt, 'rewatch_started')] == (1, 1)
    assert found[edge(trakt, 'hidden_season')] == (3, 1)
    for name in ('special_only', 'unaired_next', 'unaired_gap', 'hidden', 'dropped'):
        assert edge(trakt, name) not in found, name


def test_an_unwatch_on_trakt_propagates(trakt):
    log_in(trakt)
    cycle()
    show = edge(trakt, 'gap')
    assert watched_episode(show, 1, 5) is not None
    elsewhere(trakt, '/sync/history/remove', {'shows': [{'ids': {'trakt': show}, 'seasons': [
        {'number': 1, 'episodes': [{'number': 5}]}]}]})
    trakt.clear_log()
    result = cycle()
    assert result.changed == ['watched_shows']
    assert watched_episode(show, 1, 5) is None
    assert dict((s, (se, n)) for s, se, n in next_up_keys())[show] == (1, 3)
    # only the changed show's episode list was fetched again
    assert [request.path for request in trakt.requests if request.path.startswith('/shows/')] == [
        '/shows/%d/seasons' % show]


def test_watching_elsewhere_moves_next_up_and_undrops(trakt):
    log_in(trakt)
    cycle()
    dropped = edge(trakt, 'dropped')
    elsewhere(trakt, '/sync/history', {'shows': [{'ids': {'trakt': dropped}, 'seasons': [
        {'number': 1, 'episodes': [{'number': 4}]}]}]})
    result = cycle()
    assert set(result.changed) == {'watched_shows', 'dropped'}
    assert dict((s, (se, n)) for s, se, n in next_up_keys())[dropped] == (1, 5)
    assert next_up_keys() == trakt.account.expected_next_up()


def test_drop_and_hide_elsewhere_remove_shows_from_next_up(trakt):
    log_in(trakt)
    cycle()
    gap, boundary = edge(trakt, 'gap'), edge(trakt, 'season_boundary')
    elsewhere(trakt, '/users/hidden/dropped', {'shows': [{'ids': {'trakt': gap}}]})
    elsewhere(trakt, '/users/hidden/progress_watched', {'shows': [{'ids': {'trakt': boundary}}]})
    trakt.clear_log()
    result = cycle()
    assert set(result.changed) == {'dropped', 'progress_watched'}
    assert trakt.count('/sync/watched') == 0
    shown = {show for show, _, _ in next_up_keys()}
    assert gap not in shown and boundary not in shown


def test_watchlist_playback_and_collection_changes_are_replaced_not_merged(trakt):
    log_in(trakt)
    cycle()
    first = trakt.account.watchlist[0]
    group = 'movies' if first['type'] == 'movie' else 'shows'
    elsewhere(trakt, '/sync/watchlist/remove', {group: [{'ids': {'trakt': first['trakt']}}]})
    playback_id, paused = next(iter(trakt.account.playback.items()))
    elsewhere(trakt, '/sync/playback/%d' % playback_id, None, method='DELETE')
    trakt.clear_log()
    result = cycle()
    assert {'watchlist_%s' % group, 'playback_%ss' % paused['type']} <= set(result.changed)
    assert trakt.count('/sync/watched') == 0 and trakt.count('/sync/collection') == 0
    assert models.WatchlistItem.select().count() == len(trakt.account.watchlist)
    assert models.Playback.get_or_none(models.Playback.id == playback_id) is None


def test_a_failed_category_keeps_its_anchor_and_is_retried(trakt):
    log_in(trakt)
    trakt.fail('/sync/watched/movies', 502, times=3)
    first = cycle()
    assert first.failed == ['watched_movies'] and 'watched_shows' in first.changed
    assert sync.state_value('all') is None and models.WatchedMovie.select().count() == 0
    trakt.clear_log()
    second = cycle()
    assert second.changed == ['watched_movies'] and second.ok
    assert [request.path for request in trakt.requests] == ['/sync/last_activities', '/sync/watched/movies']
    assert models.WatchedMovie.select().count() == len(trakt.account.watched_movies())
    trakt.clear_log()
    assert cycle().unchanged and len(trakt.requests) == 1


def test_a_failure_mid_category_leaves_its_old_rows(trakt):
    log_in(trakt)
    cycle()
    before = models.WatchedEpisode.select().count()
    show = edge(trakt, 'gap')
    elsewhere(trakt, '/sync/history/remove', {'shows': [{'ids': {'trakt': show}}]})
    trakt.fail(r'/shows/\d+/seasons', 500, times=3)
    trakt.fail('/sync/watched/shows', 500, times=3)
    assert cycle().failed == ['watched_shows']
    assert models.WatchedEpisode.select().count() == before  # nothing half-replaced


def test_newly_aired_episodes_are_noticed_once_a_day_without_activity(trakt):
    log_in(trakt)
    cycle()
    models.SyncState.update(updated_at=time.time() - 25 * 3600).where(
        models.SyncState.key == 'watched_shows').execute()
    trakt.clear_log()
    result = cycle()
    assert result.changed == ['watched_shows'] and trakt.count('/sync/watched/shows') >= 1
    trakt.clear_log()
    assert cycle().unchanged and len(trakt.requests) == 1


def test_another_user_wipes_the_local_copy(trakt):
    log_in(trakt)
    cycle()
    trakt.account.username = 'someone-else'
    token = dict(trakt.issue_token(), username='someone-else')
    TraktClient().store.save(token)
    models.WatchedMovie.insert(movie=-5, plays=1).execute()
    result = cycle()
    assert len(result.changed) == len(sync.CATEGORIES)
    assert models.WatchedMovie.get_or_none(models.WatchedMovie.movie == -5) is None


@pytest.fixture
def large(kodi):
    from tests.fakes.aiostreams_fixture import reset_http_sessions
    reset_http_sessions()
    with FakeTraktServer(large_account(), write_interval=0.0) as server:
        configure(kodi, server)
        yield server
    from addon.platform import db
    db.close()


def test_large_account_first_sync_walks_every_page_and_next_up_matches_the_contract(large):
    log_in(large)
    account = large.account
    assert len(account.shows) >= 300 and len(account.watched_movies()) >= 1000
    assert sum(len(eps) for eps in account.watched_episodes().values()) >= 8000
    assert all(name in account.edge for name in EDGE_NAMES)
    result = cycle()
    assert result.ok
    assert models.WatchedMovie.select().count() == len(account.watched_movies())
    assert models.WatchedEpisode.select().count() == sum(len(eps) for eps in account.watched_episodes().values())
    pages = [request for request in large.requests if request.path == '/sync/watched/movies']
    assert len(pages) >= 5  # 1,050 movies at 250 per page
    in_progress = [show for show in account.watched_episodes()
                   if account.progress(show)['completed'] < account.progress(show)['aired']]
    seasons_calls = [request for request in large.requests if request.path.startswith('/shows/')]
    assert len(seasons_calls) <= len(in_progress) + len(account.edge)  # no call for finished shows
    assert next_up_keys() == account.expected_next_up()
    large.clear_log()
    assert cycle().unchanged and len(large.requests) == 1
