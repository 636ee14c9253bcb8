"""Quick actions, keymap toggles, similar and trailers, run the way Kodi runs them (RunPlugin: handle -1)."""
from __future__ import annotations

import pytest

from addon.backend import trailers
from addon.platform import outbox as outbox_store
from addon.platform import storage
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)
from tests.unit.test_context_items import log_in_trakt, query_of

P = 'plugin://plugin.video.aiostreams/'
MOVIE = 'media_type=movie&content_type=movie&imdb_id=tt1000001&title=Sample%20Feature'
# ids as a skin would pass them for our movie (ListItem.DBTYPE, the properties, empty season / episode labels)
KEYMAP_MOVIE = 'media_type=movie&content_type=movie&imdb_id=tt1000001&meta_id=tt1000001&season=&episode='
KEYMAP_EMPTY = 'focused=true'  # the keymap, on a focused item that is not ours


def run(kodi, query):
    return kodi.run_plugin(P + '?' + query, handle=-1)


def queued(kind):
    storage.open_db()
    return [row.kind for row in outbox_store.OutboxEvent.select().where(outbox_store.OutboxEvent.sink == 'trakt')
            if row.kind == kind]


def test_quick_actions_offer_every_action_and_run_the_chosen_one(aio, kodi):
    log_in_trakt(kodi)
    kodi.answer('select', 1)
    run(kodi, 'action=quick_actions&' + MOVIE)
    offered = kodi.dialogs[-1]['list']
    assert offered[:5] == ['Play', 'Show streams', 'Show information', 'Play trailer', 'Add to Trakt watchlist']
    assert 'Quick actions' not in offered and 'Mark as watched' in offered
    assert kodi.dialogs[-1]['heading'] == 'Sample Feature'
    assert kodi.builtins[-1].startswith('ActivateWindow(Videos,%s?action=show_streams' % P)


def test_quick_actions_labels_follow_the_state(aio, kodi):
    from addon.trakt import local_changes
    log_in_trakt(kodi)
    local_changes.set_watchlisted('movie', 'tt1000001', True)
    kodi.answer('select', -1)
    run(kodi, 'action=quick_actions&' + MOVIE)
    offered = kodi.dialogs[-1]['list']
    assert 'Remove from Trakt watchlist' in offered and 'Add to Trakt watchlist' not in offered
    assert not kodi.builtins  # cancelled: nothing runs


@pytest.mark.parametrize('action', ['quick_actions', 'toggle_watchlist', 'toggle_watched', 'similar',
                                    'play_trailer'])
def test_keymap_commands_on_an_item_without_ids_explain_instead_of_failing(kodi, action):
    run(kodi, 'action=%s&%s' % (action, KEYMAP_EMPTY))
    assert kodi.notifications[-1]['message'].startswith('This item has no ID AIOStreams can use')
    assert not kodi.dialogs and not kodi.errors()


def test_unexpanded_skin_labels_count_as_empty(kodi):
    run(kodi, 'action=quick_actions&imdb_id=$INFO[ListItem.Property(imdb_id)]&meta_id=$INFO[x]')
    assert kodi.notifications[-1]['message'].startswith('This item has no ID AIOStreams can use')


def test_toggle_watchlist_adds_then_removes_through_the_outbox(kodi):
    from addon.trakt import item_states
    log_in_trakt(kodi)
    run(kodi, 'action=toggle_watchlist&' + KEYMAP_MOVIE)
    assert item_states.menu_states([{'kind': 'movie', 'id': 'tt1000001'}])[0]['watchlisted']
    assert queued('watchlist_add') == ['watchlist_add']
    reload_token = kodi.window_property(10000, 'AIOStreams.Widgets.Reload')
    assert reload_token  # widgets refresh after the change
    run(kodi, 'action=toggle_watchlist&' + KEYMAP_MOVIE)
    assert not item_states.menu_states([{'kind': 'movie', 'id': 'tt1000001'}])[0]['watchlisted']
    assert queued('watchlist_remove') == ['watchlist_remove']
    assert kodi.window_property(10000, 'AIOStreams.Widgets.Reload') != reload_token


def test_toggle_watched_marks_an_episode_and_back(kodi):
    from addon.trakt import item_states
    log_in_trakt(kodi)
    episode = 'media_type=episode&content_type=series&imdb_id=tt2000001&meta_id=tt2000001&season=1&episode=2'
    item = {'kind': 'episode', 'id': 'tt2000001', 'season': 1, 'episode': 2}
    run(kodi, 'action=toggle_watched&' + episode)
    assert item_states.menu_states([item])[0]['watched']
    run(kodi, 'action=toggle_watched&' + episode)
    assert not item_states.menu_states([item])[0]['watched']
    assert queued('history_add') and queued('history_remove')


