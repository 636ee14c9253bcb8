"""Stremio / AIOMetadata meta JSON -> a plain dict of Kodi fields (aiostreams-api.md §6, seed inventory §7). Pure.

The dict is what addon.platform.listing renders through InfoTagVideo; other features (Trakt lists, Next Up, playback)
build the same dict from cached metas so every item in the addon looks alike. Keys (all optional except title and
media_type): media_type, content_type, id, title, tvshow_title, plot, year, premiered, aired, genres, duration
(seconds), rating, votes, mpaa, countries, studios, status, cast [{name, role, order, thumbnail}], directors,
writers, trailer, unique_ids {imdb, tmdb, tvdb, ...}, default_id, imdb_id, tmdb_id, art {poster, thumb, fanart,
clearlogo, landscape}, season, episode, stream_id, unaired, available, episode_count.
"""
from __future__ import annotations

import datetime
import re

YOUTUBE_PLAY = 'plugin://plugin.video.youtube/play/?video_id=%s'
SERIES_TYPES = ('series', 'anime', 'anime.series', 'tv', 'show')
_RUNTIME_PART = re.compile(r'(\d+(?:\.\d+)?)\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)(?![a-z])', re.I)
MAX_RUNTIME_MINUTES = 100000
_ISO_DATE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})')
_YEAR = re.compile(r'(\d{4})')
_ID_PREFIXES = (('tmdb:', 'tmdb'), ('tvdb:', 'tvdb'), ('kitsu:', 'kitsu'), ('mal:', 'mal'), ('anilist:', 'anilist'))


# ---- single-field parsers -------------------------------------------------------------------------------------

def parse_runtime(value):
    """Minutes from "2h16min", "2h 16m", "47min", "120", 120 or "1.5h"; None when unparseable or absurd."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        minutes = float(value)
    else:
        text = str(value).strip()
        if text.isdigit():
            minutes = float(text)
        else:
            parts = _RUNTIME_PART.findall(text)
            minutes = sum(float(amount) * (60 if unit.lower().startswith('h') else 1) for amount, unit in parts)
    # NaN fails both comparisons; infinity and runaway values are not a runtime
    return int(round(minutes)) if 0 < minutes <= MAX_RUNTIME_MINUTES else None


def parse_rating(value):
    """A 0-10 float from a string or number ("8.8", 8.7, "N/A" -> None)."""
    try:
        rating = float(str(value).strip().replace(',', '.'))
    except (TypeError, ValueError):
        return None
    return rating if 0 < rating <= 10 else None


def parse_date(value):
    """'YYYY-MM-DD' from an ISO date or date-time ('2010-07-15T00:00:00.000Z'), else None."""
    match = _ISO_DATE.match(str(value or '').strip())
    if not match:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def parse_year(meta):
    """Year from `year`, then `released`, then the first year of `releaseInfo` ("2008-2013" -> 2008)."""
    for candidate in (meta.get('year'), meta.get('released'), meta.get('releaseInfo')):
        match = _YEAR.search(str(candidate or ''))
        if match and 1870 < int(match.group(1)) < 2200:
            return int(match.group(1))
    return None


def _text(value) -> str:
    """A display string from a JSON scalar ('' for lists, dicts, booleans and null)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return ''
    return str(value).strip()


