"""A PunchPlay.tv rating (pure): what is rated (a "target": media_type, title, ids, season, episode), from a watched
stop's payload or from a route's parameters, and the body of POST /api/scrobble/rate (punchplay-api.md §5.2:
media_type, rating 1-10, event_id, client_version, the ids, season, episode, absolute_episode).
"""
from __future__ import annotations

import re

from addon.core.punchplay_payload import CANONICAL_KEYS

LOWEST, HIGHEST = 1, 10
_TARGET_KEYS = ('media_type', 'title', 'tmdb_id', 'tvdb_id', 'imdb_id', 'punchplay_id', 'season', 'episode',
                'absolute_episode')
_RATE_KEYS = ('tmdb_id', 'tvdb_id', 'imdb_id', 'punchplay_id', 'season', 'episode', 'absolute_episode')


def valid_rating(value):
    """The rating as an int 1..10, or None for anything else ('7' is 7; '7.5', '11', 'x' are None)."""
    text = str(value).strip() if value is not None else ''
    if not re.match(r'^\d{1,2}$', text):
        return None
    number = int(text)
    return number if LOWEST <= number <= HIGHEST else None


def target_of_stop(payload) -> dict:
    """What a watched stop rates: its media, ids and episode numbers (the show's ids for an episode)."""
    return {key: payload[key] for key in _TARGET_KEYS if payload.get(key) is not None}


def target_of_params(content_type, imdb_id=None, meta_id=None, season=None, episode=None, title=None):
    """What a route or context entry rates; None without a usable id, or an episode without its numbers.
    content_type: movie | series; meta_id may name a TMDB or TVDB id ('tmdb:27205')."""
    target = {'media_type': 'movie' if content_type == 'movie' else 'episode'}
    if title:
        target['title'] = title
    if imdb_id and re.match(r'^tt\d+$', str(imdb_id)):
        target['imdb_id'] = str(imdb_id)
    match = re.match(r'^(tmdb|tvdb):(\d+)$', str(meta_id or ''))
    if match:
        target['%s_id' % match.group(1)] = int(match.group(2))
    if not any(key in target for key in ('imdb_id', 'tmdb_id', 'tvdb_id')):
        return None
    if target['media_type'] == 'episode':
        if season is None or episode is None:
            return None
        target.update(season=season, episode=episode)
    return target


def with_canonical(target, canonical) -> dict:
    """The target with the canonical ids a stop's answer named for it (they win over ours)."""
    merged = dict(target)
    merged.update({key: canonical[key] for key in CANONICAL_KEYS if key in (canonical or {})})
    return merged


def rate_body(target, rating, event_id, client_version) -> dict:
    body = {'media_type': target['media_type'], 'rating': rating, 'event_id': event_id,
            'client_version': client_version}
    body.update({key: target[key] for key in _RATE_KEYS if target.get(key) is not None})
    if target['media_type'] == 'movie':
        for key in ('season', 'episode', 'absolute_episode'):
            body.pop(key, None)
    return body


def label_of(target) -> str:
    """'Title' for a movie, 'Show S01E02' for an episode ('' when no title is known)."""
    title = target.get('title') or ''
    if target.get('media_type') == 'episode' and target.get('episode') is not None and title:
        if target.get('season') is not None:
            return '%s S%02dE%02d' % (title, target['season'], target['episode'])
        return '%s E%02d' % (title, target['episode'])
    return title
