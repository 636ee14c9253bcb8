"""Catalog routes: the catalog list per type, a catalog's genre folder, and catalog pages.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin, route, url_for
from addon.views.titles import MOVIE, SERIES, content_type_of, fail, folder, manifest, notify_empty, render_metas


@route('/movies', legacy=('movie_lists',))
def movies():
    catalog_list(MOVIE)


@route('/tvshows', legacy=('series_lists',))
def tvshows():
    catalog_list(SERIES)


@route('/catalogs', legacy=('catalogs',))
def catalogs():
    """The catalogs of one type (content_type=movie|series; movies when absent; both types for any other value)."""
    content_type = content_type_of(arg('content_type') or arg('media_type'))
    catalog_list(*((content_type,) if content_type in (MOVIE, SERIES) else (MOVIE, SERIES)))


@route('/catalogs/all', legacy=('get_all_catalogs',))
def all_catalogs():
    """Movie and TV show catalogs in one list (the newer seed's get_all_catalogs)."""
    catalog_list(MOVIE, SERIES)


def catalog_list(*content_types):
    """The browsable catalogs of the given types, each followed by its genre folder when it offers genres."""
    from addon.backend import catalog
    found = manifest()
    if found is None:
        return
    items = []
    entries = [entry for content_type in content_types for entry in catalog.browsable_catalogs(found, content_type)]
    for entry in entries:
        name = str(entry.get('name') or entry['id'])
        if catalog.default_genre(entry) is not False:
            items.append(folder(name, url_for(catalog_page, content_type=entry['type'], catalog_id=entry['id'],
                                              catalog_name=name)))
        if catalog.genres(entry):
            items.append(folder(kodi.localize(30301, name), url_for(
                genres, content_type=entry['type'], catalog_id=entry['id'], catalog_name=name), 'DefaultGenre.png'))
    if not items:
        notify_empty(30302)
    heading = {(MOVIE,): 30002, (SERIES,): 30003}.get(content_types, 30000)
    kodi.begin_directory(plugin.handle, None, kodi.localize(heading))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def _catalog_params():
    """(content_type, catalog_id, catalog_name) of a catalog route."""
    return content_type_of(arg('content_type') or arg('media_type')), arg('catalog_id'), arg('catalog_name')


@route('/genres', legacy=('catalog_genres',))
def genres():
    """A catalog's genres (catalog_id, content_type, catalog_name), after "All" when the genre is optional."""
    content_type, catalog_id, catalog_name = _catalog_params()
    entry = _requested_catalog(content_type, catalog_id)
    if entry is not None:
        _genre_folder(entry, catalog_name)


def _genre_folder(entry, catalog_name):
    from addon.backend import catalog
    name = catalog_name or str(entry.get('name') or entry['id'])
    items = []
    if catalog.default_genre(entry) is not False:
        items.append(folder(kodi.localize(30300), url_for(
            catalog_page, content_type=entry['type'], catalog_id=entry['id'], catalog_name=name)))
    for genre in catalog.genres(entry):
        if genre == 'None':
            continue
        items.append(folder(genre, url_for(catalog_page, content_type=entry['type'], catalog_id=entry['id'],
                                           catalog_name=name, genre=genre), 'DefaultGenre.png'))
    kodi.begin_directory(plugin.handle, None, name)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def _requested_catalog(content_type, catalog_id):
    """The manifest entry of the catalog; None (directory ended, user told) if it is not there."""
    from addon.backend import catalog
    found = manifest()
    if found is None:
        return None
    entry = catalog.find(found, content_type, catalog_id) if catalog_id else None
    if entry is None:
        kodi.log('catalog %r of type %r is not in the manifest' % (catalog_id, content_type), 'warning')
        if not is_widget():
            kodi.notify(kodi.localize(30303), icon='warning')
        kodi.end_directory(plugin.handle, succeeded=False)
    return entry


@route('/catalog', legacy=('browse_catalog',))
def catalog_page():
    """One page of a catalog (catalog_id, content_type, catalog_name, genre - 'All' means none -, skip); "Next
    page" only when the catalog pages."""
    content_type, catalog_id, catalog_name = _catalog_params()
    asked_genre, skip = arg('genre'), max(0, int_arg('skip', 0))
    from addon.backend import aiostreams, catalog
    from addon.backend import messages as backend_messages
    entry = _requested_catalog(content_type, catalog_id)
    if entry is None:
        return
    genre = asked_genre
    if genre in (None, 'All'):
        genre = catalog.default_genre(entry)
        if genre is False:  # a required genre must be chosen first
            return _genre_folder(entry, catalog_name)
    outcome = catalog.load_page(entry, genre, skip)
    if not outcome.ok:
        return fail(outcome)
    backend_messages.report_item_errors(outcome, interactive=not is_widget())
    name = catalog_name or str(entry.get('name') or entry['id'])
    next_target = None
    if outcome.kind == aiostreams.OK and catalog.pageable(entry):
        next_target = url_for(catalog_page, content_type=entry['type'], catalog_id=entry['id'], catalog_name=name,
                              genre=asked_genre, skip=catalog.next_skip(skip, outcome.data))
    if outcome.kind == aiostreams.EMPTY:
        notify_empty(30303)
    category = '%s - %s' % (name, genre) if genre and genre != 'None' else name
    render_metas(outcome.data, SERIES if entry['type'] != MOVIE else MOVIE, category, next_target)
