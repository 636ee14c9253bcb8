"""Identify what Kodi is playing (pure: plain data in, a plain `media` dict out).

Order: our own plays (the plugin's handoff, or our ListItem's ids) -> the Kodi InfoTag of library items and other
addons (unique ids, show title, season, episode, year) -> guessit on the file's base name (never a URL, query or
token; nothing of the name is ever sent) -> otherwise the title and year alone, so the PunchPlay server resolves
them with its own TMDB search. Anime comes from the genres (not "animation"), an "anime" folder, anime ids or a
fansub-style name with absolute numbering.

`media` keys: media_type ('movie' | 'episode'), title (the show's title for episodes), year, imdb_id, tmdb_id,
tvdb_id (show ids for episodes), season, episode, anime, own (played by this addon), source
('handoff' | 'item' | 'library' | 'filename'), media_key (addon.core.mediakey, when an id is known); episodes may
also carry episode_title, episode_end (the last episode of a multi-episode file such as S01E01-E02, read by guessit
from the file name) and absolute_episode (anime numbering).
"""
from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from urllib.parse import unquote, urlsplit

from addon.core.mediakey import media_key

VIDEO_EXTENSIONS = ('.mkv', '.mp4', '.m4v', '.avi', '.mov', '.wmv', '.ts', '.m2ts', '.mts', '.webm', '.flv',
                    '.mpg', '.mpeg', '.vob', '.iso', '.divx', '.ogm', '.3gp')
ANIME_ID_PREFIXES = ('kitsu:', 'mal:', 'anilist:', 'anidb:')


def file_sha1(path) -> str:
    return hashlib.sha1(path.encode('utf-8')).hexdigest()


def identify(playing, guess=None):
    """`playing`: {'file', 'handoff' (dict or None), 'tag' (InfoTag fields), 'show' (ids and year of a library
    episode's show), 'properties' (the playing ListItem's properties)}. Returns a media dict or None."""
    handoff = playing.get('handoff')
    if handoff and _handoff_matches(handoff, playing.get('file') or ''):
        media = _from_handoff(handoff)
        return with_episode_span(media, playing['file'], guess or guess_name) if media else None
    tag = playing.get('tag') or {}
    properties = playing.get('properties') or {}
    media = _from_tag(tag, playing.get('show') or {})
    if media and properties.get('script.trakt.exclude') == 'true':
        media.update(own=True, source='item')
    if media is None:
        media = _from_file_name(playing.get('file') or '', guess or guess_name)
    if media is None:
        return None
    folders = path_folders(playing.get('file') or '')
    media['anime'] = media.get('anime') or is_anime_genres(tag.get('genres')) or 'anime' in folders
    media['media_key'] = key_of(media)
    return with_episode_span(media, playing.get('file') or '', guess or guess_name)


# ---- our own plays --------------------------------------------------------------------------------------------

def _handoff_matches(handoff, playing_file) -> bool:
    """The handoff describes this play when the sha1 of the playing URL (with or without Kodi's |headers) fits."""
    wanted = handoff.get('url_sha1')
    return bool(wanted) and wanted in (file_sha1(playing_file), file_sha1(playing_file.split('|', 1)[0]))


def _from_handoff(handoff):
    """Our own play. Any addon can write the Home property: values of another type than ours are not taken."""
    episode = handoff.get('content_type') == 'series'
    media = {
        'media_type': 'episode' if episode else 'movie',
        'title': (_string(handoff.get('show_title')) if episode else None) or _string(handoff.get('title')),
        'year': _int(handoff.get('year')),
        'imdb_id': _imdb(handoff.get('imdb_id')),
        'tmdb_id': _int(handoff.get('tmdb_id')),
        'tvdb_id': _int(handoff.get('tvdb_id')),
        'season': _int(handoff.get('season')) if episode else None,
        'episode': _int(handoff.get('episode')) if episode else None,
        'anime': is_anime_genres(handoff.get('genres')) or
        str(handoff.get('meta_id') or '').startswith(ANIME_ID_PREFIXES),
        'own': True,
        'source': 'handoff',
    }
    media['media_key'] = _string(handoff.get('media_key')) or key_of(media)
    if episode and media['episode'] is None:
        return None
    if episode:  # the handoff's title is the episode's own when the show's is given apart
        own_title = _string(handoff.get('title'))
        media['episode_title'] = own_title if own_title and own_title != media['title'] else None
        if str(handoff.get('meta_id') or '').startswith(ANIME_ID_PREFIXES):
            media['absolute_episode'] = media['episode']  # anime catalogs number episodes from the first
    return media if media['title'] else None


# ---- Kodi library items and other addons -----------------------------------------------------------------------

def _from_tag(tag, show):
    """The InfoTag of a library item (or of another addon's item that sets one). Episodes need their show's ids:
    the episode's own unique ids name the episode, not the show."""
    kind = tag.get('mediatype')
    if kind == 'movie' and tag.get('title'):
        ids = tag.get('uniqueids') or {}
        return _media('movie', tag['title'], _int(tag.get('year')), 'library',
                      imdb_id=_imdb(ids.get('imdb') or tag.get('imdbnumber')),
                      tmdb_id=_int(ids.get('tmdb') or ids.get('themoviedb')),
                      tvdb_id=_int(ids.get('tvdb') or ids.get('thetvdb')))
    season, number = _int(tag.get('season')), _int(tag.get('episode'))
    if kind == 'episode' and tag.get('tvshowtitle') and season is not None and season >= 0 and number:
        ids = tag.get('uniqueids') or {}
        media = _media('episode', tag['tvshowtitle'], _int(show.get('year')), 'library',
                       imdb_id=_imdb(show.get('imdb') or ids.get('tvshow.imdb')),
                       tmdb_id=_int(show.get('tmdb') or ids.get('tvshow.tmdb')),
                       tvdb_id=_int(show.get('tvdb') or ids.get('tvshow.tvdb')),
                       season=season, episode=number)
        media['episode_title'] = _string(tag.get('title'))
        return media
    return None


