"""Up Next integration: when an episode of ours starts playing and service.upnext is enabled, send it the next
episode (season rollover included, specials and unaired episodes skipped) with a play URL of ours.

The convention of service.upnext: JSONRPC.NotifyAll with sender '<our id>.SIGNAL', message 'upnext_data' and data
[base64 of the JSON {current_episode, next_episode, play_url}]. The service hosts a small Player (PLAYER_MODULES)
whose onAVStarted only reads the playing item (our resolved items carry imdb_id / meta_id / content_type and the
episode's numbers) and hands the rest - the meta lookup and the signal - to a short-lived thread.
"""
from __future__ import annotations

import base64
import json
import threading
import traceback
import zlib

from addon import kodi
from addon.backend import aiostreams
from addon.core import metadata
from addon.platform.route_table import link

UPNEXT_ID = 'service.upnext'
SETTING = 'autoplay_next_episode'
MESSAGE = 'upnext_data'
OWN_ITEM_PROPERTY = 'script.trakt.exclude'   # set on every item our playback resolves


# ---- pure ------------------------------------------------------------------------------------------------------

def following(meta, season, episode, today=None):
    """The video after (season, episode) in airing order: the next episode of the season, else the first aired
    episode of a later season. None after the last aired episode, and for specials (season 0)."""
    if not season:
        return None
    for number, videos in metadata.seasons_of(meta):
        if number == 0 or number < season:
            continue
        for video in videos:
            if number == season and (_int(video.get('episode')) or 0) <= episode:
                continue
            if metadata.is_unaired(video, today):
                return None
            return video
    return None


def current_video(meta, season, episode):
    for number, videos in metadata.seasons_of(meta):
        if number == season:
            for video in videos:
                if _int(video.get('episode')) == episode:
                    return video
    return None


def stable_id(text) -> int:
    """A positive int id for Up Next's episodeid / tvshowid (it compares them to tell shows apart)."""
    return zlib.crc32(text.encode('utf-8')) & 0x7fffffff


def episode_info(meta, video, season, episode):
    """The episode dict Up Next shows (its "current_episode" / "next_episode" format)."""
    fields = metadata.from_video(meta, video) if video else {}
    show = metadata.from_meta(meta, meta.get('type') or 'series')
    show_art = show.get('art') or {}
    art = {'thumb': (fields.get('art') or {}).get('thumb') or show_art.get('fanart') or '',
           'tvshow.poster': show_art.get('poster', ''), 'tvshow.fanart': show_art.get('fanart', ''),
           'tvshow.clearlogo': show_art.get('clearlogo', ''), 'tvshow.landscape': show_art.get('landscape', '')}
    show_id = str(meta.get('id') or '')
    return {
        'episodeid': stable_id('%s:%d:%d' % (show_id, season, episode)),
        'tvshowid': stable_id(show_id),
        'title': fields.get('title') or '',
        'art': art,
        'season': season,
        'episode': episode,
        'showtitle': show.get('title') or '',
        'plot': fields.get('plot') or '',
        'playcount': 0,
        'rating': fields.get('rating') or 0.0,
        'firstaired': fields.get('aired') or '',
        'runtime': fields.get('duration') or 0,
    }


def signal_data(meta, season, episode, next_video, play_url) -> dict:
    return {
        'current_episode': episode_info(meta, current_video(meta, season, episode), season, episode),
        'next_episode': episode_info(meta, next_video, _int(next_video.get('season')),
                                     _int(next_video.get('episode'))),
        'play_url': play_url,
    }


def encode(data) -> str:
    return base64.b64encode(json.dumps(data).encode('utf-8')).decode('ascii')


def decode(text) -> dict:
    """Inverse of encode (what service.upnext does with data[0])."""
    return json.loads(base64.b64decode(text).decode('utf-8'))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---- Kodi ------------------------------------------------------------------------------------------------------

def wanted() -> bool:
    """The user wants it (setting) and Up Next is installed and enabled."""
    try:
        enabled = kodi.get_bool(SETTING)
    except kodi.SettingError:
        enabled = True
    return enabled and kodi.addon_enabled(UPNEXT_ID)


def playing_episode(item):
    """(content_type, meta id, season, episode) of a playing item that our playback resolved, else None."""
    if item is None or item.getProperty(OWN_ITEM_PROPERTY) != 'true':
        return None
    tag = item.getVideoInfoTag()
    meta_id = item.getProperty('meta_id') or item.getProperty('imdb_id')
    season, episode = tag.getSeason(), tag.getEpisode()
    if tag.getMediaType() != 'episode' or not meta_id or season is None or season < 1 or episode is None \
            or episode < 1:
        return None
    return item.getProperty('content_type') or 'series', meta_id, season, episode


def play_url(meta, content_type, video):
    """Our play_first URL of an episode (the best stream, as for TMDbHelper's direct player: Up Next plays it
    without a dialog)."""
    meta_id = str(meta.get('id') or '')
    id_name = 'imdb_id' if meta_id.startswith('tt') else 'meta_id'
    return link('play_first', **{'content_type': content_type, id_name: meta_id,
                                 'season': _int(video.get('season')), 'episode': _int(video.get('episode')),
                                 'stream_id': video.get('id'), 'title': meta.get('name')})


def announce(content_type, meta_id, season, episode) -> dict | None:
    """Look the show up (cache first) and send Up Next the next episode; returns the data sent, or None."""
    meta = aiostreams.cached_meta(content_type, meta_id)
    if meta is None:
        outcome = aiostreams.fetch_meta(content_type, meta_id)
        meta = outcome.data if outcome.kind == aiostreams.OK else None
    if meta is None:
        kodi.log('Up Next: no meta for %s; nothing sent' % meta_id, 'warning')
        return None
    next_video = following(meta, season, episode)
    if next_video is None:
        kodi.log('Up Next: %s S%02dE%02d is the last aired episode' % (meta_id, season, episode))
        return None
    data = signal_data(meta, season, episode, next_video, play_url(meta, content_type, next_video))
    kodi.jsonrpc('JSONRPC.NotifyAll', {'sender': '%s.SIGNAL' % kodi.ADDON_ID, 'message': MESSAGE,
                                       'data': [encode(data)]})
    kodi.log('Up Next: sent S%02dE%02d after S%02dE%02d of %s' % (
        data['next_episode']['season'], data['next_episode']['episode'], season, episode, meta_id), 'info')
    return data


def _announce_safely(found):
    try:
        announce(*found)
    except Exception:  # never let a failed signal disturb playback
        kodi.log('Up Next signal failed\n%s' % traceback.format_exc(), 'error')


class UpNextPlayer(kodi.Player):
    """Reads the playing item on onAVStarted and returns at once; the lookup runs on its own thread."""

    def onAVStarted(self):
        try:
            if not self.isPlayingVideo() or not wanted():
                return
            found = playing_episode(self.getPlayingItem())
        except RuntimeError:  # playback already ended
            return
        if found is not None:
            threading.Thread(target=_announce_safely, args=(found,), name='aiostreams-upnext', daemon=True).start()


def start_player():
    """Called by the service (PLAYER_MODULES): the player to keep alive."""
    return UpNextPlayer()
