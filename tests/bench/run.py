"""`tox -e bench`: how fast the addon is, measured in one real headless Kodi against the floor, and in process.

    python tests/bench/run.py [--runs 9] [--out dist/bench.md] [--zip dist/plugin.video.aiostreams-<v>.zip]
    python tests/bench/run.py --only inprocess      (the in-process figures alone: no Kodi, no build, no lock)
    python tests/bench/run.py --only idle           (Kodi's idle CPU with the addon enabled and disabled alone)
    python tests/bench/run.py --only binge          (the next episode's gap after the end of one, and its floor)

Kodi runs twice with the same home (a restart in between): once with reuselanguageinvoker off and once on (set in
the installed addon.xml), next to two do-nothing floor plugins (tests/bench/bench_addons.py). Every plugin figure is the
median of --runs Files.GetDirectory calls with min and max, and its ratio to the kodi_six + routing floor measured
in the same Kodi run. Fakes answer at once: the fake AIOStreams (with a 10-season show and a meta for every title
of the large Trakt account), the fake Trakt server with that account. The real-Kodi lock /tmp/kodi-e2e.lock is held
throughout (one Kodi at a time on the machine). The table is printed and written to --out.
"""
from __future__ import annotations

import argparse
import datetime
import fcntl
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for _path in (REPO, REPO / 'kodi-stubs', REPO / 'tests' / 'kodi'):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from dependency_addons import build_dependency_addons  # noqa: E402
from kodi_harness import ADDON_ID, KodiInstance, repo_addon_version  # noqa: E402

from tests.bench import binge_bench, imports, inprocess, kodi_bench, punchplay_bench, trakt_bench  # noqa: E402
from tests.bench.bench_addons import BARE_ID, ROUTING_ID, write_callbacks_addon, write_floor_addons  # noqa: E402
from tests.bench.dataset import SEARCH_QUERY, TEN_SEASON_SHOW, bench_dataset  # noqa: E402
from tests.bench.report import Figure, markdown, plain  # noqa: E402
from tests.fakes.aiostreams_server import FakeAIOStreams  # noqa: E402
from tests.fakes.trakt_generator import large_account  # noqa: E402
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET  # noqa: E402

LOCK = '/tmp/kodi-e2e.lock'
KODI_LOG = REPO / 'dist' / 'bench-kodi.log'  # written when something failed
P = kodi_bench.P
UNREACHABLE = 'http://127.0.0.1:9'
MENU = P + '/'
IDLE_SECONDS = 60
IDLE_SETTLE_SECONDS = 150   # from the service's start: past the first run of every periodic task (preload: 120 s)
IDLE_QUIET_SECONDS = 10     # after the last thing asked of Kodi
IDLE_LIMIT = 0.3            # % of one core the addon may add to an idle Kodi
CATALOG = P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular'
SEARCH = P + '/search?content_type=movie&query=' + SEARCH_QUERY.replace(' ', '%20')
SEASONS = P + '/seasons?content_type=series&meta_id=' + TEN_SEASON_SHOW
EPISODES = P + '/episodes?content_type=series&season=5&meta_id=' + TEN_SEASON_SHOW
NEXT_UP = P + '/?action=trakt_next_up&widget=true'
CONTINUE = P + '/?action=trakt_continue_watching&widget=true'
PERSONAL_LIST = P + '/?action=trakt_list_items&user=%s&list_id=%d&widget=true'  # the user's slug, the list id
CALENDAR = P + '/?action=trakt_calendar&widget=true'
FLOOR_BARE = 'plugin://%s/' % BARE_ID
FLOOR_ROUTING = 'plugin://%s/' % ROUTING_ID
TARGETS = {  # route -> (limit as a ratio to the routing floor, how the target reads)
    'main menu': (1.5, '<= 1.5\u00d7 floor'),
    'catalog page, warm (from cache)': (2.0, '<= 2\u00d7 floor'),
    'catalog page, warm, as a widget': (2.0, '<= 2\u00d7 floor'),
    'Next Up widget (50 of 160)': (3.0, '<= 3\u00d7 floor'),
    'Continue Watching widget': (3.0, '<= 3\u00d7 floor'),
    'personal list widget (its first page: 50 of 500)': (2.0, '<= 2\u00d7 floor'),
}


