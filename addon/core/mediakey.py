"""Stable keys for a movie or an episode, shared by play state, reliability handoff and scrobbling. Pure."""
from __future__ import annotations


def media_key(kind, ident, season=None, episode=None) -> str:
    """'movie:<id>' or 'episode:<show id>:<season>:<episode>' (ids as the backend names them: tt.., tmdb:..)."""
    if kind in ('movie', 'movies'):
        return 'movie:%s' % ident
    return 'episode:%s:%d:%d' % (ident, int(season), int(episode))


def parse_media_key(key):
    """Inverse of media_key: (kind, ident, season, episode); season/episode None for movies."""
    kind, _, rest = key.partition(':')
    if kind == 'movie':
        return 'movie', rest, None, None
    ident, season, episode = rest.rsplit(':', 2)
    return 'episode', ident, int(season), int(episode)
