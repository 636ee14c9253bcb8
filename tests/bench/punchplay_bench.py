"""PunchPlay pull sync benchmark (issue 18), in this interpreter against kodi-stubs and the fake PunchPlay server: a
first pull of 2,000 watched titles and 100 in-progress ones into an empty database (time, requests, peak Python
memory), a pull with nothing new (time, requests: the target is one), and a first pull of 5,000 titles.

    python tests/bench/punchplay_bench.py [--runs 9]    prints the table
    from tests.bench.punchplay_bench import pull_sync   pull_sync(runs) -> [Figure], for the bench environment
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for _path in (REPO, os.path.join(REPO, 'kodi-stubs')):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from tests.bench.report import Figure, plain  # noqa: E402  (needs the path above)

MB = 1024.0 * 1024.0


def fill(server, watched, in_progress):
    """`watched` titles (two fifths movies, the rest episodes of 20-episode seasons) and `in_progress` positions."""
    movies = watched * 2 // 5
    for number in range(movies):
        server.add_sync_item('movies', imdb_id='tt8%06d' % number, tmdb_id=800000 + number,
                             watched_at='2026-06-01T20:00:00.000Z')
    for number in range(watched - movies):
        server.add_sync_item('episodes', show_imdb_id='tt7%06d' % (number // 200), show_tmdb_id=70000 + number // 200,
                             season=number // 20 % 10 + 1, episode=number % 20 + 1,
                             watched_at='2026-06-01T21:00:00.000Z')
    for number in range(in_progress):
        server.add_sync_item('in_progress', media_type='movie', imdb_id='tt6%06d' % number, position_seconds=1800,
                             duration_seconds=6000, updated_at='2026-06-02T20:00:00.000Z')


class _Profile:
    """A fresh fake-Kodi profile logged in to the fake PunchPlay server."""

    def __init__(self, server):
        import fakekodi
        from addon.punchplay import client
        self.folder = tempfile.mkdtemp(prefix='bench-punchplay-')
        fakekodi.reset(addon_root=REPO, profile_dir=os.path.join(self.folder, 'profile'),
                       home_dir=os.path.join(self.folder, 'home'))
        fakekodi.set_setting('punchplay_url', server.url)
        client.token_store().save(server.issue_token())

    @staticmethod
    def pull():
        from addon.punchplay import pull_sync
        return pull_sync.run()

    def close(self):
        from addon.platform import db
        db.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _timed_pull(profile, outcome):
    started = time.perf_counter()
    result = profile.pull()
    assert result.outcome == outcome, result
    return (time.perf_counter() - started) * 1000.0


def _first_and_unchanged(watched, in_progress, runs):
    from tests.fakes.punchplay_server import FakePunchPlayServer
    first, unchanged, first_requests, unchanged_requests = [], [], [], []
    with FakePunchPlayServer() as server:
        fill(server, watched, in_progress)
        for _ in range(runs):
            profile = _Profile(server)
            try:
                server.clear_log()
                first.append(_timed_pull(profile, 'done'))
                first_requests.append(len(server.requests))
                server.clear_log()
                unchanged.append(_timed_pull(profile, 'unchanged'))
                unchanged_requests.append(len(server.requests))
            finally:
                profile.close()
    return first, first_requests, unchanged, unchanged_requests


def _peak(watched, in_progress):
    """Peak traced memory of a first pull (bytes)."""
    from tests.fakes.punchplay_server import FakePunchPlayServer
    with FakePunchPlayServer() as server:
        fill(server, watched, in_progress)
        profile = _Profile(server)
        try:
            tracemalloc.start()
            profile.pull()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            profile.close()


def pull_sync(runs) -> list:
    first, first_requests, unchanged, unchanged_requests = _first_and_unchanged(2000, 100, runs)
    large = _first_and_unchanged(5000, 0, max(3, runs // 3))[0]
    size = '2,000 watched + 100 in progress'
    return [
        Figure('PunchPlay pull sync into an empty database, in process', first, note=size),
        Figure('PunchPlay pull sync: requests', first_requests, unit='requests', limit=1, target='= 1'),
        Figure('PunchPlay pull sync: peak Python memory', [_peak(2000, 100) / MB], unit='MB', note='tracemalloc'),
        Figure('PunchPlay pull sync with nothing new, in process', unchanged),
        Figure('PunchPlay pull sync with nothing new: requests', unchanged_requests, unit='requests', limit=1,
               target='= 1'),
        Figure('PunchPlay pull sync of 5,000 watched, in process', large, note='one transaction'),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=int, default=9)
    print(plain(pull_sync(parser.parse_args(argv).runs), None))
    return 0


if __name__ == '__main__':
    sys.exit(main())
