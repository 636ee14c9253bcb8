"""Trakt's resume percentage for one media key (addon.mediakey), read from the synced database (for playback)."""
from __future__ import annotations

from addon import storage
from addon.mediakey import parse_media_key
from addon.trakt import models, state


def playback_percent(media_key):
    """The newest Trakt playback progress (0-100) stored for the item, or None."""
    try:
        kind, ident, season, episode = parse_media_key(media_key)
    except ValueError:
        return None
    storage.open_db()
    query = models.Playback.select(models.Playback.progress).order_by(models.Playback.paused_at.desc())
    if kind == 'movie':
        trakt = state.resolve(models.Movie, [ident]).get(ident)
        query = query.where((models.Playback.kind == 'movie') & (models.Playback.movie == trakt))
    else:
        trakt = state.resolve(models.Show, [ident]).get(ident)
        query = query.where((models.Playback.kind == 'episode') & (models.Playback.show == trakt)
                            & (models.Playback.season == season) & (models.Playback.number == episode))
    if trakt is None:
        return None
    row = query.first()
    return float(row.progress) if row is not None else None
