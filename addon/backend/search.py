"""Search through the user's own search catalogs (aiostreams-api.md §4.2): discovered from the manifest, never a
hard-coded id. Dedicated search catalogs (search extra required) come before browse catalogs that merely allow
search; manifest order decides within each group (the user controls it)."""
from __future__ import annotations

from addon.backend import aiostreams, catalog


def search_catalogs(manifest, content_type) -> list:
    """Candidate catalogs that can search `content_type` ('movie' or 'series'), best first."""
    dedicated, optional = [], []
    for entry in manifest.get('catalogs') or []:
        if not isinstance(entry, dict) or not catalog.matches_type(entry.get('type'), content_type):
            continue
        extras = [extra for extra in entry.get('extra') if isinstance(extra, dict)] \
            if isinstance(entry.get('extra'), list) else []
        search_extra = next((extra for extra in extras if extra.get('name') == 'search'), None)
        if search_extra is None:
            continue
        others_required = [extra for extra in extras
                           if extra.get('isRequired') and extra.get('name') not in ('search', 'skip', 'genre')]
        if others_required:
            continue
        (dedicated if search_extra.get('isRequired') else optional).append(entry)
    return dedicated + optional


def search_catalog(manifest, content_type):
    candidates = search_catalogs(manifest, content_type)
    return candidates[0] if candidates else None


def run(entry, query, skip=0):
    """One page of results of one search catalog: an aiostreams.Outcome with data = metas (never cached)."""
    genre = catalog.default_genre(entry)
    return aiostreams.fetch_catalog(entry['type'], entry['id'], search=query, genre=genre or None,
                                    skip=skip if catalog.pageable(entry) else None)
