"""The AIOStreams backend client (aiostreams-api.md): manifest, catalog, meta, stream, subtitles and /api/v1.

Every call returns an `Outcome` with a kind (ok, empty, error_items, http_error, timeout, offline, invalid_json,
unconfigured, not_set, bad_url, bad_setting) instead of raising: callers tell "no results" from "failed" and show
the right message. AIOStreams error items (HTTP 200 "[❌]" entries) are never returned as content: their
descriptions travel in `Outcome.errors`, and http.py never caches a response that contains one.

Cache rules (http.py): manifest and meta follow `cache_expiry_hours`, catalogs a few hours; streams, subtitles,
search and /api/v1 go through an uncached session. `/stream` is sent with an `AIOStreams/<version>` User-Agent,
which makes the server add `streamData` to each stream.
"""
from __future__ import annotations

import base64
import json
from urllib.parse import urljoin

from addon import kodi
from addon.core import manifest_url
from addon.core.redact import register_secret
from addon.platform import http, settings

OK = 'ok'
EMPTY = 'empty'
ERROR_ITEMS = 'error_items'
HTTP_ERROR = 'http_error'
TIMEOUT = 'timeout'
OFFLINE = 'offline'
INVALID_JSON = 'invalid_json'
UNCONFIGURED = 'unconfigured'      # the manifest says configurationRequired (a URL without credentials)
NOT_SET = 'not_set'                # base_url is empty
BAD_URL = 'bad_url'                # base_url is not an http(s) / stremio URL
BAD_SETTING = 'bad_setting'        # a timeout / expiry setting out of range

ERROR_META_PREFIX = 'aiostreamserror.'
ERROR_LANG_PREFIX = '[\u274c]'
NON_CONTENT_STREAM_TYPES = ('error', 'statistic')
_FAILURE_KINDS = {'timeout': TIMEOUT, 'offline': OFFLINE, 'invalid_json': INVALID_JSON, 'status': HTTP_ERROR}


class Outcome:
    """What a backend call produced.

    data: the content (manifest dict, list of metas, meta dict, list of streams/subtitles, /api/v1 `data`);
    errors: descriptions of AIOStreams error items or of an error envelope, for the user;
    notes: statistic items' descriptions (streams); raw: the decoded body as received;
    status/code/retry_after: HTTP status, envelope error code and Retry-After of an http_error;
    message: a technical, redacted description for the log.
    """

    __slots__ = ('kind', 'data', 'errors', 'notes', 'raw', 'status', 'code', 'retry_after', 'message', 'url')

    def __init__(self, kind, data=None, errors=None, notes=None, raw=None, status=None, code=None,
                 retry_after=None, message='', url=None):
        self.kind = kind
        self.data = data
        self.errors = list(errors or ())
        self.notes = list(notes or ())
        self.raw = raw
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.message = message
        self.url = url

    @property
    def ok(self) -> bool:
        """True when the call worked, with or without results (empty)."""
        return self.kind in (OK, EMPTY)

    def __repr__(self):
        return 'Outcome(%s, status=%s, code=%s, errors=%d)' % (self.kind, self.status, self.code, len(self.errors))


# ---- configuration -------------------------------------------------------------------------------------------

def current_base():
    """The parsed base_url setting, or an Outcome (not_set / bad_url) explaining why there is none."""
    raw = settings.base_url()
    try:
        return manifest_url.parse(raw)
    except manifest_url.BadManifestUrl as bad:
        return Outcome(NOT_SET if bad.reason == 'empty' else BAD_URL, message='base_url: %s' % bad.reason)


def _timeouts():
    return settings.request_timeout(), settings.cache_expiry_hours()


def stream_timeout() -> int:
    return settings.number_in_range('stream_timeout', 10, 120)


def stream_user_agent() -> str:
    """A User-Agent containing AIOStreams/: the server then adds streamData to each stream (§8)."""
    return 'AIOStreams/%s (Kodi; plugin.video.aiostreams)' % kodi.addon_info('version')


# ---- the HTTP exchange ---------------------------------------------------------------------------------------

def _exchange(session, url, timeout, ok_statuses=(200,), **kwargs):
    """(decoded JSON, response) or an Outcome for the failure; envelope errors become errors + code."""
    try:
        response = http.request(session, 'GET', url, timeout, **kwargs)
        return http.json_of(response, ok_statuses), response
    except http.HttpFailure as failure:
        code, errors = _envelope_error(failure.body)
        return Outcome(_FAILURE_KINDS.get(failure.kind, HTTP_ERROR), status=failure.status, code=code,
                       errors=errors, retry_after=failure.retry_after, message=str(failure), raw=failure.body,
                       url=url), None


