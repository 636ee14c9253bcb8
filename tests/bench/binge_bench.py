"""The binge-watching row of `tox -e bench` (issue 17): in the real Kodi, the gap from the end of one episode to the
first frame of the next, which autoplay starts by itself, with the fake AIOStreams answering every stream request
after 3 s.

Two ways, alternated in the same Kodi run so the machine's load drifts alike: with the next episode's streams
preloaded while the episode plays (what autoplay does), and the scrape-on-demand floor, where the preloaded list is
deleted from the stream cache just before the end, so the next play must scrape (>= 3 s by construction). Each run
plays a pair of episodes of the 10-season show no run played before; the gap is timed by the bench's own
xbmc.Player (service.benchcallbacks): from its onPlayBackEnded to its onAVStarted of the next episode. The log must
show that the preloaded play used the kept list and the floor's did not, or the run fails.
"""
from __future__ import annotations

import re
import sqlite3
import statistics
import time

from kodi_harness import KodiError, wait_for

from tests.bench import kodi_bench
from tests.bench.bench_addons import CALLBACKS_TAG
from tests.bench.dataset import EPISODES_PER_SEASON, SEASONS, TEN_SEASON_SHOW
from tests.bench.report import Figure

SCRAPE_SECONDS = 3.0
SLOW_PATHS = ('/api/v1/search', '/stream/')   # the search API first, /stream when it fails (stream_lookup)
PLAY = kodi_bench.P + '/?action=play_first&content_type=series&imdb_id=%s&season=%d&episode=%d'
SEEK_PERCENT = 97          # about 2 s before the end of the 60 s clip
GAP_LIMIT_MS = 2000.0
PRELOADED, FLOOR = 'preloaded', 'floor'


def episode_pairs(count) -> list:
    """`count` (season, first episode) pairs, none sharing an episode with another."""
    per_season = EPISODES_PER_SEASON // 2
    if count > per_season * SEASONS:
        raise kodi_bench.BenchError('at most %d binge runs' % (per_season * SEASONS))
    return [(1 + index // per_season, 1 + 2 * (index % per_season)) for index in range(count)]


def figures(kodi, aio, runs, progress=lambda message: None) -> list:
    """The preloaded gap (target <= 2 s) and the scrape-on-demand floor, `runs` plays each."""
    gaps = {PRELOADED: [], FLOOR: []}
    for path in SLOW_PATHS:
        aio.fail('slow', match=path, delay=SCRAPE_SECONDS)
    try:
        for index, (season, episode) in enumerate(episode_pairs(2 * runs)):
            way = FLOOR if index % 2 else PRELOADED
            try:
                gaps[way].append(gap_seconds(kodi, season, episode, way) * 1000.0)
            except (KodiError, AssertionError) as error:   # a failed play fails this row, not the other figures
                raise kodi_bench.BenchError('%s S%02dE%02d: %s' % (way, season, episode, error)) from None
            progress('binge %s S%02dE%02d -> E%02d: %.0f ms' % (way, season, episode, episode + 1, gaps[way][-1]))
    finally:
        aio.clear_failures()
    floor = Figure('binge: episode end -> next episode\'s first frame, scrape on demand (floor)', gaps[FLOOR],
                   note='the preloaded list deleted before the end')
    preloaded = Figure('binge: episode end -> next episode\'s first frame, preloaded', gaps[PRELOADED],
                       limit=GAP_LIMIT_MS, target='<= 2 s', note='streams answered after %d s; %.0f %% of the floor' % (
                           SCRAPE_SECONDS, 100.0 * statistics.median(gaps[PRELOADED]) / statistics.median(gaps[FLOOR])))
    return [preloaded, floor]


def gap_seconds(kodi, season, episode, way) -> float:
    """Play (season, episode), let autoplay preload the next one, end the episode and time the handover."""
    kodi.wait_no_player()
    mark = kodi.log_mark()
    kodi.player_open(PLAY % (TEN_SEASON_SHOW, season, episode))
    player = kodi.wait_for_player(timeout=60)['playerid']
    following = 'S%02dE%02d' % (season, episode + 1)
    kodi.wait_for_log(r'autoplay: \d+ streams of %s\b.* ready' % following, since=mark, timeout=60)
    if way == FLOOR:
        forget_kept_streams(kodi, 'episode:%s:%d:%d' % (TEN_SEASON_SHOW, season, episode + 1))
    kodi.rpc('Player.Seek', {'playerid': player, 'value': {'percentage': SEEK_PERCENT}})
    ended = _callback_after(kodi, mark, 'ended', timeout=30)
    wait_for(lambda: _playing(kodi) == (season, episode + 1), 60, '%s playing' % following)
    started = _callback_after(kodi, mark, 'start', after=ended, timeout=10)
    log = kodi.log_since(mark)
    handover = log.split('autoplay: playing %s' % following, 1)[-1].split('handed to Kodi', 1)[0]
    kept = re.search(r'using \d+ kept streams for episode:%s:%d:%d\b' % (TEN_SEASON_SHOW, season, episode + 1),
                     handover)
    if bool(kept) != (way == PRELOADED):
        raise kodi_bench.BenchError('%s -> %s: the next play %s the kept list:\n%s' % (
            way, following, 'used' if way == FLOOR else 'did not use', handover))
    # the next episode preloads the one after it: done before the next run (it is that run's first episode)
    after = (season, episode + 2) if episode + 2 <= EPISODES_PER_SEASON else (season + 1, 1)
    if after[0] <= SEASONS:
        kodi.wait_for_log(r'autoplay: \d+ streams of S%02dE%02d\b.* ready' % after, since=mark, timeout=60)
    kodi.wait_no_player()
    return started - ended


def forget_kept_streams(kodi, media_key):
    """Delete the preloaded list of the next episode from the addon's stream cache (a cold cache)."""
    database = sqlite3.connect(str(kodi_bench.profile_db(kodi)), timeout=30)
    try:
        with database:
            deleted = database.execute('DELETE FROM preloaded_streams WHERE media_key = ?', (media_key,)).rowcount
    finally:
        database.close()
    if not deleted:
        raise kodi_bench.BenchError('no preloaded list of %s to delete' % media_key)


def _playing(kodi):
    try:
        players = kodi.active_players()
        if not players:
            return None
        item = kodi.playing_item(players[0]['playerid'], ('season', 'episode'))
    except KodiError:
        return None
    return item.get('season'), item.get('episode')


def _callback_after(kodi, mark, event, after=0.0, timeout=10.0) -> float:
    """The epoch time service.benchcallbacks logged for the first `event` after `after` since the log mark."""
    pattern = re.compile(r'%s %s (\d+\.\d+)' % (re.escape(CALLBACKS_TAG), event))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [float(value) for value in pattern.findall(kodi.log_since(mark)) if float(value) > after]
        if found:
            return found[0]
        time.sleep(0.05)
    raise kodi_bench.BenchError('no %s callback logged by %s' % (event, CALLBACKS_TAG))