def _names(value):
    """Names from a list of strings or {name} dicts, or a comma-separated legacy string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(',') if part.strip()]
    names = []
    for entry in _list(value):
        name = entry.get('name') if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def cast_of(meta):
    """[{name, role, order, thumbnail}] from app_extras.cast, else the legacy `cast` names."""
    extras = _dict(meta.get('app_extras'))
    cast = []
    if _list(extras.get('cast')):
        for entry in extras['cast']:
            if isinstance(entry, dict) and _text(entry.get('name')):
                cast.append({'name': _text(entry['name']), 'role': _text(entry.get('character')),
                             'order': len(cast), 'thumbnail': _text(entry.get('photo'))})
        return cast
    return [{'name': name, 'role': '', 'order': index, 'thumbnail': ''}
            for index, name in enumerate(_names(meta.get('cast')))]


def _credits(meta, extras_key, legacy_key):
    extras = _dict(meta.get('app_extras'))
    return _names(extras.get(extras_key)) or _names(meta.get(legacy_key))


def trailer_url(meta):
    """The first YouTube trailer as a plugin.video.youtube URL (Trailer before Clip/Teaser), else None."""
    trailers = [t for t in _list(meta.get('trailers')) if isinstance(t, dict)]
    trailers.sort(key=lambda t: 0 if (t.get('type') or 'Trailer') == 'Trailer' else 1)
    for trailer in trailers:
        for candidate in (_text(trailer.get('ytId')), _text(trailer.get('source'))):
            if re.match(r'^[\w-]{11}$', candidate):
                return YOUTUBE_PLAY % candidate
    return None


def unique_ids(meta):
    """{'imdb': 'tt..', 'tmdb': '..', 'tvdb': '..', 'kitsu': ..} from the id and the AIOMetadata id stamps."""
    ids = {}
    meta_id = _text(meta.get('id'))
    imdb = _text(meta.get('imdb_id')) or (meta_id if meta_id.startswith('tt') else '')
    if imdb.startswith('tt'):
        ids['imdb'] = imdb.split(':')[0]
    for prefix, key in _ID_PREFIXES:
        if meta_id.startswith(prefix) and meta_id[len(prefix):]:
            ids[key] = meta_id[len(prefix):].split(':')[0]
    for key in ('tmdb', 'tvdb'):
        stamp = _text(meta.get('%s_id' % key))
        if stamp and stamp != '0' and key not in ids:
            ids[key] = stamp
    return ids


def countries_of(meta):
    return [name.upper() if len(name) == 2 else name for name in _names(meta.get('country'))]


def studios_of(meta):
    """Studios or networks when the meta names them; never the country (a seed defect)."""
    extras = _dict(meta.get('app_extras'))
    for value in (meta.get('studios'), meta.get('studio'), meta.get('network'), meta.get('networks'),
                  extras.get('networks'), extras.get('productionCompanies')):
        names = _names(value)
        if names:
            return names
    return []


def media_type_of(content_type):
    if content_type == 'movie':
        return 'movie'
    if content_type in SERIES_TYPES:
        return 'tvshow'
    return 'video'


def art_of(meta):
    art = {}
    poster, background, logo = _text(meta.get('poster')), _text(meta.get('background')), _text(meta.get('logo'))
    if poster:
        art['poster'] = art['thumb'] = poster
    if background:
        art['fanart'] = background
    if logo:
        art['clearlogo'] = logo
    landscape = _text(meta.get('landscapePoster')) or background
    if landscape:
        art['landscape'] = landscape
    return art


# ---- whole items ----------------------------------------------------------------------------------------------

def from_meta(meta, content_type=None):
    """Kodi fields of a movie or show (a catalog preview or a full meta)."""
    content_type = content_type or _text(meta.get('type')) or 'movie'
    ids = unique_ids(meta)
    extras = _dict(meta.get('app_extras'))
    runtime = parse_runtime(meta.get('runtime'))
    fields = {
        'media_type': media_type_of(content_type),
        'content_type': content_type,
        'id': _text(meta.get('id')),
        'title': _text(meta.get('name')) or _text(meta.get('title')) or _text(meta.get('id')),
        'plot': _text(meta.get('description')),
        'year': parse_year(meta),
        'premiered': parse_date(meta.get('released')),
        'genres': _names(meta.get('genres')),
        'duration': runtime * 60 if runtime else None,
        'rating': parse_rating(meta.get('imdbRating')),
        'mpaa': _text(extras.get('certification')) or _text(meta.get('certification')) or _text(meta.get('mpaa')),
        'countries': countries_of(meta),
        'studios': studios_of(meta),
        'status': _text(meta.get('status')),
        'cast': cast_of(meta),
        'directors': _credits(meta, 'directors', 'director'),
        'writers': _credits(meta, 'writers', 'writer'),
        'trailer': trailer_url(meta),
        'unique_ids': ids,
        'imdb_id': ids.get('imdb'),
        'tmdb_id': ids.get('tmdb'),
        'art': art_of(meta),
    }
    if fields['media_type'] == 'movie':
        fields['stream_id'] = _text(_dict(meta.get('behaviorHints')).get('defaultVideoId')) or fields['id']
    return _without_empty(fields)


def is_unaired(video, today=None):
    """An episode whose release date is in the future (or that AIOMetadata marks unavailable and undated)."""
    aired = parse_date(video.get('released'))
    today = today or datetime.date.today().isoformat()
    if aired:
        return aired > today
    return video.get('available') is False


def from_video(meta, video, today=None):
    """Kodi fields of one episode: show fields for context, the episode's own title/plot/thumbnail/date."""
    show = from_meta(meta, _text(meta.get('type')) or 'series')
    runtime = parse_runtime(video.get('runtime')) or parse_runtime(meta.get('runtime'))
    aired = parse_date(video.get('released'))
    art = dict(show.get('art') or {})
    art.pop('clearlogo', None)
    art.pop('landscape', None)
    if _text(video.get('thumbnail')):
        art['thumb'] = art['landscape'] = _text(video['thumbnail'])
    if show.get('art', {}).get('poster'):
        art['tvshow.poster'] = show['art']['poster']
    if show.get('art', {}).get('clearlogo'):
        art['tvshow.clearlogo'] = show['art']['clearlogo']
    fields = {
        'media_type': 'episode',
        'content_type': show.get('content_type'),
        'id': show.get('id'),
        'title': _text(video.get('title')) or _text(video.get('name')),
        'tvshow_title': show.get('title'),
        'plot': _text(video.get('overview')),
        'season': _int(video.get('season')),
        'episode': _int(video.get('episode')),
        'aired': aired,
        'premiered': aired,
        'year': int(aired[:4]) if aired else None,
        'duration': runtime * 60 if runtime else None,
        'rating': parse_rating(video.get('rating')),
        'genres': show.get('genres'),
        'mpaa': show.get('mpaa'),
        'studios': show.get('studios'),
        'cast': show.get('cast'),
        'imdb_id': show.get('imdb_id'),
        'tmdb_id': show.get('tmdb_id'),
        'show_ids': show.get('unique_ids'),
        'stream_id': _text(video.get('id')),
        'unaired': is_unaired(video, today),
        'art': art,
    }
    return _without_empty(fields)