def _envelope_error(body):
    """(code, [message]) of an /api/v1-style envelope {success:false, error:{code,message}}."""
    if isinstance(body, dict) and isinstance(body.get('error'), dict):
        error = body['error']
        message = error.get('message') or body.get('detail')
        return error.get('code'), [str(message)] if message else []
    return None, []


def _cached_get(url, refresh=False):
    try:
        timeout, hours = _timeouts()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message), None
    extra = {'force_refresh': True} if refresh else {}
    return _exchange(http.metadata_session(hours), url, timeout, **extra)


def _live_get(url, timeout=None, **kwargs):
    try:
        timeout = timeout or settings.request_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message), None
    return _exchange(http.plain_session('aiostreams-live'), url, timeout, **kwargs)


def _with_base(base):
    if base is None:
        base = current_base()
    return base


# ---- manifest -------------------------------------------------------------------------------------------------

def fetch_manifest(base=None, refresh=False, live=False):
    """The manifest (cached for cache_expiry_hours). refresh: revalidate and overwrite the cached copy;
    live: bypass the cache entirely (Test connection)."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.manifest_url(base)
    data, response = _live_get(url) if live else _cached_get(url, refresh)
    if response is None:
        return data
    return _manifest_outcome(data, url)


def _manifest_outcome(data, url):
    if not isinstance(data, dict) or 'id' not in data or 'resources' not in data or \
            not isinstance(data.get('catalogs', []), list):
        return Outcome(INVALID_JSON, raw=data, message='not a Stremio manifest', url=url)
    if isinstance(data.get('behaviorHints'), dict) and data['behaviorHints'].get('configurationRequired'):
        return Outcome(UNCONFIGURED, raw=data, message='manifest requires configuration', url=url)
    return Outcome(OK, data=data, raw=data, url=url)


def forget_manifest(base=None):
    """Drop the cached manifest so the next visit fetches a fresh one."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return
    http.forget_cached(manifest_url.manifest_url(base), settings.cache_expiry_hours())


def clear_cache():
    http.clear_metadata_cache()


# ---- catalogs and metas ---------------------------------------------------------------------------------------

def is_error_meta(meta) -> bool:
    return isinstance(meta, dict) and str(meta.get('id', '')).startswith(ERROR_META_PREFIX)


def fetch_catalog(content_type, catalog_id, genre=None, skip=None, search=None, base=None):
    """One catalog page: Outcome.data = list of metas (error items filtered out into .errors)."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    extras = []
    if genre:  # '&' and '=' would split the extras on the server even percent-encoded (section 3)
        extras.append(('genre', manifest_url.search_text(genre)))
    if search is not None:
        extras.append(('search', manifest_url.search_text(search)))
    if skip:
        extras.append(('skip', int(skip)))
    url = manifest_url.resource_url(base, 'catalog', content_type, catalog_id, extras)
    data, response = _cached_get(url) if search is None else _live_get(url)
    if response is None:
        return data
    if not isinstance(data, dict) or not isinstance(data.get('metas', []), list):
        return Outcome(INVALID_JSON, raw=data, message='catalog without a metas list', url=url)
    metas = [meta for meta in data.get('metas') or [] if isinstance(meta, dict) and meta.get('id')]
    content = [meta for meta in metas if not is_error_meta(meta)]
    errors = [_description(meta) for meta in metas if is_error_meta(meta)]
    return _listing_outcome(content, errors, data, url)


def _listing_outcome(content, errors, raw, url, notes=None):
    if content:
        return Outcome(OK, data=content, errors=errors, notes=notes, raw=raw, url=url)
    if errors:
        return Outcome(ERROR_ITEMS, data=[], errors=errors, notes=notes, raw=raw, url=url)
    return Outcome(EMPTY, data=[], notes=notes, raw=raw, url=url)


def _description(item):
    error = (item.get('streamData') or {}).get('error') if isinstance(item.get('streamData'), dict) else None
    if isinstance(error, dict) and error.get('description'):
        return str(error['description'])
    return str(item.get('description') or item.get('name') or item.get('id') or '?')


def fetch_meta(content_type, meta_id, base=None, refresh=False):
    """The full meta of a title (cached for cache_expiry_hours): Outcome.data = meta dict."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'meta', content_type, meta_id)
    data, response = _cached_get(url, refresh)
    if response is None:
        return data
    meta = data.get('meta') if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        if isinstance(data, dict) and 'meta' in data:
            return Outcome(EMPTY, raw=data, url=url)
        return Outcome(INVALID_JSON, raw=data, message='meta answer without a meta object', url=url)
    if is_error_meta(meta):
        return Outcome(ERROR_ITEMS, errors=[_description(meta)], raw=data, url=url)
    return Outcome(OK, data=meta, raw=data, url=url)


