"""Trakt routes through the plugin entry (fakekodi.run_plugin): the menu, the lists as widgets (no dialogs, no
network), Next Up properties, context-menu labels that follow the state, actions through the outbox, Similar,
watched decorations for browse lists, and "Sync now" without a service."""
from __future__ import annotations

import json
import re

from addon.platform import outbox as outbox_store
from addon.trakt import item_states, manual_sync, models, service_tasks
from tests.fakes.aiostreams_fixture import aio  # noqa: F401
from tests.integration.trakt_env import edge, log_in, synced, trakt  # noqa: F401  (pytest fixtures)

P = 'plugin://plugin.video.aiostreams'
HOME = 10000


def run(kodi, path, handle=5):
    return kodi.run_plugin(P + path, handle=handle)


def show_imdb(server, name):
    return server.account.shows[edge(server, name)]['ids']['imdb']


def menu_labels(item):
    return [label for label, _ in item.listitem.context_menu]


def test_trakt_menu_offers_the_lists_and_a_login_when_needed(trakt, kodi):
    listing = run(kodi, '/trakt')
    assert listing.labels[0] == 'Log in to Trakt' and 'action=trakt_auth' in listing.urls[0]
    log_in(trakt)
    listing = run(kodi, '/?action=trakt_menu', handle=6)
    assert listing.labels == ['Next Up', 'Continue Watching', 'Watchlist: Movies', 'Watchlist: TV Shows',
                              'Collection: Movies', 'Collection: TV Shows', 'History', 'My lists', 'Liked lists',
                              'Discover', 'Calendar', 'Sync now']
    assert listing.succeeded and trakt.requests == []


def test_next_up_widget_renders_from_the_database_only(synced, kodi):
    listing = run(kodi, '/?action=trakt_next_up&widget=true&reload=123')
    expected = synced.account.expected_next_up()
    assert listing.succeeded and listing.content == 'episodes' and len(listing.items) == len(expected)
    assert kodi.dialogs == [] and kodi.notifications == [] and synced.requests == []
    show, season, number = expected[0]
    imdb = synced.account.shows[show]['ids']['imdb']
    first = listing.items[0]
    assert first.playable and not first.is_folder
    assert first.url == '%s/?action=play&content_type=series&imdb_id=%s&season=%d&episode=%d' % (
        P, imdb, season, number)
    tag = first.listitem.getVideoInfoTag()
    assert (tag.getMediaType(), tag.getSeason(), tag.getEpisode()) == ('episode', season, number)
    assert tag.getTVShowTitle() == synced.account.shows[show]['title']
    assert first.label.startswith('%s S%02dE%02d' % (synced.account.shows[show]['title'], season, number))
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.Count') == str(min(20, len(expected)))
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.0.ShowIMDB') == imdb
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.0.PlayURL') == first.url
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.0.Label') == '%s S%02dE%02d' % (
        synced.account.shows[show]['title'], season, number)
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.%d.Label' % len(expected)) == ''
    queued = {(row.content_type, row.meta_id) for row in models.MetaWanted.select()}
    assert ('series', imdb) in queued  # no backend configured: the service fetches metas later


def test_a_cached_meta_gives_the_episode_its_artwork_without_requests(synced, kodi, aio):
    from addon.backend import aiostreams
    from tests.fakes import aiostreams_data
    show = synced.account.expected_next_up()[0][0]
    imdb = synced.account.shows[show]['ids']['imdb']
    meta = json.loads(json.dumps(aiostreams_data.SHOW))
    meta.update({'id': imdb, 'imdb_id': imdb, 'name': 'Meta Name'})
    aio.dataset['metas']['series/' + imdb] = meta
    render_queue = [('series', imdb)]
    models.MetaWanted.insert_many([{'content_type': c, 'meta_id': m, 'requested_at': 0} for c, m in render_queue]
                                  ).execute()
    assert service_tasks.fetch_wanted_metas(sleep=lambda seconds: None) == 1
    assert aiostreams.cached_meta('series', imdb) is not None
    aio.clear_log()
    listing = run(kodi, '/trakt/next_up?widget=true')
    first = listing.items[0]
    assert first.listitem.getArt('poster').endswith('/art/poster/tt2000001.png')
    assert first.listitem.getVideoInfoTag().getTVShowTitle() == 'Meta Name'
    assert aio.requests_to('/meta/') == []


