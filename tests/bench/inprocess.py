"""Measurements without Kodi, in this interpreter against kodi-stubs: stream ranking and the Trakt sync.

The sync runs against the fake Trakt server holding the large account, into a fresh profile per first sync;
time and request count come from plain runs, the peak memory from one extra run under tracemalloc (which slows
Python down, so it never times anything).
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import tracemalloc

from tests.bench.dataset import stream_list
from tests.bench.report import Figure

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STREAMS_LIMIT_MS = 50.0
MB = 1024.0 * 1024.0


def _elapsed_ms(started) -> float:
    return (time.perf_counter() - started) * 1000.0


def stream_ranking(runs) -> list:
    """Parse, filter and rank 200 streams (addon.core.stream_parse, stream_rank), as the play routes do before
    showing or picking one.
    Every run starts with an empty file-name cache (a title opened for the first time) in an interpreter where
    guessit is already imported and warmed up (a fresh interpreter pays that once, ~110 ms, on its first name for
    guessit); the last row reopens the same list (cache kept, as in Kodi's kept interpreter with
    reuselanguageinvoker)."""
    from addon.core import release_names, stream_parse, stream_rank
    options = stream_rank.RankOptions(max_streams=200)
    release_names.guess_filename('Warm.Up.2019.MULTi.1080p.WEB.x264-GRP.mkv')
    figures = []
    for label, every, language, cold in (
            ('structured, as AIOStreams sends them', 0, False, True),
            ('1 in 10 without parsedFile, scene names: read by the token rules, no guessit', 10, False, True),
            ('1 in 10 without parsedFile, with a language tag: guessit, first parse', 10, True, True),
            ('the same list reopened: guessit results cached in process', 10, True, False)):
        raws = stream_list(without_parsed_file_every=every)
        if language:
            _tag_language(raws)
        samples = []
        release_names.guess_filename.cache_clear()
        if not cold:
            stream_parse.parse_streams(raws)  # the first opening, not timed
        for _ in range(runs):
            if cold:
                release_names.guess_filename.cache_clear()  # a new list: nothing parsed before
            started = time.perf_counter()
            ranked, _ = stream_rank.choose(stream_parse.parse_streams(raws), options)
            samples.append(_elapsed_ms(started))
            assert len(ranked) == len(raws)
        parsed_by_guessit = release_names.guess_filename.cache_info().currsize
        assert parsed_by_guessit == (len(raws) // every if language else 0)
        figures.append(Figure('200 streams ranked', samples, limit=STREAMS_LIMIT_MS, target='<= 50 ms',
                              note=label))
    return figures


def _tag_language(raws):
    """MULTi in the file names of the streams without parsedFile: the token rules leave languages to guessit."""
    for raw in raws:
        if 'parsedFile' not in raw['streamData']:
            name = raw['behaviorHints']['filename'].replace('.2019.', '.2019.MULTi.')
            raw['behaviorHints']['filename'] = raw['streamData']['filename'] = name


class _TraktProfile:
    """A fresh fake-Kodi profile logged in to the fake Trakt server."""

    def __init__(self, server, account):
        import fakekodi
        from addon.trakt import client
        from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET
        self.folder = tempfile.mkdtemp(prefix='bench-trakt-')
        fakekodi.reset(addon_root=REPO, profile_dir=os.path.join(self.folder, 'profile'),
                       home_dir=os.path.join(self.folder, 'home'))
        fakekodi.set_setting('trakt_api_url', server.url)
        fakekodi.set_setting('trakt_client_id', CLIENT_ID)
        fakekodi.set_setting('trakt_client_secret', CLIENT_SECRET)
        client.token_store().save(dict(server.issue_token(), username=account.username))

    def cycle(self):
        from addon.trakt import client, sync
        return sync.run_cycle(client.TraktClient())

    def close(self):
        from addon.platform import db
        db.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def trakt_sync(runs) -> list:
    """First sync and a no-change cycle of the large account: time, requests, peak Python memory."""
    from tests.fakes.trakt_generator import large_account
    from tests.fakes.trakt_server import FakeTraktServer
    account = large_account()
    first, first_requests, unchanged, unchanged_requests = [], [], [], []
    for _ in range(runs):  # a new server each time: Trakt's GET budget (1,000 per 5 minutes) is per user
        with FakeTraktServer(account, write_interval=0.0) as server:
            profile = _TraktProfile(server, account)
            try:
                started = time.perf_counter()
                assert profile.cycle().ok
                first.append(_elapsed_ms(started))
                first_requests.append(len(server.requests))
                server.clear_log()
                started = time.perf_counter()
                assert profile.cycle().unchanged
                unchanged.append(_elapsed_ms(started))
                unchanged_requests.append(len(server.requests))
            finally:
                profile.close()
    with FakeTraktServer(account, write_interval=0.0) as server:
        first_peak, unchanged_peak = _sync_peaks(server, account)
    size = '%d shows, %d movies' % (len(account.shows), len(account.movies))
    return [
        Figure('first Trakt sync, in process', first, note=size),
        Figure('first Trakt sync: requests', first_requests, unit='requests'),
        Figure('first Trakt sync: peak Python memory', [first_peak / MB], unit='MB', note='tracemalloc'),
        Figure('no-change sync cycle, in process', unchanged),
        Figure('no-change sync cycle: requests', unchanged_requests, unit='requests', limit=1, target='= 1'),
        Figure('no-change sync cycle: peak Python memory', [unchanged_peak / MB], unit='MB', note='tracemalloc'),
    ]


def _sync_peaks(server, account):
    """Peak traced memory of a first cycle and of a no-change cycle (bytes)."""
    profile = _TraktProfile(server, account)
    try:
        tracemalloc.start()
        profile.cycle()
        first = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        tracemalloc.start()
        profile.cycle()
        unchanged = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        profile.close()
    return first, unchanged
