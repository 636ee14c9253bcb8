"""Playing through the plugin entry (fakekodi.run_plugin) against the fake AIOStreams server: resolver semantics,
stream choice, proxy headers, failure-clip fallback, subtitles, resume, handoff, the streams folder."""
from __future__ import annotations

import json
import os

import pytest

from addon.platform import playstate
from addon.play import reliability, stream_cache
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

PLUGIN = 'plugin://plugin.video.aiostreams/'
EPISODE = PLUGIN + '?action=%s&content_type=series&imdb_id=tt2000001&season=1&episode=1'
MOVIE = PLUGIN + '?action=%s&content_type=movie&imdb_id=tt1000001'
EPISODE_KEY = 'series/tt2000001:1:1'


@pytest.fixture(autouse=True)
def quick_watch(quick_dialog_play):
    yield


def resolved_paths(record):
    return [(ok, item.getPath()) for ok, item in record.resolved]


def template_streams(server, outcomes=None):
    """The fake's stream template for the episode, with playback outcomes replaced per position."""
    streams = json.loads(json.dumps(server.dataset['stream_template']))
    for position, outcome in (outcomes or {}).items():
        streams[position]['url'] = streams[position]['url'].replace('/ok/', '/%s/' % outcome)
    server.dataset['streams'][EPISODE_KEY] = streams
    return streams


# ---- resolver semantics ---------------------------------------------------------------------------------------

def test_play_first_resolves_the_handle_with_the_best_stream_and_full_metadata(kodi, aio):
    record = kodi.run_plugin(EPISODE % 'play_first', handle=7)
    assert len(record.resolved) == 1
    ok, item = record.resolved[0]
    assert ok and '/ok/' in item.getPath() and '2160p' in item.getPath()
    tag = item.getVideoInfoTag()
    assert (tag.getMediaType(), tag.getTitle(), tag.getTVShowTitle(), tag.getSeason(), tag.getEpisode()) == (
        'episode', 'Pilot', 'Sample Show', 1, 1)
    assert tag.getUniqueID('tvshow.imdb') == 'tt2000001'
    assert item.getProperty('script.trakt.exclude') == 'true'
    assert kodi.notifications == []
    assert kodi.errors() == []
    assert 'Dialog.Close(busydialog)' in kodi.builtins
    handoff = json.loads(kodi.window_property(10000, 'AIOStreams.Handoff'))
    assert handoff['media_key'] == 'episode:tt2000001:1:1'
    assert handoff['stream_key'] == 'torrentio|realdebrid|ntb'
    assert handoff['show_title'] == 'Sample Show' and handoff['title'] == 'Pilot'
    import hashlib
    assert handoff['url_sha1'] == hashlib.sha1(item.getPath().encode('utf-8')).hexdigest()
    assert 'http' not in json.dumps(handoff)


def test_run_plugin_without_a_handle_plays_directly(kodi, aio):
    record = kodi.run_plugin(MOVIE % 'play_first', handle=-1)
    assert record.resolved == []
    assert len(kodi.player.history) == 1
    path, item = kodi.player.history[0]
    assert '/ok/' in path and item.getVideoInfoTag().getTitle() == 'Sample Feature'
    assert item.getVideoInfoTag().getUniqueID('imdb') == 'tt1000001'
    assert kodi.errors() == [] and kodi.notifications == []


def test_select_stream_plays_an_uncached_stream_chosen_on_purpose_and_says_it_is_downloading(kodi, aio):
    kodi.answer('select', 2)   # the uncached TorBox 1080p, ranked after the cached ones
    record = kodi.run_plugin(EPISODE % 'select_stream', handle=3)
    assert resolved_paths(record)[0][0] is True
    assert '1080p.BluRay' in record.resolved[0][1].getPath()
    shown = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'][0]
    assert len(shown['list']) == 3   # p2p, error and statistic items are not offered
    assert reliability.picks_for(['comet|torbox|demand']) == {'comet|torbox|demand': 1}
    assert [note['message'] for note in kodi.notifications] == [
        'Your debrid service does not have this stream yet and is downloading it. It plays once the download is '
        'done.']
    assert json.loads(kodi.window_property(10000, 'AIOStreams.Handoff'))['stream_key'] is None