# ---- Kodi set-up ----------------------------------------------------------------------------------------------

def shipped_reuse() -> bool:
    extension = ET.parse(str(REPO / 'addon.xml')).getroot().find("./extension[@point='xbmc.addon.metadata']")
    node = extension.find('reuselanguageinvoker') if extension is not None else None
    return node is not None and (node.text or '').strip().lower() == 'true'


def set_reuse(kodi, reuse):
    """Switch reuselanguageinvoker in the installed addon.xml (read by Kodi at its next start)."""
    path = kodi.addons_dir / ADDON_ID / 'addon.xml'
    text = path.read_text(encoding='utf-8')
    for value in ('true', 'false'):
        text = text.replace('<reuselanguageinvoker>%s</reuselanguageinvoker>' % value,
                            '<reuselanguageinvoker>%s</reuselanguageinvoker>' % ('true' if reuse else 'false'))
    path.write_text(text, encoding='utf-8')


def prepare_kodi(home, addon_zip, aio, trakt) -> KodiInstance:
    kodi = KodiInstance(home)
    for folder in build_dependency_addons():
        kodi.install_addon(folder)
    for folder in write_floor_addons(home / 'bench-addons') + [write_callbacks_addon(home / 'bench-addons')]:
        kodi.install_addon(folder)
    kodi.install_addon(addon_zip)
    kodi.write_addon_settings(ADDON_ID, {
        'base_url': aio.manifest_url, 'trakt_api_url': trakt.url, 'trakt_client_id': CLIENT_ID,
        'trakt_client_secret': CLIENT_SECRET, 'trakt_sync_auto': False, 'punchplay_url': UNREACHABLE})
    token = kodi.userdata / 'addon_data' / ADDON_ID / 'trakt_token.json'
    token.write_text(json.dumps(dict(trakt.issue_token(), username=trakt.account.username)), encoding='utf-8')
    os.chmod(str(token), 0o600)
    return kodi


# ---- the measurements -----------------------------------------------------------------------------------------

class Floors:
    """The two floors, pooled over a Kodi run (the machine's load drifts): blocks before, between and after the
    routes, and with reuse off also a routing-floor block right before each route (with reuse on that would
    release our kept interpreter each time). Not call by call: a call right after a heavy one overlaps Kodi's
    teardown of that interpreter."""

    def __init__(self):
        self.bare, self.routing = [], []

    def sample(self, kodi, runs, bare=True):
        if bare:
            self.bare += kodi_bench.listing_times(kodi, FLOOR_BARE, runs, min_items=5)
        self.routing += kodi_bench.listing_times(kodi, FLOOR_ROUTING, runs, min_items=5)

    def figures(self) -> list:
        """The bare floor, then the kodi_six + routing floor (the reference of the ratios)."""
        return [Figure('floor: do-nothing plugin, 5 items', self.bare, in_kodi=True),
                Figure('floor: kodi_six + routing, 5 items', self.routing, in_kodi=True)]


def browse_figures(kodi, runs, reuse, floors) -> list:
    figures = []
    for name, url, minimum, before in (
            ('main menu', MENU, 4, None),
            ('catalog page, cold (cache cleared)', CATALOG, 20, lambda: kodi_bench.clear_http_cache(kodi)),
            ('catalog page, warm (from cache)', CATALOG, 20, None),
            ('catalog page, warm, as a widget', CATALOG + '&widget=true', 20, None),
            ('search (movies, never cached)', SEARCH, 5, None),
            ('seasons of a 10-season show', SEASONS, 11, None),
            ('episodes of one season (12)', EPISODES, 12, None)):
        figures.append(_route_figure(kodi, name, runs, reuse, floors, url, minimum, before))
    return figures


