"""A fake AIOStreams instance: a real HTTP server on 127.0.0.1 following aiostreams-api.md, errors included.

    server = FakeAIOStreams().start()        # ephemeral port; server.manifest_url is the credentialed URL
    ...                                      # point base_url at it, run the addon
    server.requests_to('/catalog/')          # the request log tests assert on
    server.fail('timeout_slow', match='/stream/', times=1)   # failure modes, see FAILURE_MODES
    server.stop()

Config variants (aiostreams_variants.py has the rules; the dataset's 'variants' the ids: no4k, nodv, kids, retired):
    server.variant_manifest_url('no4k')                 # .../stremio/<uuid>/<pw>/v/no4k/manifest.json
    server.variant_manifest_url('nodv', form='query')   # .../stremio/<uuid>/<pw>/manifest.json?v=nodv
A selector applies to every resource route (path form, or ?v= when the path has none) and to /api/v1/search?v=.
An unknown, disabled or malformed selector answers as the server does: resource routes 200 with an error item
('Unknown config variant "x".'), manifest.json and /api/v1/search 400 USER_INVALID_CONFIG with that message.
FakeAIOStreams(variant_support=...) picks the server generation:
    'current'   (default) v2.33.0+ (2026-08-10 on): both forms, and `v` on the search API
    'legacy'    a server before v2.33.0: `v` is ignored everywhere (the base config answers, 200, silently), and a
                /v/<sel>/ path is no route: 200 text/html (the web UI's page) when Accept admits HTML, as requests'
                default */* does, else 404 {"success": false, "detail": "Not Found"}
    'disabled'  a current server with VARIANT_ACCESS=none: every selector fails with
                'Config variants are not available on this instance.'
/api/v1/status reports settings.variants unless 'legacy'.

Stream kinds of a current server: the dataset's MIXED_STREAMS (movie tt1000002, episodes tt2000002:1:1 and :1:2)
hold an uncached 2160p first, cached 2160p DV / 1080p DV / 1080p, a 720p of unknown cache state, an info item whose
url is /builtins/library/refresh/... (the fake answers it 307 to /static/200.mp4, as the server does after starting
the refresh; server.requests_to('/builtins/') shows whether anything opened it), and a statistic item. /stream
carries them as streamData, /api/v1/search as flat fields (statistics in data.statistics, info in results).
Movie tt1000003 has only uncached streams (and those two notices), movie tt1000004 only the info and statistic items.

Serves: /stremio/<uuid>/<encPw>[/v/<sel>]/{manifest.json, catalog, meta, stream, subtitles, configure}, the alias
/stremio/u/<alias>/... (302 to the credentialed path, query kept), the unconfigured /stremio/manifest.json,
/api/v1/{search, user, status, health}, the Library built-in's refresh action /builtins/library/refresh/..., playback
URLs /api/v1/debrid/playback/<blob>/<outcome>/... (307 to /media/clip.mp4 when outcome is 'ok', else to
/static/<outcome>.mp4), proxied streams /api/v1/proxy/<blob> (need the Authorization request header of the stream's
proxyHeaders), media and failure clips with HTTP Range, artwork PNGs (/art/...), and subtitle files (/subs/...).

Run by hand: python -m tests.fakes.aiostreams_server [--demo] [--port N]
"""
from __future__ import annotations

import argparse
import base64
import fnmatch
import json
import os
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit

if __package__ in (None, ''):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.fakes import aiostreams_data, media  # noqa: E402
from tests.fakes import aiostreams_variants as variants  # noqa: E402

UUID = '3f1d2c4b-8a7e-4f60-9b1c-2d3e4f5a6b7c'
RAW_PASSWORD = 'correct horse battery staple'
ENCRYPTED_PASSWORD = 'eyJpIjoiN2tYc2VmVnBOc1E0T2d3PT0iLCJlIjoiOWJ2c2N0az0iLCJ0IjoiYSJ9'
ALIAS = 'fakealias'
PROXY_AUTHORIZATION = 'Basic dXNlcjpwYXNz'
ERROR_LINK = 'https://github.com/Viren070/AIOStreams'
FAILURE_CLIPS = ('downloading', 'download_failed', 'no_matching_file', 'store_limit_exceeded', 'payment_required',
                 'content_proxy_limit_reached', 'unavailable_for_legal_reasons', '401', '403', '429', '500')
