"""Browse routes: catalog lists per type, genre folders, catalog pages, search, seasons, episodes, and the
connection tools. Views parse parameters, call one feature function and render; failures end the directory with
succeeded=False and a localized notification (never a popup in widget mode)."""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin, url

MOVIE = 'movie'
SERIES = 'series'
BOTH = 'both'
ALL = 'all'
CATALOG_SORTS = ('unsorted', 'title', 'year', 'rating')
CONTAINER = {MOVIE: 'movies', SERIES: 'tvshows'}


# ---- shared rendering helpers --------------------------------------------------------------------------------

def _content_type(default=MOVIE):
    value = (arg('content_type') or arg('media_type') or default).lower()
    if value in ('movies', 'movie'):
        return MOVIE
    if value in ('series', 'show', 'shows', 'tvshow', 'tvshows', 'tv', 'episode'):
        return SERIES
    return value


def _fail(outcome):
    """Tell the user (unless in a widget) and end the directory as failed."""
    from addon.backend import messages as backend_messages
    backend_messages.report(outcome, interactive=not is_widget())
    kodi.end_directory(plugin.handle, succeeded=False)


def _manifest():
    from addon.backend import aiostreams
    outcome = aiostreams.fetch_manifest()
    if outcome.kind != aiostreams.OK:
        _fail(outcome)
        return None
    return outcome.data


def _url(view, **params):
    """plugin.url_for without None values (routing would write them as the text 'None')."""
    return plugin.url_for(view, **{key: value for key, value in params.items() if value is not None})


def _folder(label, target, icon='DefaultFolder.png'):
    item = kodi.list_item(label)
    item.setArt({'icon': icon, 'thumb': icon})
    return target, item, True


def _next_page(target):
    item = kodi.list_item(kodi.localize(30020))
    item.setArt({'icon': 'DefaultFolder.png', 'thumb': 'DefaultFolder.png'})
    item.setProperty('SpecialSort', 'bottom')
    return target, item, True


def play_url(fields):
    """The play route of a movie or an episode (addon.views.playback; stream_id = videos[].id verbatim)."""
    return url('/play', content_type=fields.get('content_type') or MOVIE, imdb_id=fields.get('imdb_id'),
                      meta_id=fields.get('id'), stream_id=fields.get('stream_id'), season=fields.get('season'),
                      episode=fields.get('episode'), title=fields.get('tvshow_title') or fields.get('title'))


def meta_entry(meta, fallback_type):
    """A catalog or search result: movies are playable, everything else opens its seasons."""
    from addon.core import metadata
    from addon.platform import listing
    fields = metadata.from_meta(meta, meta.get('type') or fallback_type)
    if fields['media_type'] == 'movie':
        return listing.entry(fields, play_url(fields), playable=True)
    target = _url(seasons, meta_id=fields['id'], content_type=fields['content_type'])
    return listing.entry(fields, target, playable=False)


def _render_metas(metas, content_type, category, next_target=None):
    items = [meta_entry(meta, content_type) for meta in metas]
    if next_target and not is_widget():
        items.append(_next_page(next_target))
    kodi.begin_directory(plugin.handle, CONTAINER.get(content_type, 'videos'), category, CATALOG_SORTS)
    _decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def _decorate(items):
    """Watched overlay, resume points and progress (addon.trakt.overlay), then per-item context menus
    (addon.surfaces.item_menus); each reads the state of the whole list in one batch."""
    from addon.surfaces import item_menus as context_items
    from addon.trakt import overlay
    overlay.apply(items)
    context_items.attach(items, widget=is_widget())


def _notify_empty(message_id, *args):
    if not is_widget():
        kodi.notify(kodi.localize(message_id, *args))


# ---- catalog lists -------------------------------------------------------------------------------------------

@plugin.route('/movies')
def movies():
    catalog_list(MOVIE)


@plugin.route('/tvshows')
def tvshows():
    catalog_list(SERIES)