def plugin_figures(kodi, runs, reuse, aio, trakt, before_lists=lambda: None) -> list:
    """Floors (first two figures), browse routes, Trakt widgets."""
    floors = Floors()
    floors.sample(kodi, runs)
    figures = browse_figures(kodi, runs, reuse, floors)
    floors.sample(kodi, runs)
    before_lists()
    figures += trakt_list_figures(kodi, runs, reuse, floors, aio, trakt)
    if reuse:
        figures += reuse_figures(kodi, runs)
    floors.sample(kodi, runs)
    return floors.figures() + figures


def progress(message):
    """What the bench is doing, on stderr (a full run takes several minutes)."""
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), message), file=sys.stderr, flush=True)


def _route_figure(kodi, name, runs, reuse, floors, url, min_items=1, before_each=None):
    """A figure of our plugin: its target, and with reuse on how many calls found the interpreter free (Kodi
    starts a new one when the previous call is still finishing, or when another add-on's Python ran between)."""
    limit, target = TARGETS.get(name, (None, ''))
    mark = kodi.log_mark()
    if not reuse:
        floors.sample(kodi, runs, bare=False)
    samples = kodi_bench.listing_times(kodi, url, runs, before_each=before_each, min_items=min_items)
    figure = Figure(name, samples, limit=limit, per_floor=limit is not None, target=target, in_kodi=True)
    if reuse:
        figure.note = 'reused %d/%d' % (kodi_bench.reuses(kodi, mark), runs)
    progress('%s: median %.1f ms' % (name, figure.median))
    return figure


def trakt_list_figures(kodi, runs, reuse, floors, aio, trakt) -> list:
    """Next Up, Continue Watching, the 500-title personal list (a widget shows its first page) and the calendar
    (its first call fills the Trakt response cache before the timed ones) as widgets, and the requests they caused
    at both fake servers."""
    personal = PERSONAL_LIST % (trakt.account.username, trakt_bench.LIST_ID)
    for url in (personal, CALENDAR):  # warm: the metas they lack fetched, the calendar's answers cached
        kodi_bench.listing_times(kodi, url, 1)
    kodi_bench.wait_for_meta_copies(kodi, minimum=100)
    aio.clear_log()
    trakt.clear_log()
    figures = [_route_figure(kodi, 'Next Up widget (50 of 160)', runs, reuse, floors, NEXT_UP, min_items=50),
               _route_figure(kodi, 'Continue Watching widget', runs, reuse, floors, CONTINUE),
               _route_figure(kodi, 'personal list widget (its first page: 50 of 500)', runs, reuse, floors,
                             personal, min_items=50),
               _route_figure(kodi, 'calendar widget (330 shows), from the cache', runs, reuse, floors, CALENDAR)]
    figures.append(Figure('network requests while the Trakt widgets rendered', [len(aio.log) + len(trakt.requests)],
                          unit='requests', limit=0, target='0'))
    return figures


def reuse_figures(kodi, runs) -> list:
    """What a call costs when Kodi dropped our interpreter (another add-on's Python ran in between)."""
    mark = kodi.log_mark()
    samples = kodi_bench.reuse_dropped_times(kodi, CATALOG, FLOOR_BARE, runs)
    return [Figure('catalog page, warm, right after another add-on ran', samples, in_kodi=True,
                   note='reused %d/%d' % (kodi_bench.reuses(kodi, mark), runs))]


def trakt_sync_figures(kodi, trakt) -> list:
    seconds, requests, _ = kodi_bench.sync_in_kodi(kodi, trakt)
    return [Figure('first Trakt sync in Kodi\'s service', [seconds * 1000.0], note='Sync now -> done'),
            Figure('first Trakt sync in Kodi: requests', [requests], unit='requests')]