def test_watchlist_and_collection_accept_the_seed_media_types(synced, kodi):
    movies = [entry for entry in synced.account.watchlist if entry['type'] == 'movie']
    shows = [entry for entry in synced.account.watchlist if entry['type'] == 'show']
    for media_type, count, content in (('movies', len(movies), 'movies'), ('movie', len(movies), 'movies'),
                                       ('shows', len(shows), 'tvshows'), ('series', len(shows), 'tvshows')):
        listing = run(kodi, '/?action=trakt_watchlist&media_type=%s' % media_type)
        assert (len(listing.items), listing.content) == (count, content), media_type
    movie_list = run(kodi, '/?action=trakt_watchlist&media_type=movies')
    assert all(item.playable for item in movie_list.items)
    assert 'Remove from Trakt watchlist' in menu_labels(movie_list.items[0])
    show_list = run(kodi, '/?action=trakt_watchlist&media_type=shows')
    assert all(item.is_folder and 'action=show_seasons' in item.url for item in show_list.items)
    chooser = run(kodi, '/?action=trakt_watchlist')
    assert chooser.labels == ['Watchlist: Movies', 'Watchlist: TV Shows']
    collected = run(kodi, '/?action=trakt_collection&media_type=movies')
    assert len(collected.items) == len(synced.account.collected_movies)
    assert collected.category == 'Collection: Movies'
    chooser = run(kodi, '/?action=trakt_collection')
    assert chooser.labels == ['Collection: Movies', 'Collection: TV Shows']
    assert run(kodi, chooser.urls[1][len(P):]).content == 'tvshows'
    history = run(kodi, '/trakt/history')
    assert len(history.items) == min(100, len(synced.account.watched_movies()) + sum(
        len(episodes) for episodes in synced.account.watched_episodes().values()))


def test_lists_without_a_login_are_empty_widgets_and_a_message_otherwise(trakt, kodi):
    widget = run(kodi, '/?action=trakt_next_up&widget=true')
    assert widget.ended and widget.succeeded and widget.items == [] and kodi.notifications == []
    direct = run(kodi, '/?action=trakt_next_up', handle=7)
    assert direct.succeeded is False and 'not authorized' in kodi.notifications[-1]['message']


def test_context_labels_follow_the_state_and_mark_watched_updates_at_once(synced, kodi):
    gap = show_imdb(synced, 'gap')
    listing = run(kodi, '/trakt/next_up')
    item = next(item for item in listing.items if 'imdb_id=%s&' % gap in item.url)
    labels = menu_labels(item)
    assert 'Mark as watched' in labels and 'Stop watching (drop)' in labels and 'Mark as unwatched' not in labels
    command = dict(item.listitem.context_menu)['Mark as watched']
    assert command.startswith('RunPlugin(%s/?action=trakt_mark_watched' % P)
    kodi.run_plugin(command[len('RunPlugin('):-1], handle=-1)
    assert 'Container.Refresh' in kodi.builtins or kodi.window_property(HOME, 'AIOStreams.Widgets.Reload')
    entry = [e for e in item_states.decorations([{'kind': 'episode', 'id': gap, 'season': 1, 'episode': 6}])][0]
    assert entry['playcount'] == 1
    after = run(kodi, '/trakt/next_up', handle=8)
    assert any('imdb_id=%s&season=1&episode=7' % gap in url for url in after.urls)
    event = outbox_store.OutboxEvent.select().order_by(outbox_store.OutboxEvent.id.desc()).first()
    payload = json.loads(event.payload)
    assert event.kind == 'history_add' and payload['shows'][0]['ids']['trakt'] == edge(synced, 'gap')
    assert payload['shows'][0]['seasons'] == [{'number': 1, 'episodes': [{'number': 6}]}]
    assert synced.requests == []  # nothing sent from the plugin process
    assert outbox_store.replay('trakt') == 1
    assert (edge(synced, 'gap'), 1, 6) in {(p.get('show'), p.get('season'), p.get('number'))
                                           for p in synced.account.history}