def test_the_watchlist_toggle_needs_trakt(kodi):
    run(kodi, 'action=toggle_watchlist&' + KEYMAP_MOVIE)
    assert kodi.notifications[-1]['message'].startswith('Trakt is not authorized')


def test_the_watched_toggle_needs_no_trakt_and_reaches_punchplay(kodi):
    import json

    from addon.platform import playstate
    from addon.punchplay import client
    client.token_store().save({'access_token': 'a', 'refresh_token': 'r', 'username': 'tester'})
    run(kodi, 'action=toggle_watched&' + KEYMAP_MOVIE)
    assert playstate.watched_keys(['movie:tt1000001']) == {'movie:tt1000001'}
    assert kodi.notifications[-1]['message'] == 'Marked as watched'
    [row] = outbox_store.OutboxEvent.select().where(outbox_store.OutboxEvent.sink == 'punchplay')
    [entry] = json.loads(row.payload)['entries']
    assert (row.kind, row.account) == ('import', 'tester')
    assert {key: entry[key] for key in ('media_type', 'imdb_id', 'playcount')} == {
        'media_type': 'movie', 'imdb_id': 'tt1000001', 'playcount': 1}
    run(kodi, 'action=toggle_watched&' + KEYMAP_MOVIE)   # unwatched: local only (PunchPlay never un-watches)
    assert not playstate.watched_keys(['movie:tt1000001'])
    assert outbox_store.pending('punchplay') == 1


def test_toggle_watchlist_refuses_an_episode(kodi):
    log_in_trakt(kodi)
    run(kodi, 'action=toggle_watchlist&media_type=episode&content_type=series&imdb_id=tt2000001&season=1&episode=2')
    assert kodi.notifications[-1]['message'] == 'Only movies and shows can be added to the watchlist.'


def test_similar_opens_the_related_list_of_the_show_of_an_episode(kodi):
    run(kodi, 'action=similar&media_type=episode&content_type=series&imdb_id=tt2000001&season=1&episode=2')
    command = kodi.builtins[-1]
    assert command.startswith('ActivateWindow(Videos,') and command.endswith(',return)')
    assert query_of(command) == {'action': 'show_related', 'content_type': 'series', 'imdb_id': 'tt2000001'}


@pytest.mark.parametrize('value,expected', [
    ('YoHD9XEInc0', 'YoHD9XEInc0'),
    ('https://www.youtube.com/watch?v=YoHD9XEInc0', 'YoHD9XEInc0'),
    ('https://youtu.be/YoHD9XEInc0', 'YoHD9XEInc0'),
    ('plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0', 'YoHD9XEInc0'),
    ('https://evil.example/video.mp4', None),
    ('plugin://plugin.video.other/play/?video_id=YoHD9XEInc0', None),
    ('', None),
])
def test_only_youtube_trailers_are_accepted(value, expected):
    url = trailers.youtube_url(value)
    assert url == (trailers.YOUTUBE_PLAY % expected if expected else None)


def test_trailer_plays_through_youtube_from_the_meta(aio, kodi):
    kodi.installed_addons[trailers.YOUTUBE_ID] = True
    run(kodi, 'action=play_trailer&content_type=movie&imdb_id=tt1000001')
    assert kodi.builtins[-1] == 'PlayMedia(plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0)'
    run(kodi, 'action=play_trailer&content_type=series&imdb_id=tt2000001&media_type=tvshow')
    assert kodi.builtins[-1] == 'PlayMedia(plugin://plugin.video.youtube/play/?video_id=HhesaQXLuRY)'


def test_trailer_carried_by_the_item_needs_no_lookup(kodi):
    kodi.installed_addons[trailers.YOUTUBE_ID] = True
    run(kodi, 'action=play_trailer&trailer=plugin%3A%2F%2Fplugin.video.youtube%2Fplay%2F%3Fvideo_id%3DYoHD9XEInc0')
    assert kodi.builtins[-1] == 'PlayMedia(plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0)'


def test_missing_youtube_addon_is_explained(aio, kodi):
    kodi.installed_addons[trailers.YOUTUBE_ID] = False
    run(kodi, 'action=play_trailer&content_type=movie&imdb_id=tt1000001')
    assert 'YouTube add-on' in kodi.notifications[-1]['message']
    assert not [command for command in kodi.builtins if command.startswith('PlayMedia')]


def test_a_title_without_trailer_says_so(aio, kodi):
    kodi.installed_addons[trailers.YOUTUBE_ID] = True
    run(kodi, 'action=play_trailer&content_type=series&meta_id=tmdb:62560&title=Robot%20Show')
    assert kodi.notifications[-1]['message'] == 'No trailer found for Robot Show.'


