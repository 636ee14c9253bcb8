"""Catalogs of the user's manifest (aiostreams-api.md §4.3-§4.4): which are browsable, their genres, paging.

The rules are pure functions over the manifest; `load_page` fetches one page through addon.backend.aiostreams.
"""
from __future__ import annotations

from addon.backend import aiostreams

MOVIE = 'movie'
SERIES = 'series'
BROWSE_EXTRAS = ('genre', 'skip')


def _extras(catalog):
    extras = catalog.get('extra')
    if not isinstance(extras, list):
        return []
    return [extra for extra in extras if isinstance(extra, dict) and extra.get('name')]


def _extra(catalog, name):
    for extra in _extras(catalog):
        if extra['name'] == name:
            return extra
    return None


def matches_type(catalog_type, content_type) -> bool:
    """'movie' lists movie catalogs; 'series' lists every other type (series, anime, tv, ...)."""
    if content_type == MOVIE:
        return catalog_type == MOVIE
    return catalog_type != MOVIE


def browsable(catalog) -> bool:
    """Listable without user input: every required extra is a genre (with options) or skip."""
    for extra in _extras(catalog):
        if not extra.get('isRequired'):
            continue
        if extra['name'] == 'skip':
            continue
        if extra['name'] == 'genre' and extra.get('options'):
            continue
        return False
    return isinstance(catalog.get('id'), str) and isinstance(catalog.get('type'), str) and bool(
        catalog['id'] and catalog['type'])


def genres(catalog) -> list:
    extra = _extra(catalog, 'genre')
    options = (extra or {}).get('options')
    return [str(option) for option in options if str(option).strip()] if isinstance(options, list) else []


def genre_required(catalog) -> bool:
    return bool((_extra(catalog, 'genre') or {}).get('isRequired'))


def default_genre(catalog):
    """The genre to request when the user picked none: None, or 'None' for a required genre that offers it;
    False when a required genre has to be chosen first."""
    if not genre_required(catalog):
        return None
    return 'None' if 'None' in genres(catalog) else False


def pageable(catalog) -> bool:
    """Paging only when the catalog declares the skip extra."""
    return _extra(catalog, 'skip') is not None


def next_skip(skip, items):
    """Offset of the next page: the current offset plus what this page held (page sizes vary)."""
    return int(skip or 0) + len(items)


def browsable_catalogs(manifest, content_type) -> list:
    return [catalog for catalog in manifest.get('catalogs') or []
            if isinstance(catalog, dict) and matches_type(catalog.get('type'), content_type) and browsable(catalog)]


def find(manifest, content_type, catalog_id):
    """The manifest entry of a catalog (exact type first, then any type of the same family)."""
    candidates = [c for c in manifest.get('catalogs') or [] if isinstance(c, dict) and c.get('id') == catalog_id]
    for catalog in candidates:
        if catalog.get('type') == content_type:
            return catalog
    for catalog in candidates:
        if matches_type(catalog.get('type'), content_type):
            return catalog
    return None


def load_page(catalog, genre=None, skip=0):
    """One page of a catalog: an aiostreams.Outcome with data = metas."""
    return aiostreams.fetch_catalog(catalog['type'], catalog['id'], genre=genre,
                                    skip=skip if pageable(catalog) else None)