# ---- file names -----------------------------------------------------------------------------------------------

def base_name(path) -> str:
    """The file name of a local path or URL without query, fragment or Kodi's |header suffix; '' when the last
    segment is not a video file name (e.g. a tokenised stream URL)."""
    path = path.split('|', 1)[0]
    if path.startswith('stack://'):
        path = path[len('stack://'):].split(' , ', 1)[0]
    if '://' in path:
        path = urlsplit(path).path
    name = posixpath.basename(unquote(path).replace('\\', '/'))
    return name if name.lower().endswith(VIDEO_EXTENSIONS) else ''


def path_folders(path) -> list:
    """Lower-case folder names above the file (used only to spot an "anime" folder)."""
    path = path.split('|', 1)[0]
    if '://' in path:
        path = urlsplit(path).path
    parts = unquote(path).replace('\\', '/').split('/')[:-1]
    return [part.lower() for part in parts if part]


@functools.lru_cache(maxsize=256)
def guess_name(name) -> dict:
    """guessit's reading of a file name, kept per name (the same dict each time: read it, never change it)."""
    from guessit import guessit  # lazy: slow to import, and only a file without ids needs it
    # Without these three, titles stay whole: "The Last of Us", "Dune Part Two", "Spider-Man No Way Home".
    return dict(guessit(name, {'excludes': ['country', 'part', 'release_group']}))


def _from_file_name(path, guess):
    name = base_name(path)
    if not name:
        return None
    found = guess(name)
    title = found.get('title')
    if not title or found.get('date'):
        return None  # nothing to go on, or a daily show that has no season/episode numbering
    year = _int(_first(found.get('year')))
    if found.get('type') != 'episode':
        return _media('movie', title, year, 'filename')
    season, number = _int(_first(found.get('season'))), _int(_first(found.get('episode')))
    absolute = name.startswith('[') and (number is None or season is None)
    if number is None and str(found.get('episode_title', '')).isdigit():
        number = int(found['episode_title'])
    if number is None:
        return None
    media = _media('episode', title, year, 'filename', season=None if absolute else season, episode=number)
    media['anime'] = absolute
    episode_title = _string(found.get('episode_title'))
    media['episode_title'] = episode_title if episode_title and not episode_title.isdigit() else None
    media['absolute_episode'] = number if absolute else None
    return media


# ---- multi-episode files -------------------------------------------------------------------------------------

# A cheap look for a second episode number (S01E01-E02, S01E01E02, S01E01-02, 1x01-02) before guessit is asked.
_MULTI_EPISODE_HINT = re.compile(r'(?i)e\d{1,4}[ ._]*-?[ ._]*e\d{1,4}|e\d{1,4}-\d{1,4}|\dx\d{1,3}-\d')


def with_episode_span(media, path, guess):
    """An episode whose file name covers several episodes (S01E01-E02) gains episode_end, the last of them."""
    name = base_name(path) if media['media_type'] == 'episode' else ''
    if not name or not _MULTI_EPISODE_HINT.search(name):
        return media
    numbers = guess(name).get('episode')
    if isinstance(numbers, list) and len(numbers) > 1 and all(isinstance(n, int) for n in numbers) \
            and media.get('episode') == min(numbers):
        media['episode_end'] = max(numbers)
    return media


# ---- shared helpers -------------------------------------------------------------------------------------------

def is_anime_genres(genres) -> bool:
    """A genre named "anime" (any case); "Animation" alone is not anime."""
    if isinstance(genres, str):
        genres = re.split(r'\s*[/,]\s*', genres)
    return isinstance(genres, (list, tuple)) and any(str(genre).strip().lower() == 'anime' for genre in genres)


def key_of(media):
    """The addon.core.mediakey key of an identified item, or None without a usable id or episode number."""
    ident = media.get('imdb_id') or (
        'tmdb:%d' % media['tmdb_id'] if media.get('tmdb_id') else
        'tvdb:%d' % media['tvdb_id'] if media.get('tvdb_id') else None)
    if ident is None:
        return None
    if media['media_type'] == 'movie':
        return media_key('movie', ident)
    if media.get('season') is None or media.get('episode') is None:
        return None
    return media_key('episode', ident, media['season'], media['episode'])


def _media(kind, title, year, source, imdb_id=None, tmdb_id=None, tvdb_id=None, season=None, episode=None):
    return {'media_type': kind, 'title': title, 'year': year if year and 1870 < year < 2100 else None,
            'imdb_id': imdb_id, 'tmdb_id': tmdb_id, 'tvdb_id': tvdb_id, 'season': season, 'episode': episode,
            'anime': False, 'own': False, 'source': source}


def _string(value):
    return value if isinstance(value, str) and value.strip() else None


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _int(value):
    try:
        return int(value) if value not in (None, '', 'None') else None
    except (TypeError, ValueError):
        return None


def _imdb(value):
    value = str(value or '').strip()
    return value if re.match(r'^tt\d+$', value) else None
