"""What to play, from the seed's parameters, and the two ways a play ends early (the user backed out, or
nothing could be played).
"""
from __future__ import annotations

from addon.core.mediakey import media_key

SERIES_TYPES = ('series', 'episode', 'tvshow', 'show', 'shows', 'tv')


class PlayRequest:
    """What to play, from the seed's parameters (content_type, imdb_id | meta_id, season, episode, media_id)."""

    __slots__ = ('content_type', 'ident', 'season', 'episode', 'title', 'stream_id')

    def __init__(self, content_type, ident, season=None, episode=None, title=None, stream_id=None):
        episodic = content_type in SERIES_TYPES or (season is not None and episode is not None
                                                     and content_type != 'movie')
        self.content_type = 'series' if content_type in SERIES_TYPES else (content_type or 'movie')
        if episodic and self.content_type == 'movie':
            self.content_type = 'series'
        self.ident, self.title, self.stream_id = ident, title, stream_id
        self.season = season if episodic else None
        self.episode = episode if episodic else None

    @classmethod
    def from_media_id(cls, content_type, media_id, title=None):
        """show_streams' media_id, a stream id: 'tt1', 'tt1:1:2', 'tmdb:5', 'tmdb:5:1:2', 'kitsu:9:4' (absolute)."""
        parts = media_id.split(':')
        base_length = 1 if parts[0].startswith('tt') or len(parts) == 1 else 2
        numbers = parts[base_length:]
        if not all(number.isdigit() for number in numbers) or len(numbers) not in (0, 1, 2):
            return cls(content_type or 'movie', media_id, title=title)
        ident = ':'.join(parts[:base_length])
        if len(numbers) == 2:
            return cls(content_type or 'series', ident, int(numbers[0]), int(numbers[1]), title, media_id)
        if len(numbers) == 1:
            return cls(content_type or 'series', ident, 1, int(numbers[0]), title, media_id)
        return cls(content_type or 'movie', media_id, title=title)

    @property
    def is_episode(self) -> bool:
        return self.season is not None and self.episode is not None

    @property
    def valid(self) -> bool:
        return bool(self.ident) and (self.content_type != 'series' or self.is_episode)

    @property
    def key(self) -> str:
        return media_key('episode' if self.is_episode else 'movie', self.ident, self.season, self.episode)



class Cancelled(Exception):
    """The user backed out (progress dialog, selection, resume question): end quietly."""


class PlayFailed(Exception):
    """Nothing could be played; `message` is localized for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
