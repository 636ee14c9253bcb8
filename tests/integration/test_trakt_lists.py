"""Trakt personal and liked lists against the fake Trakt: the sync copies them through the `lists` anchors (every
page, only changed lists refetched, nothing when nothing moved), private/deleted lists and items without an IMDb id
are skipped, and the routes render them from the database with 0 requests, widgets without dialogs."""
from __future__ import annotations

import re

import pytest

from addon.trakt import client as trakt_client
from addon.trakt import models, sync
from tests.integration.trakt_env import log_in, trakt  # noqa: F401  (pytest fixtures)

P = 'plugin://plugin.video.aiostreams'


def cycle():
    return sync.run_cycle(trakt_client.TraktClient(sleep=lambda seconds: None))


def run(kodi, path, handle=5):
    return kodi.run_plugin(P + path, handle=handle)


def plain(labels):
    """Labels without the [COLOR] of the watched state."""
    return [re.sub(r'\[/?COLOR[^\]]*\]', '', label) for label in labels]


def item_paths(server):
    return [request.path for request in server.requests if '/lists/' in request.path and 'items' in request.path]


@pytest.fixture
def listed(trakt):
    """The account with two own lists (one mixed, with a season and a movie without IMDb id; one of 260 movies,
    over a 250 page) and three liked lists of another user: public, private (403) and deleted (404)."""
    account = trakt.account
    movies, shows = sorted(account.movies), sorted(account.shows)
    account.add_movie(9001, 'No Imdb Film', 2020, imdb=None, tmdb=555)
    for index in range(260):
        account.add_movie(20000 + index, 'Big %03d' % index, 2000, imdb='tt9%06d' % index)
    account.add_list(71, 'Friday Night', [('movie', movies[0]), ('show', shows[0]), ('movie', movies[1]),
                                          ('season', (shows[1], 1)), ('movie', 9001)])
    account.add_list(72, 'Big One', [('movie', 20000 + index) for index in range(260)])
    account.add_list(81, 'Their Picks', [('show', shows[2]), ('movie', movies[2])], owner='friend',
                     privacy='public')
    account.add_list(82, 'Their Secret', [('movie', movies[3])], owner='friend', privacy='private')
    account.add_list(83, 'Gone Soon', [('movie', movies[4])], owner='friend', privacy='public')
    account.add_list(85, 'Shaky', [('movie', movies[5])], owner='friend', privacy='public')
    for trakt_id in (81, 82, 83, 85):
        account.like_list(trakt_id)
    del account.lists[83]   # deleted by its owner after the like: /users/likes/lists no longer lists it
    log_in(trakt)
    return trakt


def test_sync_copies_own_and_liked_lists_with_every_page_and_skips_what_it_cannot_show(listed):
    account = listed.account
    listed.fail(r'/lists/85/items', 404)  # deleted between the likes page and its items
    result = cycle()
    assert result.ok and {'my_lists', 'liked_lists'} <= set(result.changed)
    mine = {row.trakt: row for row in models.UserList.select().where(models.UserList.source == 'mine')}
    assert {trakt: row.name for trakt, row in mine.items()} == {71: 'Friday Night', 72: 'Big One'}
    assert mine[71].item_count == 5
    friday = [(row.kind, row.trakt) for row in models.UserListItem.select().where(
        models.UserListItem.list_trakt == 71).order_by(models.UserListItem.rank)]
    movies, shows = sorted(account.movies), sorted(account.shows)
    assert friday == [('movie', movies[0]), ('show', shows[0]), ('movie', movies[1])]  # season, no-IMDb skipped
    assert models.UserListItem.select().where(models.UserListItem.list_trakt == 72).count() == 260  # 2 pages
    big_pages = [request.query.get('page') for request in listed.requests if request.path.endswith('/72/items')]
    assert big_pages == ['1', '2']
    liked = {row.trakt: row for row in models.UserList.select().where(models.UserList.source == 'liked')}
    assert set(liked) == {81, 82, 85}  # 82 is private (403), 85 answered 404: no items, never a crash
    assert liked[81].owner == 'friend' and liked[82].items_key is None and liked[85].items_key is None
    assert models.UserListItem.select().where(models.UserListItem.list_trakt == 81).count() == 2
    assert models.UserListItem.select().where(models.UserListItem.list_trakt.in_([82, 85])).count() == 0


