"""The backend client against the fake AIOStreams server: typed outcomes, error items, cache rules, secrets."""
from __future__ import annotations

import pytest

from addon.backend import aiostreams, rest_api, search
from addon.backend.messages import message_for
from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)


def test_manifest_is_fetched_once_then_served_from_cache(aio):
    first = aiostreams.fetch_manifest()
    second = aiostreams.fetch_manifest()
    assert first.kind == second.kind == aiostreams.OK
    assert [c['id'] for c in second.data['catalogs']][:2] == ['fk1.tmdb.top', 'fk1.tmdb.top']
    assert len(aio.requests_to('/manifest.json')) == 1


def test_refresh_and_live_manifest_hit_the_server(aio):
    aiostreams.fetch_manifest()
    aiostreams.fetch_manifest(refresh=True)
    aiostreams.fetch_manifest(live=True)
    assert len(aio.requests_to('/manifest.json')) == 3


def test_forget_manifest_invalidates_the_cached_copy(aio):
    aiostreams.fetch_manifest()
    aiostreams.forget_manifest()
    aiostreams.fetch_manifest()
    assert len(aio.requests_to('/manifest.json')) == 2


def test_clear_cache_invalidates_catalogs_and_metas(aio):
    aiostreams.fetch_catalog('movie', 'fk1.tmdb.top')
    aiostreams.fetch_meta('movie', 'tt1000001')
    aiostreams.clear_cache()
    aiostreams.fetch_catalog('movie', 'fk1.tmdb.top')
    aiostreams.fetch_meta('movie', 'tt1000001')
    assert len(aio.requests_to('/catalog/')) == 2
    assert len(aio.requests_to('/meta/')) == 2


def test_second_visit_of_a_catalog_page_makes_no_request(aio):
    first = aiostreams.fetch_catalog('movie', 'fk1.tmdb.top', genre='Drama', skip=5)
    second = aiostreams.fetch_catalog('movie', 'fk1.tmdb.top', genre='Drama', skip=5)
    assert first.kind == aiostreams.OK and [m['id'] for m in first.data] == [m['id'] for m in second.data]
    requests = aio.requests_to('/catalog/')
    assert len(requests) == 1
    assert requests[0].path.endswith('/catalog/movie/fk1.tmdb.top/genre=Drama&skip=5.json')


def test_search_is_never_cached_and_its_text_is_cleaned(aio):
    first = aiostreams.fetch_catalog('movie', 'fk1.search.movie', search='Sample & Feature')
    aiostreams.fetch_catalog('movie', 'fk1.search.movie', search='Sample & Feature')
    assert [m['name'] for m in first.data] == ['Sample Feature']
    requests = aio.requests_to('/catalog/')
    assert len(requests) == 2
    assert requests[0].path.endswith('/search=Sample%20Feature.json')


def test_catalog_error_items_are_not_content_and_not_cached(aio):
    aio.fail('rate_limit_items', match='/catalog/', times=1)
    failed = aiostreams.fetch_catalog('movie', 'fk1.tmdb.trending')
    assert failed.kind == aiostreams.ERROR_ITEMS
    assert failed.errors == ['Rate Limit Exceeded'] and failed.data == []
    recovered = aiostreams.fetch_catalog('movie', 'fk1.tmdb.trending')
    assert recovered.kind == aiostreams.OK and len(recovered.data) == 5
    assert len(aio.requests_to('/catalog/')) == 2


def test_error_items_appended_to_real_results_are_split_off(aio):
    aio.fail('error_appended', match='/catalog/', message='Upstream catalog timed out')
    outcome = aiostreams.fetch_catalog('movie', 'fk1.tmdb.trending')
    assert outcome.kind == aiostreams.OK
    assert len(outcome.data) == 5 and all(not m['id'].startswith('aiostreamserror.') for m in outcome.data)
    assert outcome.errors == ['Upstream catalog timed out']
    aio.clear_failures()
    aiostreams.fetch_catalog('movie', 'fk1.tmdb.trending')
    assert len(aio.requests_to('/catalog/')) == 2  # the page with an error item was not cached


def test_empty_catalog_is_empty_not_an_error(aio):
    outcome = aiostreams.fetch_catalog('movie', 'fk1.search.movie', search='no such title anywhere')
    assert outcome.kind == aiostreams.EMPTY and outcome.ok and outcome.errors == []


