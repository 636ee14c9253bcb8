"""Similar to this (issue 15.3): Trakt's related titles carry the art, plot and runtime of the AIOStreams metas.
The list never waits on the backend: copies and the meta cache answer at once, the rest goes to the front of the
service's paced meta queue, and the service refreshes the list when they are in."""
from __future__ import annotations

import pytest

from addon.backend import aiostreams
from addon.platform import db
from addon.trakt import metas, models, service_tasks
from tests.fakes.aiostreams_fixture import aio, reset_http_sessions  # noqa: F401  (fixture)
from tests.fakes.trakt_account import Account
from tests.fakes.trakt_server import FakeTraktServer
from tests.integration.trakt_env import configure

P = 'plugin://plugin.video.aiostreams'
HOME = 10000
SIMILAR = P + '/?action=show_related&content_type=movie&imdb_id=tt1000001&title=Sample%20Feature'
RELATED = ['tt9%06d' % number for number in range(1, 6)] + ['tt0000404']  # the last one the backend lacks


@pytest.fixture
def trakt(kodi, aio):
    """A fake Trakt whose movies are the fake AIOStreams server's, so related titles have metas there."""
    account = Account(username='similar')
    account.add_movie(8001, 'Sample Feature', 2010, imdb='tt1000001')
    for index, imdb in enumerate(RELATED):
        account.add_movie(8101 + index, 'Related %d' % index, 1991 + index, imdb=imdb)
    account.settle_activities()
    reset_http_sessions()
    server = FakeTraktServer(account, write_interval=0.0).start()
    configure(kodi, server)
    yield server
    server.stop()
    db.close()
    reset_http_sessions()


def by_id(listing):
    return {item.listitem.getProperty('imdb_id'): item.listitem for item in listing.items}


def test_similar_items_show_what_is_cached_at_once_and_queue_the_rest_first(trakt, kodi, aio):
    assert aiostreams.fetch_meta('movie', 'tt9000001').kind == aiostreams.OK  # seen before: in the meta cache
    metas.want([('series', 'tt2000001')])  # an older wish of another list
    asked = len(aio.requests_to('/meta/'))
    listing = kodi.run_plugin(SIMILAR, handle=5)
    assert listing.succeeded and len(aio.requests_to('/meta/')) == asked  # the list sent no meta request
    items = by_id(listing)
    assert set(items) == set(RELATED)
    cached = items['tt9000001']
    assert cached.getArt('poster') == aio.origin + '/art/poster/tt9000001.png'
    assert cached.getVideoInfoTag().getPlot() == 'Synthetic movie number 1.'
    assert cached.getVideoInfoTag().getDuration() == 81 * 60
    assert items['tt9000002'].getArt('poster') == ''  # not fetched yet
    queue = [row.meta_id for row in models.MetaWanted.select().order_by(models.MetaWanted.requested_at)]
    assert sorted(queue[:5]) == sorted(RELATED[1:]) and queue[5:] == ['tt2000001']  # the list on screen comes first
    assert kodi.window_property(HOME, metas.WAITING_LIST) == 'tt1000001'


def test_the_service_fetches_them_paced_and_refreshes_the_list_on_screen(trakt, kodi, aio):
    kodi.run_plugin(SIMILAR, handle=5)
    kodi.info_labels['Container.FolderPath'] = SIMILAR  # the user is still looking at it
    pauses = []
    assert service_tasks.fetch_wanted_metas(sleep=pauses.append) == 5
    assert pauses == [service_tasks.META_SPACING] * 5  # paced like the Next Up metas (15 per 5 s)
    assert kodi.builtins[-1] == 'Container.Refresh' and kodi.window_property(HOME, metas.WAITING_LIST) == ''
    asked = len(aio.requests_to('/meta/'))
    items = by_id(kodi.run_plugin(SIMILAR, handle=6))
    assert len(aio.requests_to('/meta/')) == asked
    for number in range(1, 6):
        tag = items['tt9%06d' % number].getVideoInfoTag()
        assert items['tt9%06d' % number].getArt('poster').endswith('/art/poster/tt9%06d.png' % number)
        assert tag.getTitle() == 'Fake Movie %02d' % number and tag.getDuration() == (80 + number) * 60
        assert tag.getPlot() == 'Synthetic movie number %d.' % number
    assert kodi.window_property(HOME, metas.WAITING_LIST) == ''  # nothing missing any more: no second refresh
    assert models.MetaWanted.select().count() == 0


def test_no_refresh_when_the_user_left_the_list_or_in_a_widget(trakt, kodi, aio):
    kodi.run_plugin(SIMILAR, handle=5)
    kodi.info_labels['Container.FolderPath'] = P + '/movies'
    service_tasks.fetch_wanted_metas(sleep=lambda seconds: False)
    assert 'Container.Refresh' not in kodi.builtins
    models.MetaCopy.delete().execute()
    kodi.run_plugin(SIMILAR + '&widget=true', handle=7)
    assert kodi.window_property(HOME, metas.WAITING_LIST) == ''  # widgets reload through their token
