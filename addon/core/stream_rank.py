"""Filter and order playable streams by the user's choices, cache state, reliability and learned preference, and
the order auto-play tries them in. Pure.

Uncached streams (`cached` False: the debrid service would first have to download the file, and the server answers
with its "downloading" clip meanwhile) rank after every cached or unknown one in the smart sort, and auto-play never
tries one while a cached or unknown stream is left (aiostreams-api.md §7 "Cached or not").
"""
from __future__ import annotations

from dataclasses import dataclass

SETTING_RANKS = {'4k': 400, '1080p': 300, '720p': 200, '480p': 100, '360p': 30, '240p': 10}


@dataclass
class RankOptions:
    """The user's choices that shape the list (see options_from_settings in addon.play.stream_lookup)."""
    preferred_quality: str = 'any'
    min_quality: str = None           # None: no minimum (filter_low_quality off)
    max_streams: int = 20
    keep_server_order: bool = False
    learn_preferences: bool = True


def filter_streams(streams, options) -> tuple:
    """(kept, hidden_count): drop streams below the minimum quality. Unknown resolutions are kept."""
    minimum = SETTING_RANKS.get(options.min_quality or '', 0)
    if not minimum:
        return list(streams), 0
    kept = [stream for stream in streams if not stream.quality_rank or stream.quality_rank >= minimum]
    return kept, len(streams) - len(kept)


def reliability_score(successes, failures) -> float:
    """Smoothed success rate in [0, 1]; 0.5 when nothing is known (Laplace's rule of succession)."""
    return (float(successes) + 1.0) / (float(successes) + float(failures) + 2.0)


def reliability_tier(stats) -> int:
    """3 good, 2 unknown or fair, 1 poor; stats = (successes, failures) or None."""
    if not stats or (stats[0] + stats[1]) <= 0:
        return 2
    score = reliability_score(*stats)
    return 3 if score >= 0.75 else 2 if score >= 0.5 else 1


def rank(streams, options, stats=None, picks=None) -> list:
    """Order streams: cached or unknown before uncached, then within each group preferred quality first, then
    quality, reliability and learned preference; the server's order breaks ties. With keep_server_order only the
    preferred-quality boost moves streams."""
    stats = stats or {}
    picks = picks if (picks and options.learn_preferences) else {}
    preferred = SETTING_RANKS.get(options.preferred_quality or '', 0)

    if options.keep_server_order:
        def key(stream):
            return (bool(preferred) and stream.quality_rank != preferred, stream.index)
    else:
        def key(stream):
            provider = stream.provider_key
            return (is_uncached(stream), bool(preferred) and stream.quality_rank != preferred, -stream.quality_rank,
                    -reliability_tier(stats.get(provider)), -picks.get(provider, 0), stream.index)
    return sorted(streams, key=key)


def is_uncached(stream) -> bool:
    """The service said it does not hold the file yet (unknown counts as cached: most services do not say)."""
    return stream.cached is False


def auto_play_order(streams) -> list:
    """The order play_first, play_next, Up Next and the preload try streams in: the given order, with every
    uncached stream moved after the cached or unknown ones."""
    return sorted(streams, key=is_uncached)


def choose(stream_list, options, stats=None, picks=None) -> tuple:
    """(ranked streams capped at max_streams, count hidden by the quality filter)."""
    kept, hidden = filter_streams(stream_list.playable, options)
    ranked = rank(kept, options, stats, picks)
    return ranked[:max(1, int(options.max_streams or 1))], hidden
