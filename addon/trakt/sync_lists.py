"""The Trakt lists slices of the sync (trakt-api.md section 15): the user's own lists, moved by
`lists.updated_at`, and the lists the user liked, moved by `lists.liked_at`. Only the lists whose own updated_at
changed since their items were stored have their items fetched again.

Liked lists belong to other users: their changes move none of our anchors, so that slice is also refreshed every
few hours (one request when no list changed). Their items are stored like our own lists' so both open from the
database with no request. A list Trakt refuses (403 private, 404 deleted) is skipped with a log line; items that
are not movies or shows, or have no IMDb id, are skipped with a log line too.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.http import HttpFailure
from addon.trakt import models
from addon.trakt.sync_categories import Category, stamp, upsert_movies, upsert_shows

LIKED_REFRESH_SECONDS = 6 * 3600
KINDS = ('movie', 'show')
REFUSED = (401, 403, 404)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _list_id(trakt_list):
    return _int(((trakt_list or {}).get('ids') or {}).get('trakt'))


def _owner(trakt_list, default):
    return (((trakt_list or {}).get('user') or {}).get('ids') or {}).get('slug') or default


def _stored_keys(source):
    return dict(models.UserList.select(models.UserList.trakt, models.UserList.items_key)
                .where(models.UserList.source == source).tuples())


def _fetch_items(client, context, lists, source, default_owner):
    """{list trakt id: items, or None when Trakt refused the list} for the lists that changed."""
    stored = _stored_keys(source)
    changed = [trakt_list for trakt_list in lists if _list_id(trakt_list) is not None and
               (stored.get(_list_id(trakt_list)) or '') != (trakt_list.get('updated_at') or '-')]
    items = {}
    for index, trakt_list in enumerate(changed):
        context.check_cancelled()
        context.report_detail(index, len(changed))
        path = '/users/%s/lists/%d/items' % (_owner(trakt_list, default_owner), _list_id(trakt_list))
        try:
            items[_list_id(trakt_list)] = client.get_all(path)
        except HttpFailure as failure:
            if failure.status not in REFUSED:
                raise
            kodi.log('Trakt list %s skipped: Trakt answered %s (private or deleted)'
                     % (_list_id(trakt_list), failure.status), 'warning')
            items[_list_id(trakt_list)] = None
    return items


def _item_rows(list_trakt, items):
    rows, movies, shows = [], [], []
    for item in items:
        kind = item.get('type')
        media = item.get(kind) if kind in KINDS else None
        ids = (media or {}).get('ids') or {}
        if media is None or not ids.get('imdb') or _int(ids.get('trakt')) is None:
            kodi.log('Trakt list %d: item skipped (%s %r without an IMDb id or not a movie or show)'
                     % (list_trakt, kind, (media or {}).get('title')), 'info')
            continue
        (movies if kind == 'movie' else shows).append(media)
        rows.append({'list_trakt': list_trakt, 'kind': kind, 'trakt': _int(ids['trakt']),
                     'rank': _int(item.get('rank')), 'listed_at': stamp(item.get('listed_at'))})
    upsert_movies(movies)
    upsert_shows(shows)
    return {(row['kind'], row['trakt']): row for row in rows}.values()


def _store(source, lists, items, default_owner):
    """Replace the lists of one source; items of the fetched lists are replaced, the others are kept."""
    previous = _stored_keys(source)
    models.UserList.delete().where(models.UserList.source == source).execute()
    for position, trakt_list in enumerate(lists):
        trakt = _list_id(trakt_list)
        if trakt is None:
            continue
        fetched = trakt in items
        key = (trakt_list.get('updated_at') if items[trakt] is not None else None) if fetched else previous.get(trakt)
        models.UserList.insert(
            source=source, trakt=trakt, owner=_owner(trakt_list, default_owner), slug=(trakt_list.get('ids') or {})
            .get('slug'), name=trakt_list.get('name'), item_count=_int(trakt_list.get('item_count')),
            updated_at=trakt_list.get('updated_at'), position=position, items_key=key).on_conflict_replace().execute()
        if fetched:
            models.UserListItem.delete().where(models.UserListItem.list_trakt == trakt).execute()
            rows = list(_item_rows(trakt, items[trakt] or []))
            for start in range(0, len(rows), 100):
                models.UserListItem.insert_many(rows[start:start + 100]).on_conflict_replace().execute()
    kept = models.UserList.select(models.UserList.trakt)
    models.UserListItem.delete().where(models.UserListItem.list_trakt.not_in(kept)).execute()


def fetch_my_lists(client, context):
    lists = [entry for entry in client.get_all('/users/me/lists') if isinstance(entry, dict)]
    return lists, _fetch_items(client, context, lists, 'mine', 'me')


def store_my_lists(data, context):
    _store('mine', data[0], data[1], 'me')


def fetch_liked_lists(client, context):
    likes = client.get_all('/users/likes/lists')
    lists = [like['list'] for like in likes if isinstance(like, dict) and isinstance(like.get('list'), dict)
             and _owner(like['list'], None)]
    return lists, _fetch_items(client, context, lists, 'liked', None)


def store_liked_lists(data, context):
    _store('liked', data[0], data[1], None)


CATEGORIES = (
    Category('my_lists', ('lists.updated_at',), fetch_my_lists, store_my_lists),
    Category('liked_lists', ('lists.liked_at',), fetch_liked_lists, store_liked_lists,
             refresh_every=LIKED_REFRESH_SECONDS),
)