def unchanged_sync_figures(kodi, trakt) -> list:
    seconds, requests, _ = kodi_bench.sync_in_kodi(kodi, trakt)
    return [Figure('no-change sync in Kodi\'s service', [seconds * 1000.0], note='Sync now -> done'),
            Figure('no-change sync in Kodi: requests', [requests], unit='requests', limit=1, target='= 1')]


def idle_cpu_figures(kodi, service_started, seconds=IDLE_SECONDS) -> list:
    """Kodi's CPU over `seconds` with the addon enabled, its service settled (first sync and meta copies done, past
    every task's first run), then disabled: the baseline, in the same Kodi. The addon is enabled again after."""
    time.sleep(max(IDLE_QUIET_SECONDS, service_started + IDLE_SETTLE_SECONDS - time.monotonic()))
    progress('idle CPU: %d s with the addon enabled' % seconds)
    enabled = kodi_bench.cpu_percent(kodi, seconds)
    mark = kodi.log_mark()
    kodi.set_addon_enabled(ADDON_ID, False)
    kodi_bench.wait_service_stopped(kodi, mark)
    time.sleep(IDLE_QUIET_SECONDS)
    progress('idle CPU: %d s with the addon disabled' % seconds)
    disabled = kodi_bench.cpu_percent(kodi, seconds)
    mark = kodi.log_mark()
    kodi.set_addon_enabled(ADDON_ID, True)
    kodi_bench.wait_for_service(kodi, mark)
    unit = '% of a core'
    note = '%d s; Python threads: %.2f %%'
    return [Figure('Kodi idle CPU, addon disabled (baseline)', [disabled[0]], unit=unit,
                   note=note % (seconds, disabled[1])),
            Figure('Kodi idle CPU, addon enabled and settled', [enabled[0]], unit=unit,
                   note=note % (seconds, enabled[1])),
            Figure('idle CPU the addon adds', [enabled[0] - disabled[0]], unit=unit, limit=IDLE_LIMIT,
                   target='<= %.1f %%' % IDLE_LIMIT, note='Python threads: %+.2f %%' % (enabled[1] - disabled[1]))]


def in_fresh_kodi(addon_zip, work, measure) -> list:
    """The figures of measure(kodi, aio, trakt) in a fresh Kodi on the bench's fakes (the `--only` parts)."""
    account = large_account()
    aio = FakeAIOStreams(bench_dataset(account)).start()
    trakt = kodi_bench.TimedTraktServer(account).start()
    kodi = prepare_kodi(work / 'kodi-home', addon_zip, aio, trakt)
    try:
        kodi.start()
        return measure(kodi, aio, trakt)
    finally:
        kodi.shutdown()
        trakt.stop()
        aio.stop()


def idle_only(kodi, _aio, trakt) -> list:
    """`--only idle`: the first sync of the large account and its meta copies, then the idle CPU."""
    started = time.monotonic()
    seconds = trakt_sync_figures(kodi, trakt)[0].median / 1000.0
    progress('first Trakt sync in Kodi: %.1f s; waiting for the meta copies' % seconds)
    kodi_bench.listing_times(kodi, NEXT_UP, 1)
    kodi_bench.listing_times(kodi, CONTINUE, 1)
    kodi_bench.wait_for_meta_copies(kodi, minimum=100)
    return idle_cpu_figures(kodi, started)


def scrobble_figures(kodi, trakt, runs) -> list:
    gap = trakt.account.shows[trakt.account.edge['gap']]['ids']['imdb']
    url = P + '/?action=play_first&content_type=series&imdb_id=%s&season=1&episode=6' % gap
    delays = kodi_bench.scrobble_delays(kodi, trakt, url, runs)
    return [Figure('scrobble %s: Kodi callback -> fake Trakt' % event, [value * 1000.0 for value in values],
                   limit=2000.0, target='<= 2 s', note='callback time seen by the bench\'s own xbmc.Player')
            for event, values in delays.items()]