STATIC_CLIPS = FAILURE_CLIPS + ('200',)  # 200.mp4: what a server action such as a library refresh answers with
VARIANT_SUPPORT = ('current', 'legacy', 'disabled')
WEB_UI_PAGE = b'<!DOCTYPE html><html><head><title>AIOStreams</title></head><body><div id="root"></div></body></html>'
# mode -> what the matching requests get
FAILURE_MODES = {
    'slow': 'the normal answer after `delay` seconds (default 30: beyond any client timeout)',
    'html': '200 text/html (a proxy or captive portal page)',
    'truncated': '200 with the JSON body cut in half (Content-Length matches the cut body)',
    'http_429': '429 RATE_LIMIT_EXCEEDED envelope with Retry-After and RateLimit-* headers',
    'http_500': '500 INTERNAL_SERVER_ERROR envelope',
    'http_404': '404 NOT_FOUND envelope',
    'error_items': '200 with only an error item of the resource (description `message`)',
    'error_appended': '200 with the normal content plus an error item appended',
    'rate_limit_items': '200 with only a "Rate Limit Exceeded" error item',
    'reset': 'the connection is closed without an answer',
    'unconfigured': 'the manifest says configurationRequired',
}
RATE_LIMIT_MESSAGE = 'Too many requests from this IP, please try again later.'


class LoggedRequest:
    __slots__ = ('method', 'path', 'raw_query', 'query', 'headers', 'at')

    def __init__(self, method, path, raw_query, headers):
        self.method = method
        self.path = path          # raw (percent-encoded) path, as sent
        self.raw_query = raw_query
        self.query = parse_qs(raw_query)  # dict of lists
        self.headers = headers    # dict, header names lower-cased
        self.at = time.time()

    @property
    def decoded_path(self) -> str:
        return unquote(self.path)

    def __repr__(self):
        return '%s %s%s' % (self.method, self.path, '?' + self.raw_query if self.raw_query else '')


class Failure:
    def __init__(self, mode, match, times, options):
        if mode not in FAILURE_MODES:
            raise ValueError('unknown failure mode %r (known: %s)' % (mode, ', '.join(FAILURE_MODES)))
        self.mode = mode
        self.match = match
        self.remaining = times
        self.options = options

    def applies(self, path) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        decoded = unquote(path)
        if any(char in self.match for char in '*?['):
            return fnmatch.fnmatch(decoded, self.match)
        return self.match in decoded