def season_fields(meta, season, episode_count):
    """Kodi fields of a season folder (season 0 = Specials; the label is the caller's, localized)."""
    show = from_meta(meta, _text(meta.get('type')) or 'series')
    art = dict(show.get('art') or {})
    poster = _season_poster(_dict(meta.get('app_extras')).get('seasonPosters'), season)
    if poster:
        art['poster'] = art['thumb'] = poster
    return _without_empty({
        'media_type': 'season', 'content_type': show.get('content_type'), 'id': show.get('id'),
        'tvshow_title': show.get('title'), 'title': show.get('title'), 'season': season, 'plot': show.get('plot'),
        'year': show.get('year'), 'genres': show.get('genres'), 'imdb_id': show.get('imdb_id'),
        'tmdb_id': show.get('tmdb_id'), 'show_ids': show.get('unique_ids'), 'episode_count': episode_count,
        'art': art,
    })


def _season_poster(posters, season):
    if isinstance(posters, dict):
        value = posters.get(str(season)) or posters.get(season)
    elif isinstance(posters, list) and 0 <= season < len(posters):
        value = posters[season]
    else:
        value = None
    return str(value) if isinstance(value, str) and value else None


def seasons_of(meta):
    """[(season, [videos sorted by episode])] from meta.videos, regular seasons ascending and Specials (0) last."""
    grouped = {}
    for video in _list(meta.get('videos')):
        if not isinstance(video, dict) or not _text(video.get('id')):
            continue
        season = _int(video.get('season'))
        grouped.setdefault(season if season is not None else 1, []).append(video)
    order = sorted(number for number in grouped if number != 0) + ([0] if 0 in grouped else [])
    return [(number, sorted(grouped[number], key=lambda v: (_int(v.get('episode')) or 0)))
            for number in order]


def _int(value):
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _without_empty(fields):
    """Drop fields without a value (title and media_type always stay)."""
    return {key: value for key, value in fields.items()
            if key in ('title', 'media_type') or value not in (None, '', [], {})}


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}