def test_drop_then_undrop_follow_the_state(synced, kodi):
    boundary = show_imdb(synced, 'season_boundary')
    kodi.run_plugin(P + '/?action=trakt_hide_from_progress&media_type=series&imdb_id=%s' % boundary, handle=-1)
    listing = run(kodi, '/trakt/next_up')
    assert not any('imdb_id=%s&' % boundary in url for url in listing.urls)
    assert item_states.menu_states([{'kind': 'show', 'id': boundary}])[0]['dropped'] is True
    kodi.run_plugin(P + '/?action=trakt_unhide_from_progress&media_type=series&imdb_id=%s' % boundary, handle=-1)
    again = run(kodi, '/trakt/next_up', handle=9)
    assert any('imdb_id=%s&' % boundary in url for url in again.urls)
    assert [event.kind for event in outbox_store.OutboxEvent.select()] == ['dropped_add', 'dropped_remove']


def test_hide_show_by_trakt_id_and_links_without_a_usable_id(synced, kodi):
    boundary = show_imdb(synced, 'season_boundary')
    kodi.run_plugin(P + '/trakt/hide?show_trakt_id=%d' % edge(synced, 'season_boundary'), handle=-1)
    assert not any('imdb_id=%s&' % boundary in url for url in run(kodi, '/trakt/next_up').urls)
    assert [event.kind for event in outbox_store.OutboxEvent.select()] == ['hidden_add']
    for path in ('/trakt/hide?show_trakt_id=abc', '/trakt/playback/remove'):
        kodi.run_plugin(P + path, handle=-1)
        assert kodi.notifications[-1]['message'] == 'This item has no ID the add-on can use.', path
    assert outbox_store.OutboxEvent.select().count() == 1


def test_watchlist_toggle_for_an_unsynced_title(synced, kodi):
    kodi.run_plugin(P + '/?action=trakt_add_watchlist&media_type=movie&imdb_id=tt7777777&title=New', handle=-1)
    assert item_states.menu_states([{'kind': 'movie', 'id': 'tt7777777'}])[0]['watchlisted'] is True
    event = outbox_store.OutboxEvent.select().first()
    assert json.loads(event.payload) == {'movies': [{'ids': {'imdb': 'tt7777777'}}]}
    kodi.run_plugin(P + '/?action=trakt_remove_watchlist&media_type=movie&imdb_id=tt7777777', handle=-1)
    assert item_states.menu_states([{'kind': 'movie', 'id': 'tt7777777'}])[0]['watchlisted'] is False


def test_continue_watching_offers_removal(synced, kodi):
    listing = run(kodi, '/?action=trakt_continue_watching')
    assert len(listing.items) == len(synced.account.playback)
    assert all(item.playable for item in listing.items)
    assert 'Remove from Continue Watching' in menu_labels(listing.items[0])
    command = dict(listing.items[0].listitem.context_menu)['Remove from Continue Watching']
    kodi.run_plugin(command[len('RunPlugin('):-1], handle=-1)
    assert len(run(kodi, '/trakt/continue', handle=9).items) == len(synced.account.playback) - 1


def test_similar_lists_trakt_related_titles(synced, kodi):
    movie = synced.account.movies[5003]['ids']['imdb']
    listing = run(kodi, '/?action=show_related&content_type=movie&imdb_id=%s&title=X' % movie)
    assert listing.succeeded and len(listing.items) == 20
    assert [request.path for request in synced.requests] == ['/movies/%s/related' % movie]


def test_decorations_for_browse_lists(synced):
    account = synced.account
    watched_movie = next(iter(account.watched_movies()))
    unwatched_movie = next(trakt for trakt in account.movies if trakt not in account.watched_movies())
    boundary = edge(synced, 'season_boundary')
    imdb = account.shows[boundary]['ids']['imdb']
    items = [{'kind': 'movie', 'id': account.movies[watched_movie]['ids']['imdb']},
             {'kind': 'movie', 'id': account.movies[unwatched_movie]['ids']['imdb']},
             {'kind': 'episode', 'id': imdb, 'season': 1, 'episode': 2},
             {'kind': 'episode', 'id': imdb, 'season': 2, 'episode': 1},
             {'kind': 'season', 'id': imdb, 'season': 1},
             {'kind': 'show', 'id': imdb},
             {'kind': 'movie', 'id': 'tt0000001'}]
    result = item_states.decorations(items)
    assert [entry['playcount'] for entry in result] == [1, 0, 1, 0, None, None, 0]
    assert result[4]['progress'] == (6, 6) and result[5]['progress'] == (6, 12)


