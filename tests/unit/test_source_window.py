"""The full-screen source window (addon.play.source_window) through the fake WindowXMLDialog: the rows and the
header it shows, down + select picks the second stream, back cancels, info rows never play, info shows the release,
and source_select_style 'dialog' keeps Kodi's selection dialog."""
from __future__ import annotations

from addon.core.stream_model import Stream
from addon.platform import db
from addon.play import playback, source_window

META = {'id': 'tt1000001', 'type': 'movie', 'name': 'Sample Feature', 'year': 2019, 'runtime': '104 min',
        'description': 'A test film.', 'background': 'http://127.0.0.1/fanart.jpg',
        'poster': 'http://127.0.0.1/poster.jpg', 'logo': 'http://127.0.0.1/logo.png'}
INFOS = [('Library', 'Refresh Real-Debrid Library')]


def stream(index, resolution, addon, filename, cached=True):
    made = Stream(index)
    made.resolution, made.quality, made.codec = resolution, 'WEB-DL', 'HEVC'
    made.visual_tags, made.audio, made.languages = ['HDR10'], ['DD+', '5.1'], ['English', 'Spanish']
    made.size, made.release_group, made.filename = 7494918963, 'NTb', filename
    made.addon, made.service, made.cached = addon, 'realdebrid', cached
    made.url = 'http://127.0.0.1/ok/%d' % index
    return made


def streams():
    return [stream(0, '2160p', 'Torrentio', 'Sample.Feature.2019.2160p.WEB-DL.mkv'),
            stream(1, '1080p', 'Comet', 'Sample.Feature.2019.1080p.BluRay.x264-DEMAND.mkv', cached=False)]


def pick(kodi, inputs, infos=INFOS):
    kodi.answer('window', inputs)
    try:
        return playback.select_stream(streams(), infos, 'Sample Feature (2019)', (META, None, None))
    finally:
        db.close()


def window_record(kodi):
    return [shown for shown in kodi.dialogs if shown['kind'] == 'window']


def test_down_and_select_returns_the_second_stream(kodi):
    chosen = pick(kodi, ['down', 'select'])
    assert chosen is not None and chosen.filename == 'Sample.Feature.2019.1080p.BluRay.x264-DEMAND.mkv'
    assert window_record(kodi) == [{'kind': 'window', 'xml': 'aiostreams-sources.xml', 'inputs': ['down', 'select'],
                                    'closed': True}]
    assert not [shown for shown in kodi.dialogs if shown['kind'] == 'select']


def test_select_on_the_first_row_returns_the_best_stream(kodi):
    assert pick(kodi, ['select']).filename == 'Sample.Feature.2019.2160p.WEB-DL.mkv'


def test_back_returns_none_quietly(kodi):
    assert pick(kodi, ['down', 'back']) is None
    assert kodi.notifications == [] and kodi.errors() == []


def test_an_info_row_shows_its_message_and_plays_nothing(kodi):
    kodi.answer('ok', True)
    assert pick(kodi, ['down', 'down', 'select', 'back']) is None
    told = [shown for shown in kodi.dialogs if shown['kind'] == 'ok']
    assert told == [{'kind': 'ok', 'heading': 'Library', 'message': 'Refresh Real-Debrid Library', 'answer': True}]


def test_info_shows_the_full_release_text_and_the_window_stays(kodi):
    kodi.answer('textviewer', None)
    chosen = pick(kodi, ['down', 'info', 'select'])
    viewer = [shown for shown in kodi.dialogs if shown['kind'] == 'textviewer']
    assert viewer[0]['heading'] == 'Comet'
    assert viewer[0]['message'].startswith('Sample.Feature.2019.1080p.BluRay.x264-DEMAND.mkv')
    assert chosen.filename.endswith('DEMAND.mkv')


class Capture(source_window.SourceWindow):
    """The real window class, keeping what onInit put on its controls."""
    seen = None

    def onInit(self):
        super().onInit()
        rows = self.getControl(source_window.ROWS)
        Capture.seen = {
            'fanart': self.getControl(source_window.FANART).image,
            'logo': self.getControl(source_window.LOGO).image,
            'poster': self.getControl(source_window.POSTER).image,
            'title': self.getControl(source_window.TITLE).getLabel(),
            'facts': self.getControl(source_window.FACTS).getLabel(),
            'plot': self.getControl(source_window.PLOT).getText(),
            'rows': [rows.getListItem(index) for index in range(rows.size())],
            'focus': self.getFocusId(),
        }


def test_the_window_shows_the_art_the_facts_and_one_row_per_stream(kodi, monkeypatch):
    monkeypatch.setattr(source_window, 'SourceWindow', Capture)
    pick(kodi, ['back'])
    seen = Capture.seen
    assert (seen['fanart'], seen['logo'], seen['poster']) == (
        'http://127.0.0.1/fanart.jpg', 'http://127.0.0.1/logo.png', 'http://127.0.0.1/poster.jpg')
    assert seen['title'] == ''                      # the clearlogo stands for it
    assert seen['facts'] == 'Sample Feature (2019)  \u00b7  104 min' and seen['plot'] == 'A test film.'
    assert seen['focus'] == source_window.ROWS
    first, second, info = seen['rows']
    assert first.getProperty('badge').endswith('[4K][/COLOR]') and first.getProperty('title') == 'Torrentio'
    assert 'RD cached' in first.getProperty('service') and first.getProperty('size') == '7.0 GB'
    assert first.getProperty('video') == 'WEB-DL HEVC HDR10 DD+ 5.1'
    assert first.getProperty('languages') == 'English, Spanish'
    assert first.getProperty('release') == 'Sample.Feature.2019.2160p.WEB-DL.mkv'
    assert first.getProperty('playable') == 'true' and first.getProperty('same_as_last') == ''
    assert 'uncached' in second.getProperty('service')
    assert info.getProperty('playable') == 'false' and 'Refresh Real-Debrid Library' in info.getProperty('title')
    assert any('source window open with 3 rows in' in line for _level, line in kodi.log_lines)


def test_without_a_logo_the_title_is_written(kodi, monkeypatch):
    monkeypatch.setattr(source_window, 'SourceWindow', Capture)
    kodi.answer('window', ['back'])
    meta = dict(META, logo='')
    playback.select_stream(streams(), (), 'Sample Feature (2019)', (meta, None, None))
    db.close()
    assert Capture.seen['title'] == 'Sample Feature' and Capture.seen['logo'] == ''


def test_the_dialog_style_keeps_kodis_selection_dialog(kodi):
    kodi.set_setting('source_select_style', 'dialog')
    kodi.answer('select', 1)
    chosen = playback.select_stream(streams(), INFOS, 'Sample Feature (2019)', (META, None, None))
    db.close()
    assert chosen.filename.endswith('DEMAND.mkv')
    assert window_record(kodi) == []
