"""Measurements in the real headless Kodi of tests/kodi/kodi_harness.py.

Plugin calls are timed the way a skin or the Videos window makes them: Files.GetDirectory over JSON-RPC, from the
request to the answer with every item. Each call carries a distinct bench=<n> parameter (ignored by every route),
so nothing can be answered from a listing Kodi kept.
"""
from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

from kodi_harness import ADDON_ID

from tests.bench.bench_addons import CALLBACKS_TAG
from tests.fakes.trakt_server import FakeTraktServer

P = 'plugin://%s' % ADDON_ID
SYNC_STATE = 'Window(Home).Property(AIOStreams.Trakt.SyncState)'
SYNC_FINISHED = 'Window(Home).Property(AIOStreams.Trakt.SyncFinished)'
# The player callbacks measured, each with the Trakt request it leads to.
PYTHON_THREADS = 'LanguageInvoker'
SCROBBLE_PATHS = {'start': '/scrobble/start', 'pause': '/scrobble/pause', 'resume': '/scrobble/start',
                  'stop': '/scrobble/stop'}


class BenchError(Exception):
    """A measured call did not do what it should (failed listing, no request, timeout)."""


class TimedTraktServer(FakeTraktServer):
    """The fake Trakt server, also noting when each request arrived (wall clock, comparable with kodi.log)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrivals = []   # (epoch seconds, method, path)

    def handle(self, method, raw_path, headers, raw_body):
        arrived = time.time()
        answer = super().handle(method, raw_path, headers, raw_body)
        with self.lock:
            self.arrivals.append((arrived, method, urlsplit(raw_path).path))
        return answer


def listing_times(kodi, url, runs, before_each=None, min_items=1) -> list:
    """Milliseconds of `runs` Files.GetDirectory calls of `url`; BenchError when one fails or lists too little."""
    samples = []
    for index in range(runs):
        if before_each is not None:
            before_each()
        target = '%s%sbench=%d' % (url, '&' if '?' in url else '?', index)
        started = time.perf_counter()
        result = kodi.rpc('Files.GetDirectory', {'directory': target, 'media': 'video'}, timeout=120)
        samples.append((time.perf_counter() - started) * 1000.0)
        found = len((result or {}).get('files') or [])
        if found < min_items:
            raise BenchError('%s listed %d items (expected at least %d)' % (target, found, min_items))
    return samples


def reuse_dropped_times(kodi, url, other_url, runs) -> list:
    """Milliseconds of `url` when another add-on's plugin ran just before (Kodi keeps one reusable interpreter:
    any other Python call releases ours)."""
    samples = []
    for index in range(runs):
        listing_times(kodi, '%s%sother=%d' % (other_url, '&' if '?' in other_url else '?', index), 1)
        samples += listing_times(kodi, '%s%sdropped=%d' % (url, '&' if '?' in url else '?', index), 1)
    return samples


def reuses(kodi, since) -> int:
    """How often Kodi reused our interpreter since the log offset `since` (debug log)."""
    return len(re.findall(r'Reusing LanguageInvokerThread \d+ for script \S*%s' % re.escape(ADDON_ID),
                          kodi.log_since(since)))


def clear_http_cache(kodi):
    """Tools > Clear cache, the addon's own action (RunPlugin), so the next catalog page comes from the backend."""
    kodi.run_plugin(P + '/?action=clear_cache', timeout=60)


def home_property(kodi, label) -> str:
    return kodi.info_labels([label])[label]


def sync_in_kodi(kodi, trakt, timeout=600):
    """Tools > Sync now: the service runs one cycle. Returns (seconds from the ask to the service's end of the cycle,
    Trakt requests, final state)."""
    trakt.clear_log()
    asked = time.time()
    kodi.run_plugin(P + '/?action=trakt_sync', answer_dialogs=False, timeout=timeout)
    finished = float(home_property(kodi, SYNC_FINISHED) or 0)
    state = home_property(kodi, SYNC_STATE)
    if finished < asked or state != 'done':
        raise BenchError('the Trakt sync in Kodi ended as %r' % state)
    return finished - asked, len(trakt.requests), state


def profile_db(kodi):
    return kodi.userdata / 'addon_data' / ADDON_ID / 'aiostreams.db'


def _count(kodi, sql) -> int:
    database = sqlite3.connect('file:%s?mode=ro' % profile_db(kodi), uri=True, timeout=30)
    try:
        return database.execute(sql).fetchone()[0]
    finally:
        database.close()


def wait_for_meta_copies(kodi, minimum, timeout=600):
    """Wait until the service's meta task has stored at least `minimum` meta copies and nothing is queued."""
    deadline = time.monotonic() + timeout
    copies = 0
    while time.monotonic() < deadline:
        copies = _count(kodi, 'SELECT COUNT(*) FROM trakt_meta_copy WHERE meta IS NOT NULL')
        if copies >= minimum and _count(kodi, 'SELECT COUNT(*) FROM trakt_meta_wanted') == 0:
            return copies
        time.sleep(1.0)
    raise BenchError('only %d meta copies after %d s' % (copies, timeout))


