"""The small pieces of playback: request parsing, failure-clip verdicts, subtitle naming, display rows, resume."""
from __future__ import annotations

import pytest

from addon.core.stream_model import Stream
from addon.play import preflight, stream_display, subtitles
from addon.play.play_request import PlayRequest
from addon.play.resume import StartPoint, clock

# ---- what to play ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize('media_id, expected', [
    ('tt123', ('movie', 'tt123', None, None, None)),
    ('tt123:2:5', ('series', 'tt123', 2, 5, 'tt123:2:5')),
    ('tmdb:1396:1:2', ('series', 'tmdb:1396', 1, 2, 'tmdb:1396:1:2')),
    ('tmdb:550001', ('movie', 'tmdb:550001', None, None, None)),
    ('kitsu:1376:5', ('series', 'kitsu:1376', 1, 5, 'kitsu:1376:5')),
])
def test_media_id_forms(media_id, expected):
    request = PlayRequest.from_media_id(None, media_id)
    assert (request.content_type, request.ident, request.season, request.episode, request.stream_id) == expected


def test_request_kinds_and_keys():
    assert PlayRequest('series', 'tt1', 1, 2).key == 'episode:tt1:1:2'
    assert PlayRequest('episode', 'tt1', 1, 2).content_type == 'series'
    assert PlayRequest('movie', 'tt9', 1, 2).key == 'movie:tt9'          # a movie ignores stray numbers
    assert not PlayRequest('series', 'tt1').valid                        # a series needs season and episode
    assert not PlayRequest('movie', None).valid


# ---- failure clips --------------------------------------------------------------------------------------------

@pytest.mark.parametrize('status, location, verdict, clip', [
    (307, 'https://cdn.example/file.mkv', 'ok', None),
    (307, 'https://host.example/static/downloading.mp4', 'failed', 'downloading'),
    (302, '/static/429.mp4', 'failed', '429'),
    (307, '/staticfiles/x.mp4', 'ok', None),
    (200, None, 'ok', None),
    (206, None, 'ok', None),
    (401, None, 'failed', None),
    (500, None, 'failed', None),
])
def test_verdicts(status, location, verdict, clip):
    found = preflight.verdict_for(status, location, 'https://host.example/api/v1/debrid/playback/x/y')
    assert (found.status, found.clip) == (verdict, clip)


def test_reason_texts(kodi):
    from addon import kodi as door
    assert 'still downloading' in preflight.reason_text(preflight.Verdict('failed', clip='downloading'),
                                                        door.localize)
    assert '(mystery)' in preflight.reason_text(preflight.Verdict('failed', clip='mystery'), door.localize)
    assert 'HTTP 403' in preflight.reason_text(preflight.Verdict('failed', detail='HTTP 403'), door.localize)


def test_non_http_urls_are_left_to_kodi():
    assert preflight.check('rtmp://example/live').status == preflight.UNKNOWN


# ---- subtitles ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('lang, code', [
    ('eng', 'en'), ('en', 'en'), ('English', 'en'), ('spa', 'es'), ('ger', 'de'), ('deu', 'de'), ('por', 'pt'),
    ('pob', 'pt'), ('pt-BR', 'pt'), ('chi', 'zh'), ('ze', 'und'), ('', 'und'), ('[\u274c] x', 'und'),
    ('pb', 'pt'), ('scc', 'sr'), ('scr', 'hr'), ('nob', 'no'), ('Norwegian', 'no'), ('fil', 'tl'), ('tgl', 'tl'),
    ('Greek', 'el'), ('zhe', 'zh'), ('zu', 'zu'), ('Persian', 'fa'), ('Brazilian', 'pt'), ('xx', 'und'),
])
def test_language_codes(lang, code):
    assert subtitles.language_code(lang) == code


def test_selection_keeps_several_per_language_and_drops_errors():
    entries = [{'url': 'u%d' % n, 'lang': lang} for n, lang in enumerate(['eng', 'eng', 'eng', 'eng', 'spa', 'fre'])]
    entries.append({'url': 'https://github.com/x', 'lang': '[\u274c] SubDL - Invalid API key'})
    entries.append({'url': 'u0', 'lang': 'eng'})
    chosen = subtitles.select(entries, [])
    assert [code for code, _entry in chosen] == ['en', 'en', 'en', 'es', 'fr']
    chosen = subtitles.select(entries, subtitles.preferred_languages('French, spa'))
    assert [code for code, _entry in chosen] == ['fr', 'es']
    assert subtitles.file_names([('en', {'url': 'a.srt'}), ('en', {'url': 'b.vtt?x=1'}), ('es', {'url': 'c'})]) == [
        'en.1.srt', 'en.2.vtt', 'es.1.srt']


# ---- display --------------------------------------------------------------------------------------------------