@pytest.mark.parametrize('mode, kind, status', [
    ('html', aiostreams.INVALID_JSON, 200),
    ('truncated', aiostreams.INVALID_JSON, 200),
    ('http_500', aiostreams.HTTP_ERROR, 500),
    ('http_404', aiostreams.HTTP_ERROR, 404),
    ('http_429', aiostreams.HTTP_ERROR, 429),
    ('reset', aiostreams.OFFLINE, None),
])
def test_failures_are_classified_and_never_cached(aio, mode, kind, status):
    aio.fail(mode, match='/meta/', times=1)
    failed = aiostreams.fetch_meta('movie', 'tt1000001')
    assert failed.kind == kind and failed.status == status and not failed.ok
    assert aiostreams.cached_meta('movie', 'tt1000001') is None
    assert aiostreams.fetch_meta('movie', 'tt1000001').kind == aiostreams.OK


def test_429_envelope_carries_code_message_and_retry_after(aio):
    aio.fail('http_429', match='/manifest.json', retry_after=7)
    outcome = aiostreams.fetch_manifest()
    assert (outcome.kind, outcome.code, outcome.retry_after) == (aiostreams.HTTP_ERROR, 'RATE_LIMIT_EXCEEDED', 7)
    assert outcome.errors == [fake.RATE_LIMIT_MESSAGE]


def test_timeout_uses_the_timeout_setting(aio, kodi):
    kodi.set_setting('timeout', 3)
    aio.fail('slow', match='/catalog/', delay=5, times=1)
    outcome = aiostreams.fetch_catalog('movie', 'fk1.tmdb.top')
    assert outcome.kind == aiostreams.TIMEOUT


def test_server_down_is_offline(aio):
    aio.go_down()
    assert aiostreams.fetch_manifest().kind == aiostreams.OFFLINE


def test_unset_and_bad_base_url(aio, kodi):
    kodi.set_setting('base_url', '')
    assert aiostreams.fetch_manifest().kind == aiostreams.NOT_SET
    kodi.set_setting('base_url', 'not a url at all')
    assert aiostreams.fetch_catalog('movie', 'x').kind == aiostreams.BAD_URL
    assert aio.log == []


def test_unconfigured_manifest_and_wrong_password(aio, kodi):
    kodi.set_setting('base_url', aio.unconfigured_manifest_url)
    assert aiostreams.fetch_manifest().kind == aiostreams.UNCONFIGURED
    kodi.set_setting('base_url', aio.manifest_url.replace(fake.ENCRYPTED_PASSWORD, 'eyJ3cm9uZyI6MX0'))
    outcome = aiostreams.fetch_manifest()
    assert (outcome.kind, outcome.status, outcome.code) == (aiostreams.HTTP_ERROR, 400, 'USER_INVALID_DETAILS')
    catalog = aiostreams.fetch_catalog('movie', 'fk1.tmdb.top')
    assert catalog.kind == aiostreams.ERROR_ITEMS and catalog.errors == ['Invalid password']


def test_alias_and_variant_forms(aio, kodi):
    kodi.set_setting('base_url', aio.alias_manifest_url + '?v=kids')
    manifest = aiostreams.fetch_manifest()
    assert manifest.kind == aiostreams.OK and manifest.data['name'] == 'AIOStreams (kids)'
    assert aiostreams.fetch_meta('series', 'tt2000001').data['name'] == 'Sample Show'
    assert aiostreams.fetch_meta('series', 'tt2000001').kind == aiostreams.OK
    assert len(aio.requests_to('/meta/')) == 2  # the alias hop and the credentialed target, once
    assert all(entry.query.get('v') == ['kids'] for entry in aio.log)


def test_meta_error_item_and_not_found(aio):
    aio.fail('error_items', match='/meta/', times=1, message='User not found')
    outcome = aiostreams.fetch_meta('movie', 'tt1000001')
    assert outcome.kind == aiostreams.ERROR_ITEMS and outcome.errors == ['User not found']
    missing = aiostreams.fetch_meta('movie', 'tt0000404')
    assert (missing.kind, missing.status, missing.code) == (aiostreams.HTTP_ERROR, 404, 'NOT_FOUND')


