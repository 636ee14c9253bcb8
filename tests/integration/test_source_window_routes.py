"""The source window through the plugin entry against the fake AIOStreams server: select_stream, show_streams run
as a script and TMDbHelper's Source Select player all open aiostreams-sources.xml (the default style); down +
select plays the second row, back ends quietly, the server's info row plays nothing."""
from __future__ import annotations

import json

import pytest

from addon.platform import db
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

PLUGIN = 'plugin://plugin.video.aiostreams/'
EPISODE = PLUGIN + '?action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=1'
FILM = PLUGIN + '?action=select_stream&content_type=movie&imdb_id=tt1000002'


@pytest.fixture(autouse=True)
def quick_watch(monkeypatch):
    from addon.play import playback
    monkeypatch.setattr(playback, 'START_WATCH_SECONDS', 0.3)
    yield
    db.close()


class Rows:
    """Records the rows each source window was given (its class as the window module builds it)."""

    def __init__(self, monkeypatch):
        from addon.play import source_window
        self.seen = []
        rows = self

        class Recording(source_window.SourceWindow):
            def onInit(self):
                super().onInit()
                rows.seen.append([(row.stream.play_url if row.stream else None, item.getProperty('playable'))
                                  for row, item in self.rows])

        monkeypatch.setattr(source_window, 'SourceWindow', Recording)


def test_select_stream_down_and_select_plays_the_second_row(kodi, aio, monkeypatch):
    rows = Rows(monkeypatch)
    kodi.answer('window', ['down', 'select'])
    record = kodi.run_plugin(EPISODE, handle=3)
    listed = rows.seen[0]
    assert len(listed) == 3 and all(playable == 'true' for _url, playable in listed)
    ok, item = record.resolved[0]
    assert ok and item.getPath() == listed[1][0] and item.getPath() != listed[0][0]
    assert [shown['kind'] for shown in kodi.dialogs if shown['kind'] in ('window', 'select')] == ['window']
    assert kodi.errors() == []


def test_back_ends_quietly(kodi, aio):
    kodi.answer('window', ['down', 'back'])
    record = kodi.run_plugin(EPISODE, handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications == [] and kodi.player.history == [] and kodi.errors() == []


def test_show_streams_run_as_a_script_opens_the_window_and_plays(kodi, aio):
    kodi.answer('window', ['select'])
    record = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=movie&media_id=tt1000001&title=x',
                             handle=-1)
    assert record.items == [] and kodi.errors() == []
    assert [shown['xml'] for shown in kodi.dialogs if shown['kind'] == 'window'] == ['aiostreams-sources.xml']
    assert len(kodi.player.history) == 1


def test_tmdbhelper_source_select_player_opens_the_window(kodi, aio):
    with open('players/aiostreams.select.json') as player_file:
        template = json.load(player_file)['play_episode']
    url = template.format(imdb='tt2000001', season=1, episode=1, showname_url='Sample%20Show')
    kodi.answer('window', ['back'])
    record = kodi.run_plugin(url, handle=4)
    assert [ok for ok, _item in record.resolved] == [False]
    assert [shown['kind'] for shown in kodi.dialogs if shown['kind'] in ('window', 'select')] == ['window']


def test_the_info_row_shows_its_message_and_the_window_stays(kodi, aio, monkeypatch):
    rows = Rows(monkeypatch)
    kodi.answer('ok', True)
    kodi.answer('window', ['down'] * 5 + ['select', 'back'])     # 5 streams, then the server's info item
    record = kodi.run_plugin(FILM, handle=3)
    assert [playable for _url, playable in rows.seen[0]] == ['true'] * 5 + ['false']
    assert [shown['kind'] for shown in kodi.dialogs if shown['kind'] in ('window', 'ok')] == ['window', 'ok']
    assert [shown['message'] for shown in kodi.dialogs if shown['kind'] == 'ok'] == ['Refresh Real-Debrid Library']
    assert [ok for ok, _item in record.resolved] == [False] and kodi.player.history == []
    assert aio.requests_to('/builtins/') == []