def catalogs():
    """Seed action 'catalogs' (content_type=movie|series)."""
    catalog_list(_content_type())


def catalog_list(content_type):
    """The browsable catalogs of one type, each followed by its genre folder when it offers genres."""
    from addon.backend import catalog
    manifest = _manifest()
    if manifest is None:
        return
    items = []
    for entry in catalog.browsable_catalogs(manifest, content_type):
        name = str(entry.get('name') or entry['id'])
        if catalog.default_genre(entry) is not False:
            items.append(_folder(name, _url(catalog_page, content_type=entry['type'],
                                                      catalog_id=entry['id'], catalog_name=name)))
        if catalog.genres(entry):
            items.append(_folder(kodi.localize(30301, name), _url(
                genres, content_type=entry['type'], catalog_id=entry['id'], catalog_name=name), 'DefaultGenre.png'))
    if not items:
        _notify_empty(30302)
    kodi.begin_directory(plugin.handle, None, kodi.localize(30002 if content_type == MOVIE else 30003))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@plugin.route('/genres')
def genres():
    from addon.backend import catalog
    entry = _requested_catalog()
    if entry is None:
        return
    name = arg('catalog_name') or str(entry.get('name') or entry['id'])
    items = []
    if catalog.default_genre(entry) is not False:
        items.append(_folder(kodi.localize(30300), _url(
            catalog_page, content_type=entry['type'], catalog_id=entry['id'], catalog_name=name)))
    for genre in catalog.genres(entry):
        if genre == 'None':
            continue
        items.append(_folder(genre, _url(catalog_page, content_type=entry['type'], catalog_id=entry['id'],
                                                   catalog_name=name, genre=genre), 'DefaultGenre.png'))
    kodi.begin_directory(plugin.handle, None, name)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def _requested_catalog():
    """The manifest entry of the catalog_id/content_type parameters; None (directory ended, user told) if absent."""
    from addon.backend import catalog
    manifest = _manifest()
    if manifest is None:
        return None
    catalog_id = arg('catalog_id')
    entry = catalog.find(manifest, _content_type(), catalog_id) if catalog_id else None
    if entry is None:
        kodi.log('catalog %r of type %r is not in the manifest' % (catalog_id, arg('content_type')), 'warning')
        if not is_widget():
            kodi.notify(kodi.localize(30303), icon='warning')
        kodi.end_directory(plugin.handle, succeeded=False)
    return entry


@plugin.route('/catalog')
def catalog_page():
    """One page of a catalog (genre optional; 'All' means none); "Next page" only when the catalog pages."""
    from addon.backend import aiostreams, catalog
    from addon.backend import messages as backend_messages
    entry = _requested_catalog()
    if entry is None:
        return
    genre = arg('genre')
    if genre in (None, 'All'):
        genre = catalog.default_genre(entry)
        if genre is False:  # a required genre must be chosen first
            return genres()
    skip = max(0, int_arg('skip', 0))
    outcome = catalog.load_page(entry, genre, skip)
    if not outcome.ok:
        return _fail(outcome)
    backend_messages.report_item_errors(outcome, interactive=not is_widget())
    name = arg('catalog_name') or str(entry.get('name') or entry['id'])
    next_target = None
    if outcome.kind == aiostreams.OK and catalog.pageable(entry):
        next_target = _url(catalog_page, content_type=entry['type'], catalog_id=entry['id'],
                                     catalog_name=name, genre=arg('genre'), skip=catalog.next_skip(skip, outcome.data))
    if outcome.kind == aiostreams.EMPTY:
        _notify_empty(30303)
    category = '%s - %s' % (name, genre) if genre and genre != 'None' else name
    _render_metas(outcome.data, SERIES if entry['type'] != MOVIE else MOVIE, category, next_target)


# ---- search --------------------------------------------------------------------------------------------------

_SEARCH_HEADINGS = {BOTH: 30006, ALL: 30006, MOVIE: 30007, SERIES: 30008}


