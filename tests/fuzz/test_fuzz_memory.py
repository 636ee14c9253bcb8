"""Fuzz: memory stays bounded. A long run of fuzzed plugin invocations, file names to identify and stream lists to
parse keeps what the addon retains (its caches: parsed file names, guessit answers, HTTP sessions, routes) under a
fixed ceiling, measured with tracemalloc after a warm-up (allocations of the test machinery left out)."""
from __future__ import annotations

import gc
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addon.core import identify, stream_parse
from tests.fuzz.fuzzing import DOCUMENTS, FUZZ, example
from tests.fuzz.test_fuzz_plugin_urls import PATHS, cancel_every_dialog, plugin, queries_for, url_of  # noqa: F401
from tests.fuzz.test_fuzz_scrobbling import paths

WARM_UP_EXAMPLES = 150
CEILING_BYTES = 4 * 1024 * 1024     # what the addon may keep beyond the warm-up (about 0.8 MB measured)
# Everything allocated by code other than the test machinery (one frame per trace keeps tracing affordable).
NOT_TEST_MACHINERY = [tracemalloc.Filter(False, pattern) for pattern in (
    '*/hypothesis/*', '*/_pytest/*', '*/pluggy/*', tracemalloc.__file__, '*/tests/fuzz/*')]


def retained() -> int:
    gc.collect()
    return sum(stat.size for stat in tracemalloc.take_snapshot().filter_traces(NOT_TEST_MACHINERY).statistics(
        'filename'))


@pytest.fixture(scope='module')
def measured(plugin, figures):  # noqa: F811  (the fixture imported above)
    tracemalloc.start(1)
    state = {'examples': 0, 'baseline': None}
    yield state
    final = retained()
    tracemalloc.stop()
    assert state['baseline'] is not None, 'the warm-up never ended'
    growth = final - state['baseline']
    figures['fuzz memory: bytes the addon retained after the warm-up, after the examples, examples'] = '%d, %d, %d' % (
        state['baseline'], final, state['examples'])
    assert growth < CEILING_BYTES, 'the addon kept %d bytes more after %d examples' % (growth, state['examples'])


urls = st.sampled_from(PATHS).flatmap(lambda path: st.tuples(st.just(path), queries_for(path)))


@FUZZ
@given(path_and_pairs=urls, widget=st.booleans(), file_path=paths,
       stream_list=DOCUMENTS['stream'].map(lambda body: body.get('streams') if isinstance(body, dict) else body))
def test_memory_stays_bounded(measured, fuzz_kodi, path_and_pairs, widget, file_path, stream_list):
    from addon import plugin_entry as routes
    with example('memory under fuzzed load'):
        for recorded in (fuzz_kodi.log_lines, fuzz_kodi.notifications, fuzz_kodi.dialogs, fuzz_kodi.builtins):
            del recorded[:]  # what the fake Kodi records is not the addon's memory
        fuzz_kodi.state.directories.clear()
        cancel_every_dialog(fuzz_kodi)
        path, pairs = path_and_pairs
        fuzz_kodi.run_plugin(url_of(path, None, pairs, widget), handle=7, entry=routes.run)
        identify.identify({'file': file_path, 'tag': {}, 'handoff': None, 'show': {}, 'properties': {}})
        stream_parse.parse_streams(stream_list, budget=1)
    measured['examples'] += 1
    if measured['examples'] == WARM_UP_EXAMPLES:
        measured['baseline'] = retained()
