"""Next Up (pure): Trakt's progress semantics (trakt-api.md section 10) over plain data.

Per show: the watched episodes are those with a play at or after the show's rewatch reset (all plays when there is
no reset). The reference is the highest watched regular episode (specials and seasons hidden from progress do not
count); the next episode is the one right after it in (season, number) order, or the first episode when nothing
counts as watched. It must have aired; a special is never next. Shows hidden from progress or dropped are skipped.
Shows are ordered by their last watch, newest first.
"""
from __future__ import annotations


class ShowProgress:
    """What Next Up needs to know about one show. Times are any mutually comparable values (epoch seconds, or
    Trakt ISO strings in one format, which sort as text); None means unknown / not aired."""

    def __init__(self, show, last_watched_at, episodes, watched, reset_at=None, hidden_seasons=(), aired_total=None):
        self.show = show
        self.aired_total = aired_total  # Trakt's aired regular episodes, when known
        self.last_watched_at = last_watched_at
        self.episodes = episodes            # [(season, number, first_aired)]
        self.watched = watched              # {(season, number): last_watched_at}
        self.reset_at = reset_at
        self.hidden_seasons = set(hidden_seasons)


def regular_episodes(progress):
    """Episodes that count for progress, in order: no specials, no hidden seasons."""
    return sorted((season, number, aired) for season, number, aired in progress.episodes
                  if season > 0 and season not in progress.hidden_seasons)


def watched_after_reset(progress) -> set:
    return {key for key, last in progress.watched.items()
            if progress.reset_at is None or (last is not None and last >= progress.reset_at)}


def _following(progress):
    """(season, number, first_aired) of the regular episode right after the last watched one, or None."""
    ordered = regular_episodes(progress)
    watched = watched_after_reset(progress)
    last_index = -1
    for index, (season, number, _) in enumerate(ordered):
        if (season, number) in watched:
            last_index = index
    return ordered[last_index + 1] if last_index + 1 < len(ordered) else None


def next_episode(progress, now):
    """(season, number) of the show's next episode, or None when nothing aired is left after the last watched."""
    following = _following(progress)
    if following is None or following[2] is None or following[2] > now:
        return None
    return following[0], following[1]


def next_up(shows, now, excluded=()):
    """[(show, season, number)] for every show with an aired next episode, most recently watched show first.
    `excluded`: shows hidden from progress or dropped."""
    return next_up_until(shows, now, excluded)[0]


def next_up_until(shows, now, excluded=()):
    """(next_up(shows, now, excluded), until): `until` is the earliest air time after `now` of a show's next
    episode (the moment the list can change without any change of the data), or None when no such time is known."""
    excluded = set(excluded)
    found = []
    until = None
    for progress in shows:
        if progress.show in excluded:
            continue
        following = _following(progress)
        if following is None or following[2] is None:
            continue
        if following[2] > now:
            until = following[2] if until is None else min(until, following[2])
            continue
        found.append((progress, following))
    found.sort(key=lambda entry: entry[0].show)
    found.sort(key=lambda entry: (entry[0].last_watched_at is not None, entry[0].last_watched_at or 0),
               reverse=True)
    return [(progress.show, season, number) for progress, (season, number, _) in found], until


def counts(progress, now):
    """(watched, aired) regular episodes after the reset: the show's progress "5/10"."""
    watched = watched_after_reset(progress)
    aired = [(season, number) for season, number, first_aired in regular_episodes(progress)
             if first_aired is not None and first_aired <= now]
    return sum(1 for key in aired if key in watched), len(aired)
