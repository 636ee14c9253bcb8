"""Seasons and episodes of a show from its meta `videos[]`: Specials (season 0) last, episodes in order, unaired
episodes flagged, and each episode's stream id taken verbatim from `videos[].id` (tmdb:/kitsu: ids work)."""
from __future__ import annotations

from addon.backend import aiostreams
from addon.core import metadata


def load(content_type, meta_id):
    """The show's meta (cached for cache_expiry_hours): an aiostreams.Outcome."""
    return aiostreams.fetch_meta(content_type or 'series', meta_id)


def season_rows(meta, today=None) -> list:
    """[(season number, episode count, aired episode count, season fields)] in display order (Specials last). The
    aired count is what progress counts: a season whose next episode has not aired yet is not "in progress"."""
    return [(number, len(videos), sum(1 for video in videos if not metadata.is_unaired(video, today)),
             metadata.season_fields(meta, number, len(videos)))
            for number, videos in metadata.seasons_of(meta)]


def episode_rows(meta, season, today=None) -> list:
    """Episode fields of one season, sorted by episode number."""
    for number, videos in metadata.seasons_of(meta):
        if number == season:
            return [metadata.from_video(meta, video, today) for video in videos]
    return []