def kodi_figures(runs, addon_zip, work, errors) -> tuple:
    """(plugin figures with reuse off, the same with reuse on, sync and scrobble figures, import rows); failures
    of a part that does not stop the others are added to `errors`."""
    account = large_account()
    trakt_bench.add_personal_list(account)  # the no-change sync costs 1 request with lists in it too
    aio = FakeAIOStreams(bench_dataset(account)).start()
    trakt = kodi_bench.TimedTraktServer(account).start()
    kodi = prepare_kodi(work / 'kodi-home', addon_zip, aio, trakt)
    try:
        set_reuse(kodi, False)
        progress('starting Kodi (reuselanguageinvoker off)')
        kodi.start()
        other = []

        def synced_with_metas():
            other.extend(trakt_sync_figures(kodi, trakt))
            progress('first Trakt sync in Kodi: %.1f s; waiting for the meta copies' % (other[0].median / 1000.0))
            kodi_bench.listing_times(kodi, NEXT_UP, 1)      # lists ask the service for the metas they lack
            kodi_bench.listing_times(kodi, CONTINUE, 1)
            kodi_bench.wait_for_meta_copies(kodi, minimum=100)

        off = plugin_figures(kodi, runs, False, aio, trakt, synced_with_metas)
        other += unchanged_sync_figures(kodi, trakt)
        set_reuse(kodi, True)
        progress('restarting Kodi (reuselanguageinvoker on)')
        kodi.restart()
        started = time.monotonic()
        on = plugin_figures(kodi, runs, True, aio, trakt)
        other += idle_cpu_figures(kodi, started)
        progress('scrobbling')
        try:
            other += scrobble_figures(kodi, trakt, runs)
        except kodi_bench.BenchError as error:  # the other figures stand; the run still fails at the end
            errors.append('scrobble: %s' % error)
        progress('binge: the next episode after the end of one')
        try:
            other += binge_bench.figures(kodi, aio, runs, progress)
        except kodi_bench.BenchError as error:
            errors.append('binge: %s' % error)
        kodi.shutdown()
        userdata = work / 'userdata-copy'
        shutil.copytree(str(kodi.userdata), str(userdata))
        import_rows = import_figures(userdata)
    except BaseException:
        errors.append('the Kodi part failed')
        raise
    finally:
        kodi.shutdown()
        trakt.stop()
        aio.stop()
        if errors:
            KODI_LOG.parent.mkdir(parents=True, exist_ok=True)
            KODI_LOG.write_text(kodi.log_since(0), encoding='utf-8')
            progress('%s; Kodi\'s log is in %s' % ('; '.join(errors), KODI_LOG))
    return off, on, other, import_rows


def import_figures(userdata) -> list:
    """Modules loaded per route in a fresh interpreter (reuse off) and by the next route in the same one (on)."""
    fresh = [imports.in_fresh_interpreter([url], userdata)[0] for url in (MENU, CATALOG, NEXT_UP)]
    reused = imports.in_fresh_interpreter([CATALOG, NEXT_UP, MENU, CATALOG], userdata)[1:]
    rows = []
    for mode, results in (('fresh interpreter (reuse off)', fresh), ('same interpreter (reuse on)', reused)):
        for result in results:
            rows.append((mode, result['url'][len(P):], len(result['modules']), ', '.join(result['heavy']) or '-',
                         '%.1f' % result['ms']))
    return rows


# ---- output ---------------------------------------------------------------------------------------------------

def machine() -> str:
    return '%s, %s, %d CPU cores, Python %s (bench), Kodi 20.1 headless' % (
        platform.node(), platform.processor() or platform.machine(), os.cpu_count() or 0, platform.python_version())


def import_table(rows) -> str:
    lines = ['| interpreter | route | modules loaded | heavy libraries among them | ms (kodi-stubs) |',
             '|---|---|---:|---|---:|']
    lines += ['| %s |' % ' | '.join(str(cell) for cell in row) for row in rows]
    return '\n'.join(lines)


