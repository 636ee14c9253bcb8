"""The one HTTP layer: a requests-cache session for AIOStreams metadata, plain sessions for Trakt and PunchPlay, and
per-API caches for slow-moving lists (api_cache_session: Trakt's discover lists and calendar).

- Metadata TTL is handled by requests-cache with per-URL rules: manifest and meta follow `cache_expiry_hours`,
  catalogs a few hours, everything else (streams, search, subtitles, /api/v1, Trakt, PunchPlay) is never cached.
- Only HTTP 200 answers whose body is complete JSON without AIOStreams error items are stored.
- Every failure is raised as an HttpFailure with a kind (offline, timeout, status, invalid_json) and a message that
  has been through redaction. Each request is logged once, redacted.
- requests and requests-cache are imported inside the functions that use them: the main menu and other listings
  that make no request never pay for loading the HTTP stack (tests/unit/test_main_menu_imports.py). The first import
  and every session are made under one lock: the service's threads reach them at the same moment, and urllib3 1.26
  imported by two threads at once raises "partially initialized module".
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import time

from addon import kodi
from addon.core.redact import redact

CATALOG_TTL_SECONDS = 4 * 3600
CACHE_FILE = 'http_cache.sqlite'
# Error item ids are "aiostreamserror.<json>"; a manifest lists the bare prefix in meta idPrefixes, so match the dot.
ERROR_MARKERS = (b'"aiostreamserror.', '[\u274c]'.encode('utf-8'), b'[\\u274c]', b'"type":"error"',
                 b'"type": "error"')

_sessions: dict = {}
_SESSIONS_LOCK = threading.RLock()


class HttpFailure(Exception):
    """A request that did not give usable JSON. kind: offline | timeout | status | invalid_json | aborted (Kodi
    is quitting: a retry wait ended without the retry)."""

    def __init__(self, kind, message, status=None, retry_after=None, body=None):
        super().__init__(redact(message))
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.body = body


def user_agent() -> str:
    return 'plugin.video.aiostreams/%s (Kodi %s)' % (kodi.addon_info('version'), kodi.kodi_version() or '?')


def expiry_rules(cache_hours) -> dict:
    """requests-cache `urls_expire_after`: glob over the URL without its scheme -> seconds or DO_NOT_CACHE."""
    from requests_cache import DO_NOT_CACHE
    metadata_ttl = int(cache_hours) * 3600
    return {
        '*/manifest.json': metadata_ttl,
        '*/meta/*': metadata_ttl,
        '*/catalog/*': min(CATALOG_TTL_SECONDS, metadata_ttl),
        '*': DO_NOT_CACHE,
    }


def cacheable(response) -> bool:
    """Store only complete JSON bodies that carry no AIOStreams error item."""
    body = response.content.strip()
    if not (body.startswith(b'{') and body.endswith(b'}')):
        return False
    return not any(marker in body for marker in ERROR_MARKERS)


def cache_path() -> str:
    return os.path.join(kodi.profile_dir(), CACHE_FILE)


def metadata_session(cache_hours):
    """The cached session for AIOStreams (one per process, cache file and expiry setting: with reuselanguageinvoker
    the process outlives a switch of Kodi profile, and each profile has its own cache file)."""
    path = cache_path()
    key = ('metadata', int(cache_hours), path)
    with _SESSIONS_LOCK:
        if key not in _sessions:
            _sessions[key] = _cached_session(path, cache_hours)
        return _sessions[key]


def _sqlite_backend(path):
    import requests_cache
    return requests_cache.SQLiteCache(path, wal=True, busy_timeout=10000)


def _mount_retries(session, retries):
    """Mount a urllib3 Retry on the session's adapters (None: requests' default, no retry)."""
    if retries is not None:
        adapter = requests_module().adapters.HTTPAdapter(max_retries=retries)
        session.mount('https://', adapter)
        session.mount('http://', adapter)


def _cached_session(path, cache_hours):
    import requests_cache
    session = requests_cache.CachedSession(
        backend=_sqlite_backend(path), expire_after=requests_cache.DO_NOT_CACHE,
        urls_expire_after=expiry_rules(cache_hours), allowable_codes=(200,), allowable_methods=('GET',),
        filter_fn=cacheable, match_headers=False, stale_if_error=False)
    session.headers['User-Agent'] = user_agent()
    return session


def api_cache_session(name, url_rules, retries=None, key_headers=('Authorization',)):
    """A cached session for an API's slow-moving lists (one per name and retry policy), in `<name>_cache.sqlite`.
    url_rules: {glob over the URL without its scheme: seconds}; every other URL is never stored. The values of
    `key_headers` are hashed into each key, so one account's answers never serve another, and never stored: they are
    left out of the saved request like every credential requests-cache knows (plus `<name>-api-key`)."""
    path = _api_cache_path(name)
    key = ('api-cache', name, path, retries)
    with _SESSIONS_LOCK:
        if key not in _sessions:
            _sessions[key] = _api_cache_session(path, name, url_rules, retries, key_headers)
        return _sessions[key]


def _api_cache_path(name) -> str:
    return os.path.join(kodi.profile_dir(), '%s_cache.sqlite' % name)


def _api_cache_session(path, name, url_rules, retries, key_headers):
    requests_module()
    import requests_cache
    from requests_cache.cache_keys import create_key
    from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS

    def account_key(request, **kwargs):
        secret = '|'.join(request.headers.get(header, '') for header in key_headers)
        return '%s-%s' % (create_key(request, **kwargs), hashlib.sha256(secret.encode('utf-8')).hexdigest()[:16])

    never = requests_cache.DO_NOT_CACHE
    session = requests_cache.CachedSession(
        backend=_sqlite_backend(path), expire_after=never,
        urls_expire_after=dict(url_rules, **{'*': never}), allowable_codes=(200,), allowable_methods=('GET',),
        match_headers=False, ignored_parameters=list(DEFAULT_IGNORED_PARAMS) + ['%s-api-key' % name],
        key_fn=account_key, stale_if_error=False)
    session.headers['User-Agent'] = user_agent()
    _mount_retries(session, retries)
    return session


def clear_api_cache(name):
    """Forget every answer `api_cache_session(name, ...)` stored (this process's sessions and the file)."""
    path = _api_cache_path(name)
    with _SESSIONS_LOCK:
        sessions = [session for key, session in _sessions.items() if key[:3] == ('api-cache', name, path)]
    for session in sessions[:1]:
        session.cache.clear()
    if not sessions and os.path.exists(path):
        _sqlite_backend(path).clear()


def plain_session(name, retries=None):
    """An uncached session (trakt, punchplay, aiostreams-live) with our User-Agent, one per name and retry policy:
    callers sharing both share its connections. `retries`: a urllib3 Retry mounted on the session's adapters (kept
    by the caller, as the same object each time); without it, requests' default (no retry)."""
    key = name if retries is None else (name, retries)
    with _SESSIONS_LOCK:
        if key not in _sessions:
            session = requests_module().Session()
            session.headers['User-Agent'] = user_agent()
            _mount_retries(session, retries)
            _sessions[key] = session
        return _sessions[key]


def requests_module():
    """requests, imported under the sessions lock the first time (see the module docstring)."""
    with _SESSIONS_LOCK:
        import requests
        return requests


def clear_metadata_cache():
    """Forget every cached AIOStreams response (Tools > Clear cache)."""
    path = cache_path()
    for key, session in list(_sessions.items()):
        if key[0] == 'metadata' and key[2] == path:
            session.cache.clear()
            return
    if os.path.exists(path):
        metadata_session(24).cache.clear()


def forget_cached(url, cache_hours):
    """Drop one cached URL (e.g. the manifest for "Refresh manifest")."""
    metadata_session(cache_hours).cache.delete(urls=[url])


def cached_body(url, cache_hours):
    """The body cached for GET `url` (stale copies included), never the network; None when nothing is cached. The
    key is requests-cache's own for the full URL, so each config and variant has its own entries."""
    requests = requests_module()
    cache = metadata_session(cache_hours).cache
    response = cache.get_response(cache.create_key(requests.Request('GET', url).prepare()))
    return None if response is None else response.content


def request(session, method, url, timeout, **kwargs):
    """Send one request; returns the requests.Response or raises HttpFailure (never a requests exception)."""
    requests = requests_module()
    started = time.monotonic()
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except requests.Timeout:
        kodi.log('%s %s: timed out' % (method, url), 'warning')
        raise HttpFailure('timeout', 'timed out after %s s' % (timeout,)) from None
    except (requests.ConnectionError, requests.TooManyRedirects) as exc:
        kodi.log('%s %s: %s' % (method, url, type(exc).__name__), 'warning')
        raise HttpFailure('offline', 'cannot connect (%s)' % type(exc).__name__) from None
    except requests.RequestException as exc:
        kodi.log('%s %s: %s' % (method, url, type(exc).__name__), 'warning')
        raise HttpFailure('offline', 'request failed (%s)' % type(exc).__name__) from None
    kodi.log('%s %s -> %d in %d ms%s' % (method, url, response.status_code, (time.monotonic() - started) * 1000,
                                        ' (cache)' if getattr(response, 'from_cache', False) else ''))
    return response


def retry_after_seconds(response):
    value = response.headers.get('Retry-After')
    try:
        return max(0, int(float(value))) if value is not None else None
    except (ValueError, OverflowError):  # an HTTP date, garbage, NaN or an infinite number of seconds
        return None


def json_of(response, ok_statuses=(200,)):
    """The decoded JSON of a response, or HttpFailure(status / invalid_json) with the body kept for callers."""
    if response.status_code not in ok_statuses:
        body = _try_json(response)
        raise HttpFailure('status', 'HTTP %d' % response.status_code, status=response.status_code,
                          retry_after=retry_after_seconds(response), body=body)
    data = _try_json(response)
    if data is None and response.content.strip() not in (b'null', b''):
        raise HttpFailure('invalid_json', 'the answer is not valid JSON', status=response.status_code)
    return data


def _try_json(response):
    try:
        return json.loads(response.content.decode('utf-8'))
    except (ValueError, UnicodeDecodeError):
        return None