def cached_meta(content_type, meta_id, base=None):
    """A meta from the cache only (never the network), stale copies included; None when not cached."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return None
    import requests
    try:
        session = http.metadata_session(settings.cache_expiry_hours())
    except settings.BadSetting:
        return None
    url = manifest_url.resource_url(base, 'meta', content_type, meta_id)
    key = session.cache.create_key(requests.Request('GET', url).prepare())
    response = session.cache.get_response(key)
    if response is None:
        return None
    try:
        meta = json.loads(response.content.decode('utf-8')).get('meta')
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
    return meta if isinstance(meta, dict) and not is_error_meta(meta) else None


# ---- streams and subtitles (never cached) ---------------------------------------------------------------------

def is_non_content_stream(stream) -> bool:
    """Error and statistic items, and entries with nothing but an externalUrl (§11 rule 1)."""
    kind = (stream.get('streamData') or {}).get('type') if isinstance(stream.get('streamData'), dict) else None
    if kind in NON_CONTENT_STREAM_TYPES:
        return True
    playable_keys = ('url', 'infoHash', 'ytId', 'nzbUrl', 'rarUrls', 'zipUrls', '7zipUrls', 'tgzUrls', 'tarUrls')
    return not any(stream.get(key) for key in playable_keys)


def fetch_streams(content_type, stream_id, base=None):
    """Streams in server order (the user's preference). data: content streams; errors: error items'
    descriptions; notes: statistic items' descriptions; raw: the body as received."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'stream', content_type, stream_id)
    try:
        timeout = stream_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message)
    data, response = _live_get(url, timeout, headers={'User-Agent': stream_user_agent()})
    if response is None:
        return data
    if not isinstance(data, dict) or not isinstance(data.get('streams', []), list):
        return Outcome(INVALID_JSON, raw=data, message='stream answer without a streams list', url=url)
    streams = [stream for stream in data.get('streams') or [] if isinstance(stream, dict)]
    content, errors, notes = [], [], []
    for stream in streams:
        kind = (stream.get('streamData') or {}).get('type') if isinstance(stream.get('streamData'), dict) else None
        if kind == 'statistic':
            notes.append(str(stream.get('description') or stream.get('name') or ''))
        elif is_non_content_stream(stream):
            errors.append(_description(stream))
        else:
            content.append(stream)
    return _listing_outcome(content, errors, data, url, notes)


