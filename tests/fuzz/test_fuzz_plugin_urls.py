"""Fuzz: any plugin URL Kodi, a skin, a keymap or TMDbHelper may hand over (known and unknown paths and actions,
the seed's parameters with huge, unicode, placeholder and injection values, widget mode, a real handle or a script
run) goes through routes.run against the fake AIOStreams server without an unhandled error. A list route always
ends its directory, a play route answers its handle exactly once, widgets never open dialogs, and nothing a
parameter carries can add a query parameter or a Kodi header suffix ('|') to the URLs the addon builds, nor an extra
to what it asks the backend."""
from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from addon import plugin_entry as routes
from addon.play import playback
from addon.trakt import client as trakt_client
from addon.trakt import manual_sync
from tests.fakes.aiostreams_server import FakeAIOStreams
from tests.fuzz.fuzzing import FUZZ, example, plain_text

ROOT = 'plugin://plugin.video.aiostreams'
INJECTED = 'injected'    # a parameter name only an injection could produce
LIST_VIEWS = {'root', 'search_menu', 'tools_menu', 'movies', 'tvshows', 'genres', 'catalog_page', 'search_view',
              'seasons', 'episodes', 'menu', 'next_up', 'continue_watching', 'watchlist', 'collection', 'history',
              'related', 'catalogs', 'search_unified', 'show_streams', 'discover', 'calendar'}
PLAY_VIEWS = {'play', 'play_first', 'select_stream', 'play_stream'}
PATHS = ['/', '/menu/search', '/menu/tools', '/movies', '/tvshows', '/genres', '/catalog', '/search', '/seasons',
         '/episodes', '/unaired', '/play', '/play/first', '/play/select', '/streams', '/streams/play', '/trakt',
         '/trakt/next_up', '/trakt/continue', '/trakt/watchlist', '/trakt/collection', '/trakt/history',
         '/trakt/related', '/trakt/watched', '/trakt/unwatched', '/trakt/watchlist/add', '/trakt/watchlist/remove',
         '/trakt/drop', '/trakt/undrop', '/trakt/hide', '/trakt/playback/remove', '/item/actions', '/item/trailer',
         '/item/toggle/watchlist', '/item/toggle/watched', '/item/similar', '/tools/database', '/tools/widgets',
         '/tools/refresh_manifest', '/tools/test_connection', '/trakt/discover', '/trakt/calendar',
         '/trakt/recommendations/hide', '/continue', '/punchplay/sync', '/punchplay/status', '/no/such/page', '/play/',
         '//', '/%2e%2e/x']
ACTIONS = ['search', 'search_unified', 'catalogs', 'browse_catalog', 'catalog_genres', 'show_seasons',
           'show_episodes', 'play', 'play_first', 'select_stream', 'show_streams', 'play_stream', 'trakt_next_up',
           'trakt_watchlist', 'trakt_collection', 'trakt_history', 'trakt_continue_watching', 'trakt_menu',
           'trakt_mark_watched', 'trakt_add_watchlist', 'show_related', 'quick_actions', 'toggle_watched',
           'play_trailer', 'similar', 'movie_lists', 'series_lists', 'tools', 'widget_paths', 'show_database_info',
           'trakt_lists', 'trakt_liked_lists', 'trakt_list_items', 'trakt_list_add', 'trakt_list_remove',
           'trakt_discover', 'trakt_calendar', 'trakt_hide_recommendation', 'continue_watching', 'punchplay_sync',
           'punchplay_test', 'punchplay_status', 'punchplay_clear_queue',
           'definitely_not_an_action', 'PLAY', 'play\x00', '']
PARAMS = ['content_type', 'media_type', 'imdb_id', 'meta_id', 'season', 'episode', 'catalog_id', 'catalog_name',
          'genre', 'skip', 'query', 'media_id', 'title', 'stream_id', 'index', 'page', 'playback_id', 'show_trakt_id',
          'trailer', 'aired', 'widget', 'nocache', 'reload', 'tmdb_id', 'year', 'list_id', 'user', 'kind', 'trakt_id',
          'day']
