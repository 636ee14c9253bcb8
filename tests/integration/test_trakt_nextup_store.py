"""The stored Next Up list (addon.trakt.nextup_store): the widget renders the same items in the same order as a
list computed from the rows, and the stored list follows every change - a sync, a local mark-watched or drop, a
meta fetched, an episode airing - without being computed again when nothing changed."""
from __future__ import annotations

import sqlite3

from addon import kodi as kodi_door
from addon.core import trakt_times as times
from addon.platform import db
from addon.trakt import lists, local_changes, metas, models, nextup_store, service_tasks, sync
from tests.integration.trakt_env import edge, log_in, synced, trakt  # noqa: F401  (pytest fixtures)

P = 'plugin://plugin.video.aiostreams'
HOME = 10000
DAY = 86400.0


def keys(entries):
    return [(entry['trakt'], entry['season'], entry['episode']) for entry in entries]


def computed_keys(now=None):
    """Next Up computed from the rows, as before the list was stored."""
    return keys(lists.next_up(now=now))


def stored_row():
    return models.NextUpList.get_or_none(models.NextUpList.id == 1)


def fill_metas(account):
    """A meta copy for every show, as the service's meta task stores them."""
    for show in account.shows.values():
        imdb = show['ids']['imdb']
        videos = [{'id': '%s:%d:%d' % (imdb, season, episode['number']), 'season': season,
                   'episode': episode['number'], 'title': 'Titled %s' % episode['title'], 'overview': 'Plot.',
                   'thumbnail': 'https://images.example/%s/%d/%d.jpg' % (imdb, season, episode['number']),
                   'released': '2020-01-01T00:00:00.000Z', 'runtime': '42min'}
                  for season, episodes in show['seasons'].items() for episode in episodes]
        metas.store('series', imdb, {'id': imdb, 'type': 'series', 'name': show['title'], 'description': 'A show.',
                                     'poster': 'https://images.example/p/%s.jpg' % imdb, 'genres': ['Drama'],
                                     'cast': ['Ann Actor', 'Bob Actor'], 'imdbRating': '7.9', 'videos': videos})


def snapshot(listing):
    """Everything a skin can read from the rendered items."""
    found = []
    for item in listing.items:
        listitem = item.listitem
        tag = listitem.getVideoInfoTag()
        info = {key: (repr(value) if key == 'cast' else value) for key, value in tag.fake_info.items()}
        found.append((item.url, item.is_folder, listitem.getLabel(), dict(listitem._art), dict(listitem._properties),
                      list(listitem.context_menu), info))
    return found


def not_computed(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError('Next Up computed again although nothing changed')
    monkeypatch.setattr(lists, 'next_up_until', fail)


def test_the_widget_shows_the_computed_list_and_renders_the_stored_one_alike(synced, kodi, monkeypatch):
    fill_metas(synced.account)
    fresh = kodi.run_plugin(P + '/?action=trakt_next_up&widget=true', handle=3)
    assert stored_row() is not None
    assert [(item.url.split('imdb_id=')[1]) for item in fresh.items] == [
        '%s&season=%d&episode=%d' % (synced.account.shows[show]['ids']['imdb'], season, number)
        for show, season, number in synced.account.expected_next_up()]
    not_computed(monkeypatch)
    again = kodi.run_plugin(P + '/?action=trakt_next_up&widget=true', handle=4)
    assert snapshot(again) == snapshot(fresh)
    show, season, number = synced.account.expected_next_up()[0]
    first = again.items[0].listitem
    assert first.getArt('poster') == 'https://images.example/p/%s.jpg' % synced.account.shows[show]['ids']['imdb']
    assert first.getVideoInfoTag().getTitle() == 'Titled Episode %d' % number
    assert first.getLabel() == '%s S%02dE%02d - Titled Episode %d' % (synced.account.shows[show]['title'], season,
                                                                     number, number)


def test_a_sync_stores_the_list_and_the_widget_reads_it(synced, kodi, monkeypatch):
    result = sync.SyncResult()
    result.changed.append('watched_shows')
    service_tasks.after_sync(result)
    assert stored_row() is not None
    entries, _ = nextup_store.current()
    assert keys(entries) == computed_keys() == synced.account.expected_next_up()
    published = kodi.window_property(HOME, 'AIOStreams.NextUp.0.PlayURL')
    not_computed(monkeypatch)
    listing = kodi.run_plugin(P + '/trakt/next_up?widget=true', handle=5)
    assert listing.succeeded and len(listing.items) == len(entries)
    assert listing.items[0].url == published


def test_local_changes_make_the_list_follow_at_once(synced, kodi):
    gap, dropped = edge(synced, 'gap'), edge(synced, 'season_boundary')
    gap_imdb = synced.account.shows[gap]['ids']['imdb']
    nextup_store.current()
    assert (gap, 1, 6) in keys(nextup_store.current()[0])
    local_changes.set_episodes_watched(gap_imdb, [(1, 6)], True)  # what mark-watched and the scrobbler write
    assert stored_row() is None
    after = keys(nextup_store.current()[0])
    assert (gap, 1, 7) in after and after == computed_keys() and after[0] == (gap, 1, 7)
    local_changes.set_hidden('dropped', synced.account.shows[dropped]['ids']['imdb'], True)
    assert dropped not in {show for show, _, _ in keys(nextup_store.current()[0])}
    assert keys(nextup_store.current()[0]) == computed_keys()


def test_a_fetched_meta_replaces_the_fallback_fields(synced, kodi):
    entries, stamp = nextup_store.current()
    first = entries[0]
    assert 'art' not in first['fields']  # no meta copy yet: Trakt's titles only, the meta was queued
    assert ('series', first['meta_id']) in {(row.content_type, row.meta_id) for row in models.MetaWanted.select()}
    fill_metas(synced.account)
    entries, newer = nextup_store.current()
    assert newer != stamp and entries[0]['fields']['art']['poster'].startswith('https://images.example/p/')


def test_the_list_changes_by_itself_when_a_next_episode_airs(synced, kodi, monkeypatch):
    show = edge(synced, 'unaired_gap')  # S1E7, after the last watched episode, airs in ten days
    fill_metas(synced.account)
    aired = times.parse(models.Episode.get((models.Episode.show == show) & (models.Episode.season == 1)
                                           & (models.Episode.number == 7)).first_aired)
    before, _ = nextup_store.current(now=aired - 60)
    assert show not in {key[0] for key in keys(before)} and keys(before) == computed_keys(now=aired - 60)
    assert stored_row().valid_until == times.iso(aired)
    after, _ = nextup_store.current(now=aired + 60)
    assert (show, 1, 7) in keys(after) and keys(after) == computed_keys(now=aired + 60)
    not_computed(monkeypatch)
    assert keys(nextup_store.current(now=aired + 120)[0]) == keys(after)


def test_a_busy_database_still_renders_the_list(synced, kodi):
    import os
    path = os.path.join(kodi_door.profile_dir(), db.DB_FILE)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute('BEGIN IMMEDIATE')  # the service storing a long sync
        entries, _ = nextup_store.current()
        assert keys(entries) == synced.account.expected_next_up()
        listing = kodi.run_plugin(P + '/?action=trakt_next_up&widget=true', handle=6)
        assert listing.succeeded and len(listing.items) == len(entries)
    finally:
        writer.execute('ROLLBACK')
        writer.close()
    assert stored_row() is None
    nextup_store.current()
    assert stored_row() is not None
