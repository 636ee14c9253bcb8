"""The newer seed's actions (play_next, info, browse_show, retrieve_manifest, clear_trakt_cache, get_all_catalogs)
reach our equivalent routes, and with missing or odd parameters each answers with a localized message: a skin made
for the seed never gets a traceback."""
from __future__ import annotations

import pytest

from addon.play import playback
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)
from tests.unit.test_context_items import log_in_trakt

P = 'plugin://plugin.video.aiostreams/'
SEED_ACTIONS = ('play_next', 'info', 'browse_show', 'retrieve_manifest', 'clear_trakt_cache', 'get_all_catalogs')
ODD_QUERIES = ['', '&imdb_id=None&meta_id=_&season=&episode=x&content_type=None', '&id=%00&content_type=both',
               '&imdb_id=tt0000000&media_type=episode&season=-1&episode=99999999999999999999999',
               '&meta_id=../../etc&content_type=%24INFO%5BListItem.Title%5D&widget=true']


def run(kodi, query, handle=1):
    return kodi.run_plugin(P + '?action=' + query, handle=handle)


@pytest.fixture
def played(monkeypatch):
    calls = []
    monkeypatch.setattr(playback, 'play', lambda request, mode, handle, kodi_resume=False, chosen_index=None:
                        calls.append((request, mode, handle)))
    return calls


def test_play_next_plays_the_best_stream_of_the_episode_without_a_dialog(kodi, played):
    run(kodi, 'play_next&content_type=series&imdb_id=tt2000001&season=1&episode=2', handle=4)
    request, mode, handle = played[0]
    assert (mode, handle) == ('best', 4)
    assert (request.content_type, request.ident, request.season, request.episode) == ('series', 'tt2000001', 1, 2)


def test_play_next_without_an_episode_says_what_is_missing(aio, kodi):
    record = run(kodi, 'play_next&content_type=series', handle=5)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.notifications[-1]['message'] == kodi.localized_string(30514)


def test_info_shows_the_titles_details(aio, kodi):
    kodi.answer('info', True)
    run(kodi, 'info&imdb_id=tt1000001&content_type=movie', handle=-1)
    shown = kodi.dialogs[-1]
    assert shown['kind'] == 'info' and shown['heading'] == 'Sample Feature'
    assert shown['item'].getVideoInfoTag().getPlot().startswith('A thief who steals secrets through dreams')


def test_info_of_a_show_by_the_seeds_id_parameter(aio, kodi):
    kodi.answer('info', True)
    record = run(kodi, 'info&id=tt2000001&content_type=series', handle=6)
    tag = kodi.dialogs[-1]['item'].getVideoInfoTag()
    assert (tag.getTitle(), tag.getYear(), tag.getGenres()) == ('Sample Show', 2008, ['Drama', 'Crime'])
    assert record.ended and not record.succeeded  # opened as a folder: nothing left spinning


def test_info_without_an_id_or_of_an_unknown_title_says_so(aio, kodi):
    run(kodi, 'info&content_type=movie', handle=-1)
    assert kodi.notifications[-1]['message'] == kodi.localized_string(31120)
    run(kodi, 'info&imdb_id=tt0000404&content_type=movie', handle=-1)
    assert kodi.dialogs == []
    assert len(kodi.notifications) == 2


def test_browse_show_lists_the_seasons_or_opens_them_from_a_script(aio, kodi):
    listing = run(kodi, 'browse_show&meta_id=tt2000001', handle=7)
    assert listing.succeeded and listing.labels[0].startswith('Season 1')
    run(kodi, 'browse_show&meta_id=tt2000001', handle=-1)
    assert kodi.builtins[-1] == 'ActivateWindow(Videos,%sseasons?meta_id=tt2000001&content_type=series,return)' % P
    opened = kodi.run_plugin(kodi.builtins[-1].split(',')[1], handle=8)
    assert opened.labels == listing.labels


def test_browse_show_without_a_show_says_so(kodi):
    for handle in (9, -1):
        record = run(kodi, 'browse_show', handle=handle)
        assert kodi.notifications[-1]['message'] == kodi.localized_string(30018)
        assert record.ended == (handle >= 0) and not record.succeeded
    assert not [command for command in kodi.builtins if command.startswith('ActivateWindow')]


def test_retrieve_manifest_is_the_setup_from_uuid_and_password(kodi):
    kodi.answer('input', '')
    run(kodi, 'retrieve_manifest', handle=-1)
    assert kodi.dialogs[0]['kind'] == 'input' and kodi.dialogs[0]['heading'] == kodi.localized_string(30340)
    assert kodi.setting('base_url') == ''


def test_clear_trakt_cache_rebuilds_the_trakt_copy_after_asking(kodi):
    run(kodi, 'clear_trakt_cache', handle=-1)
    assert kodi.notifications[-1]['message'] == kodi.localized_string(30014)
    log_in_trakt(kodi)
    kodi.answer('yesno', False)
    run(kodi, 'clear_trakt_cache', handle=-1)
    assert kodi.dialogs[-1]['kind'] == 'yesno' and kodi.dialogs[-1]['message'] == kodi.localized_string(31185)
    assert kodi.notifications[-1]['message'] == kodi.localized_string(31183)  # nothing was changed


def test_get_all_catalogs_lists_movie_and_tv_catalogs(aio, kodi):
    everything = run(kodi, 'get_all_catalogs')
    movies, shows = kodi.run_plugin(P + 'movies', handle=2), kodi.run_plugin(P + 'tvshows', handle=3)
    assert everything.succeeded and everything.labels == movies.labels + shows.labels


@pytest.mark.parametrize('action', SEED_ACTIONS)
@pytest.mark.parametrize('query', ODD_QUERIES)
@pytest.mark.parametrize('handle', [11, -1])
def test_missing_or_odd_parameters_get_a_message_never_a_traceback(aio, kodi, action, query, handle):
    for kind, value in (('input', ''), ('yesno', False), ('textviewer', None), ('info', True)):
        kodi.answer(kind, value)
    record = run(kodi, action + query, handle=handle)
    assert not [line for line in kodi.errors() if 'unhandled error' in line or 'Traceback' in line]
    assert 'unknown action' not in '\n'.join(message for _level, message in kodi.log_lines)
    listing = action in ('browse_show', 'get_all_catalogs', 'info')
    if handle >= 0 and listing:
        assert record.ended, 'a folder left spinning'
    if handle >= 0 and action == 'play_next':
        assert len(record.resolved) == 1
    if handle >= 0 and 'widget=true' in query and listing:
        return  # a widget never pops up: its list just stays empty
    if handle < 0 and action == 'get_all_catalogs':
        return  # a list run as a script has nowhere to show anything (Kodi logs the handle)
    assert kodi.notifications or kodi.dialogs or record.items or kodi.builtins, 'the user was told nothing'


def test_info_of_a_bare_meta_still_names_the_title(kodi, monkeypatch):
    from addon.backend import aiostreams
    monkeypatch.setattr(aiostreams, 'fetch_meta',
                        lambda content_type, ident: aiostreams.Outcome(aiostreams.OK, data={}))
    kodi.answer('info', True)
    run(kodi, 'info&imdb_id=tt7000007', handle=-1)
    assert kodi.dialogs[-1]['kind'] == 'info' and kodi.dialogs[-1]['heading'] == 'tt7000007'