@plugin.route('/search')
def search_view():
    """content_type both: Movies | TV Shows | All folders after the keyboard; with a query in the URL (skin
    custom search) and for movie / series / all: the results directly. The keyboard opens only when no query
    was given and the call is interactive."""
    content_type = _content_type(BOTH)
    if content_type not in (BOTH, ALL, MOVIE, SERIES):
        content_type = BOTH
    query = arg('query')
    if query is None:
        if is_widget():
            kodi.end_directory(plugin.handle, succeeded=False)
            return
        query = kodi.keyboard(kodi.localize(_SEARCH_HEADINGS[content_type]))
        if not query or not query.strip():
            kodi.end_directory(plugin.handle, succeeded=False)
            return
        if content_type == BOTH:
            return _search_tabs(query.strip())
    query = query.strip()
    if content_type in (BOTH, ALL):
        return _search_all(query)
    return _search_one(content_type, query, max(0, int_arg('skip', 0)))


def _search_tabs(query):
    items = [
        _folder(kodi.localize(30002), _url(search_view, content_type=MOVIE, query=query), 'DefaultMovies.png'),
        _folder(kodi.localize(30003), _url(search_view, content_type=SERIES, query=query),
                'DefaultTVShows.png'),
        _folder(kodi.localize(30305), _url(search_view, content_type=ALL, query=query),
                'DefaultAddonsSearch.png'),
    ]
    kodi.begin_directory(plugin.handle, None, kodi.localize(30306, query))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def _search_one(content_type, query, skip):
    from addon.backend import aiostreams, catalog, search
    from addon.backend import messages as backend_messages
    manifest = _manifest()
    if manifest is None:
        return
    entry = search.search_catalog(manifest, content_type)
    if entry is None:
        _notify_empty(30308, kodi.localize(30002 if content_type == MOVIE else 30003))
        kodi.end_directory(plugin.handle, succeeded=False)
        return
    outcome = search.run(entry, query, skip)
    if not outcome.ok:
        return _fail(outcome)
    backend_messages.report_item_errors(outcome, interactive=not is_widget())
    if outcome.kind == aiostreams.EMPTY:
        _notify_empty(30307, query)
    next_target = None
    if outcome.kind == aiostreams.OK and catalog.pageable(entry):
        next_target = _url(search_view, content_type=content_type, query=query,
                                     skip=catalog.next_skip(skip, outcome.data))
    _render_metas(outcome.data, content_type, kodi.localize(30306, query), next_target)


def _search_all(query):
    """Movies then TV shows, first page of each (no paging: each tab pages on its own)."""
    from addon.backend import messages as backend_messages
    from addon.backend import search
    manifest = _manifest()
    if manifest is None:
        return
    metas, failures, searched = [], [], 0
    for content_type in (MOVIE, SERIES):
        entry = search.search_catalog(manifest, content_type)
        if entry is None:
            continue
        searched += 1
        outcome = search.run(entry, query)
        if outcome.ok:
            backend_messages.report_item_errors(outcome, interactive=not is_widget())
            metas.extend(dict(meta, type=meta.get('type') or entry['type']) for meta in outcome.data)
        else:
            failures.append(outcome)
    if searched == 0:
        _notify_empty(30308, kodi.localize(30002) + ' / ' + kodi.localize(30003))
        kodi.end_directory(plugin.handle, succeeded=False)
        return
    if failures and not metas:
        return _fail(failures[0])
    for failure in failures:
        backend_messages.report(failure, interactive=not is_widget())
    if not metas:
        _notify_empty(30307, query)
    items = [meta_entry(meta, meta['type']) for meta in metas]
    kodi.begin_directory(plugin.handle, 'videos', kodi.localize(30306, query), CATALOG_SORTS)
    _decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def search_unified():
    """Seed action 'search_unified' (query): movies and TV shows together."""
    query = arg('query')
    if query is None:
        return search_view()
    _search_all(query)


# ---- seasons and episodes ------------------------------------------------------------------------------------

