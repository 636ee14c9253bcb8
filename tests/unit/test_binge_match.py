"""Which stream continues a show like its last episode (addon.core.binge_match): matching order and edge cases."""
from __future__ import annotations

import pytest

from addon.core import binge_match
from addon.core.binge_match import best_match, put_first, release_of, telling_group
from addon.core.stream_model import Stream

PREFIX = 'com.aiostreams.viren070|'


def stream(index, resolution='1080p', group='FLUX', service='realdebrid', cached=True, binge=None):
    made = Stream(index)
    made.resolution, made.release_group, made.service, made.cached, made.addon = (
        resolution, group, service, cached, 'Torrentio')
    made.binge_group = binge if binge is not None else PREFIX + '|'.join(
        part for part in (resolution, 'WEB-DL', group) if part)
    return made


def remembered_from(played):
    return release_of(played)


@pytest.mark.parametrize('text, telling', [
    (PREFIX + '1080p|WEB-DL|FLUX', True), (PREFIX + '2160p', True), (PREFIX + '3', True),
    (PREFIX, False), ('com.aiostreams.viren070', False), ('', False), (None, False), ('my.id||', False)])
def test_only_a_binge_group_with_attributes_tells_releases_apart(text, telling):
    assert (telling_group(text) is not None) is telling


def test_the_same_binge_group_wins_over_a_better_ranked_stream():
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'FLUX'), stream(2, '1080p', 'NTb')]
    chosen, level = best_match(ranked, remembered_from(stream(9, '1080p', 'FLUX')))
    assert (chosen.index, level) == (1, binge_match.SAME_GROUP)


def test_without_the_group_the_same_provider_and_resolution_follow():
    played = stream(9, '1080p', 'FLUX', binge=PREFIX + '1080p|BluRay|FLUX')
    ranked = [stream(0, '2160p', 'FLUX'), stream(1, '1080p', 'NTb'), stream(2, '1080p', 'FLUX')]
    chosen, level = best_match(ranked, remembered_from(played))
    assert (chosen.index, level) == (2, binge_match.SAME_PROVIDER)


def test_then_the_same_resolution_then_the_ranking():
    played = stream(9, '720p', 'FLUX')
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '720p', 'NTb')]
    assert best_match(ranked, remembered_from(played)) == (ranked[1], binge_match.SAME_RESOLUTION)
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'NTb')]
    assert best_match(ranked, remembered_from(played)) == (ranked[0], binge_match.RANKED)


def test_an_uncached_match_is_never_taken_while_a_cached_stream_exists():
    played = stream(9, '1080p', 'FLUX')
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'FLUX', cached=False)]
    chosen, level = best_match(ranked, remembered_from(played))
    assert chosen.index == 0 and chosen.cached is not False
    assert level == binge_match.RANKED


def test_an_unknown_cache_state_counts_as_cached():
    played = stream(9, '1080p', 'FLUX')
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'FLUX', cached=None)]
    assert best_match(ranked, remembered_from(played)) == (ranked[1], binge_match.SAME_GROUP)


def test_with_only_uncached_streams_the_match_among_them_is_taken():
    played = stream(9, '1080p', 'FLUX')
    ranked = [stream(0, '2160p', 'NTb', cached=False), stream(1, '1080p', 'FLUX', cached=False)]
    assert best_match(ranked, remembered_from(played)) == (ranked[1], binge_match.SAME_GROUP)


def test_a_prefix_only_binge_group_matches_nothing():
    played = stream(9, '1080p', 'FLUX', binge=PREFIX)
    ranked = [stream(0, '2160p', 'NTb', binge=PREFIX), stream(1, '1080p', 'NTb', binge=PREFIX)]
    assert best_match(ranked, remembered_from(played)) == (ranked[1], binge_match.SAME_RESOLUTION)


def test_nothing_remembered_or_nothing_to_play():
    ranked = [stream(0, '2160p', 'NTb', cached=False), stream(1, '1080p', 'FLUX')]
    assert best_match(ranked, None) == (ranked[1], None)
    assert best_match([], remembered_from(stream(9))) == (None, None)
    assert best_match(ranked, {}) == (ranked[1], None)


def test_a_remembered_release_without_resolution_or_group_falls_to_the_ranking():
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'FLUX')]
    assert best_match(ranked, {'binge_group': None, 'provider_key': 'x', 'resolution': None}) == (
        ranked[0], binge_match.RANKED)


def test_put_first_moves_the_match_to_the_top_and_keeps_the_rest_in_order():
    ranked = [stream(0, '2160p', 'NTb'), stream(1, '1080p', 'NTb'), stream(2, '1080p', 'FLUX')]
    ordered, match, level = put_first(ranked, remembered_from(stream(9, '1080p', 'FLUX')))
    assert [item.index for item in ordered] == [2, 0, 1]
    assert match is ranked[2] and level == binge_match.SAME_GROUP
    ordered, match, level = put_first(ranked, remembered_from(stream(9, '480p', 'X')))
    assert [item.index for item in ordered] == [0, 1, 2] and match is None and level == binge_match.RANKED
