"""The global context item (kodi.context.item -> context.py): the focused item of a widget, the library or another
add-on becomes RunPlugin(?action=quick_actions&<ids>), episodes named by their show's ids."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest
import xbmcgui

from addon.surfaces import global_menu as context_menu
from tests.unit.test_context_items import query_of
from tests.unit.test_tools import REPO


def library_item(media_type, title, **tag_values):
    item = xbmcgui.ListItem(title)
    tag = item.getVideoInfoTag()
    tag.setMediaType(media_type)
    tag.setTitle(title)
    for setter, value in tag_values.items():
        getattr(tag, setter)(*value) if isinstance(value, tuple) else getattr(tag, setter)(value)
    return item


def run_context(kodi, monkeypatch, item):
    monkeypatch.setattr(sys, 'listitem', item, raising=False)
    context_menu.run(['context.py', 'quick_actions'])
    return query_of(kodi.builtins[-1]) if kodi.builtins else None


def test_a_library_movie_opens_quick_actions_with_its_imdb_id(kodi, monkeypatch):
    item = library_item('movie', 'Sample Feature', setUniqueIDs=({'imdb': 'tt1000001', 'tmdb': '603'}, 'imdb'))
    assert run_context(kodi, monkeypatch, item) == {
        'action': 'quick_actions', 'media_type': 'movie', 'content_type': 'movie', 'imdb_id': 'tt1000001',
        'title': 'Sample Feature'}
    assert kodi.builtins[-1].startswith('RunPlugin(plugin://plugin.video.aiostreams/?')


def test_an_episode_of_another_addon_is_named_by_its_shows_ids(kodi, monkeypatch):
    item = library_item('episode', 'The Bag', setTvShowTitle='Sample Show', setSeason=1, setEpisode=2,
                        setUniqueIDs=({'imdb': 'tt9999999', 'tvshow.imdb': 'tt2000001'}, 'imdb'))
    query = run_context(kodi, monkeypatch, item)
    assert (query['imdb_id'], query['season'], query['episode'], query['title']) == \
        ('tt2000001', '1', '2', 'Sample Show')


def test_a_library_episode_finds_its_show_through_json_rpc(kodi, monkeypatch):
    def answer(request):
        method, params = request['method'], request['params']
        if method == 'VideoLibrary.GetEpisodeDetails' and params['episodeid'] == 7:
            result = {'episodedetails': {'tvshowid': 3}}
        elif method == 'VideoLibrary.GetTVShowDetails' and params['tvshowid'] == 3:
            result = {'tvshowdetails': {'uniqueid': {'imdb': 'tt2000001', 'tvdb': '81189'}}}
        else:
            return {'jsonrpc': '2.0', 'id': request['id'], 'error': {'code': -32601, 'message': 'nope'}}
        return {'jsonrpc': '2.0', 'id': request['id'], 'result': result}
    monkeypatch.setattr(kodi, 'jsonrpc_handler', answer)
    item = library_item('episode', 'The Bag', setTvShowTitle='Sample Show', setSeason=1, setEpisode=2, setDbId=7,
                        setIMDBNumber='tt9999999')
    query = run_context(kodi, monkeypatch, item)
    assert query['imdb_id'] == 'tt2000001' and query['media_type'] == 'episode'


def test_a_show_known_only_by_tmdb_goes_by_its_meta_id(kodi, monkeypatch):
    item = library_item('tvshow', 'Robot Show', setUniqueIDs=({'tmdb': '62560'}, 'tmdb'))
    query = run_context(kodi, monkeypatch, item)
    assert query['meta_id'] == 'tmdb:62560' and 'imdb_id' not in query


def test_an_item_without_ids_is_told_so(kodi, monkeypatch):
    assert run_context(kodi, monkeypatch, library_item('movie', 'Home video')) is None
    assert kodi.notifications[-1]['message'] == 'This item has no ID the add-on can use.'


def test_the_quick_actions_it_opens_offer_the_items_actions(kodi, monkeypatch):
    item = library_item('movie', 'Sample Feature', setUniqueIDs=({'imdb': 'tt1000001'}, 'imdb'))
    run_context(kodi, monkeypatch, item)
    kodi.answer('select', -1)
    kodi.run_plugin(kodi.builtins[-1][len('RunPlugin('):-1], handle=-1)
    assert kodi.dialogs[-1]['kind'] == 'select' and kodi.dialogs[-1]['list'][:2] == ['Play', 'Show streams']


@pytest.mark.parametrize('fragment', [
    'String.IsEmpty(ListItem.Property(meta_id))',        # not on our own items: they carry a full menu
    'String.StartsWith(ListItem.IMDBNumber,tt)',
    'ListItem.UniqueID(tvshow.imdb)',
    'String.IsEqual(ListItem.DBType,episode)',
])
def test_addon_xml_shows_the_entry_only_on_items_with_usable_ids(fragment):
    root = ET.parse(REPO + '/addon.xml').getroot()
    item = root.find("./extension[@point='kodi.context.item']/menu/item")
    assert item.attrib == {'library': 'context.py', 'args': 'quick_actions'}
    assert fragment in item.find('visible').text
