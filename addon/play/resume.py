"""Where a play starts: the locally saved position (exact seconds), else Trakt's percentage, chosen
automatically with `auto_resume`, on Kodi's own 'resume:true', or by asking resume / start over like Kodi does.
"""
from __future__ import annotations

from addon import kodi
from addon.core.mediakey import parse_media_key
from addon.platform import playstate, settings
from addon.trakt import lists

MIN_RESUME_SECONDS = 10        # closer to the start than this is not worth resuming
CANCEL = 'cancel'


class StartPoint:
    """seconds (exact) or percent (of the total, known once playback runs); total when known."""

    __slots__ = ('seconds', 'percent', 'total')

    def __init__(self, seconds=None, percent=None, total=None):
        self.seconds, self.percent, self.total = seconds, percent, total

    def __repr__(self):
        return 'StartPoint(seconds=%s, percent=%s, total=%s)' % (self.seconds, self.percent, self.total)

    def seconds_of(self, total) -> float | None:
        """The target in seconds for a playback of `total` seconds."""
        if self.seconds is not None:
            return self.seconds
        if self.percent is not None and total:
            return total * self.percent / 100.0
        return None

    def label(self) -> str:
        if self.seconds is not None:
            return clock(self.seconds)
        return '%d%%' % round(self.percent or 0)


def clock(seconds) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return '%d:%02d:%02d' % (hours, rest // 60, rest % 60) if hours else '%d:%02d' % (rest // 60, rest % 60)


def saved_point(media_key) -> StartPoint | None:
    """The local resume point, else Trakt's playback progress; None when there is nothing to resume."""
    local = playstate.resume_point(media_key)
    if local and local[0] >= MIN_RESUME_SECONDS and not (local[1] and local[0] >= local[1] - MIN_RESUME_SECONDS):
        return StartPoint(seconds=float(local[0]), total=float(local[1]) or None)
    percent = trakt_percent(media_key)
    if percent is not None and 1.0 <= percent < 99.0:
        return StartPoint(percent=float(percent))
    return None


def trakt_percent(media_key) -> float | None:
    """Trakt's paused-playback percentage for the item, from the Trakt component's synced DB."""
    kind, ident, season, episode = parse_media_key(media_key)
    for entry in lists.continue_watching():
        ids = entry.get('ids') or {}
        names = {entry.get('meta_id'), ids.get('imdb'), 'tmdb:%s' % ids.get('tmdb'), 'tvdb:%s' % ids.get('tvdb')}
        if ident not in names or (entry.get('kind') == 'episode') != (kind == 'episode'):
            continue
        if kind == 'movie' or (entry.get('season'), entry.get('episode')) == (season, episode):
            return entry.get('progress')
    return None


def choose_start(media_key, kodi_resume) -> StartPoint | None | str:
    """The point to start from, None to start at the beginning, or CANCEL when the user backed out."""
    point = saved_point(media_key)
    if point is None:
        return None
    if kodi_resume or settings.flag('auto_resume'):
        return point
    choice = kodi.select(kodi.addon_info('name'), [kodi.localize(30580, point.label()), kodi.localize(30581)])
    if choice < 0:
        return CANCEL
    return point if choice == 0 else None