VALUES = st.one_of(
    st.sampled_from(['movie', 'series', 'movies', 'shows', 'anime', 'both', 'all', 'tt1000001', 'tt2000001',
                     'tmdb:550001', 'tt9000003', 'fk1.tmdb.top', 'fk1.tmdb.trending', 'fk1.search.movie', '1', '2',
                     '0', '-1', '20', 'true', 'false', 'Drama', 'Action', 'None', '_', '$INFO[ListItem.Title]',
                     'Law & Order', 'Amélie', '東京物語', 'tt2000001:1:1', 'kitsu:1:2']),
    st.sampled_from(['x&%s=1' % INJECTED, 'x|%s=1' % INJECTED, 'a#%s' % INJECTED, 'x\r\n%s: 1' % INJECTED,
                     'Drama&skip=99999&%s=1' % INJECTED, 'q=%s' % INJECTED, '%26' + INJECTED + '%3D1']),
    st.sampled_from(['9' * 400, 'x' * 5000, '1e400', str(2 ** 64), '-' * 50, '../../../../etc/passwd', '%00']),
    plain_text)
noise = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMS), st.sampled_from(PARAMS), plain_text), VALUES),
                 max_size=4)
# Mostly valid parameters for the deep flows (a real catalog, show or title), so that hostile values reach the
# rendering and the URL building instead of stopping at "missing id".
KINDS = st.sampled_from(['movie', 'series'])
TITLES = st.sampled_from(['tt1000001', 'tt9000003', 'tmdb:550001', 'tt2000001', 'tmdb:62560', 'kitsu:1376'])
SHOWS = st.sampled_from(['tt2000001', 'tmdb:62560', 'kitsu:1376', 'tt8000001'])
SMALL = st.integers(min_value=-2, max_value=30).map(str)


def valid_for(path):
    """Pairs that reach deep into the flow of `path`: its required parameters valid, the others fuzzed."""
    catalog = {'content_type': KINDS, 'catalog_id': st.sampled_from(['fk1.tmdb.top', 'fk1.tmdb.trending',
                                                                    'fk1.streaming.nfx', 'fk1.search.movie'])}
    show = {'content_type': st.just('series'), 'meta_id': SHOWS}
    title = {'content_type': KINDS, 'imdb_id': TITLES}
    episode = {'season': SMALL, 'episode': SMALL, 'title': VALUES}
    table = {'/catalog': (catalog, {'genre': VALUES, 'skip': SMALL, 'catalog_name': VALUES}),
             '/genres': (catalog, {'catalog_name': VALUES}),
             '/search': ({'content_type': st.sampled_from(['movie', 'series', 'both', 'all'])}, {'query': VALUES}),
             '/seasons': (show, {}), '/episodes': (show, {'season': SMALL}), '/play': (title, episode),
             '/play/first': (title, episode), '/play/select': (title, episode), '/streams': (title, episode),
             '/streams/play': (title, dict(episode, index=SMALL)), '/trakt/related': (title, episode),
             '/item/actions': (title, episode), '/trakt/watched': (title, episode),
             '/item/trailer': (title, dict(episode, trailer=VALUES)),
             '/trakt/discover': ({'kind': st.sampled_from(['trending', 'popular', 'anticipated', 'recommended']),
                                  'media_type': st.sampled_from(['movies', 'shows'])}, {'page': SMALL}),
             '/trakt/recommendations/hide': ({'media_type': st.sampled_from(['movies', 'shows']),
                                              'trakt_id': SMALL}, {'title': VALUES})}
    if path not in table:
        return st.just([])
    required, optional = table[path]
    deep = st.fixed_dictionaries(required, optional=optional)
    shallow = st.fixed_dictionaries({}, optional=dict(required, **optional))
    return st.one_of(deep, deep, deep, shallow).map(lambda chosen: sorted(chosen.items()))


def queries_for(path):
    return st.tuples(valid_for(path), noise).map(lambda parts: parts[0] + parts[1])


def url_of(path, action, pairs, widget):
    pairs = list(pairs)
    if action is not None:
        pairs.insert(0, ('action', action))
    if widget:
        pairs.append(('widget', 'true'))
    return ROOT + path + ('?' + urlencode(pairs) if pairs else '')


@pytest.fixture(scope='module')
def plugin(fuzz_kodi):
    """The fake backend behind base_url, a Trakt login so the Trakt lists render from the (empty) database, and
    no waiting on a service or a player that does not exist here."""
    server = FakeAIOStreams().start()
    fuzz_kodi.set_setting('base_url', server.manifest_url)
    trakt_client.token_store().save({'access_token': 'fuzz-access', 'refresh_token': 'fuzz-refresh',
                                     'created_at': 4e9, 'expires_in': 3600, 'username': 'fuzzer'})
    saved = playback.START_WATCH_SECONDS, manual_sync.SERVICE_ANSWER_SECONDS
    playback.START_WATCH_SECONDS, manual_sync.SERVICE_ANSWER_SECONDS = 0.1, 0.1
    yield server
    playback.START_WATCH_SECONDS, manual_sync.SERVICE_ANSWER_SECONDS = saved
    server.stop()