def render(off, on, other, inproc, import_rows, runs, reuse_shipped, errors) -> tuple:
    """(terminal text, Markdown document)."""
    floor_off, floor_on = off[1].median, on[1].median  # the kodi_six + routing floors
    stamp = datetime.datetime.now().strftime('%Y-%m-%d %H:%M')
    head = 'Benchmark %s on %s; median of %d runs; reuselanguageinvoker shipped: %s' % (
        stamp, machine(), runs, 'on' if reuse_shipped else 'off')
    sections = [
        ('Plugin calls in Kodi, reuselanguageinvoker OFF (ratios to this run\'s routing floor, %.1f ms)' % floor_off,
         off, floor_off),
        ('Plugin calls in Kodi, reuselanguageinvoker ON (ratios to this run\'s routing floor, %.1f ms)' % floor_on,
         on, floor_on),
        ('Trakt sync, scrobbling, idle CPU and binge watching in Kodi', other, None),
        ('In process (kodi-stubs, no Kodi)', inproc, None)]
    text = [head, '']
    document = ['# Benchmark', '', head, '']
    for title, figures, floor in sections:
        text += [title, plain(figures, floor), '']
        document += ['## ' + title, '', markdown(figures, floor), '']
    text += ['Imports at plugin start', import_table(import_rows)]
    document += ['## Imports at plugin start', '', import_table(import_rows), '']
    if errors:
        text += ['', 'FAILED: ' + '; '.join(errors)]
        document += ['**Failed:** ' + '; '.join(errors), '']
    return '\n'.join(text), '\n'.join(document)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=int, default=9, help='runs per figure (median, min, max); at least 7')
    parser.add_argument('--out', default=str(REPO / 'dist' / 'bench.md'))
    parser.add_argument('--zip', default=str(REPO / 'dist' / ('%s-%s.zip' % (ADDON_ID, repo_addon_version()))))
    parser.add_argument('--only', choices=('inprocess', 'idle', 'binge'),
                        help='inprocess: only the figures without Kodi (no build, no lock); idle: only Kodi\'s idle '
                             'CPU with the addon enabled and disabled; binge: only the next episode\'s gap and its '
                             'floor (both need the built zip); printed, not written')
    args = parser.parse_args(argv)
    if args.runs < 7:
        parser.error('--runs must be at least 7')
    if args.only == 'inprocess':
        print(plain(inprocess.stream_ranking(args.runs) + inprocess.trakt_sync(args.runs) +
                    punchplay_bench.pull_sync(args.runs), None))
        return 0
    if args.only in ('idle', 'binge'):
        work = Path(tempfile.mkdtemp(prefix='aiostreams-bench-'))
        try:
            with open(LOCK, 'a') as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                measure = idle_only if args.only == 'idle' else \
                    lambda kodi, aio, _trakt: binge_bench.figures(kodi, aio, args.runs, progress)
                print(plain(in_fresh_kodi(Path(args.zip), work, measure), None))
        finally:
            shutil.rmtree(str(work), ignore_errors=True)
        return 0
    work = Path(tempfile.mkdtemp(prefix='aiostreams-bench-'))
    try:
        with open(LOCK, 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the same lock as `flock /tmp/kodi-e2e.lock`
            started = time.monotonic()
            progress('in process: stream ranking, Trakt sync, PunchPlay pull sync')
            inproc = (inprocess.stream_ranking(args.runs) + inprocess.trakt_sync(args.runs) +
                      punchplay_bench.pull_sync(args.runs))
            errors = []
            off, on, other, import_rows = kodi_figures(args.runs, Path(args.zip), work, errors)
        text, document = render(off, on, other, inproc, import_rows, args.runs, shipped_reuse(), errors)
    finally:
        shutil.rmtree(str(work), ignore_errors=True)
    print(text)
    print('\n(%d s)' % (time.monotonic() - started))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(document, encoding='utf-8')
    print('written to %s' % args.out)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