def _show_meta():
    from addon.backend import aiostreams, series
    meta_id = arg('meta_id') or arg('imdb_id')
    if not meta_id:
        kodi.notify(kodi.localize(30018), icon='warning')
        kodi.end_directory(plugin.handle, succeeded=False)
        return None
    content_type = _content_type(SERIES)
    outcome = series.load(SERIES if content_type == MOVIE else content_type, meta_id)
    if outcome.kind != aiostreams.OK:
        _fail(outcome)
        return None
    return outcome.data


@plugin.route('/seasons')
def seasons():
    from addon.backend import series
    from addon.platform import listing
    meta = _show_meta()
    if meta is None:
        return
    rows = series.season_rows(meta)
    if not rows:
        _notify_empty(30315)
    items = []
    for number, count, fields in rows:
        label = kodi.localize(30309) if number == 0 else kodi.localize(30310, number)
        target = _url(episodes, meta_id=fields['id'], season=number, content_type=fields['content_type'])
        # skins show a season's title, so it is "Season N" (the show stays in tvshow_title), as in Kodi's library
        item = listing.build_item(dict(fields, title=label), target, label=kodi.localize(30311, label, count))
        item.setProperty('TotalEpisodes', str(count))
        if number == 0:
            item.setProperty('SpecialSort', 'bottom')
        items.append((target, item, True))
    kodi.begin_directory(plugin.handle, 'seasons', str(meta.get('name') or ''), ('unsorted', 'label'))
    _decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@plugin.route('/episodes')
def episodes():
    from addon.backend import series
    from addon.platform import listing
    season = int_arg('season')
    meta = _show_meta()
    if meta is None:
        return
    rows = series.episode_rows(meta, season) if season is not None else []
    if not rows:
        _notify_empty(30315)
    items = []
    for fields in rows:
        label = kodi.localize(30314, fields.get('episode', 0), fields.get('title') or '')
        if fields.get('unaired'):
            label = kodi.localize(30312, label, fields.get('aired') or kodi.localize(30313))
            target = _url(unaired, title=fields.get('title'), aired=fields.get('aired'))
            items.append(listing.entry(fields, target, playable=False, folder=False, label=label))
        else:
            items.append(listing.entry(fields, play_url(fields), playable=True, label=label))
    season_label = kodi.localize(30309) if season == 0 else kodi.localize(30310, season or 0)
    category = '%s - %s' % (meta.get('name') or '', season_label)
    kodi.begin_directory(plugin.handle, 'episodes', category, ('episode', 'title', 'date'))
    _decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@plugin.route('/unaired')
def unaired():
    kodi.notify(kodi.localize(30316, arg('title') or '?', arg('aired') or kodi.localize(30313)))


# ---- connection tools (RunPlugin actions) --------------------------------------------------------------------

@plugin.route('/tools/test_connection')
def test_connection():
    from addon.tools import connection
    connection.test_connection()


@plugin.route('/tools/refresh_manifest')
def refresh_manifest():
    from addon.tools import connection
    connection.refresh_manifest()


@plugin.route('/tools/clear_cache')
def clear_cache():
    from addon.tools import connection
    connection.clear_cache()


@plugin.route('/tools/setup_from_uuid')
def setup_from_uuid():
    from addon.tools import connection
    connection.setup_from_uuid()


@plugin.route('/tools/manifest_url')
def configure_aiostreams():
    from addon.tools import connection
    connection.enter_manifest_url()


LEGACY_ACTIONS = {
    'search': search_view,
    'search_tab': search_view,
    'search_unified': search_unified,
    'movie_lists': movies,
    'series_lists': tvshows,
    'catalogs': catalogs,
    'catalog_genres': genres,
    'browse_catalog': catalog_page,
    'show_seasons': seasons,
    'show_episodes': episodes,
    'test_connection': test_connection,
    'refresh_manifest_cache': refresh_manifest,
    'clear_cache': clear_cache,
    'setup_from_uuid': setup_from_uuid,
    'configure_aiostreams': configure_aiostreams,
}