HANDLES = itertools.count(100)


def cancel_every_dialog(fake):
    """Whatever dialog a script opens, the user backs out of it."""
    fake.state.script.queues.clear()
    for kind, value in (('select', -1), ('multiselect', None), ('yesno', False), ('yesnocustom', -1), ('ok', None),
                        ('input', ''), ('numeric', ''), ('browse', ''), ('contextmenu', -1), ('textviewer', None),
                        ('window', ['back']), ('info', None)):
        for _ in range(5):
            fake.answer(kind, value)


def view_of(path, action):
    from addon.platform import route_table
    from addon.platform.route_table import plugin
    view = plugin.route_for(path.rstrip('/'))
    if view is not None and view.__name__ == 'root' and action:
        routes.load_views()
        legacy = route_table.actions().get(action)
        return legacy.__name__ if legacy else 'unknown'
    return view.__name__ if view else None


COMMAND_URL = re.compile(r'plugin://[^\s,)"]+')


def built_urls(directory):
    """The URLs of the listed items and of their context-menu commands (builtins such as RunPlugin(url))."""
    urls = [item.url for item in directory.items]
    for item in directory.items:
        for _label, command in item.listitem.context_menu:
            for match in COMMAND_URL.finditer(command):
                # nothing of the URL may spill out of its builtin argument: only ',arg' or ')' may follow it
                assert re.match(r'^(,[^,()]*)*\)', command[match.end():]), command
                urls.append(match.group(0))
    return urls


def check_built_url(url):
    """Well-formed, and nothing injected: no parameter an input introduced, no header suffix on plugin URLs."""
    parts = urlsplit(url)
    assert parts.scheme == 'plugin', url
    if parts.netloc == 'plugin.video.aiostreams':
        assert '|' not in url and '\r' not in url and '\n' not in url and ' ' not in url, url
        assert not parts.fragment, url
        keys = [key for key, _value in parse_qsl(parts.query, keep_blank_values=True)]
        assert INJECTED not in keys and not any(key.startswith(INJECTED) for key in keys), url


def check_backend_requests(server, since):
    """What the addon asked the backend: no header suffix, and catalog extras the addon chose, nothing injected."""
    for entry in server.log[since:]:
        assert '|' not in entry.path and ' ' not in entry.path, entry  # percent-encoded, if at all
        segments = entry.path.split('/')
        if '/catalog/' in entry.path and len(segments) > 1 and '=' in unquote(segments[-1]):
            pairs = unquote(segments[-1][:-len('.json')]).split('&')
            assert {pair.partition('=')[0] for pair in pairs if pair} <= {'genre', 'skip', 'search'}, entry


@FUZZ
@given(path_and_pairs=st.sampled_from(PATHS).flatmap(lambda path: st.tuples(st.just(path), queries_for(path))),
       action=st.one_of(st.none(), st.sampled_from(ACTIONS), plain_text), widget=st.booleans(), script=st.booleans())
def test_any_plugin_url(plugin, fuzz_kodi, path_and_pairs, action, widget, script):
    path, pairs = path_and_pairs
    fake = fuzz_kodi
    with example('plugin URLs through routes.run'):
        cancel_every_dialog(fake)
        handle = -1 if script else next(HANDLES)
        errors_before, dialogs_before, log_before = len(fake.errors()), len(fake.dialogs), len(plugin.log)
        url = url_of(path, action if path == '/' else None, pairs, widget)
        directory = fake.run_plugin(url, handle=handle, entry=routes.run)
        errors = fake.errors()[errors_before:]
        assert not [line for line in errors if 'unhandled error' in line], (url, errors)
        if handle >= 0:  # (a listing run as a script writes to handle -1, which Kodi only logs)
            assert not [line for line in errors if 'invalid handle' in line], (url, errors)
        view = view_of(path, action if path == '/' else None)
        event('%s: %s' % (view, 'items' if directory.items else 'resolved' if directory.resolved else 'no items'))
        if handle >= 0 and view in LIST_VIEWS:
            assert directory.ended or directory.resolved, (url, directory)
        if handle >= 0 and view in PLAY_VIEWS:
            assert len(directory.resolved) == 1 and not directory.ended, (url, directory)
        if widget and view in LIST_VIEWS and handle >= 0:
            shown = [dialog for dialog in fake.dialogs[dialogs_before:] if dialog['kind'] != 'progress']
            assert not shown, (url, shown)
        for built in built_urls(directory):
            check_built_url(built)
        check_backend_requests(plugin, log_before)