def test_sync_now_runs_in_process_when_no_service_answers(synced, kodi, monkeypatch):
    monkeypatch.setattr(manual_sync, 'SERVICE_ANSWER_SECONDS', 0.0)
    kodi.run_plugin(P + '/?action=trakt_sync', handle=-1)
    assert kodi.notifications[-1]['message'] == 'Trakt sync complete.'
    assert [request.path for request in synced.requests] == ['/sync/last_activities']
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.Count')


def test_next_up_widget_in_a_fresh_interpreter_imports_no_http_library(synced, kodi, tmp_path):
    """A widget pays for its imports on every render: the Trakt lists must not load requests / requests-cache."""
    import os
    import subprocess
    import sys
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    script = '\n'.join([
        'import json, sys',
        'sys.path[:0] = [%r, %r]' % (repo, os.path.join(repo, 'kodi-stubs')),
        'import fakekodi',
        'fakekodi.reset(addon_root=%r, profile_dir=%r, home_dir=%r)' % (
            repo, str(tmp_path / 'profile'), str(tmp_path / 'home')),
        "listing = fakekodi.run_plugin('%s/?action=trakt_next_up&widget=true', handle=3)" % P,
        "heavy = sorted(name for name in sys.modules if name.split('.')[0] in"
        " ('requests', 'requests_cache', 'urllib3', 'guessit'))",
        "print(json.dumps({'items': len(listing.items), 'heavy': heavy}))"])
    output = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True, timeout=60, check=True)
    answer = json.loads(output.stdout.strip().splitlines()[-1])
    assert answer == {'items': len(synced.account.expected_next_up()), 'heavy': []}


def test_overlay_paints_a_browse_listing_in_one_batch(synced, kodi):
    from addon.platform import listing
    from addon.trakt import overlay
    account = synced.account
    boundary = account.shows[edge(synced, 'season_boundary')]['ids']['imdb']
    watched_movie = account.movies[next(iter(account.watched_movies()))]['ids']['imdb']
    entries = [listing.entry({'media_type': 'movie', 'title': 'Seen', 'id': watched_movie,
                              'imdb_id': watched_movie}, 'plugin://x/1', playable=True),
               listing.entry({'media_type': 'season', 'title': 'Season 1', 'id': boundary, 'season': 1},
                             'plugin://x/2'),
               listing.entry({'media_type': 'episode', 'title': 'E1', 'id': boundary, 'season': 2, 'episode': 1},
                             'plugin://x/3', playable=True),
               listing.entry({'media_type': 'video', 'title': 'Not a title'}, 'plugin://x/4')]
    entries[1][1].setProperty('TotalEpisodes', '6')
    overlay.apply(entries)
    movie, season, episode, other = (item for _, item, _ in entries)
    assert movie.getVideoInfoTag().getPlayCount() == 1
    assert season.getProperty('WatchedEpisodes') == '6' and season.getVideoInfoTag().getPlayCount() == 1
    assert episode.getVideoInfoTag().getPlayCount() == 0
    assert other.getLabel() == 'Not a title'


def test_trakt_lists_keep_their_labels_in_the_videos_window(synced, kodi):
    """Kodi's default label mask (%T) would replace "Show S01E02 - Title" by the episode title alone."""
    for handle, path in enumerate(('/trakt/next_up', '/trakt/continue', '/trakt/history',
                                   '/trakt/watchlist?media_type=shows'), 11):
        listing = run(kodi, path, handle=handle)
        assert listing.succeeded and listing.shown_labels == listing.labels, path
    labels = [re.sub(r'\[/?COLOR[^\]]*\]', '', label) for label in run(kodi, '/trakt/next_up', handle=20).shown_labels]
    assert labels and all(re.search(r'. S\d{2}E\d{2}( - .+)?$', label) for label in labels), labels
