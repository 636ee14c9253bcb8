"""Meta copies for the Trakt lists: trimmed on store, served without the HTTP stack, refreshed when old, and a
title the backend has no meta for is not asked for again on every render."""
from __future__ import annotations

import time

from addon.platform import db
from addon.trakt import metas, models, service_tasks
from tests.fakes import aiostreams_data
from tests.fakes.aiostreams_fixture import aio  # noqa: F401


def test_copies_are_trimmed_and_old_or_missing_ones_are_wanted_again(kodi):
    meta = dict(aiostreams_data.SHOW, extra_field='x' * 1000)
    metas.store('series', 'tt2000001', meta)
    metas.store('series', 'tt0000404', None)
    found, wanted = metas.lookup([('series', 'tt2000001'), ('series', 'tt0000404'), ('movie', 'tt0000001')])
    copy = found[('series', 'tt2000001')]
    assert 'extra_field' not in copy and copy['name'] == aiostreams_data.SHOW['name']
    assert {video['id'] for video in copy['videos']} == {video['id'] for video in aiostreams_data.SHOW['videos']}
    assert wanted == [('movie', 'tt0000001')]
    later = time.time() + metas.RETRY_MISSING_SECONDS + 60
    assert sorted(metas.lookup([('series', 'tt0000404'), ('series', 'tt2000001')], now=later)[1]) == [
        ('series', 'tt0000404')]
    much_later = time.time() + metas.REFRESH_SECONDS + 60
    assert ('series', 'tt2000001') in metas.lookup([('series', 'tt2000001')], now=much_later)[1]
    db.close()


def test_the_service_fetches_wanted_metas_paced_and_remembers_missing_ones(kodi, aio):
    metas.want([('series', 'tt2000001'), ('movie', 'tt1000001'), ('movie', 'tt0000404')])
    pauses = []
    assert service_tasks.fetch_wanted_metas(sleep=pauses.append) == 2
    assert pauses == [service_tasks.META_SPACING] * 2 and service_tasks.META_SPACING * 15 >= 5.0
    assert models.MetaWanted.select().count() == 0
    found, wanted = metas.lookup([('series', 'tt2000001'), ('movie', 'tt1000001'), ('movie', 'tt0000404')])
    assert set(found) == {('series', 'tt2000001'), ('movie', 'tt1000001')} and wanted == []
    db.close()


def test_a_refused_variant_keeps_the_wanted_metas_for_later(kodi, aio):
    kodi.set_setting('base_url', aio.variant_manifest_url('nosuch'))
    metas.want([('series', 'tt2000001'), ('movie', 'tt1000001')])
    assert service_tasks.fetch_wanted_metas(sleep=lambda _seconds: False) == 0
    assert len(aio.requests_to('/meta/')) == 1  # stopped at the first refusal, not one try per title
    assert models.MetaWanted.select().count() == 2
    db.close()