def fetch_subtitles(content_type, item_id, extras=None, base=None):
    """Subtitles; data: [{id, url, lang}], error entries ('[❌] ...' langs) moved to errors."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'subtitles', content_type, item_id, extras)
    data, response = _live_get(url)
    if response is None:
        return data
    if not isinstance(data, dict) or not isinstance(data.get('subtitles', []), list):
        return Outcome(INVALID_JSON, raw=data, message='subtitles answer without a list', url=url)
    entries = [entry for entry in data.get('subtitles') or [] if isinstance(entry, dict)]
    content = [entry for entry in entries
               if entry.get('url') and not str(entry.get('lang', '')).startswith(ERROR_LANG_PREFIX)]
    errors = [str(entry.get('lang', ''))[len(ERROR_LANG_PREFIX):].strip() for entry in entries
              if str(entry.get('lang', '')).startswith(ERROR_LANG_PREFIX)]
    return _listing_outcome(content, errors, data, url)


# ---- /api/v1 --------------------------------------------------------------------------------------------------

def _basic(user, password) -> str:
    register_secret(password)
    token = base64.b64encode(('%s:%s' % (user, password)).encode('utf-8')).decode('ascii')
    register_secret(token)
    return 'Basic ' + token


def _api_outcome(data, response, url):
    """Unwrap the {success, detail, error, data} envelope of a 200 answer."""
    if response is None:
        return data
    if not isinstance(data, dict) or 'success' not in data:
        return Outcome(INVALID_JSON, raw=data, message='not an API envelope', url=url)
    if not data.get('success'):
        code, errors = _envelope_error(data)
        return Outcome(HTTP_ERROR, status=response.status_code, code=code, errors=errors, raw=data, url=url)
    return Outcome(OK, data=data.get('data'), raw=data, url=url)


def search_credentials(base):
    """(uuid, encryptedPassword) for /api/v1/search. The alias form learns them from its redirect target."""
    if base.uuid and base.password:
        return base.uuid, base.password
    if not base.alias:
        return None
    url = manifest_url.manifest_url(base)
    try:
        response = http.request(http.plain_session('aiostreams-live'), 'GET', url, settings.request_timeout(),
                                allow_redirects=False)
    except (http.HttpFailure, settings.BadSetting):
        return None
    target = response.headers.get('Location') or ''
    resolved = manifest_url.parse(urljoin(url, target)) if target else None
    if resolved is None or not resolved.uuid:
        return None
    register_secret(resolved.password)
    return resolved.uuid, resolved.password


def search_api(content_type, item_id, required_fields=('url',), formatted=True, base=None):
    """GET /api/v1/search (Basic uuid:encryptedPassword): data = {results, filtered, statistics, errors}; the
    upstream errors' descriptions are copied to Outcome.errors. Never cached."""
    base = _with_base(base)
    if isinstance(base, Outcome):
        return base
    credentials = search_credentials(base)
    if credentials is None:
        return Outcome(UNCONFIGURED, message='no uuid/password in the manifest URL for /api/v1/search')
    params = [('type', content_type), ('id', item_id)] + [('requiredFields', name) for name in required_fields]
    if formatted:
        params.append(('format', 'true'))
    selector = manifest_url.variant(base)
    if selector:
        params.append(('v', selector))
    url = manifest_url.api_url(base, 'search')
    try:
        timeout = stream_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message)
    data, response = _live_get(url, timeout, params=params,
                               headers={'Authorization': _basic(*credentials), 'User-Agent': stream_user_agent()})
    outcome = _api_outcome(data, response, url)
    if outcome.kind == OK:
        payload = outcome.data if isinstance(outcome.data, dict) else {}
        outcome.errors = [str(error.get('description') or error.get('title') or '')
                          for error in _list_of(payload, 'errors') if isinstance(error, dict)]
        outcome.notes = [str(stat.get('description') or '') for stat in _list_of(payload, 'statistics')
                         if isinstance(stat, dict)]
        if not payload.get('results'):
            outcome.kind = EMPTY
    return outcome


def _list_of(document, key) -> list:
    value = document.get(key)
    return value if isinstance(value, list) else []


def fetch_user(host, uuid, password, legacy_query=False):
    """GET /api/v1/user with the RAW password: Basic auth (current servers), or the older ?uuid=&password= form
    when legacy_query. data = {'manifest_url', 'encrypted_password'}."""
    register_secret(password)
    url = '%s/api/v1/user' % host.rstrip('/')
    if legacy_query:
        data, response = _live_get(url, params={'uuid': uuid, 'password': password})
    else:
        data, response = _live_get(url, headers={'Authorization': _basic(uuid, password)})
    outcome = _api_outcome(data, response, url)
    if outcome.kind != OK:
        return outcome
    payload = outcome.data if isinstance(outcome.data, dict) else {}
    encrypted = payload.get('encryptedPassword')
    if not encrypted:
        return Outcome(INVALID_JSON, raw=data, message='user answer without encryptedPassword', url=url)
    register_secret(encrypted)
    return Outcome(OK, data={'encrypted_password': encrypted,
                             'manifest_url': manifest_url.manifest_from_credentials(host, uuid, encrypted)},
                   url=url)


def needs_legacy_user_api(outcome) -> bool:
    """A server that predates Basic auth on /api/v1/user answers 400 MISSING_REQUIRED_FIELDS (§9 step 2)."""
    return outcome.kind == HTTP_ERROR and outcome.status == 400 and outcome.code in (
        'MISSING_REQUIRED_FIELDS', 'BAD_REQUEST')


def fetch_status(api_root):
    """GET /api/v1/status (no auth, never cached): data = {version, tag, channel, settings: {...}, ...}."""
    url = '%s/api/v1/status' % api_root.rstrip('/')
    data, response = _live_get(url)
    return _api_outcome(data, response, url)
