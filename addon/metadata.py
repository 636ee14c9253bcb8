"""Stremio / AIOMetadata meta JSON -> a plain dict of Kodi fields (aiostreams-api.md §6, seed inventory §7). Pure.

The dict is what addon.listing renders through InfoTagVideo; other features (Trakt lists, Next Up, playback) build
the same dict from cached metas so every item in the addon looks alike. Keys (all optional except title and
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
_ISO_DATE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})')
_YEAR = re.compile(r'(\d{4})')
_ID_PREFIXES = (('tmdb:', 'tmdb'), ('tvdb:', 'tvdb'), ('kitsu:', 'kitsu'), ('mal:', 'mal'), ('anilist:', 'anilist'))


# ---- single-field parsers -------------------------------------------------------------------------------------

def parse_runtime(value):
    """Minutes from "2h16min", "2h 16m", "47min", "120", 120 or "1.5h"; None when unparseable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value > 0 else None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) or None
    minutes = 0.0
    matched = False
    for amount, unit in _RUNTIME_PART.findall(text):
        matched = True
        minutes += float(amount) * (60 if unit.lower().startswith('h') else 1)
    return int(round(minutes)) if matched and minutes > 0 else None


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


def _names(value):
    """Names from a list of strings or {name} dicts, or a comma-separated legacy string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(',') if part.strip()]
    names = []
    for entry in value or ():
        name = entry.get('name') if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def cast_of(meta):
    """[{name, role, order, thumbnail}] from app_extras.cast, else the legacy `cast` names."""
    extras = meta.get('app_extras') if isinstance(meta.get('app_extras'), dict) else {}
    cast = []
    if extras.get('cast'):
        for entry in extras['cast']:
            if isinstance(entry, dict) and entry.get('name'):
                cast.append({'name': str(entry['name']), 'role': str(entry.get('character') or ''),
                             'order': len(cast), 'thumbnail': str(entry.get('photo') or '')})
        return cast
    return [{'name': name, 'role': '', 'order': index, 'thumbnail': ''}
            for index, name in enumerate(_names(meta.get('cast')))]


def _credits(meta, extras_key, legacy_key):
    extras = meta.get('app_extras') if isinstance(meta.get('app_extras'), dict) else {}
    return _names(extras.get(extras_key)) or _names(meta.get(legacy_key))


def trailer_url(meta):
    """The first YouTube trailer as a plugin.video.youtube URL (Trailer before Clip/Teaser), else None."""
    trailers = [t for t in meta.get('trailers') or [] if isinstance(t, dict)]
    trailers.sort(key=lambda t: 0 if (t.get('type') or 'Trailer') == 'Trailer' else 1)
    for trailer in trailers:
        video_id = trailer.get('ytId') or (trailer.get('source') if re.match(r'^[\w-]{11}$',
                                                                             str(trailer.get('source'))) else None)
        if video_id:
            return YOUTUBE_PLAY % video_id
    return None


def unique_ids(meta):
    """{'imdb': 'tt..', 'tmdb': '..', 'tvdb': '..', 'kitsu': ..} from the id and the AIOMetadata id stamps."""
    ids = {}
    meta_id = str(meta.get('id') or '')
    imdb = meta.get('imdb_id') or (meta_id if meta_id.startswith('tt') else None)
    if imdb and str(imdb).startswith('tt'):
        ids['imdb'] = str(imdb)
    for prefix, key in _ID_PREFIXES:
        if meta_id.startswith(prefix) and meta_id[len(prefix):]:
            ids[key] = meta_id[len(prefix):].split(':')[0]
    for key in ('tmdb', 'tvdb'):
        stamp = meta.get('%s_id' % key)
        if stamp not in (None, '', 0) and key not in ids:
            ids[key] = str(stamp)
    return ids


def countries_of(meta):
    value = meta.get('country')
    if isinstance(value, list):
        return [str(c).strip().upper() if len(str(c).strip()) == 2 else str(c).strip() for c in value if c]
    return [c.upper() if len(c) == 2 else c for c in _names(value)]


def studios_of(meta):
    """Studios or networks when the meta names them; never the country (a seed defect)."""
    extras = meta.get('app_extras') if isinstance(meta.get('app_extras'), dict) else {}
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
    if meta.get('poster'):
        art['poster'] = art['thumb'] = str(meta['poster'])
    if meta.get('background'):
        art['fanart'] = str(meta['background'])
    if meta.get('logo'):
        art['clearlogo'] = str(meta['logo'])
    landscape = meta.get('landscapePoster') or meta.get('background')
    if landscape:
        art['landscape'] = str(landscape)
    return art


# ---- whole items ----------------------------------------------------------------------------------------------

def from_meta(meta, content_type=None):
    """Kodi fields of a movie or show (a catalog preview or a full meta)."""
    content_type = content_type or meta.get('type') or 'movie'
    ids = unique_ids(meta)
    extras = meta.get('app_extras') if isinstance(meta.get('app_extras'), dict) else {}
    runtime = parse_runtime(meta.get('runtime'))
    fields = {
        'media_type': media_type_of(content_type),
        'content_type': content_type,
        'id': str(meta.get('id') or ''),
        'title': str(meta.get('name') or meta.get('title') or meta.get('id') or ''),
        'plot': str(meta.get('description') or ''),
        'year': parse_year(meta),
        'premiered': parse_date(meta.get('released')),
        'genres': [str(g) for g in meta.get('genres') or [] if isinstance(g, str)],
        'duration': runtime * 60 if runtime else None,
        'rating': parse_rating(meta.get('imdbRating')),
        'mpaa': str(extras.get('certification') or meta.get('certification') or meta.get('mpaa') or '') or None,
        'countries': countries_of(meta),
        'studios': studios_of(meta),
        'status': str(meta.get('status') or '') or None,
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
        fields['stream_id'] = str((meta.get('behaviorHints') or {}).get('defaultVideoId') or fields['id'])
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
    show = from_meta(meta, meta.get('type') or 'series')
    runtime = parse_runtime(video.get('runtime')) or parse_runtime(meta.get('runtime'))
    aired = parse_date(video.get('released'))
    art = dict(show.get('art') or {})
    art.pop('clearlogo', None)
    art.pop('landscape', None)
    if video.get('thumbnail'):
        art['thumb'] = art['landscape'] = str(video['thumbnail'])
    if show.get('art', {}).get('poster'):
        art['tvshow.poster'] = show['art']['poster']
    if show.get('art', {}).get('clearlogo'):
        art['tvshow.clearlogo'] = show['art']['clearlogo']
    fields = {
        'media_type': 'episode',
        'content_type': show.get('content_type'),
        'id': show.get('id'),
        'title': str(video.get('title') or video.get('name') or ''),
        'tvshow_title': show.get('title'),
        'plot': str(video.get('overview') or ''),
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
        'stream_id': str(video.get('id') or ''),
        'unaired': is_unaired(video, today),
        'art': art,
    }
    return _without_empty(fields)


def season_fields(meta, season, episode_count):
    """Kodi fields of a season folder (season 0 = Specials; the label is the caller's, localized)."""
    show = from_meta(meta, meta.get('type') or 'series')
    art = dict(show.get('art') or {})
    posters = (meta.get('app_extras') or {}).get('seasonPosters') if isinstance(meta.get('app_extras'), dict) \
        else None
    poster = _season_poster(posters, season)
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
    for video in meta.get('videos') or []:
        if not isinstance(video, dict) or not video.get('id'):
            continue
        season = _int(video.get('season'))
        grouped.setdefault(season if season is not None else 1, []).append(video)
    order = sorted(number for number in grouped if number != 0) + ([0] if 0 in grouped else [])
    return [(number, sorted(grouped[number], key=lambda v: (_int(v.get('episode')) or 0)))
            for number in order]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _without_empty(fields):
    return {key: value for key, value in fields.items() if value not in (None, '', [], {})}
