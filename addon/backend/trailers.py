"""Trailers: the meta's `trailers` (ytId or source) played through the YouTube add-on (seed inventory §18).

Only YouTube trailers are played, as plugin://plugin.video.youtube/play/?video_id=<id> URLs (the form Kodi's own
Trailer button and PlayMedia accept); a trailer parameter that is anything else is refused.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from addon import kodi
from addon.backend import aiostreams
from addon.core import metadata

YOUTUBE_ID = 'plugin.video.youtube'
YOUTUBE_PLAY = 'plugin://plugin.video.youtube/play/?video_id=%s'
_VIDEO_ID = re.compile(r'^[A-Za-z0-9_-]{11}$')
NO_TRAILER, NO_TRAILER_FOR, YOUTUBE_MISSING = 31123, 31121, 31122


def youtube_url(value):
    """The YouTube add-on URL of a trailer given as a video id, a youtube.com / youtu.be link or a YouTube add-on
    URL; None for anything else."""
    value = str(value or '').strip()
    if _VIDEO_ID.match(value):
        return YOUTUBE_PLAY % value
    parts = urlsplit(value)
    host = parts.netloc.lower()
    candidates = []
    if parts.scheme == 'plugin' and host == YOUTUBE_ID:
        candidates = parse_qs(parts.query).get('video_id', [])
    elif host.endswith('youtube.com'):
        candidates = parse_qs(parts.query).get('v', []) or [parts.path.rstrip('/').rsplit('/', 1)[-1]]
    elif host == 'youtu.be':
        candidates = [parts.path.strip('/')]
    for candidate in candidates:
        if _VIDEO_ID.match(candidate):
            return YOUTUBE_PLAY % candidate
    return None


def find(ref, network=True):
    """The trailer URL of a title: the one the item carries, else its meta's (cached first, then fetched)."""
    if ref.get('trailer'):
        return youtube_url(ref['trailer'])
    content_type = 'movie' if ref['kind'] == 'movie' else (ref['content_type'] or 'series')
    meta = aiostreams.cached_meta(content_type, ref['meta_id'])
    if meta is None and network:
        outcome = aiostreams.fetch_meta(content_type, ref['meta_id'])
        meta = outcome.data if outcome.kind == aiostreams.OK else None
    return metadata.trailer_url(meta) if meta else None


def youtube_available() -> bool:
    return kodi.addon_enabled(YOUTUBE_ID)


def play(ref) -> bool:
    """Play the trailer of a title, or tell the user why not."""
    if not youtube_available():
        kodi.notify(kodi.localize(YOUTUBE_MISSING), icon='warning', time_ms=8000)
        return False
    trailer = find(ref)
    if not trailer:
        message = kodi.localize(NO_TRAILER_FOR, ref['title']) if ref.get('title') else kodi.localize(NO_TRAILER)
        kodi.notify(message, icon='info')
        return False
    kodi.log('playing trailer %s' % trailer)
    kodi.builtin('PlayMedia(%s)' % trailer)
    return True