def test_a_quiet_cycle_costs_one_request_and_a_changed_list_refetches_only_itself(listed):
    assert cycle().ok
    listed.clear_log()
    assert cycle().unchanged
    assert [request.path for request in listed.requests] == ['/sync/last_activities']
    listed.clear_log()
    account = listed.account
    account.change_list(71, 'movie', sorted(account.movies)[5], add=True)
    result = cycle()
    assert result.changed == ['my_lists']
    assert item_paths(listed) == ['/users/kodi-tester/lists/71/items']
    assert models.UserListItem.select().where(models.UserListItem.list_trakt == 71).count() == 4
    assert models.UserListItem.select().where(models.UserListItem.list_trakt == 72).count() == 260


def test_a_list_deleted_on_trakt_leaves_the_database(listed):
    assert cycle().ok
    del listed.account.lists[72]
    listed.account.bump('lists.updated_at')
    assert cycle().ok
    assert not models.UserList.select().where(models.UserList.trakt == 72).exists()
    assert not models.UserListItem.select().where(models.UserListItem.list_trakt == 72).exists()


def test_my_lists_and_their_items_render_from_the_database_without_requests(listed, kodi):
    assert cycle().ok
    listed.clear_log()
    lists = run(kodi, '/?action=trakt_lists')
    assert lists.succeeded and lists.labels == ['Friday Night (5)', 'Big One (260)']
    assert 'list_id=71' in lists.urls[0] and 'user=kodi-tester' in lists.urls[0]
    items = run(kodi, '/?action=trakt_list_items&user=kodi-tester&list_id=71', handle=6)
    account = listed.account
    movies, shows = sorted(account.movies), sorted(account.shows)
    assert items.succeeded and plain(items.labels) == [account.movies[movies[0]]['title'],
                                                account.shows[shows[0]]['title'],
                                                account.movies[movies[1]]['title']]
    assert items.items[0].playable and items.items[1].is_folder  # movies play, shows open their seasons
    assert any('trakt' in url.lower() for _, url in items.items[0].listitem.context_menu)  # the Trakt actions
    liked = run(kodi, '/?action=trakt_liked_lists', handle=7)
    assert liked.labels == ['Shaky (1)', 'Their Secret (1)', 'Their Picks (2)']  # newest like first
    picks = run(kodi, liked.urls[2].replace(P, ''), handle=8)
    assert sorted(plain(picks.labels)) == sorted([account.shows[shows[2]]['title'], account.movies[movies[2]]['title']])
    assert listed.requests == [] and kodi.dialogs == []


def test_an_unknown_list_is_told_and_a_widget_stays_silent(listed, kodi):
    assert cycle().ok
    missing = run(kodi, '/?action=trakt_list_items&user=friend&list_id=999')
    assert not missing.succeeded and 'not available' in kodi.notifications[-1]['message']
    kodi.notifications.clear()
    widget = run(kodi, '/?action=trakt_list_items&user=friend&list_id=999&widget=true', handle=6)
    assert widget.succeeded and widget.items == [] and kodi.notifications == [] and kodi.dialogs == []
    huge = run(kodi, '/?action=trakt_list_items&user=friend&list_id=%s' % ('9' * 40), handle=7)  # no int64
    assert huge.ended and not huge.succeeded and 'not available' in kodi.notifications[-1]['message']


def test_without_login_the_lists_offer_a_login_row(trakt, kodi):
    for action in ('trakt_lists', 'trakt_liked_lists&widget=true', 'trakt_list_items&user=a&list_id=1'):
        listing = run(kodi, '/?action=' + action)
        assert listing.succeeded and listing.labels == ['Log in to Trakt to see your lists']
        assert 'action=trakt_auth' in listing.urls[0]
    assert kodi.dialogs == [] and trakt.requests == []