def test_an_item_built_from_a_full_meta_hands_its_trailer_to_the_context_entry(kodi):
    from addon.core import metadata
    from addon.platform import listing
    from addon.surfaces import item_menus as context_items
    from tests.fakes.aiostreams_data import SHOW
    fields = metadata.from_meta(SHOW)
    item = listing.build_item(fields, P + 'seasons?meta_id=tt2000001')
    assert item.getVideoInfoTag().getTrailer() == 'plugin://plugin.video.youtube/play/?video_id=HhesaQXLuRY'
    context_items.attach([(P, item, True)])
    command = dict(item.context_menu)['Play trailer']
    assert query_of(command)['trailer'] == 'plugin://plugin.video.youtube/play/?video_id=HhesaQXLuRY'


def test_show_information_opens_kodis_info_dialog_with_the_full_meta(aio, kodi):
    kodi.answer('info', True)
    run(kodi, 'action=info&' + KEYMAP_MOVIE)
    shown = kodi.dialogs[-1]
    assert shown['kind'] == 'info' and shown['heading'] == 'Sample Feature'
    tag = shown['item'].getVideoInfoTag()
    cast = [(actor.getName(), actor.getRole(), actor.getThumbnail()) for actor in tag.getActors()]
    assert cast == [('Lead Actor', 'Dom', aio.origin + '/art/person/lead.png'), ('Second Actor', 'Arthur', '')]
    assert tag.getDirectors() == ['Some Director'] and tag.getWritingCredits() == 'Some Writer'
    assert tag.getTrailer().startswith('plugin://plugin.video.youtube/') and tag.getRating() == 8.8
    assert tag.getPlot().startswith('A thief') and tag.getDuration() == 148 * 60
    assert shown['item'].getArt('poster') == aio.origin + '/art/poster/tt1000001.png'
    kodi.answer('info', True)
    run(kodi, 'action=info&' + KEYMAP_MOVIE)  # the second look comes from the meta cache
    assert len(aio.requests_to('/meta/')) == 1


def test_show_information_of_an_episode_and_the_newer_seeds_id(aio, kodi):
    kodi.answer('info', True)
    run(kodi, 'action=info&content_type=series&imdb_id=tt2000001&season=1&episode=2')
    tag = kodi.dialogs[-1]['item'].getVideoInfoTag()
    assert (tag.getTitle(), tag.getTVShowTitle(), tag.getSeason(), tag.getEpisode()) == ('The Bag', 'Sample Show', 1, 2)
    assert [actor.getName() for actor in tag.getActors()] == ['Show Lead']
    kodi.answer('info', True)
    run(kodi, 'action=info&id=tt2000001&content_type=series')
    assert kodi.dialogs[-1]['item'].getVideoInfoTag().getMediaType() == 'tvshow'


def test_show_information_tells_what_went_wrong(aio, kodi):
    run(kodi, 'action=info&content_type=series&imdb_id=tt2000001&season=7&episode=1')
    assert kodi.notifications[-1]['message'] == 'The server has no episode S07E01 of this show.'
    aio.fail('http_500', '/meta/')
    run(kodi, 'action=info&content_type=movie&imdb_id=tt1000002')
    assert kodi.notifications[-1]['icon'] == 'error' and not kodi.dialogs


def test_quick_actions_show_information_runs_the_info_route(aio, kodi):
    kodi.answer('select', 2)
    run(kodi, 'action=quick_actions&' + MOVIE)
    assert kodi.dialogs[-1]['list'][2] == 'Show information'
    assert kodi.builtins[-1].startswith('RunPlugin(%s?action=info&' % P) and 'imdb_id=tt1000001' in kodi.builtins[-1]


def test_the_context_menus_mark_watched_reaches_trakt_and_punchplay(kodi):
    import json

    from addon.platform import playstate
    from addon.punchplay import client
    log_in_trakt(kodi)
    client.token_store().save({'access_token': 'a', 'refresh_token': 'r', 'username': 'tester'})
    run(kodi, 'action=trakt_mark_watched&media_type=series&imdb_id=tt2000001&season=1&episode=2&title=Show')
    assert queued('history_add') == ['history_add']
    assert playstate.watched_keys(['episode:tt2000001:1:2'])
    [row] = outbox_store.OutboxEvent.select().where(outbox_store.OutboxEvent.sink == 'punchplay')
    assert json.loads(row.payload)['entries'] == [
        {'media_type': 'episode', 'playcount': 1, 'watched_at': json.loads(row.payload)['entries'][0]['watched_at'],
         'title': 'Show', 'imdb_id': 'tt2000001', 'season': 1, 'episode': 2}]
    run(kodi, 'action=trakt_mark_unwatched&media_type=series&imdb_id=tt2000001&season=1&episode=2')
    assert queued('history_remove') == ['history_remove'] and not playstate.watched_keys(['episode:tt2000001:1:2'])
