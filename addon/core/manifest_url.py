"""AIOStreams URL rules (aiostreams-api.md §1-§3): base derivation, resource URLs, extras encoding. Pure.

A manifest URL as users paste it (https:// or stremio://, with or without /manifest.json or /configure, the
/v/<sel>/ variant path, a ?v= query, the /stremio/u/<alias>/ form) becomes a `Base`. Every resource URL is built
from it and carries the original path and query string, so a config variant is never silently dropped; the
REST search API reads the variant only from its `v` parameter, so `variant()` extracts it from either form.
"""
from __future__ import annotations

import hashlib
import re
from collections import namedtuple
from urllib.parse import parse_qs, quote, unquote, urlsplit

# Path suffixes users paste that are not part of the addon prefix.
_STRIPPED_SUFFIXES = ('/manifest.json', '/configure')
# A path or query segment this long is taken for a token (credential paths of other forms, api keys).
_TOKEN_LENGTH = 16
_ID_SAFE = ':'


class BadManifestUrl(ValueError):
    """The base_url setting cannot be used. reason: 'empty' | 'scheme' | 'host'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class Base(namedtuple('Base', 'prefix query origin api_root uuid password alias')):
    """prefix: scheme://host/path of the addon (no trailing slash); query: the original query without '?';
    origin: scheme://host[:port]; api_root: where /api/v1 lives (the path before /stremio, usually the origin);
    uuid/password: the two credential segments after /stremio/ (None for the alias and unconfigured forms);
    alias: the alias of /stremio/u/<alias>/ (else None)."""

    @property
    def configured(self) -> bool:
        return bool(self.uuid and self.password) or bool(self.alias)


def parse(raw) -> Base:
    """Derive the addon base from what the user pasted; raises BadManifestUrl."""
    text = (raw or '').strip()
    if not text:
        raise BadManifestUrl('empty')
    if text.lower().startswith('stremio://'):
        text = 'https://' + text[len('stremio://'):]
    parts, host = _split(text)
    if parts.scheme.lower() not in ('http', 'https'):
        raise BadManifestUrl('scheme')
    if not host:
        raise BadManifestUrl('host')
    path = parts.path.rstrip('/')
    stripped = True
    while stripped:
        stripped = False
        for suffix in _STRIPPED_SUFFIXES:
            if path.lower().endswith(suffix):
                path = path[:-len(suffix)].rstrip('/')
                stripped = True
    origin = '%s://%s' % (parts.scheme.lower(), parts.netloc)
    uuid, password, alias, api_path = _credentials(path)
    return Base(prefix=origin + path, query=parts.query, origin=origin, api_root=origin + api_path,
                uuid=uuid, password=password, alias=alias)


def secret_parts(raw) -> list:
    """What of a pasted manifest URL is a credential, to be redacted wherever it appears: the uuid, the password or
    alias, every path or query segment long enough to be a token, and the whole URL when it carries any of them.
    Never the scheme or the host, nor anything from a URL without credentials (a bare 'https://' included)."""
    text = (raw or '').strip()
    try:
        base = parse(text)
        parts = [part for part in (base.uuid, base.password, base.alias) if part]
    except BadManifestUrl:
        parts = []
    after_host = text.split('://', 1)[-1].partition('/')[2]
    parts += [part for part in re.split(r'[/?&=#]', after_host) if len(part) >= _TOKEN_LENGTH]
    return list(dict.fromkeys(parts + [text])) if parts else []


def _split(text):
    """(urlsplit parts, host name); a malformed host (e.g. an unbalanced '[') is refused as BadManifestUrl('host')."""
    try:
        parts = urlsplit(text)
        return parts, parts.hostname
    except ValueError:
        raise BadManifestUrl('host') from None


def _credentials(path):
    """(uuid, encrypted password, alias, path before /stremio) from the addon path."""
    segments = path.split('/')
    if 'stremio' not in segments:
        return None, None, None, ''
    at = segments.index('stremio')
    api_path = '/'.join(segments[:at])
    after = segments[at + 1:]
    if len(after) >= 2 and after[0] == 'u':
        return None, None, after[1], api_path
    if len(after) >= 2 and after[0] and after[1]:
        return after[0], after[1], None, api_path
    return None, None, None, api_path


def with_query(base, url) -> str:
    """Re-append the user's original query string (?v=...) to a resource URL."""
    return url + ('?' + base.query if base.query else '')