def movie_imdb(server, index):
    return server.account.movies[sorted(server.account.movies)[index]]['ids']['imdb']


def test_add_to_list_shows_at_once_and_reaches_trakt_through_the_outbox(listed, kodi):
    from addon.platform import outbox as outbox_store
    assert cycle().ok
    listed.clear_log()
    imdb = movie_imdb(listed, 6)
    kodi.run_plugin(P + '/?action=trakt_list_add&list_id=71&content_type=movie&imdb_id=%s' % imdb, handle=-1)
    assert listed.requests == []  # nothing sent from the plugin process
    assert run(kodi, '/?action=trakt_lists').labels[0] == 'Friday Night (6)'
    items = run(kodi, '/?action=trakt_list_items&user=kodi-tester&list_id=71', handle=6)
    assert any('imdb_id=%s' % imdb in url for url in items.urls)
    assert 'Added to the Trakt list' in kodi.notifications[-1]['message']
    event = outbox_store.OutboxEvent.select().order_by(outbox_store.OutboxEvent.id.desc()).first()
    assert event.kind == 'list_add'
    assert outbox_store.replay('trakt') == 1
    posted = [request for request in listed.requests if request.method == 'POST']
    assert [request.path for request in posted] == ['/users/me/lists/71/items']
    assert posted[0].body['movies'][0]['ids']['imdb'] == imdb and 'list_id' not in posted[0].body
    assert ('movie', sorted(listed.account.movies)[6]) in [(entry['type'], entry['key'])
                                                            for entry in listed.account.lists[71]['items']]
    assert cycle().changed == ['my_lists']  # Trakt's truth comes back with the list's new updated_at


def test_remove_from_list_offers_only_the_lists_holding_it(listed, kodi):
    from addon.platform import outbox as outbox_store
    assert cycle().ok
    imdb = movie_imdb(listed, 0)
    kodi.answer('select', 0)
    kodi.run_plugin(P + '/?action=trakt_list_remove&content_type=movie&imdb_id=%s' % imdb, handle=-1)
    assert kodi.dialogs[-1]['list'] == ['Friday Night']
    assert run(kodi, '/?action=trakt_lists').labels[0] == 'Friday Night (4)'
    assert outbox_store.replay('trakt') == 1
    assert [entry['key'] for entry in listed.account.lists[71]['items']].count(sorted(listed.account.movies)[0]) == 0
    kodi.run_plugin(P + '/?action=trakt_list_remove&content_type=movie&imdb_id=%s' % imdb, handle=-1)
    assert 'none of your Trakt lists' in kodi.notifications[-1]['message']


def test_list_entries_in_the_context_menu(listed, kodi):
    assert cycle().ok
    items = run(kodi, '/?action=trakt_list_items&user=kodi-tester&list_id=71')
    menu = dict(items.items[0].listitem.context_menu)
    assert menu['Add to list…'].startswith('RunPlugin(%s/?action=trakt_list_add&content_type=movie' % P)
    assert 'action=trakt_list_remove' in menu['Remove from list…']


def test_a_long_list_pages_by_fifty_and_a_widget_shows_the_first_page(listed, kodi):
    assert cycle().ok
    path = '/?action=trakt_list_items&user=kodi-tester&list_id=72'
    labels, handle = [], 5
    while path:
        page = run(kodi, path, handle=handle)
        more = page.labels[-1] == 'Next page'
        assert len(page.labels) == (51 if more else 260 - len(labels))
        labels += page.labels[:-1] if more else page.labels
        path, handle = (page.urls[-1].replace(P, '') if more else None), handle + 1
    assert plain(labels) == ['Big %03d' % index for index in range(260)]  # every item once, in the list's order
    widget = run(kodi, '/?action=trakt_list_items&user=kodi-tester&list_id=72&widget=true', handle=handle)
    assert plain(widget.labels) == ['Big %03d' % index for index in range(50)] and kodi.dialogs == []