class FakeAIOStreams:
    """The fake instance. All state (dataset, failures, log) may be changed while it runs."""

    def __init__(self, dataset=None, port=0, version='2.20.1', legacy_user_api=False, search_api_disabled=False,
                 rate_limits=None, art_renderer=None, variant_support='current'):
        if variant_support not in VARIANT_SUPPORT:
            raise ValueError('variant_support must be one of %s' % ', '.join(VARIANT_SUPPORT))
        self.dataset = aiostreams_data.copy_dataset(dataset or aiostreams_data.default_dataset())
        self.version = version
        self.variant_support = variant_support
        self.legacy_user_api = legacy_user_api
        self.search_api_disabled = search_api_disabled
        # {'stream': (window_seconds, max_requests), 'catalog': ..., 'meta': ..., 'manifest': ..., 'search': ...}
        self.rate_limits = dict(rate_limits or {})
        # art_renderer(kind, name) -> PNG bytes or None (then a plain colour PNG is served)
        self.art_renderer = art_renderer
        self.log = []
        self.failures = []
        self._rate_hits = {}
        self._connections = set()
        self._lock = threading.Lock()
        self._port = port
        self._httpd = None
        self._thread = None

    # ---- lifecycle ----
    def start(self, prepare_media=True):
        if prepare_media:
            for name in media.CLIPS:
                media.clip_path(name)
        self._serve()
        return self

    def _serve(self):
        server = self

        class Handler(_Handler):
            fake = server

        ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = ThreadingHTTPServer(('127.0.0.1', self._port), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name='fake-aiostreams',
                                        daemon=True)
        self._thread.start()

    def stop(self):
        """Stop listening and cut open keep-alive connections (clients then see the server as down)."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        with self._lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def track(self, connection, alive):
        with self._lock:
            (self._connections.add if alive else self._connections.discard)(connection)

    def go_down(self):
        """Stop listening (connection refused) but keep the port for come_back()."""
        self.stop()

    def come_back(self):
        if self._httpd is None:
            self._serve()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- addresses ----
    @property
    def port(self) -> int:
        return self._port

    @property
    def origin(self) -> str:
        return 'http://127.0.0.1:%d' % self._port

    @property
    def base(self) -> str:
        return '%s/stremio/%s/%s' % (self.origin, UUID, ENCRYPTED_PASSWORD)

    @property
    def manifest_url(self) -> str:
        return self.base + '/manifest.json'

    def variant_manifest_url(self, selector, form='path') -> str:
        """The manifest URL of a config variant, in the path form (/v/<sel>/) or the query form (?v=<sel>)."""
        if form == 'path':
            return '%s/v/%s/manifest.json' % (self.base, quote(selector, safe=','))
        if form == 'query':
            return '%s?v=%s' % (self.manifest_url, quote(selector, safe=','))
        raise ValueError("form must be 'path' or 'query'")

    @property
    def alias_manifest_url(self) -> str:
        return '%s/stremio/u/%s/manifest.json' % (self.origin, ALIAS)

    @property
    def unconfigured_manifest_url(self) -> str:
        return self.origin + '/stremio/manifest.json'

    def playback_url(self, outcome='ok', name='file.mkv') -> str:
        return '%s/api/v1/debrid/playback/eyJmYWtlIjoxfQ/%s/%s' % (self.origin, outcome, name)

    # ---- failures ----
    def fail(self, mode, match='', times=None, **options):
        """Make requests whose decoded path contains `match` (or matches it as a glob) fail `times` times
        (None: until clear_failures). options: delay (slow), message (error_items), retry_after (http_429)."""
        with self._lock:
            self.failures.append(Failure(mode, match, times, options))

    def clear_failures(self):
        with self._lock:
            del self.failures[:]

    def _failure_for(self, path):
        with self._lock:
            for failure in self.failures:
                if failure.applies(path):
                    if failure.remaining is not None:
                        failure.remaining -= 1
                    return failure
        return None

    # ---- request log ----
    def record(self, entry):
        with self._lock:
            self.log.append(entry)

    def requests_to(self, fragment='', method=None) -> list:
        """Logged requests whose decoded path contains `fragment` (optionally of one method)."""
        with self._lock:
            return [entry for entry in self.log
                    if fragment in entry.decoded_path and (method is None or entry.method == method)]

    def clear_log(self):
        with self._lock:
            del self.log[:]

    def rate_limited(self, limiter) -> bool:
        if limiter not in self.rate_limits:
            return False
        window, allowed = self.rate_limits[limiter]
        now = time.time()
        with self._lock:
            hits = [hit for hit in self._rate_hits.get(limiter, []) if now - hit < window]
            hits.append(now)
            self._rate_hits[limiter] = hits
        return len(hits) > allowed

    # ---- dataset access (placeholders filled) ----
    def fill(self, value, **extra):
        """Replace {origin}/{id}/{file} placeholders in every string of a JSON-like value."""
        if isinstance(value, str):
            text = value.replace('{origin}', self.origin)
            for key, replacement in extra.items():
                text = text.replace('{%s}' % key, replacement)
            return text
        if isinstance(value, list):
            return [self.fill(item, **extra) for item in value]
        if isinstance(value, dict):
            return {key: self.fill(item, **extra) for key, item in value.items()}
        return value

    def manifest_body(self, config=None):
        """The manifest as served under a variant's config ({} or None: the base config)."""
        body = self.fill(self.dataset['manifest'])
        config = config or {}
        body['name'] = config.get('addonName', body['name'])
        body['id'] = body['id'] + variants.addon_id_suffix(config)
        return body

    def variant_config(self, path_selector, query_selector):
        """The config changes a request's selector asks for; VariantError when the server would refuse it."""
        if self.variant_support == 'legacy':
            return {}
        ids = variants.resolve(path_selector, query_selector)
        return variants.apply(self.dataset.get('variants'), ids, available=self.variant_support == 'current')

    def catalog_declared(self, content_type, catalog_id):
        for catalog in self.dataset['manifest'].get('catalogs', []):
            if catalog.get('type') == content_type and catalog.get('id') == catalog_id:
                return catalog
        return None

    def catalog_page(self, content_type, catalog_id, extras):
        declared = self.catalog_declared(content_type, catalog_id)
        entry = self.dataset['catalogs'].get('%s/%s' % (content_type, catalog_id))
        if declared is None or entry is None:
            return None
        items = entry['items']
        if items == 'all':
            items = [meta for key, meta in self.dataset['metas'].items() if key.startswith(content_type + '/')]
        names = {extra.get('name') for extra in declared.get('extra', [])}
        genre = extras.get('genre')
        if genre and genre != 'None' and 'genre' in names:
            items = [item for item in items if genre in (item.get('genres') or [])]
        search = extras.get('search')
        if search is not None and 'search' in names:
            words = search.lower().split()
            items = [item for item in items if all(word in item.get('name', '').lower() for word in words)]
        if 'skip' in names:
            skip = int(extras.get('skip') or 0)
            items = items[skip:skip + entry.get('page_size', 20)]
        return [self.fill(_preview_of(item)) for item in items]

    def meta(self, content_type, item_id):
        meta = self.dataset['metas'].get('%s/%s' % (content_type, item_id))
        return self.fill(meta) if meta else None

    def streams(self, content_type, item_id, config=None):
        """The title's /stream items, less those the variant's config filters out."""
        streams = self.dataset['streams'].get('%s/%s' % (content_type, item_id))
        if streams is None:
            streams = self.dataset.get('stream_template', [])
        kept = [stream for stream in streams if variants.keeps(stream, config or {})]
        return self.fill(kept, id=quote(item_id, safe=''), file=_file_stem(item_id))

    def subtitles(self, content_type, item_id):
        subtitles = self.dataset['subtitles'].get('%s/%s' % (content_type, item_id))
        if subtitles is None:
            subtitles = self.dataset.get('subtitle_template', [])
        return self.fill(subtitles, id=quote(item_id, safe=''), file=_file_stem(item_id))