def _wait_arrival(trakt, path, after, timeout=30.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with trakt.lock:
            arrivals = [at for at, method, seen in trakt.arrivals if seen == path and at >= after]
        if arrivals:
            return arrivals[0]
        time.sleep(0.05)
    raise BenchError('no %s reached the fake Trakt server within %d s' % (path, timeout))


def _callback_time(kodi, mark, event, timeout=10.0) -> float:
    """When Kodi called the bench's own xbmc.Player back for `event` (service.benchcallbacks logs it)."""
    pattern = re.compile(r'%s %s (\d+\.\d+)' % (re.escape(CALLBACKS_TAG), event))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.findall(kodi.log_since(mark))
        if found:
            return float(found[-1])
        time.sleep(0.05)
    raise BenchError('no %s callback logged by %s' % (event, CALLBACKS_TAG))


def scrobble_delays(kodi, trakt, url, plays) -> dict:
    """{event: [seconds from Kodi's player callback to the scrobble's arrival at the fake Trakt server]} over
    `plays` playbacks of `url`, each: start, pause, resume, stop."""
    delays = {event: [] for event in SCROBBLE_PATHS}
    for play in range(1, plays + 1):
        mark, asked = kodi.log_mark(), time.time()
        kodi.player_open(url)
        player = kodi.wait_for_player(timeout=60)['playerid']
        steps = (('start', None), ('pause', ('Player.PlayPause', {'play': False})),
                 ('resume', ('Player.PlayPause', {'play': True})), ('stop', ('Player.Stop', {})))
        for event, command in steps:
            if command is not None:
                # a few seconds of playback between events, as a user would; after the start, past the 2 s a seek
                # to the resume point takes to settle (it is reported as a start of its own)
                time.sleep(3.0 if event == 'pause' else 2.0)
                mark, asked = kodi.log_mark(), time.time()
                kodi.rpc(command[0], dict(command[1], playerid=player))
            try:
                called = _callback_time(kodi, mark, event)
                # Kodi calls each Python player in turn: the bench's may hear it a few ms after the addon's, so
                # the request is looked for from the moment the bench asked Kodi (a delay may read slightly < 0).
                delays[event].append(_wait_arrival(trakt, SCROBBLE_PATHS[event], asked) - called)
            except BenchError as error:
                raise BenchError('play %d, %s: %s' % (play, event, error)) from None
        kodi.wait_no_player()
        time.sleep(1.5)  # Trakt allows one write per second: keep the plays apart
    return delays



# ---- idle CPU ---------------------------------------------------------------------------------------------------

def kodi_binary_pid(kodi) -> int:
    """The pid of kodi.bin in the Kodi process group (xvfb-run starts it through the `kodi` shell script)."""
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try:
            fields = stat.read_text().rsplit(')', 1)[1].split()
            if int(fields[2]) == kodi.process.pid and (stat.parent / 'comm').read_text().strip() == 'kodi.bin':
                return int(stat.parent.name)
        except (OSError, IndexError, ValueError):
            continue
    raise BenchError('no kodi.bin process in the Kodi process group')


def cpu_seconds(pid, thread_name=None) -> float:
    """User + system CPU time of a process, every thread included; with `thread_name`, of its threads of that name
    only (Kodi's Python threads, and every thread a script starts, are named LanguageInvoker)."""
    if thread_name is None:
        return _ticks(Path('/proc/%d/stat' % pid)) / os.sysconf('SC_CLK_TCK')
    total = 0
    for task in Path('/proc/%d/task' % pid).iterdir():
        try:
            if (task / 'comm').read_text().strip() == thread_name:
                total += _ticks(task / 'stat')
        except OSError:  # the thread ended meanwhile
            continue
    return total / os.sysconf('SC_CLK_TCK')


def _ticks(stat_path) -> int:
    fields = stat_path.read_text().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_percent(kodi, seconds) -> tuple:
    """Kodi's CPU over `seconds` of wall time, in % of one core (nothing is asked of Kodi meanwhile): the whole
    process, and its Python threads alone (the add-ons' own work, without the GUI's drawing noise; a thread that
    ends during the window is left out)."""
    pid = kodi_binary_pid(kodi)
    started = time.monotonic()
    used, python = cpu_seconds(pid), cpu_seconds(pid, PYTHON_THREADS)
    time.sleep(seconds)
    elapsed = time.monotonic() - started
    return (100.0 * (cpu_seconds(pid) - used) / elapsed,
            100.0 * (cpu_seconds(pid, PYTHON_THREADS) - python) / elapsed)


def wait_for_service(kodi, mark, timeout=60):
    kodi.wait_for_log(r'%s.*service started' % re.escape(ADDON_ID), since=mark, timeout=timeout)


def wait_service_stopped(kodi, mark, timeout=60):
    kodi.wait_for_log(r'%s.*service stopped' % re.escape(ADDON_ID), since=mark, timeout=timeout)
