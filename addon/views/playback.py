"""Routes that play: play (follows default_behavior), play_first (best stream, for TMDbHelper's direct player),
select_stream (selection dialog), show_streams (folder of playable streams and the server's info rows) and its rows,
plus the Tools action that installs the TMDbHelper players. Parameters are the seed's: content_type,
imdb_id | meta_id, season, episode, title, media_id (show_streams), stream_id (videos[].id verbatim, optional).

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

import sys

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin, route, url_for


def _request_params():
    """The PlayRequest the seed's parameters name (imdb_id | meta_id, or show_streams' media_id)."""
    from addon.play.play_request import PlayRequest
    ident = arg('imdb_id') or arg('meta_id')
    if ident is None and arg('media_id'):
        return PlayRequest.from_media_id(arg('content_type'), arg('media_id'), arg('title'))
    return PlayRequest(arg('content_type') or 'movie', ident, int_arg('season'), int_arg('episode'), arg('title'),
                       arg('stream_id'))


def _kodi_resume() -> bool:
    """Kodi passes 'resume:true' as argv[3] when the user chose Resume on a resumable item."""
    return len(sys.argv) > 3 and sys.argv[3] == 'resume:true'


def _play(request, mode, chosen_index=None):
    from addon.play import playback
    playback.play(request, mode, plugin.handle, _kodi_resume(), chosen_index)


@route('/play', legacy=('play',))
def play():
    _play(_request_params(), 'auto')


@route('/play/first', legacy=('play_first', 'play_next'))
def play_first():
    """The best stream without a dialog (TMDbHelper's direct player, Up Next, the newer seed's play_next)."""
    _play(_request_params(), 'best')


@route('/play/select', legacy=('select_stream',))
def select_stream():
    _play(_request_params(), 'select')


@route('/streams/play', legacy=('play_stream',))
def play_stream():
    """One row of the streams folder: the stream the user clicked (kept list), falling back per the settings."""
    request, index = _request_params(), int_arg('index')
    _play(request, 'select' if index is None else 'best', chosen_index=index)


@route('/streams', legacy=('show_streams',))
def show_streams():
    """Every playable stream as a playable item with its details (no dialogs when shown as a widget). Run as a
    script (RunPlugin, the seed's "Scrape Streams"), there is no folder to fill: offer the selection dialog."""
    request, interactive = _request_params(), not is_widget()
    from addon.platform import settings
    from addon.play import playback, stream_display
    from addon.play.play_request import Cancelled, PlayFailed
    handle = plugin.handle
    if handle < 0:
        _play(request, 'select')
        return
    try:
        if not request.valid:
            raise PlayFailed(kodi.localize(30514))
        meta, video, ranked, same, stats, infos = playback.stream_rows(request, interactive)
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
        if stream is same:
            label = '%s  [%s]' % (label, kodi.localize(32500))
        id_name = 'imdb_id' if str(request.ident).startswith('tt') else 'meta_id'
        params = {'content_type': request.content_type, id_name: request.ident, 'season': request.season,
                  'episode': request.episode, 'stream_id': request.stream_id, 'title': request.title,
                  'index': stream.index}
        url = url_for(play_stream, **params)
        rows.append(_row(fields, stream, label, label2, url, words))
    rows.extend(_info_row(fields, title, message) for title, message in infos)
    reason = playback.nothing_to_auto_play(ranked)
    if reason and interactive:
        kodi.notify(reason, icon='warning')
    category = kodi.localize(32007, stream_display.heading(request, meta))
    kodi.begin_directory(handle, content='videos', category=category)
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


def _info_row(fields, title, message):
    """An info item (a server action such as "Refresh ... Library"): its text, and a click that only shows it;
    its own url is never opened."""
    from addon.platform import listing
    from addon.play import stream_display
    url = url_for(stream_info, title=title, message=message)
    item = listing.build_item(dict(fields, plot=message or title, media_type='video'), url, False,
                              label=stream_display.info_label(title, message))
    item.setLabel2(kodi.localize(30535))
    item.setArt({'icon': 'DefaultIconInfo.png', 'thumb': 'DefaultIconInfo.png'})
    return url, item, False


@route('/streams/info')
def stream_info():
    """A click on an info row of the streams folder: its message, nothing played."""
    from addon.play import stream_display
    kodi.ok_dialog(stream_display.plain(arg('message') or arg('title') or ''),
                   heading=stream_display.plain(arg('title') or ''))


def _flag(setting_id) -> bool:
    from addon.platform import settings
    return settings.flag(setting_id)


@route('/tools/tmdbhelper-players', legacy=('install_tmdbhelper_players',))
def install_tmdbhelper_players():
    from addon.tools import tmdbhelper
    tmdbhelper.install_with_feedback()