def manifest_url(base) -> str:
    return with_query(base, base.prefix + '/manifest.json')


def configure_url(base) -> str:
    return with_query(base, base.prefix + '/configure')


def resource_url(base, resource, content_type, item_id, extras=None) -> str:
    """{prefix}/<resource>/<type>/<id>[/<extras>].json?<query>. extras: list of (name, value) or None."""
    path = '%s/%s/%s/%s' % (base.prefix, resource, quote(content_type, safe=''), quote(item_id, safe=_ID_SAFE))
    encoded = encode_extras(extras or ())
    if encoded:
        path += '/' + encoded
    return with_query(base, path + '.json')


def encode_extras(extras) -> str:
    """'name=value&name=value' with every value percent-encoded (%20 for spaces, never '+'); None values dropped."""
    return '&'.join('%s=%s' % (quote(str(name), safe=''), quote(str(value), safe=''))
                    for name, value in extras if value is not None and str(value) != '')


def search_text(query) -> str:
    """Free text safe for a `search` extra: the server URL-decodes before splitting on '&' and '=', so neither may
    survive even percent-encoded. '&' reads as 'and' is not universal; a space keeps word boundaries."""
    cleaned = (query or '').replace('&', ' ').replace('=', ' ')
    return ' '.join(cleaned.split())


def api_url(base, endpoint) -> str:
    """Absolute /api/v1/<endpoint> URL of the instance (no credentials in it)."""
    return '%s/api/v1/%s' % (base.api_root, endpoint.lstrip('/'))


def variant(base):
    """The config variant selector the user's URL carries (decoded), or None: the /v/<sel>/ path segment after the
    credentials (or the alias), else the ?v= query. The path wins when both are given, as it names the config
    the resource routes serve; a blank path selector (white space, commas) names none, and the server then reads ?v=."""
    segments = urlsplit(base.prefix).path.split('/')
    if 'stremio' in segments:
        after = segments[segments.index('stremio') + 1:]
        if len(after) >= 4 and after[2] == 'v' and _names_a_variant(unquote(after[3])):
            return unquote(after[3])
    values = parse_qs(base.query).get('v')
    return values[0] if values and _names_a_variant(values[0]) else None


def _names_a_variant(selector) -> bool:
    return bool(selector.replace(',', '').strip())  # the server trims each comma-separated id


def manifest_from_credentials(host, uuid, encrypted_password) -> str:
    """The manifest URL /api/v1/user lets a client build: {host}/stremio/{uuid}/{encPw}/manifest.json."""
    return '%s/stremio/%s/%s/manifest.json' % (host.rstrip('/'), uuid, encrypted_password)


def host_of(raw) -> str:
    """scheme://host[:port][/prefix] of what the user typed as the instance address (stremio:// accepted)."""
    text = (raw or '').strip()
    if text.lower().startswith('stremio://'):
        text = 'https://' + text[len('stremio://'):]
    if '://' not in text and text:
        text = 'https://' + text
    parts, host = _split(text)
    if parts.scheme.lower() not in ('http', 'https') or not host:
        raise BadManifestUrl('host' if text else 'empty')
    path = parts.path.rstrip('/')
    if '/stremio' in path:
        path = path[:path.index('/stremio')]
    return '%s://%s%s' % (parts.scheme.lower(), parts.netloc, path)


def scope(base) -> str:
    """A short stable hash of prefix + query: scopes caches and stored data to one config."""
    return hashlib.sha1(('%s?%s' % (base.prefix, base.query)).encode('utf-8')).hexdigest()[:16]
