"""Trakt benchmark for the large seeded account (>= 300 shows, >= 8,000 watched episodes, >= 1,000 movies):
first-sync time and request count, a no-change cycle, and the render time of the Next Up and Continue Watching
widgets, of a 500-item personal list (its first page of 50) and of the calendar (issue 19) with every meta
present (median, min, max of several runs through the plugin entry in one interpreter, fake Kodi, no network;
interpreter start and imports are not included: the real-Kodi bench measures those).

    python tests/bench/trakt_bench.py [--runs 9]        prints the table
    from tests.bench.trakt_bench import measure         measure() -> dict, for the bench environment
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for _path in (REPO, os.path.join(REPO, 'kodi-stubs')):
    if _path not in sys.path:
        sys.path.insert(0, _path)

P = 'plugin://plugin.video.aiostreams'


def _timed_runs(fakekodi, path, runs):
    timings = []
    for index in range(runs):
        started = time.perf_counter()
        listing = fakekodi.run_plugin(P + path, handle=100 + index)
        timings.append((time.perf_counter() - started) * 1000.0)
        assert listing.succeeded, path
    return {'median_ms': statistics.median(timings), 'min_ms': min(timings), 'max_ms': max(timings),
            'items': len(listing.items)}


def _fill_meta_copies(account):
    """What the service's meta task would have stored: a meta per show (every episode with title, plot, still) and
    per movie of the lists, shaped like AIOMetadata's."""
    from addon.trakt import metas
    for show in account.shows.values():
        videos = [{'id': '%s:%d:%d' % (show['ids']['imdb'], season, episode['number']), 'season': season,
                   'episode': episode['number'], 'title': episode['title'], 'overview': 'An episode. ' * 12,
                   'thumbnail': 'https://images.example/%d/%d/%d.jpg' % (show['trakt'], season, episode['number']),
                   'released': '2020-01-01T00:00:00.000Z'}
                  for season, episodes in show['seasons'].items() for episode in episodes]
        metas.store('series', show['ids']['imdb'], {
            'id': show['ids']['imdb'], 'type': 'series', 'name': show['title'], 'description': 'A show. ' * 30,
            'poster': 'https://images.example/p/%d.jpg' % show['trakt'], 'genres': ['Drama', 'Crime'],
            'background': 'https://images.example/b/%d.jpg' % show['trakt'], 'releaseInfo': str(show['year']),
            'runtime': '45min', 'imdbRating': '8.1', 'videos': videos})
    for movie in account.movies.values():
        metas.store('movie', movie['ids']['imdb'], {
            'id': movie['ids']['imdb'], 'type': 'movie', 'name': movie['title'], 'description': 'A film. ' * 30,
            'poster': 'https://images.example/m/%d.jpg' % movie['trakt'], 'runtime': '%dmin' % movie['runtime'],
            'releaseInfo': str(movie['year'])})


LIST_ID = 4242
LIST_SIZE = 500


def add_personal_list(account):
    """A personal list of LIST_SIZE titles, movies and shows mixed (synced with the rest of the account)."""
    titles = ([('movie', trakt) for trakt in sorted(account.movies)] +
              [('show', trakt) for trakt in sorted(account.shows)])
    account.add_list(LIST_ID, 'Bench List', titles[::max(1, len(titles) // LIST_SIZE)][:LIST_SIZE])


def measure(runs=9) -> dict:
    import fakekodi
    from addon.platform import db
    from addon.trakt import client as trakt_client
    from addon.trakt import sync
    from tests.fakes.trakt_generator import large_account
    from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET, FakeTraktServer
    folder = tempfile.mkdtemp(prefix='trakt-bench-')
    fakekodi.reset(addon_root=REPO, profile_dir=os.path.join(folder, 'profile'),
                   home_dir=os.path.join(folder, 'home'))
    account = large_account()
    add_personal_list(account)
    results = {'shows': len(account.shows), 'watched_movies': len(account.watched_movies()),
               'watched_episodes': sum(len(eps) for eps in account.watched_episodes().values())}
    with FakeTraktServer(account, write_interval=0.0) as server:
        fakekodi.set_setting('trakt_api_url', server.url)
        fakekodi.set_setting('trakt_client_id', CLIENT_ID)
        fakekodi.set_setting('trakt_client_secret', CLIENT_SECRET)
        trakt_client.token_store().save(dict(server.issue_token(), username=account.username))
        started = time.perf_counter()
        first = sync.run_cycle(trakt_client.TraktClient())
        results['first_sync_s'] = time.perf_counter() - started
        results['first_sync_requests'] = len(server.requests)
        results['first_sync_ok'] = first.ok
        server.clear_log()
        started = time.perf_counter()
        sync.run_cycle(trakt_client.TraktClient())
        results['no_change_ms'] = (time.perf_counter() - started) * 1000.0
        results['no_change_requests'] = len(server.requests)
        _fill_meta_copies(account)
        server.clear_log()
        results['next_up'] = _timed_runs(fakekodi, '/?action=trakt_next_up&widget=true', runs)
        results['continue_watching'] = _timed_runs(fakekodi, '/?action=trakt_continue_watching&widget=true', runs)
        results['personal_list'] = _timed_runs(
            fakekodi, '/?action=trakt_list_items&user=%s&list_id=%d&widget=true' % (account.username, LIST_ID), runs)
        results['render_requests'] = len(server.requests)
        server.clear_log()
        results['calendar'] = _timed_runs(fakekodi, '/?action=trakt_calendar&widget=true', runs)
        results['calendar_requests'] = len(server.requests)  # the first run's, the others from the cache
    db.close()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=int, default=9)
    results = measure(parser.parse_args(argv).runs)
    print('Trakt, large account: %(shows)d shows, %(watched_episodes)d watched episodes, %(watched_movies)d watched'
          ' movies' % results)
    print('%-34s %10s' % ('first sync', '%.2f s' % results['first_sync_s']))
    print('%-34s %10d' % ('first sync requests', results['first_sync_requests']))
    print('%-34s %10s' % ('no-change cycle', '%.1f ms' % results['no_change_ms']))
    print('%-34s %10d' % ('no-change cycle requests', results['no_change_requests']))
    for name in ('next_up', 'continue_watching', 'personal_list', 'calendar'):
        row = results[name]
        print('%-34s %10s  (min %.1f, max %.1f, %d items)' % (
            '%s render (median)' % name.replace('_', ' '), '%.1f ms' % row['median_ms'], row['min_ms'],
            row['max_ms'], row['items']))
    print('%-34s %10d' % ('Trakt requests while rendering', results['render_requests']))
    print('%-34s %10d' % ('calendar requests, all renders', results['calendar_requests']))
    return results


if __name__ == '__main__':
    main()