def test_cached_meta_never_touches_the_network(aio):
    assert aiostreams.cached_meta('series', 'tt2000001') is None
    assert aio.requests_to('/meta/') == []
    aiostreams.fetch_meta('series', 'tt2000001')
    assert aiostreams.cached_meta('series', 'tt2000001')['name'] == 'Sample Show'
    assert len(aio.requests_to('/meta/')) == 1


def test_streams_keep_server_order_and_split_error_and_statistic_items(aio):
    outcome = aiostreams.fetch_streams('series', 'tt2000001:1:1')
    assert outcome.kind == aiostreams.OK
    assert [s['name'] for s in outcome.data] == ['[RD+] Fake 2160p', '[TB] Fake 1080p', '[P2P] Fake 720p',
                                                 '[EN+] Fake Easynews 1080p']
    assert outcome.errors == ['Request timed out after 7000ms']
    assert outcome.notes and outcome.notes[0].startswith('Total streams')
    assert outcome.data[0]['streamData']['parsedFile']['resolution'] == '2160p'
    request = aio.requests_to('/stream/')[0]
    assert request.headers['user-agent'].startswith('AIOStreams/')
    assert request.path.endswith('/stream/series/tt2000001:1:1.json')


def test_streams_are_never_cached_and_only_errors_is_a_failure(aio):
    aiostreams.fetch_streams('movie', 'tt1000001')
    aiostreams.fetch_streams('movie', 'tt1000001')
    assert len(aio.requests_to('/stream/')) == 2
    aio.fail('error_items', match='/stream/', message='Invalid password')
    outcome = aiostreams.fetch_streams('movie', 'tt1000001')
    assert outcome.kind == aiostreams.ERROR_ITEMS and outcome.errors == ['Invalid password'] and outcome.data == []


def test_stream_timeout_setting_is_separate(aio, kodi):
    kodi.set_setting('timeout', 3)
    kodi.set_setting('stream_timeout', 10)
    aio.fail('slow', match='/stream/', delay=4, times=1)
    assert aiostreams.fetch_streams('movie', 'tt1000001').kind == aiostreams.OK


def test_subtitles_skip_error_entries(aio):
    outcome = aiostreams.fetch_subtitles('movie', 'tt1000001')
    assert [s['lang'] for s in outcome.data] == ['eng', 'spa']
    assert outcome.errors == ['SubDL - Invalid API key']


def test_credentials_never_reach_the_log(aio, kodi):
    aiostreams.fetch_manifest()
    aiostreams.fetch_catalog('movie', 'fk1.tmdb.top')
    aiostreams.fetch_streams('movie', 'tt1000001')
    rest_api.search('movie', 'tt1000001')
    rest_api.fetch_user(aio.origin, fake.UUID, fake.RAW_PASSWORD)
    aio.fail('http_500', match='/meta/')
    aiostreams.fetch_meta('movie', 'tt1000001')
    text = '\n'.join(message for _level, message in kodi.log_lines)
    assert 'GET' in text
    for secret in (fake.UUID, fake.ENCRYPTED_PASSWORD, fake.RAW_PASSWORD):
        assert secret not in text


def test_cached_meta_works_for_the_alias_form(aio, kodi):
    kodi.set_setting('base_url', aio.alias_manifest_url)
    assert aiostreams.fetch_meta('movie', 'tt1000001').kind == aiostreams.OK
    assert aiostreams.cached_meta('movie', 'tt1000001')['name'] == 'Sample Feature'


def test_server_rate_limits_show_up_as_error_items_and_429(kodi):
    from tests.fakes.aiostreams_fixture import reset_http_sessions
    reset_http_sessions()
    with fake.FakeAIOStreams(rate_limits={'catalog': (30, 2), 'manifest': (30, 1)}) as server:
        kodi.set_setting('base_url', server.manifest_url)
        assert aiostreams.fetch_manifest(live=True).kind == aiostreams.OK
        assert aiostreams.fetch_manifest(live=True).status == 429
        kinds = [aiostreams.fetch_catalog('movie', 'fk1.tmdb.top', skip=skip).kind for skip in (1, 2, 3)]
        assert kinds == [aiostreams.OK, aiostreams.OK, aiostreams.ERROR_ITEMS]


