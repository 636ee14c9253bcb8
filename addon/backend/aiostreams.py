"""The AIOStreams Stremio resources (aiostreams-api.md §2-§8, §11): manifest, catalog, meta, stream, subtitles.

The backend's entry point: its calls, the `Outcome` kinds (outcome.py) and the REST search (rest_api.py) are
reachable from here. AIOStreams error items (HTTP 200 "[❌]" entries) are never returned as content: their
descriptions travel in `Outcome.errors`, and http.py never caches a response that contains one.

Cache rules (http.py): manifest and meta follow `cache_expiry_hours`, catalogs a few hours; streams, subtitles,
search and /api/v1 go through an uncached session. `/stream` is sent with an `AIOStreams/<version>` User-Agent,
which makes the server add `streamData` to each stream. Every URL keeps the user's variant path and query, and
the metadata cache keys on the full URL, so two variants never share a cached answer.
"""
from __future__ import annotations

import json

from addon import kodi
from addon.backend.outcome import (  # noqa: F401  (the kinds, Outcome and current_base are the callers' vocabulary)
    BAD_SETTING,
    BAD_URL,
    BAD_VARIANT,
    EMPTY,
    ERROR_ITEMS,
    HTTP_ERROR,
    INVALID_JSON,
    NOT_SET,
    OFFLINE,
    OK,
    TIMEOUT,
    UNCONFIGURED,
    Outcome,
    cached_get,
    current_base,
    live_get,
    refuses_variant,
    stream_timeout,
    stream_user_agent,
    with_base,
)
from addon.core import manifest_url
from addon.platform import http, settings

ERROR_META_PREFIX = 'aiostreamserror.'
ERROR_LANG_PREFIX = '[\u274c]'
NON_CONTENT_STREAM_TYPES = ('error', 'statistic')


# ---- manifest -------------------------------------------------------------------------------------------------

def fetch_manifest(base=None, refresh=False, live=False):
    """The manifest (cached for cache_expiry_hours). refresh: revalidate and overwrite the cached copy;
    live: bypass the cache entirely (Test connection)."""
    base = with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.manifest_url(base)
    data, response = live_get(url) if live else cached_get(url, refresh)
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
    base = with_base(base)
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
    base = with_base(base)
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
    data, response = cached_get(url) if search is None else live_get(url)
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
        kind = BAD_VARIANT if refuses_variant(errors) else ERROR_ITEMS
        return Outcome(kind, data=[], errors=errors, notes=notes, raw=raw, url=url)
    return Outcome(EMPTY, data=[], notes=notes, raw=raw, url=url)


def _description(item):
    error = (item.get('streamData') or {}).get('error') if isinstance(item.get('streamData'), dict) else None
    if isinstance(error, dict) and error.get('description'):
        return str(error['description'])
    return str(item.get('description') or item.get('name') or item.get('id') or '?')


def fetch_meta(content_type, meta_id, base=None, refresh=False):
    """The full meta of a title (cached for cache_expiry_hours): Outcome.data = meta dict."""
    base = with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'meta', content_type, meta_id)
    data, response = cached_get(url, refresh)
    if response is None:
        return data
    meta = data.get('meta') if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        if isinstance(data, dict) and 'meta' in data:
            return Outcome(EMPTY, raw=data, url=url)
        return Outcome(INVALID_JSON, raw=data, message='meta answer without a meta object', url=url)
    if is_error_meta(meta):
        errors = [_description(meta)]
        return Outcome(BAD_VARIANT if refuses_variant(errors) else ERROR_ITEMS, errors=errors, raw=data, url=url)
    return Outcome(OK, data=meta, raw=data, url=url)


def cached_meta(content_type, meta_id, base=None):
    """A meta from the cache only (never the network), stale copies included; None when not cached."""
    try:
        base = with_base(base)
    except kodi.SettingError:  # Kodi keeps refusing the address (kodi.py already reads a refused setting again)
        return None
    if isinstance(base, Outcome):
        return None
    try:
        body = http.cached_body(manifest_url.resource_url(base, 'meta', content_type, meta_id),
                                settings.cache_expiry_hours())
    except settings.BadSetting:
        return None
    if body is None:
        return None
    try:
        meta = json.loads(body.decode('utf-8')).get('meta')
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
    base = with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'stream', content_type, stream_id)
    try:
        timeout = stream_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message)
    data, response = live_get(url, timeout, headers={'User-Agent': stream_user_agent()})
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
    base = with_base(base)
    if isinstance(base, Outcome):
        return base
    url = manifest_url.resource_url(base, 'subtitles', content_type, item_id, extras)
    data, response = live_get(url)
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
