"""The ListItem Kodi plays (full metadata, resume point) and the 'AIOStreams.Handoff' Home property that tells the
service what is playing.
"""
from __future__ import annotations

import hashlib
import json
import time

from addon import kodi
from addon.core import metadata
from addon.core.binge_match import release_of
from addon.core.stream_rank import is_uncached
from addon.platform import listing
from addon.play import binge_memory

HANDOFF_PROPERTY = 'AIOStreams.Handoff'


def build_item(request, meta, video, play_url):
    """The played ListItem: full metadata and unique ids (an episode names its show's ids as tvshow.<kind>, the
    convention scrobblers read), excluded from script.trakt (our own service scrobbles it)."""
    if meta and video:
        fields = metadata.from_video(meta, video)
        fields['unique_ids'] = {'tvshow.%s' % kind: value for kind, value in (fields.get('show_ids') or {}).items()}
    elif meta and not request.is_episode:
        fields = metadata.from_meta(meta)
    else:
        fields = minimal_fields(request)
    item = listing.build_item(fields, play_url, True)
    item.setProperty('script.trakt.exclude', 'true')
    return item


def minimal_fields(request) -> dict:
    """What the request itself says when no meta is available."""
    imdb_id = request.ident if str(request.ident).startswith('tt') else None
    fields = {'media_type': 'episode' if request.is_episode else 'movie', 'title': request.title or request.ident,
              'imdb_id': imdb_id, 'content_type': request.content_type}
    if request.is_episode:
        fields.update({'season': request.season, 'episode': request.episode, 'tvshow_title': request.title,
                       'unique_ids': {'tvshow.imdb': imdb_id} if imdb_id else {}})
    else:
        fields['unique_ids'] = {'imdb': imdb_id} if imdb_id else {}
    return fields


def apply_start(item, start):
    """Start at the resume point: exact seconds via the resume point and StartOffset (the watcher checks)."""
    if start is None or start.seconds is None:
        return
    item.getVideoInfoTag().setResumePoint(float(start.seconds), float(start.total or 0.0))
    item.setProperty('StartOffset', '%.3f' % start.seconds)


def write_handoff(request, meta, video, stream, stream_id, play_url):
    """The Home property the service monitor reads on onAVStarted (format owned here, see interfaces.md). An
    uncached stream names no stream_key: how it does says nothing about its provider's reliability."""
    meta = meta or {}
    ids = metadata.unique_ids(meta) if meta else {}
    if not ids.get('imdb') and str(request.ident).startswith('tt'):
        ids['imdb'] = request.ident
    year = meta.get('year') or str(meta.get('releaseInfo') or '')[:4]
    handoff = {
        'media_key': request.key,
        'content_type': 'series' if request.is_episode else 'movie',
        'imdb_id': ids.get('imdb'), 'tmdb_id': ids.get('tmdb'), 'tvdb_id': ids.get('tvdb'),
        'meta_id': meta.get('id') or request.ident,
        'stream_id': stream_id,
        'season': request.season, 'episode': request.episode,
        'title': (video or {}).get('title') or (video or {}).get('name') or meta.get('name') or request.title,
        'show_title': meta.get('name') if request.is_episode else None,
        'year': int(year) if str(year).isdigit() else None,
        'genres': list(meta.get('genres') or []),
        'stream_key': None if is_uncached(stream) else stream.provider_key,
        'release': release_of(stream) if request.is_episode else None,   # remembered for the next episode
        'show_key': binge_memory.show_key(request.content_type, request.ident) if request.is_episode else None,
        'url_sha1': hashlib.sha1(play_url.encode('utf-8')).hexdigest(),
        'started_at': time.time(),
    }
    kodi.set_window_property(HANDOFF_PROPERTY, json.dumps(handoff, separators=(',', ':')))
