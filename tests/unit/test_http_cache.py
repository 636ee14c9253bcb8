"""HTTP layer cache rules: metadata TTL through requests-cache, error answers never stored, typed failures."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from addon.platform import http

BODIES = {
    '/stremio/u1/pw1/manifest.json': (200, {'id': 'x', 'resources': []}),
    '/stremio/u1/pw1/meta/movie/tt1.json': (200, {'meta': {'id': 'tt1', 'name': 'One'}}),
    '/stremio/u1/pw1/catalog/movie/top.json': (200, {'metas': [{'id': 'tt1'}]}),
    '/stremio/u1/pw1/stream/movie/tt1.json': (200, {'streams': [{'url': 'http://x/1'}]}),
    '/stremio/u1/pw1/meta/movie/tt2.json': (200, {'meta': {'id': 'aiostreamserror.%7B%7D', 'name': '[\u274c] Error'}}),
    '/stremio/u1/pw1/meta/movie/tt3.json': (500, {'success': False}),
    '/stremio/u1/pw1/meta/movie/tt4.json': (200, '{"meta": {"id": "tt4", "na'),
    '/stremio/u1/pw1/catalog/movie/rate.json': (429, {'error': {'code': 'RATE_LIMIT_EXCEEDED'}}),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.log.append((self.path, self.headers.get('User-Agent')))
        status, body = BODIES.get(self.path, (404, {'error': 'not found'}))
        raw = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(raw)))
        if status == 429:
            self.send_header('Retry-After', '7')
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(('127.0.0.1', 0), _Handler)
    httpd.log = []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def session(kodi):
    http._sessions.clear()
    yield http.metadata_session(24)
    http._sessions.clear()


def _get(server, session, path):
    url = 'http://127.0.0.1:%d%s' % (server.server_port, path)
    return http.request(session, 'GET', url, timeout=(3, 5))


def _hits(server, path):
    return sum(1 for logged, _ in server.log if logged == path)


@pytest.mark.parametrize('path', ['/stremio/u1/pw1/manifest.json', '/stremio/u1/pw1/meta/movie/tt1.json',
                                  '/stremio/u1/pw1/catalog/movie/top.json'])
def test_metadata_is_served_from_cache_on_the_second_visit(server, session, path):
    first = _get(server, session, path)
    second = _get(server, session, path)
    assert http.json_of(first) == http.json_of(second)
    assert second.from_cache and _hits(server, path) == 1


@pytest.mark.parametrize('path', ['/stremio/u1/pw1/stream/movie/tt1.json',  # streams never cached
                                  '/stremio/u1/pw1/meta/movie/tt2.json',    # error item
                                  '/stremio/u1/pw1/meta/movie/tt3.json',    # HTTP 500
                                  '/stremio/u1/pw1/meta/movie/tt4.json'])   # truncated JSON
def test_streams_and_error_answers_are_never_cached(server, session, path):
    _get(server, session, path)
    second = _get(server, session, path)
    assert not second.from_cache and _hits(server, path) == 2


def test_catalogs_expire_sooner_than_metadata(kodi):
    rules = http.expiry_rules(24)
    assert rules['*/manifest.json'] == rules['*/meta/*'] == 24 * 3600
    assert rules['*/catalog/*'] == http.CATALOG_TTL_SECONDS < 24 * 3600
    assert http.expiry_rules(1)['*/catalog/*'] == 3600


def test_clearing_the_cache_forces_a_new_request(server, session):
    path = '/stremio/u1/pw1/manifest.json'
    _get(server, session, path)
    http.clear_metadata_cache()
    assert not _get(server, session, path).from_cache and _hits(server, path) == 2


def test_user_agent_names_the_addon_and_version(server, session):
    _get(server, session, '/stremio/u1/pw1/manifest.json')
    assert server.log[0][1].startswith('plugin.video.aiostreams/4.')


def test_failures_are_typed(server, session, kodi):
    with pytest.raises(http.HttpFailure) as status:
        http.json_of(_get(server, session, '/stremio/u1/pw1/catalog/movie/rate.json'))
    assert (status.value.kind, status.value.status, status.value.retry_after) == ('status', 429, 7)
    with pytest.raises(http.HttpFailure) as invalid:
        http.json_of(_get(server, session, '/stremio/u1/pw1/meta/movie/tt4.json'))
    assert invalid.value.kind == 'invalid_json'
    with pytest.raises(http.HttpFailure) as offline:
        http.request(session, 'GET', 'http://127.0.0.1:9/stremio/u1/pw1/manifest.json', timeout=(1, 1))
    assert offline.value.kind == 'offline'


def test_request_log_lines_carry_no_credentials(server, session, kodi):
    kodi.set_setting('debug_logging', True)
    _get(server, session, '/stremio/u1/pw1/manifest.json')
    assert not any('pw1' in line for _, line in kodi.log_lines)
