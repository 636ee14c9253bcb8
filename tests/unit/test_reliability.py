"""Provider reliability and learned picks stored in the DB (addon.play.reliability)."""
from __future__ import annotations

import pytest

from addon.core import stream_rank
from addon.core.stream_model import Stream
from addon.platform import db
from addon.play import reliability


@pytest.fixture
def store(kodi):
    yield reliability
    db.close()


def test_outcomes_are_counted_per_provider_key(store):
    store.record_outcome('torrentio|realdebrid|ntb', True)
    store.record_outcome('torrentio|realdebrid|ntb', True)
    store.record_outcome('torrentio|realdebrid|ntb', False)
    store.record_outcome('comet|torbox|demand', False)
    stats = store.stats_for(['torrentio|realdebrid|ntb', 'comet|torbox|demand', 'unknown|x|y'])
    assert stats == {'torrentio|realdebrid|ntb': (2.0, 1.0), 'comet|torbox|demand': (0.0, 1.0)}
    assert stream_rank.reliability_tier(stats['comet|torbox|demand']) == 1


def test_a_failure_moves_a_provider_down_the_ranking(store):
    first, second = Stream(0), Stream(1)
    for stream, addon in ((first, 'A'), (second, 'B')):
        stream.addon, stream.resolution = addon, '1080p'
    options = stream_rank.RankOptions()
    keys = [first.provider_key, second.provider_key]
    assert stream_rank.rank([first, second], options, store.stats_for(keys))[0] is first
    store.record_outcome(first.provider_key, False)
    assert stream_rank.rank([first, second], options, store.stats_for(keys))[0] is second


def test_old_outcomes_age_so_a_provider_can_recover(store):
    for _ in range(reliability.AGE_AFTER_OUTCOMES + 1):
        store.record_outcome('p', False)
    assert store.stats_for(['p'])['p'] == (0.0, reliability.AGE_AFTER_OUTCOMES / 2 + 1)
    for _ in range(30):
        store.record_outcome('p', True)
    assert stream_rank.reliability_tier(store.stats_for(['p'])['p']) == 2
    for _ in range(50):
        store.record_outcome('p', True)
    assert stream_rank.reliability_tier(store.stats_for(['p'])['p']) == 3


def test_picks_and_clearing(store):
    store.record_pick('a|b|c')
    store.record_pick('a|b|c')
    store.record_pick('d||')
    store.record_pick('')
    assert store.picks_for(['a|b|c', 'd||', 'z']) == {'a|b|c': 2, 'd||': 1}
    assert store.clear_preferences() == 2
    assert store.picks_for(['a|b|c']) == {}
    store.record_outcome('a|b|c', True)
    assert store.clear_stats() == 1
    assert store.stats_for(['a|b|c']) == {}


def test_empty_key_is_ignored(store):
    store.record_outcome('', True)
    store.record_outcome(None, False)
    assert store.stats_for(['']) == {}
