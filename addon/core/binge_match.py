"""Which stream continues a show the way its last episode played (issue 17). Pure.

The remembered release is plain data: {'binge_group', 'provider_key', 'resolution', 'service'}. Matching order:
the same bingeGroup, else the same provider and resolution, else the same resolution, else the normal ranking.
Uncached streams are never taken while a cached or unknown one exists (core.stream_rank.auto_play_order).

A bingeGroup says "same kind of release" only when it carries attributes after the server's prefix
(`<addonId>|<attr>|...`); the prefix alone (`<addonId>` or `<addonId>|`) is the same for every stream and matches
nothing (aiostreams-doc-vs-source.md §5).
"""
from __future__ import annotations

from addon.core.stream_rank import auto_play_order, is_uncached

SAME_GROUP = 'binge_group'
SAME_PROVIDER = 'provider_resolution'
SAME_RESOLUTION = 'resolution'
RANKED = 'ranked'      # nothing alike: the normal ranking's first


def telling_group(binge_group) -> str | None:
    """The bingeGroup when it tells releases apart, else None."""
    text = str(binge_group or '').strip()
    if '|' not in text:
        return None
    return text if text.split('|', 1)[1].strip('|').strip() else None


def release_of(stream) -> dict:
    """What to remember of a played stream."""
    return {'binge_group': telling_group(stream.binge_group), 'provider_key': stream.provider_key,
            'resolution': stream.resolution or None, 'service': stream.service or None}


def _tests(remembered):
    group = telling_group(remembered.get('binge_group'))
    provider, resolution = remembered.get('provider_key'), remembered.get('resolution')
    tests = []
    if group:
        tests.append((SAME_GROUP, lambda stream: telling_group(stream.binge_group) == group))
    if provider and resolution:
        tests.append((SAME_PROVIDER, lambda stream: stream.provider_key == provider
                      and stream.resolution == resolution))
    if resolution:
        tests.append((SAME_RESOLUTION, lambda stream: stream.resolution == resolution))
    return tests


def best_match(ranked, remembered) -> tuple:
    """(stream, level) among the ranked playable streams; (None, None) when there is none. Without a remembered
    release the level is None and the stream is the auto-play first."""
    ordered = auto_play_order(ranked)
    if not ordered:
        return None, None
    if not remembered:
        return ordered[0], None
    cached = [stream for stream in ordered if not is_uncached(stream)]
    pool = cached or ordered
    for level, test in _tests(remembered):
        found = next((stream for stream in pool if test(stream)), None)
        if found is not None:
            return found, level
    return pool[0], RANKED


def put_first(ranked, remembered) -> tuple:
    """(the ranked list with the matching stream first, that stream or None when no release was remembered or
    nothing resembles it, level)."""
    stream, level = best_match(ranked, remembered)
    if stream is None or level in (None, RANKED):
        return list(ranked), None, level
    return [stream] + [other for other in ranked if other is not stream], stream, level
