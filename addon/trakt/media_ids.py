"""Which local Trakt row a listed title is. Browse lists name titles 'tt..' / 'tmdb:..' / 'tvdb:..' (for seasons and
episodes the show's id); the local copy keys them by Trakt id. A title never synced gets a stub row with a negative,
stable id until the next sync brings the real one.
"""
from __future__ import annotations

import zlib

from addon.platform import storage
from addon.trakt import models

_CHUNK = 400


def split_id(ident):
    """('imdb', 'tt123') | ('tmdb', 123) | ('tvdb', 456) | (None, None)."""
    ident = str(ident or '')
    if ident.startswith('tt'):
        return 'imdb', ident
    for prefix in ('tmdb', 'tvdb'):
        if ident.startswith(prefix + ':') and ident[len(prefix) + 1:].isdigit():
            return prefix, int(ident[len(prefix) + 1:])
    return None, None


def stub_id(kind, ident) -> int:
    """A negative, stable trakt id for an item known only by its imdb/tmdb id (until the next sync)."""
    return -(zlib.crc32(('%s:%s' % (kind, ident)).encode('utf-8')) & 0x7fffffff) - 1


def resolve(model, idents) -> dict:
    """{ident: trakt id} for 'tt..' / 'tmdb:..' / 'tvdb:..' idents, one query per id type. Real ids win over
    optimistic stubs."""
    by_type = {}
    for ident in set(idents):
        kind, value = split_id(ident)
        if kind is not None and (kind != 'tvdb' or model is models.Show):
            by_type.setdefault(kind, {})[value] = ident
    found = {}
    for kind, wanted in by_type.items():
        column = getattr(model, kind)
        values = list(wanted)
        for start in range(0, len(values), _CHUNK):
            for trakt, value in model.select(model.trakt, column).where(
                    column.in_(values[start:start + _CHUNK])).order_by(model.trakt.desc()).tuples():
                found.setdefault(wanted[value], trakt)
    return found


def ensure_media(kind, ident, title=None, year=None) -> int:
    """The trakt id of a movie/show, creating a stub row (negative id) when the item was never synced."""
    storage.open_db()
    model = models.Movie if kind == 'movie' else models.Show
    found = resolve(model, [ident]).get(ident)
    if found is not None:
        return found
    id_type, value = split_id(ident)
    row = {'trakt': stub_id(kind, ident), 'title': title, 'year': year}
    if id_type:
        row[id_type] = value
    model.insert(row).on_conflict_ignore().execute()
    return row['trakt']


def trakt_ids(kind, ident) -> dict:
    """The ids block for a Trakt write body: the trakt id when known, plus imdb/tmdb/tvdb."""
    storage.open_db()
    model = models.Movie if kind == 'movie' else models.Show
    trakt = resolve(model, [ident]).get(ident)
    ids = {}
    row = model.get_or_none(model.trakt == trakt) if trakt is not None else None
    if row is not None:
        if row.trakt > 0:
            ids['trakt'] = row.trakt
        for key in ('imdb', 'tmdb') + (('tvdb',) if kind != 'movie' else ()):
            if getattr(row, key):
                ids[key] = getattr(row, key)
    id_type, value = split_id(ident)
    if id_type:
        ids.setdefault(id_type, value)
    return ids