# ---- config variants -----------------------------------------------------------------------------------------

def stream_files(outcome):
    return [(stream.get('behaviorHints') or {}).get('filename') or '' for stream in outcome.data]


def test_every_resource_request_of_a_path_variant_keeps_it(aio, kodi):
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    assert aiostreams.fetch_manifest().kind == aiostreams.OK
    assert aiostreams.fetch_catalog('movie', 'fk1.tmdb.top').kind == aiostreams.OK
    assert aiostreams.fetch_meta('movie', 'tt1000001').kind == aiostreams.OK
    streams = aiostreams.fetch_streams('movie', 'tt1000002')
    assert aiostreams.fetch_subtitles('movie', 'tt1000001').kind == aiostreams.OK
    assert streams.kind == aiostreams.OK and not [name for name in stream_files(streams) if '2160p' in name]
    assert len(aio.log) == 5 and all('/v/no4k/' in entry.path and not entry.query for entry in aio.log)


@pytest.mark.parametrize('form', ['path', 'query'])
def test_two_variants_never_share_a_cached_answer(aio, kodi, form):
    names = []
    for selector in ('no4k', 'kids', 'no4k'):
        kodi.set_setting('base_url', aio.variant_manifest_url(selector, form=form))
        names.append(aiostreams.fetch_manifest().data['id'])
        aiostreams.fetch_meta('movie', 'tt1000001')
    kodi.set_setting('base_url', aio.manifest_url)
    names.append(aiostreams.fetch_manifest().data['id'])
    assert names[0] == names[2] and len(set(names)) == 3
    assert len(aio.requests_to('/manifest.json')) == 3 and len(aio.requests_to('/meta/')) == 2


@pytest.mark.parametrize('form', ['path', 'query'])
def test_an_unknown_variant_is_bad_variant_on_every_route(aio, kodi, form):
    kodi.set_setting('base_url', aio.variant_manifest_url('nosuch', form=form))
    outcomes = [aiostreams.fetch_manifest(), aiostreams.fetch_catalog('movie', 'fk1.tmdb.top'),
                aiostreams.fetch_meta('movie', 'tt1000001'), aiostreams.fetch_streams('movie', 'tt1000002'),
                aiostreams.fetch_subtitles('movie', 'tt1000001')]
    assert [outcome.kind for outcome in outcomes] == [aiostreams.BAD_VARIANT] * 5
    assert all('Unknown config variant "nosuch"' in outcome.errors[0] for outcome in outcomes)
    message = message_for(outcomes[0])
    assert message.startswith('AIOStreams refused the config variant') and 'nosuch' in message
    assert aiostreams.fetch_catalog('movie', 'fk1.tmdb.top').kind == aiostreams.BAD_VARIANT  # never cached


def test_error_items_that_name_no_variant_stay_error_items(aio):
    aio.fail('error_items', match='/stream/', message='Invalid password')
    assert aiostreams.fetch_streams('movie', 'tt1000001').kind == aiostreams.ERROR_ITEMS


def test_a_meta_cached_under_one_variant_is_not_read_under_another(aio, kodi):
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    aiostreams.fetch_meta('movie', 'tt1000001')
    assert aiostreams.cached_meta('movie', 'tt1000001')['name'] == 'Sample Feature'
    kodi.set_setting('base_url', aio.variant_manifest_url('nodv'))
    assert aiostreams.cached_meta('movie', 'tt1000001') is None


@pytest.mark.parametrize('form', ['path', 'query'])
def test_a_catalog_search_under_a_variant_keeps_it(aio, kodi, form):
    kodi.set_setting('base_url', aio.variant_manifest_url('kids', form=form))
    manifest = aiostreams.fetch_manifest().data
    assert manifest['name'] == 'AIOStreams (kids)'
    outcome = search.run(search.search_catalog(manifest, 'movie'), 'Sample')
    assert outcome.kind == aiostreams.OK
    (request,) = aio.requests_to('/catalog/')
    assert request.path.endswith('/catalog/movie/fk1.search.movie/search=Sample.json')
    assert '/v/kids/' in request.path if form == 'path' else request.query == {'v': ['kids']}