def test_the_proxied_stream_carries_its_request_header(kodi, aio):
    kodi.answer('select', 1)
    record = kodi.run_plugin(EPISODE % 'select_stream', handle=3)
    path = record.resolved[0][1].getPath()
    assert path.endswith('/api/v1/proxy/eyJ1IjoiZWFzeW5ld3MifQ|Authorization=Basic%20dXNlcjpwYXNz')
    checks = aio.requests_to('/api/v1/proxy/')
    assert checks and checks[0].headers.get('authorization') == 'Basic dXNlcjpwYXNz'


def test_play_follows_default_behavior(kodi, aio):
    kodi.set_setting('default_behavior', 'play_first')
    record = kodi.run_plugin(EPISODE % 'play', handle=4)
    assert '2160p' in record.resolved[0][1].getPath()
    assert not [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select']
    kodi.set_setting('default_behavior', 'show_streams')
    kodi.answer('select', 2)
    record = kodi.run_plugin(EPISODE % 'play', handle=5)
    assert '1080p.BluRay' in record.resolved[0][1].getPath()


# ---- fallback -------------------------------------------------------------------------------------------------

def test_failure_clip_is_detected_and_play_next_skips_it(kodi, aio):
    template_streams(aio, {0: 'downloading'})
    kodi.set_setting('fallback_behavior', 'play_next')
    record = kodi.run_plugin(EPISODE % 'play_first', handle=9)
    assert len(record.resolved) == 1
    assert record.resolved[0][0] is True and '/api/v1/proxy/' in record.resolved[0][1].getPath()   # cached first
    assert aio.requests_to('/static/') == []      # the clip itself was never fetched
    assert reliability.stats_for(['torrentio|realdebrid|ntb']) == {'torrentio|realdebrid|ntb': (0.0, 1.0)}
    assert any('still downloading' in note['message'] for note in kodi.notifications)


def test_fallback_show_streams_offers_the_rest_without_the_failed_stream(kodi, aio):
    template_streams(aio, {0: 'payment_required'})
    kodi.set_setting('default_behavior', 'play_first')
    kodi.set_setting('fallback_behavior', 'show_streams')
    kodi.answer('select', 0)
    record = kodi.run_plugin(EPISODE % 'play', handle=9)
    offered = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'][0]['list']
    assert len(offered) == 2
    assert record.resolved[0][1].getPath().endswith('|Authorization=Basic%20dXNlcjpwYXNz')


def test_when_every_stream_fails_the_handle_fails_once_with_a_message(kodi, aio):
    template_streams(aio, {0: 'downloading', 1: '500'})
    aio.dataset['streams'][EPISODE_KEY][3]['url'] = aio.playback_url('no_matching_file')
    kodi.set_setting('fallback_behavior', 'play_next')
    record = kodi.run_plugin(EPISODE % 'play_first', handle=2)
    assert [ok for ok, _item in record.resolved] == [False]
    assert 'None of the streams could be played.' in kodi.notifications[-1]['message']
    assert kodi.player.history == []


def test_fallback_is_bounded(kodi, aio):
    template_streams(aio, {0: 'downloading'})
    aio.dataset['streams'][EPISODE_KEY][3]['url'] = aio.playback_url('download_failed')
    kodi.set_setting('fallback_behavior', 'play_next')
    kodi.set_setting('fallback_attempts', 2)
    record = kodi.run_plugin(EPISODE % 'play_first', handle=2)
    assert [ok for ok, _item in record.resolved] == [False]
    assert aio.requests_to('1080p.BluRay') == []   # the third stream was never tried


def test_a_play_that_does_not_start_falls_back_to_the_next_stream(kodi, aio, monkeypatch):
    from addon.play import start_watch
    kodi.set_setting('fallback_behavior', 'play_next')
    outcomes = iter([start_watch.FAILED, start_watch.STARTED])
    monkeypatch.setattr(start_watch.StartWatcher, 'wait', lambda self, seconds: next(outcomes))
    record = kodi.run_plugin(EPISODE % 'play_first', handle=2)
    assert [ok for ok, _item in record.resolved] == [True]
    assert '2160p' in record.resolved[0][1].getPath()
    assert len(kodi.player.history) == 1 and '/api/v1/proxy/' in kodi.player.history[0][0]


# ---- quiet cancels and clear messages -------------------------------------------------------------------------

def test_cancelling_the_selection_returns_quietly(kodi, aio):
    kodi.answer('select', -1)
    record = kodi.run_plugin(EPISODE % 'select_stream', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications == [] and kodi.player.history == []


def test_cancelling_the_scrape_returns_quietly(kodi, aio):
    aio.fail('slow', match='/api/v1/search', delay=3)
    kodi.answer('progress_cancel_after', 1)
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications == []


def test_only_error_and_statistic_items_show_their_descriptions(kodi, aio):
    aio.dataset['streams'][EPISODE_KEY] = [aio.dataset['stream_template'][4], aio.dataset['stream_template'][5]]
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    message = kodi.notifications[0]['message']
    assert message.startswith('No playable streams. The server said: Request timed out after 7000ms; Total streams')


def test_only_p2p_streams_are_explained(kodi, aio):
    aio.search_api_disabled = True
    aio.dataset['streams'][EPISODE_KEY] = [aio.dataset['stream_template'][2]]
    kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert 'peer-to-peer' in kodi.notifications[0]['message']


def test_server_down_gives_a_clear_message(kodi, aio):
    aio.stop()
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications[0]['message'] == 'Cannot reach your AIOStreams server.'


def test_missing_ids_from_tmdbhelper_are_refused_clearly(kodi, aio):
    record = kodi.run_plugin(PLUGIN + '?action=play_first&content_type=series&imdb_id=None&season=1&episode=1',
                             handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert 'does not say what to play' in kodi.notifications[0]['message']
    assert aio.requests_to('/api/v1/search') == []


def test_search_api_disabled_falls_back_to_the_stream_route(kodi, aio):
    aio.search_api_disabled = True
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert '2160p' in record.resolved[0][1].getPath()
    assert aio.requests_to('/stream/series/tt2000001:1:1')


# ---- ranking mode ---------------------------------------------------------------------------------------------

def test_ranking_mode_prefers_quality_and_min_quality_filters(kodi, aio):
    streams = template_streams(aio)
    aio.dataset['streams'][EPISODE_KEY] = [streams[1], streams[3], streams[0]]   # 1080p, 1080p proxy, 2160p
    kodi.set_setting('keep_server_order', False)
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert '2160p' in record.resolved[0][1].getPath()
    kodi.set_setting('preferred_quality', '1080p')
    stream_cache.forget('episode:tt2000001:1:1')
    record = kodi.run_plugin(EPISODE % 'play_first', handle=4)
    assert '/api/v1/proxy/' in record.resolved[0][1].getPath()   # the cached 1080p, not the uncached one


def test_minimum_quality_hiding_everything_says_so(kodi, aio):
    streams = template_streams(aio)
    aio.dataset['streams'][EPISODE_KEY] = [streams[1]]
    kodi.set_setting('filter_low_quality', True)
    kodi.set_setting('min_quality', '1080p')
    streams[1]['streamData']['parsedFile']['resolution'] = '720p'
    streams[1]['behaviorHints']['bingeGroup'] = 'x'
    kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert 'minimum quality (1080p): 1 hidden' in kodi.notifications[0]['message']


# ---- subtitles, resume ----------------------------------------------------------------------------------------

def test_subtitles_are_attached_with_language_coded_names(kodi, aio):
    aio.dataset['subtitles'][EPISODE_KEY] = [
        {'id': 'a', 'url': '{origin}/subs/a.eng.srt', 'lang': 'eng'},
        {'id': 'b', 'url': '{origin}/subs/b.eng.srt', 'lang': 'eng'},
        {'id': 'c', 'url': '{origin}/subs/c.spa.vtt', 'lang': 'spa'},
        {'id': 'error.SubDL', 'lang': '[\u274c] SubDL - Invalid API key', 'url': 'https://github.com/x'},
    ]
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    subtitles = record.resolved[0][1].subtitles
    assert [os.path.basename(path) for path in subtitles] == ['en.1.srt', 'en.2.srt', 'es.1.vtt']
    assert all(os.path.getsize(path) > 0 for path in subtitles)
    kodi.set_setting('subtitle_languages', 'spa')
    stream_cache.forget('episode:tt2000001:1:1')
    record = kodi.run_plugin(EPISODE % 'play_first', handle=4)
    assert [os.path.basename(path) for path in record.resolved[0][1].subtitles] == ['es.1.vtt']


def test_auto_resume_starts_at_the_saved_second(kodi, aio):
    playstate.save_position('movie:tt1000001', 254.0, 600.0)
    record = kodi.run_plugin(MOVIE % 'play_first', handle=3)
    item = record.resolved[0][1]
    assert item.getVideoInfoTag().getResumeTime() == 254.0
    assert item.getProperty('StartOffset') == '254.000'
    kodi.run_plugin(MOVIE % 'play_first', handle=-1)
    assert kodi.player.time == 254.0


def test_without_auto_resume_the_user_is_asked(kodi, aio):
    playstate.save_position('movie:tt1000001', 754.0, 3000.0)
    kodi.set_setting('auto_resume', False)
    kodi.answer('select', 1)
    record = kodi.run_plugin(MOVIE % 'play_first', handle=3)
    asked = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'][0]
    assert asked['list'] == ['Resume from 12:34', 'Play from the beginning']
    assert record.resolved[0][1].getProperty('StartOffset') == ''
    record = kodi.run_plugin(MOVIE % 'play_first', handle=4, resume=True)
    assert record.resolved[0][1].getProperty('StartOffset') == '754.000'


# ---- streams folder and kept lists ----------------------------------------------------------------------------

def test_show_streams_lists_playable_rows_that_resolve_the_clicked_stream(kodi, aio):
    listing = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=series&media_id=tt2000001:1:1', handle=4)
    assert listing.ended and listing.succeeded
    assert len(listing.items) == 3
    first = listing.items[0]
    assert first.listitem.getProperty('IsPlayable') == 'true' and not first.is_folder
    assert '[4K]' in first.listitem.getLabel() and 'WEB-DL' in first.listitem.getLabel2()
    assert 'Torrentio' in first.listitem.getVideoInfoTag().getPlot()
    searches = len(aio.requests_to('/api/v1/search'))
    record = kodi.run_plugin(listing.items[2].url, handle=5)
    assert '1080p.BluRay' in record.resolved[0][1].getPath()
    assert len(aio.requests_to('/api/v1/search')) == searches   # the kept list was used


def test_show_streams_as_a_widget_opens_no_dialog(kodi, aio):
    aio.stop()
    listing = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=movie&media_id=tt1000001&widget=true',
                              handle=4)
    assert listing.ended and not listing.succeeded
    assert kodi.dialogs == [] and kodi.notifications == []


def test_play_uses_a_fresh_preloaded_list(kodi, aio):
    from addon.play import stream_lookup
    from addon.play.play_request import PlayRequest
    request = PlayRequest('series', 'tt2000001', 1, 1)
    stream_cache.store(request.key, 'tt2000001:1:1', stream_lookup.fetch_stream_list('series', 'tt2000001:1:1'))
    aio.clear_log()
    record = kodi.run_plugin(EPISODE % 'play_first', handle=6)
    assert record.resolved[0][0] is True
    assert aio.requests_to('/api/v1/search') == [] and aio.requests_to('/stream/') == []


def test_install_tmdbhelper_players(kodi, aio):
    kodi.installed_addons['plugin.video.themoviedb.helper'] = True
    kodi.run_plugin(PLUGIN + '?action=install_tmdbhelper_players', handle=-1)
    folder = kodi.translate_path('special://profile/addon_data/plugin.video.themoviedb.helper/players/')
    assert sorted(os.listdir(folder)) == ['aiostreams.direct.json', 'aiostreams.select.json']
    assert 'installed' in kodi.notifications[0]['message']


def test_show_streams_run_as_a_script_offers_the_dialog_and_plays(kodi, aio):
    kodi.answer('select', 0)
    record = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=movie&media_id=tt1000001&title=x',
                             handle=-1)
    assert record.items == [] and kodi.errors() == []
    assert len(kodi.player.history) == 1 and '/ok/' in kodi.player.history[0][0]


def test_trakt_percentage_resume_seeks_once_playback_runs(kodi, aio, monkeypatch):
    from addon.play import resume
    monkeypatch.setattr(resume, 'trakt_percent', lambda key: 50.0)
    kodi.run_plugin(MOVIE % 'play_first', handle=-1)
    assert kodi.player.time == 300.0     # half of the fake player's 600 s


def test_cancelling_while_a_stream_is_checked_returns_quietly(kodi, aio):
    aio.fail('slow', match='/api/v1/debrid/playback/', delay=3)
    kodi.answer('progress_cancel_after', 100)   # the scrape's dialog: never cancelled
    kodi.answer('progress_cancel_after', 1)     # the check's dialog: cancelled at once
    record = kodi.run_plugin(EPISODE % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications == [] and kodi.player.history == []