def _preview_of(meta):
    return {key: value for key, value in meta.items() if key not in ('videos', 'app_extras', 'trailers', 'links')}


def _file_stem(item_id):
    return 'Title.' + item_id.replace(':', '.').replace('tt', '')


def error_meta(description, content_type='movie'):
    """The server's error meta; its id is encodeURIComponent(JSON.stringify(options)), as JavaScript writes them."""
    options = json.dumps({'errorDescription': description}, separators=(',', ':'), ensure_ascii=False)
    return {'id': 'aiostreamserror.' + quote(options, safe="!'()*"),
            'name': '[\u274c] AIOStreams - Error', 'description': description, 'type': content_type}


def error_stream(title, description):
    return {'name': title, 'description': description, 'externalUrl': ERROR_LINK,
            'streamData': {'type': 'error', 'error': {'title': title, 'description': description},
                           'id': 'error.' + title}}


def error_subtitle(title, description):
    return {'id': 'error.' + title, 'lang': '[\u274c] %s - %s' % (title, description), 'url': ERROR_LINK}


def error_body(resource, description, content_type='movie'):
    """The HTTP-200 error answer of a Stremio resource route (§11)."""
    if resource == 'catalog':
        return {'metas': [error_meta(description, content_type)]}
    if resource == 'meta':
        return {'meta': error_meta(description, content_type)}
    if resource == 'stream':
        return {'streams': [error_stream('[\u274c] AIOStreams', description)]}
    return {'subtitles': [error_subtitle('AIOStreams', description)]}


def envelope(code, message, data=None, success=False, detail=None):
    return {'success': success, 'detail': detail, 'data': data,
            'error': None if success else {'code': code, 'message': message}}


def png(width=4, height=6, color=(40, 90, 160)) -> bytes:
    """A solid-colour PNG made without any imaging library."""
    row = b'\x00' + bytes(color) * width
    raw = row * height

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')


