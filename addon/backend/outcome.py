"""Typed outcomes of AIOStreams HTTP calls, and the exchange that produces them (aiostreams-api.md §11 rule 6).

Every call returns an `Outcome` with a kind (ok, empty, error_items, http_error, timeout, offline, invalid_json,
unconfigured, not_set, bad_url, bad_setting, bad_variant) instead of raising: callers tell "no results" from
"failed" and show the right message. The Stremio resources (aiostreams.py) and the REST API (rest_api.py) both
go through here.
"""
from __future__ import annotations

from addon import kodi
from addon.core import manifest_url
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
BAD_VARIANT = 'bad_variant'        # the server refused the URL's config variant (unknown, disabled, malformed)

VARIANT_REFUSED_CODE = 'USER_INVALID_CONFIG'
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


def with_base(base):
    """`base`, or the configured one (an Outcome when there is none)."""
    return current_base() if base is None else base


def stream_timeout() -> int:
    return settings.number_in_range('stream_timeout', 10, 120)


def stream_user_agent() -> str:
    """A User-Agent containing AIOStreams/: the server then adds streamData to each stream (§8)."""
    return 'AIOStreams/%s (Kodi; plugin.video.aiostreams)' % kodi.addon_info('version')


# ---- the HTTP exchange ---------------------------------------------------------------------------------------

def _exchange(session, url, timeout, **kwargs):
    """(decoded JSON, response) or (an Outcome for the failure, None); envelope errors become errors + code."""
    try:
        response = http.request(session, 'GET', url, timeout, **kwargs)
        return http.json_of(response), response
    except http.HttpFailure as failure:
        code, errors = envelope_error(failure.body)
        kind = _FAILURE_KINDS.get(failure.kind, HTTP_ERROR)
        if failure.status == 400 and code == VARIANT_REFUSED_CODE and refuses_variant(errors):
            kind = BAD_VARIANT
        return Outcome(kind, status=failure.status, code=code, errors=errors, retry_after=failure.retry_after,
                       message=str(failure), raw=failure.body, url=url), None


def refuses_variant(errors) -> bool:
    """Whether the server's messages refuse the config variant: manifest.json and /api/v1/search answer 400
    USER_INVALID_CONFIG, resource routes an error item ('Unknown config variant "x".', '... is disabled.',
    'Config variants are not available on this instance.', 'Invalid variant id ...', 'Too many variants ...')."""
    return any('variant' in str(error).lower() for error in errors)


def envelope_error(body):
    """(code, [message]) of an /api/v1-style envelope {success:false, error:{code,message}}, or of the bare
    {success:false, error:"<message>"} a disabled search API answers."""
    if isinstance(body, dict) and isinstance(body.get('error'), dict):
        error = body['error']
        message = error.get('message') or body.get('detail')
        return error.get('code'), [str(message)] if message else []
    if isinstance(body, dict) and isinstance(body.get('error'), str) and body['error']:
        return None, [body['error']]
    return None, []


def cached_get(url, refresh=False):
    """GET through the metadata cache (http.py's per-URL expiry rules); refresh revalidates and overwrites."""
    try:
        timeout, hours = settings.request_timeout(), settings.cache_expiry_hours()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message), None
    extra = {'force_refresh': True} if refresh else {}
    return _exchange(http.metadata_session(hours), url, timeout, **extra)


def live_get(url, timeout=None, **kwargs):
    """GET that never touches the cache (request_timeout unless `timeout` is given)."""
    try:
        timeout = timeout or settings.request_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message), None
    return _exchange(http.plain_session('aiostreams-live'), url, timeout, **kwargs)


def list_of(document, key) -> list:
    value = document.get(key)
    return value if isinstance(value, list) else []
