"""Routes that play: play (follows default_behavior), play_first (best stream, for TMDbHelper's direct player),
select_stream (selection dialog), show_streams (folder of playable streams) and its rows, plus the Tools action
that installs the TMDbHelper players. Parameters are the seed's: content_type, imdb_id | meta_id, season, episode,
title, media_id (show_streams), stream_id (videos[].id verbatim, optional).
"""
from __future__ import annotations

import sys

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin

LEGACY_ACTIONS: dict = {}


def _request():
    from addon.play.play_request import PlayRequest
    ident = arg('imdb_id') or arg('meta_id')
    if ident is None and arg('media_id'):
        return PlayRequest.from_media_id(arg('content_type'), arg('media_id'), arg('title'))
    return PlayRequest(arg('content_type') or 'movie', ident, int_arg('season'), int_arg('episode'), arg('title'),
                       arg('stream_id'))


def _kodi_resume() -> bool:
    """Kodi passes 'resume:true' as argv[3] when the user chose Resume on a resumable item."""
    return len(sys.argv) > 3 and sys.argv[3] == 'resume:true'


def _play(mode, chosen_index=None):
    from addon.play import playback
    playback.play(_request(), mode, plugin.handle, _kodi_resume(), chosen_index)


@plugin.route('/play')
def play():
    _play('auto')


@plugin.route('/play/first')
def play_first():
    _play('best')


@plugin.route('/play/select')
def select_stream():
    _play('select')


@plugin.route('/streams/play')
def play_stream():
    """One row of the streams folder: the stream the user clicked (kept list), falling back per the settings."""
    index = int_arg('index')
    _play('select' if index is None else 'best', chosen_index=index)


@plugin.route('/streams')
def show_streams():
    """Every playable stream as a playable item with its details (no dialogs when shown as a widget). Run as a
    script (RunPlugin, the seed's "Scrape Streams"), there is no folder to fill: offer the selection dialog."""
    from addon.platform import settings
    from addon.play import playback, stream_display
    from addon.play.play_request import Cancelled, PlayFailed
    handle = plugin.handle
    if handle < 0:
        _play('select')
        return
    request = _request()
    interactive = not is_widget()
    try:
        if not request.valid:
            raise PlayFailed(kodi.localize(30514))
        meta, video, ranked, stats = playback.stream_rows(request, interactive)
    except Cancelled:
        kodi.end_directory(handle, succeeded=False)
        return
    except (PlayFailed, settings.BadSetting) as failed:
        if interactive:
            kodi.notify(failed.message, icon='warning')
        kodi.end_directory(handle, succeeded=False)
        return
    fields = _row_fields(request, meta, video)
    words = stream_display.default_words()
    show_badges, show_stars = _flag('show_quality_badges'), _flag('show_reliability_icons')
    rows = []
    for stream in ranked:
        label, label2 = stream_display.labels(stream, stats.get(stream.provider_key), show_badges, show_stars, words)
        id_name = 'imdb_id' if str(request.ident).startswith('tt') else 'meta_id'
        params = {'content_type': request.content_type, id_name: request.ident, 'season': request.season,
                  'episode': request.episode, 'stream_id': request.stream_id, 'title': request.title,
                  'index': stream.index}
        url = plugin.url_for(play_stream, **{key: value for key, value in params.items() if value is not None})
        rows.append(_row(fields, stream, label, label2, url, words))
    kodi.begin_directory(handle, content='videos', category=kodi.localize(30515))
    kodi.add_items(handle, rows)
    kodi.end_directory(handle, cache_to_disc=False)


def _row_fields(request, meta, video) -> dict:
    from addon.core import metadata
    from addon.play import played_item
    if meta and video:
        return metadata.from_video(meta, video)
    if meta and not request.is_episode:
        return metadata.from_meta(meta)
    return played_item.minimal_fields(request)


def _row(fields, stream, label, label2, url, words):
    from addon.platform import listing
    from addon.play import stream_display
    row_fields = dict(fields, plot=stream_display.details_text(stream, words), media_type='video')
    item = listing.build_item(row_fields, url, True, label=label)
    item.setLabel2(label2)
    return url, item, False


def _flag(setting_id) -> bool:
    from addon.platform import settings
    return settings.flag(setting_id)


@plugin.route('/tools/tmdbhelper-players')
def install_tmdbhelper_players():
    from addon.tools import tmdbhelper
    tmdbhelper.install_with_feedback()


LEGACY_ACTIONS.update({
    'play': play, 'play_first': play_first, 'select_stream': select_stream, 'show_streams': show_streams,
    'play_stream': play_stream, 'install_tmdbhelper_players': install_tmdbhelper_players,
})