class _Handler(BaseHTTPRequestHandler):
    fake = None  # type: FakeAIOStreams
    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        return

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.fake.track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.fake.track(self.connection, False)

    # ---- plumbing ----
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        parts = urlsplit(self.path)
        entry = LoggedRequest(self.command, parts.path, parts.query,
                              {key.lower(): value for key, value in self.headers.items()})
        self.fake.record(entry)
        self.query = entry.query
        self.raw_query = parts.query
        self.failure = self.fake._failure_for(parts.path)
        if self.failure is not None and self.failure.mode == 'reset':
            self.close_connection = True
            self.connection.close()
            return
        if self.failure is not None and self.failure.mode == 'slow':
            time.sleep(float(self.failure.options.get('delay', 30)))
            self.failure = None
        try:
            self.route(parts.path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_json(self, body, status=200, headers=None):
        payload = json.dumps(body).encode('utf-8')
        self.send_bytes(payload, 'application/json; charset=utf-8', status, headers)

    def send_bytes(self, payload, content_type, status=200, headers=None):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(payload)))
        self.send_header('Access-Control-Allow-Origin', '*')
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(payload)

    def redirect(self, status, location):
        self.send_response(status)
        self.send_header('Location', location)
        self.send_header('Content-Length', '0')
        if status == 307:
            self.send_header('Cache-Control', 'no-store')
        self.end_headers()

    def envelope_error(self, status, code, message, headers=None):
        self.send_json(envelope(code, message), status, headers)

    def rate_limit_envelope(self):
        retry_after = self.failure.options.get('retry_after', 5) if self.failure else 5
        self.envelope_error(429, 'RATE_LIMIT_EXCEEDED', RATE_LIMIT_MESSAGE, {
            'Retry-After': str(retry_after), 'RateLimit-Limit': '5', 'RateLimit-Remaining': '0',
            'RateLimit-Reset': str(retry_after)})

    def generic_failure(self, resource, content_type='movie') -> bool:
        """Answer the configured failure of a JSON route; True when answered."""
        failure = self.failure
        if failure is None or failure.mode in ('error_appended', 'unconfigured'):
            return False
        if failure.mode == 'html':
            self.send_bytes(b'<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>',
                            'text/html; charset=utf-8')
        elif failure.mode == 'truncated':
            body = self.resource_body_for_truncation(resource)
            self.send_bytes(body[:max(1, len(body) // 2)], 'application/json; charset=utf-8')
        elif failure.mode == 'http_429':
            self.rate_limit_envelope()
        elif failure.mode == 'http_500':
            self.envelope_error(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred')
        elif failure.mode == 'http_404':
            self.envelope_error(404, 'NOT_FOUND', 'Not found')
        elif failure.mode == 'error_items':
            self.send_json(error_body(resource, failure.options.get('message', 'Invalid password'), content_type))
        elif failure.mode == 'rate_limit_items':
            self.send_json(error_body(resource, 'Rate Limit Exceeded', content_type))
        return True

    def resource_body_for_truncation(self, resource):
        key = {'catalog': 'metas', 'stream': 'streams', 'subtitles': 'subtitles'}.get(resource)
        sample = {key: [{'id': 'tt0000001', 'type': 'movie', 'name': 'Cut Short'}] * 3} if key else \
            {'meta': {'id': 'tt0000001', 'type': 'movie', 'name': 'Cut Short', 'genres': ['Drama'] * 5},
             'success': True}
        return json.dumps(sample).encode('utf-8')

    def art(self, segments, path):
        kind = segments[1] if len(segments) > 2 else 'poster'
        name = segments[-1][:-4] if segments[-1].endswith('.png') else segments[-1]
        body = self.fake.art_renderer(kind, name) if self.fake.art_renderer else None
        self.send_bytes(body or png(color=(30 + len(path) % 200, 80, 140)), 'image/png',
                        headers={'Cache-Control': 'max-age=86400'})

    # ---- dispatch ----
    def route(self, path):
        segments = [unquote(part) for part in path.split('/')[1:]]
        if segments[:2] == ['api', 'v1']:
            return self.api(segments[2:], path)
        if segments and segments[0] in ('media', 'static'):
            return self.media(segments)
        if segments and segments[0] == 'art':
            return self.art(segments, path)
        if segments and segments[0] == 'subs':
            return self.send_bytes(b'1\n00:00:01,000 --> 00:00:04,000\nFake subtitle line\n', 'text/plain')
        if segments and segments[0] == 'stremio':
            return self.stremio(segments[1:], path)
        if segments[:3] == ['builtins', 'library', 'refresh'] and len(segments) == 5:
            # the server starts the refresh in the background and answers with its "OK" clip
            return self.redirect(307, self.fake.origin + '/static/200.mp4')
        self.envelope_error(404, 'NOT_FOUND', 'Not found')

    def stremio(self, rest, raw_path):
        if rest[:1] == ['u'] and len(rest) >= 2:
            if rest[1] != ALIAS:
                return self.envelope_error(400, 'USER_INVALID_DETAILS', 'Invalid UUID or password')
            tail = raw_path.split('/', 4)[4] if raw_path.count('/') >= 4 else ''
            location = '/stremio/%s/%s/%s' % (UUID, ENCRYPTED_PASSWORD, tail)
            return self.redirect(302, location + ('?' + self.raw_query if self.raw_query else ''))
        if rest in (['manifest.json'], []):
            body = self.fake.manifest_body()
            body.update(catalogs=[], resources=[], behaviorHints={'configurable': True, 'configurationRequired': True})
            return self.send_json(body)
        if rest and rest[0] == 'configure':
            return self.send_bytes(b'<html><body>Configure AIOStreams</body></html>', 'text/html')
        if rest and rest[0] in ('catalog', 'meta', 'stream', 'subtitles'):
            return self.send_json(error_body(rest[0], 'Please configure the addon first'))
        if len(rest) < 3:
            return self.envelope_error(404, 'NOT_FOUND', 'Not found')
        uuid, password, tail = rest[0], rest[1], rest[2:]
        path_selector = None
        if tail[:1] == ['v'] and len(tail) >= 2:
            path_selector, tail = tail[1], tail[2:]
        resource = tail[0] if tail else ''
        if tail == ['configure']:  # the configure page always edits the base config
            return self.send_bytes(b'<html><body>Configure your AIOStreams</body></html>', 'text/html')
        credential_error = None if uuid == UUID else 'User not found'
        if credential_error is None and password != ENCRYPTED_PASSWORD:
            credential_error = 'Invalid password'
        if credential_error:
            if tail == ['manifest.json']:
                return self.envelope_error(400, 'USER_INVALID_DETAILS', 'Invalid UUID or password')
            return self.send_json(error_body(resource, credential_error))
        if path_selector is not None and self.fake.variant_support == 'legacy':
            return self.web_ui_page()  # an older server has no route with /v/<sel>/ in it
        try:
            config = self.fake.variant_config(path_selector, self.query.get('v'))
        except variants.VariantError as refused:
            if resource in ('catalog', 'meta', 'stream', 'subtitles'):
                return self.send_json(error_body(resource, str(refused)))
            return self.envelope_error(400, 'USER_INVALID_CONFIG', str(refused))
        if tail == ['manifest.json']:
            return self.manifest(config)
        return self.resource(tail, config)

    def web_ui_page(self):
        """What an older server answers for a path it has no route for: the web UI's page, or a JSON 404."""
        accept = self.headers.get('Accept') or '*/*'
        if any(kind in accept for kind in ('html', '*/*', 'text/*')):
            return self.send_bytes(WEB_UI_PAGE, 'text/html; charset=UTF-8')
        return self.send_json({'success': False, 'detail': 'Not Found', 'data': None, 'error': None}, 404)

    def manifest(self, config):
        if self.fake.rate_limited('manifest'):
            return self.rate_limit_envelope()
        if self.generic_failure('manifest'):
            return None
        body = self.fake.manifest_body(config)
        if self.failure is not None and self.failure.mode == 'unconfigured':
            body.update(catalogs=[], behaviorHints={'configurable': True, 'configurationRequired': True})
        etag = 'W/"%x"' % (zlib.crc32(json.dumps(body, sort_keys=True).encode('utf-8')) & 0xffffffff)
        if self.headers.get('If-None-Match') == etag:
            self.send_response(304)
            self.send_header('ETag', etag)
            self.send_header('Content-Length', '0')
            self.end_headers()
            return None
        return self.send_json(body, headers={'ETag': etag})

    def resource(self, tail, config):
        resource = tail[0]
        if resource not in ('catalog', 'meta', 'stream', 'subtitles') or len(tail) not in (3, 4) \
                or not tail[-1].endswith('.json'):
            return self.envelope_error(404, 'NOT_FOUND', 'Not found')
        content_type = tail[1]
        item_id = tail[2][:-5] if len(tail) == 3 else tail[2]
        extras = parse_extras(tail[3][:-5]) if len(tail) == 4 else {}
        if self.fake.rate_limited(resource):
            return self.send_json(error_body(resource, 'Rate Limit Exceeded', content_type))
        if self.generic_failure(resource, content_type):
            return None
        appended = self.failure is not None and self.failure.mode == 'error_appended'
        message = (self.failure.options.get('message') if self.failure else None) or 'Upstream addon failed'
        if resource == 'catalog':
            metas = self.fake.catalog_page(content_type, item_id, extras)
            if metas is None:
                return self.send_json(error_body('catalog', 'Catalog not found', content_type))
            return self.send_json({'metas': metas + ([error_meta(message, content_type)] if appended else [])})
        if resource == 'meta':
            if item_id.startswith('aiostreamserror.'):
                return self.send_json({'meta': error_meta(json.loads(unquote(item_id.split('.', 1)[1])).get(
                    'errorDescription', 'Error'), content_type)})
            meta = self.fake.meta(content_type, item_id)
            if meta is None:
                return self.envelope_error(404, 'NOT_FOUND', 'no addon to handle meta resource')
            return self.send_json({'meta': meta})
        if resource == 'stream':
            streams = self.stream_items(content_type, item_id, config)
            if appended:
                streams.append(error_stream('[\u274c] Upstream', message))
            return self.send_json({'streams': streams})
        subtitles = self.fake.subtitles(content_type, item_id)
        return self.send_json({'subtitles': subtitles})

    def stream_items(self, content_type, item_id, config):
        """Streams as /stream returns them: streamData only for an AIOStreams/ User-Agent (errors keep theirs)."""
        streams = self.fake.streams(content_type, item_id, config)
        with_data = 'AIOStreams/' in (self.headers.get('User-Agent') or '')
        if not with_data:
            for stream in streams:
                if (stream.get('streamData') or {}).get('type') not in ('error', 'statistic'):
                    stream.pop('streamData', None)
        return streams

    # ---- /api/v1 ----
    def api(self, rest, raw_path):
        name = rest[0] if rest else ''
        if name == 'health':
            return self.send_json({'success': True, 'detail': 'OK'})
        if name == 'debrid' and rest[1:2] == ['playback'] and len(rest) >= 4:
            return self.playback(rest[3])
        if name == 'proxy':
            return self.proxy()
        limiter = 'search' if name == 'search' else 'user' if name == 'user' else None
        if limiter and self.fake.rate_limited(limiter):
            return self.rate_limit_envelope()
        if self.failure is not None and self.failure.mode in ('http_429', 'http_500', 'http_404', 'html',
                                                              'truncated'):
            return self.generic_failure('api')
        if name == 'status':
            return self.status()
        if name == 'user':
            return self.user()
        if name == 'search':
            return self.search()
        return self.envelope_error(404, 'NOT_FOUND', 'Not found')

    def status(self):
        settings = {'baseUrl': self.fake.origin, 'addonName': 'AIOStreams', 'protected': False,
                    'searchApiDisabled': self.fake.search_api_disabled, 'tmdbApiAvailable': True}
        if self.fake.variant_support != 'legacy':
            settings['variants'] = {'access': 'all' if self.fake.variant_support == 'current' else 'none',
                                    'max': 10, 'maxActive': variants.MAX_ACTIVE, 'maxScriptLength': 4000}
        return self.send_json(envelope(None, None, success=True, data={
            'version': self.fake.version, 'tag': 'v' + self.fake.version, 'channel': 'stable',
            'commit': 'fa1ce0de', 'buildTime': '2026-01-10T12:00:00.000Z', 'users': 42, 'settings': settings}))

    def basic_credentials(self):
        header = self.headers.get('Authorization') or ''
        if not header.startswith('Basic '):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode('utf-8').partition(':')
        except (ValueError, UnicodeDecodeError):
            return None
        return user, password

    def user(self):
        """/api/v1/user. The current API also takes the config alias where it takes a uuid (Basic user name, HEAD's
        ?uuid=), as the server's resolveUuidAliasForUserApi does."""
        if self.command == 'HEAD':
            exists = (self.query.get('uuid') or [''])[0] in (UUID, ALIAS)
            return self.send_json(envelope(None, None, success=exists, data={'uuid': UUID}) if exists else
                                  envelope('USER_NOT_FOUND', 'User not found'), 200 if exists else 404)
        if self.fake.legacy_user_api:
            uuid = (self.query.get('uuid') or [None])[0]
            password = (self.query.get('password') or [None])[0]
            if not uuid or not password:
                return self.envelope_error(400, 'MISSING_REQUIRED_FIELDS', 'uuid and password are required')
        else:
            credentials = self.basic_credentials()
            if credentials is None:
                return self.envelope_error(401, 'UNAUTHORIZED', 'Authorization header required')
            uuid, password = credentials
            uuid = UUID if uuid == ALIAS else uuid
            if password == ENCRYPTED_PASSWORD:
                return self.envelope_error(401, 'UNAUTHORIZED',
                                           'Encrypted password is not accepted here; use your raw password')
        if uuid != UUID:
            return self.envelope_error(404, 'USER_NOT_FOUND', 'User not found')
        if password != RAW_PASSWORD:
            return self.envelope_error(401, 'USER_INVALID_DETAILS', 'Invalid UUID or password')
        return self.send_json(envelope(None, None, success=True, detail='User details retrieved successfully', data={
            'userData': {'uuid': UUID, 'addonName': 'AIOStreams', 'formatter': {'id': 'gdrive'}},
            'encryptedPassword': ENCRYPTED_PASSWORD}))

    def search(self):
        """/api/v1/search, its refusals in the server's order: disabled, request shape, auth, variant."""
        if self.fake.search_api_disabled:  # not an envelope: `error` is a string here
            return self.send_json({'error': 'Search API is disabled', 'success': False}, 403)
        content_type = (self.query.get('type') or [None])[0]
        item_id = (self.query.get('id') or [None])[0]
        if not content_type or not item_id:
            return self.send_json(dict(envelope('BAD_REQUEST', 'Invalid Request'), error={
                'code': 'BAD_REQUEST', 'message': 'Invalid Request', 'issues': []}), 400)
        if not self.headers.get('Authorization'):
            return self.envelope_error(401, 'UNAUTHORIZED', 'At least one of AIOStreams-User-Data or Authorization '
                                                            'headers must be present')
        credentials = self.basic_credentials()
        if credentials is None or credentials[0] != UUID or credentials[1] not in (ENCRYPTED_PASSWORD,
                                                                                      RAW_PASSWORD):
            return self.envelope_error(400, 'USER_INVALID_DETAILS', 'Invalid UUID or password')
        try:
            config = self.fake.variant_config(None, self.query.get('v'))  # the search API reads only `v`
        except variants.VariantError as refused:
            return self.envelope_error(400, 'USER_INVALID_CONFIG', str(refused))
        required = self.query.get('requiredFields') or []
        formatted = (self.query.get('format') or ['false'])[0] == 'true'
        results, errors, statistics = [], [], []
        for stream in self.fake.streams(content_type, item_id, config):
            data = stream.get('streamData') or {}
            if data.get('type') == 'error':
                errors.append({'title': stream.get('name'), 'description': stream.get('description')})
            elif data.get('type') == 'statistic':
                statistics.append({'title': stream.get('name'), 'description': stream.get('description')})
            else:
                result = _search_result(stream, formatted)
                if all(result.get(field) is not None for field in required):
                    results.append(result)
        if self.failure is not None and self.failure.mode == 'error_appended':
            errors.append({'title': '[\u274c] Upstream', 'description': self.failure.options.get('message', 'x')})
        return self.send_json(envelope(None, None, success=True, data={
            'results': results, 'filtered': 0, 'statistics': statistics, 'errors': errors}))

    # ---- playback and media ----
    def playback(self, outcome):
        if outcome == 'ok':
            return self.redirect(307, self.fake.origin + '/media/clip.mp4')
        if outcome == 'short':
            return self.redirect(307, self.fake.origin + '/media/short.mp4')
        if outcome in FAILURE_CLIPS:
            return self.redirect(307, '%s/static/%s.mp4' % (self.fake.origin, outcome))
        return self.envelope_error(400, 'BAD_REQUEST', 'Invalid Request')

    def proxy(self):
        if self.headers.get('Authorization') != PROXY_AUTHORIZATION:
            return self.envelope_error(401, 'UNAUTHORIZED', 'Unauthorized')
        return media.send_file(self, media.clip_path('clip'))

    def media(self, segments):
        name = segments[-1][:-4] if segments[-1].endswith('.mp4') else ''
        if segments[0] == 'static':
            if name not in STATIC_CLIPS:
                return self.envelope_error(404, 'NOT_FOUND', 'Not found')
            return media.send_file(self, media.clip_path('failure'))
        if name not in media.CLIPS:
            return self.envelope_error(404, 'NOT_FOUND', 'Not found')
        return media.send_file(self, media.clip_path(name))


def parse_extras(segment):
    """The server's extras parser: decode, split on '&', then on the first '=' (so '&' in values breaks)."""
    extras = {}
    for pair in unquote(segment).split('&'):
        if pair:
            key, _, value = pair.partition('=')
            extras[key] = value
    return extras


def _search_result(stream, formatted):
    """A /stream item as a SearchApiResult (every field present, null when unknown)."""
    data = stream.get('streamData') or {}
    hints = stream.get('behaviorHints') or {}
    torrent = data.get('torrent') or {}
    service = data.get('service') or {}
    result = {field: None for field in (
        'infoHash', 'seeders', 'age', 'sources', 'ytId', 'externalUrl', 'fileIdx', 'url', 'nzbUrl', 'rarUrls',
        '7zipUrls', 'zipUrls', 'tarUrls', 'tgzUrls', 'proxied', 'filename', 'folderName', 'size', 'folderSize',
        'message', 'library', 'type', 'indexer', 'addon', 'duration', 'bitrate', 'videoHash', 'service', 'cached',
        'servers', 'notWebReady', 'bingeGroup', 'private', 'seadexBest', 'seadex')}
    result.update({
        'infoHash': stream.get('infoHash') or torrent.get('infoHash'), 'seeders': torrent.get('seeders'),
        'fileIdx': stream.get('fileIdx'), 'sources': stream.get('sources'), 'url': stream.get('url'),
        'proxied': data.get('proxied', False), 'filename': hints.get('filename') or data.get('filename'),
        'size': hints.get('videoSize') or data.get('size'), 'type': data.get('type'),
        'message': data.get('message'), 'library': data.get('library', False),
        'indexer': data.get('indexer'), 'addon': data.get('addon'), 'service': service.get('id'),
        'cached': service.get('cached'), 'notWebReady': hints.get('notWebReady'),
        'bingeGroup': hints.get('bingeGroup'), 'subtitles': [], 'countryWhitelist': [],
        'requestHeaders': (hints.get('proxyHeaders') or {}).get('request') or {},
        'responseHeaders': (hints.get('proxyHeaders') or {}).get('response') or {},
    })
    if data.get('parsedFile'):
        result['parsedFile'] = data['parsedFile']
    if formatted:
        result['name'] = stream.get('name')
        result['description'] = stream.get('description')
    return result


def demo_server(port=0) -> FakeAIOStreams:
    """A started server with the demo dataset and locally drawn artwork (for tests/tools/demo.py)."""
    from tests.demo import dataset as demo
    return FakeAIOStreams(dataset=demo.demo_dataset(), port=port, art_renderer=demo.render_art).start()


def main(argv=None):
    parser = argparse.ArgumentParser(description='Run the fake AIOStreams server.')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--demo', action='store_true', help='serve the demo dataset (tests/demo/)')
    options = parser.parse_args(argv)
    server = demo_server(options.port) if options.demo else FakeAIOStreams(port=options.port).start()
    print('manifest URL: %s' % server.manifest_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == '__main__':
    main()