WORDS = {'cached': 'cached', 'uncached': 'uncached', 'seeders': 'Seeders', 'resolution': 'Resolution',
         'source': 'Source', 'video': 'Video', 'audio': 'Audio', 'size': 'Size', 'languages': 'Languages',
         'service': 'Service', 'addon': 'Addon', 'group': 'Release group', 'indexer': 'Indexer', 'file': 'File',
         'reliable': 'reliable', 'fair': 'sometimes fails', 'poor': 'often fails'}


def sample():
    stream = Stream(0)
    stream.resolution, stream.quality, stream.codec = '2160p', 'WEB-DL', 'HEVC'
    stream.visual_tags, stream.audio, stream.languages = ['DV', 'HDR10'], ['DD+', '5.1'], ['English']
    stream.size, stream.seeders, stream.release_group = 7494918963, 212, 'NTb'
    stream.addon, stream.service, stream.cached = 'Torrentio', 'realdebrid', True
    stream.name, stream.description = '[RD\u26a1] Torrentio 2160p', '\U0001f3a5 WEB-DL\n\U0001f4e6 6.98 GB'
    return stream


def test_badges_are_colour_coded_per_resolution():
    colours = {}
    for resolution in ('2160p', '1080p', '720p', '480p', '360p'):
        stream = Stream(0)
        stream.resolution = resolution
        colours[resolution] = stream_display.badge(stream)
    assert colours['2160p'].endswith('[4K][/COLOR]') and colours['1080p'].endswith('[1080p][/COLOR]')
    assert len(set(colours.values())) == 5
    assert stream_display.badge(Stream(0)) == ''


def test_rows_with_badges_and_reliability_in_words():
    label, label2 = stream_display.labels(sample(), (5, 0), True, True, WORDS)
    assert label.startswith('[COLOR FFFFC107][4K][/COLOR] Torrentio [COLOR FF66BB6A]RD cached[/COLOR]')
    assert label.endswith(' [COLOR FF66BB6A]reliable[/COLOR]')
    assert label2 == 'WEB-DL  \u2022  DV HDR10  \u2022  HEVC  \u2022  DD+ 5.1  \u2022  7.0 GB  \u2022  English' \
                     '  \u2022  Seeders 212  \u2022  NTb'
    assert stream_display.reliability((0, 1), WORDS) == '[COLOR FFFF7043]often fails[/COLOR]'
    assert stream_display.reliability((3, 2), WORDS) == '[COLOR FFFFC107]sometimes fails[/COLOR]'
    assert stream_display.reliability(None, WORDS) == ''


def test_rows_without_badges_use_the_formatter_text_and_no_unknown_stars():
    label, label2 = stream_display.labels(sample(), None, False, True, WORDS)
    assert label == '[RD+] Torrentio 2160p'
    assert label2 == 'WEB-DL | 6.98 GB'


def test_details_text_lists_every_known_field():
    text = stream_display.details_text(sample(), WORDS)
    assert '[B]Resolution:[/B] 2160p' in text and '[B]Release group:[/B] NTb' in text
    assert '[B]File:[/B]' not in text


# ---- resume ---------------------------------------------------------------------------------------------------

def test_start_points():
    assert clock(754) == '12:34' and clock(3725) == '1:02:05'
    assert StartPoint(seconds=30.0).seconds_of(None) == 30.0
    assert StartPoint(percent=25.0).seconds_of(2000.0) == 500.0
    assert StartPoint(percent=25.0).seconds_of(0) is None
    assert StartPoint(percent=25.4).label() == '25%'


# ---- did it start? --------------------------------------------------------------------------------------------

def test_watcher_outcomes(kodi):
    from addon.play import start_watch
    watcher = start_watch.StartWatcher()
    kodi.player.play('http://x/1.mkv')
    assert watcher.wait(1) == start_watch.STARTED
    watcher = start_watch.StartWatcher()
    kodi.player.fail()
    assert watcher.wait(1) == start_watch.FAILED
    watcher = start_watch.StartWatcher()
    assert watcher.wait(0.05) == start_watch.UNKNOWN


def test_a_stop_before_start_is_a_failure_only_when_kodi_says_playback_failed(kodi, monkeypatch):
    from addon.play import start_watch
    monkeypatch.setattr(start_watch, 'DIALOG_WAIT_SECONDS', 0.2)
    watcher = start_watch.StartWatcher()
    watcher.onPlayBackStopped()
    assert watcher.wait(1) == start_watch.STOPPED          # the user pressed stop while it buffered
    kodi.cond_visibility['Window.IsActive(okdialog)'] = True
    watcher = start_watch.StartWatcher()
    watcher.onPlayBackStopped()
    assert watcher.wait(1) == start_watch.FAILED


def test_resume_seek_happens_once_playback_runs(kodi):
    from addon.play import start_watch
    watcher = start_watch.StartWatcher()
    kodi.player.play('http://x/1.mkv', duration=1000.0)
    watcher.seek_to(StartPoint(percent=10.0))
    assert kodi.player.time == 100.0
    watcher.seek_to(StartPoint(seconds=101.0))            # already there (within tolerance): no second seek
    assert kodi.player.time == 100.0
