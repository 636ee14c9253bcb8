"""Search routes: the seed's search (content_type both | movie | series, query, skip; search_tab is its old name
for one type) and search_unified. The keyboard opens only when no query was given and the call is interactive
(never in a widget).

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin, route, url_for
from addon.views.titles import (
    CATALOG_SORTS,
    MOVIE,
    SERIES,
    content_type_of,
    decorate,
    fail,
    manifest,
    meta_entry,
    notify_empty,
    render_metas,
)

BOTH = 'both'
ALL = 'all'
_SEARCH_HEADINGS = {BOTH: 30006, ALL: 30006, MOVIE: 30007, SERIES: 30008}


@route('/search', legacy=('search', 'search_tab'))
def search_view():
    """The results at once: movies then TV shows for both / all, one type for movie / series. A query typed on
    the keyboard that finds nothing is told and leaves the user where they were (no empty folder to back out of);
    a query in the URL (skins, widgets) gets its list, empty or not."""
    content_type = content_type_of(arg('content_type') or arg('media_type'), BOTH)
    query, skip = arg('query'), max(0, int_arg('skip', 0))
    if content_type not in (BOTH, ALL, MOVIE, SERIES):
        content_type = BOTH
    typed = query is None
    if typed:
        query = _typed_query(content_type)
        if query is None:
            return
    if content_type in (BOTH, ALL):
        return _search_all(query, typed)
    return _search_one(content_type, query, skip, typed)


@route('/search/unified', legacy=('search_unified',))
def search_unified():
    """The seed's search_unified (query): movies and TV shows together; without a query, the search."""
    query = arg('query')
    if query is None:
        return search_view()
    _search_all(query)


def _typed_query(content_type):
    """The query typed on the keyboard; None (directory ended) in a widget or when nothing was typed."""
    if is_widget():
        kodi.end_directory(plugin.handle, succeeded=False)
        return None
    query = kodi.keyboard(kodi.localize(_SEARCH_HEADINGS[content_type]))
    if not query or not query.strip():
        kodi.end_directory(plugin.handle, succeeded=False)
        return None
    return query.strip()


def _search_one(content_type, query, skip, typed=False):
    from addon.backend import aiostreams, catalog, search
    from addon.backend import messages as backend_messages
    found = manifest()
    if found is None:
        return
    entry = search.search_catalog(found, content_type)
    if entry is None:
        notify_empty(30308, kodi.localize(30002 if content_type == MOVIE else 30003))
        kodi.end_directory(plugin.handle, succeeded=False)
        return
    outcome = search.run(entry, query, skip)
    if not outcome.ok:
        return fail(outcome)
    backend_messages.report_item_errors(outcome, interactive=not is_widget())
    if outcome.kind == aiostreams.EMPTY:
        return _nothing_found(query, typed)
    next_target = None
    if outcome.kind == aiostreams.OK and catalog.pageable(entry):
        next_target = url_for(search_view, content_type=content_type, query=query,
                              skip=catalog.next_skip(skip, outcome.data))
    render_metas(outcome.data, content_type, kodi.localize(30306, query), next_target)


def _nothing_found(query, typed):
    """No results: said, and an empty list only where one was asked for by URL (a widget, a skin's search)."""
    notify_empty(30307, query)
    if typed:
        kodi.end_directory(plugin.handle, succeeded=False)
    else:
        _render_mixed([], query)


def _search_all(query, typed=False):
    """Movies then TV shows, first page of each (no paging: each tab pages on its own)."""
    from addon.backend import messages as backend_messages
    from addon.backend import search
    found = manifest()
    if found is None:
        return
    metas, failures, searched = [], [], 0
    for content_type in (MOVIE, SERIES):
        entry = search.search_catalog(found, content_type)
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
        notify_empty(30308, kodi.localize(30002) + ' / ' + kodi.localize(30003))
        kodi.end_directory(plugin.handle, succeeded=False)
        return
    if failures and not metas:
        return fail(failures[0])
    for failure in failures:
        backend_messages.report(failure, interactive=not is_widget())
    if not metas:
        return _nothing_found(query, typed)
    _render_mixed(metas, query)


def _render_mixed(metas, query):
    items = [meta_entry(meta, meta['type']) for meta in metas]
    kodi.begin_directory(plugin.handle, 'videos', kodi.localize(30306, query), CATALOG_SORTS)
    decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)
