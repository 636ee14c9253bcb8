"""The REST API client (/api/v1 search, user, status) against the fake AIOStreams server."""
from __future__ import annotations

import base64

import pytest

from addon.backend import aiostreams, rest_api
from addon.backend.messages import message_for
from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)


def test_search_uses_basic_auth_with_the_encrypted_password(aio):
    outcome = rest_api.search('series', 'tt2000001:1:1')
    assert outcome.kind == aiostreams.OK
    assert [r['filename'].split('.')[-3] for r in outcome.data['results']][:1] == ['WEB-DL']
    assert all(r['url'] for r in outcome.data['results'])
    assert outcome.errors == ['Request timed out after 7000ms']
    request = aio.requests_to('/api/v1/search')[0]
    expected = base64.b64encode(('%s:%s' % (fake.UUID, fake.ENCRYPTED_PASSWORD)).encode()).decode()
    assert request.headers['authorization'] == 'Basic ' + expected
    assert request.query['requiredFields'] == ['url'] and request.query['format'] == ['true']


def test_search_with_an_alias_learns_credentials_from_the_redirect(aio, kodi):
    kodi.set_setting('base_url', aio.alias_manifest_url)
    assert rest_api.search('movie', 'tt1000001').kind == aiostreams.OK


def test_search_disabled_is_an_http_error(kodi):
    from tests.fakes.aiostreams_fixture import reset_http_sessions
    reset_http_sessions()
    with fake.FakeAIOStreams(search_api_disabled=True) as server:
        kodi.set_setting('base_url', server.manifest_url)
        outcome = rest_api.search('movie', 'tt1000001')
        assert (outcome.kind, outcome.status) == (aiostreams.HTTP_ERROR, 403)
        assert outcome.errors == ['Search API is disabled']
        assert rest_api.fetch_status(server.origin).data['settings']['searchApiDisabled'] is True


def test_user_api_gives_the_manifest_url_and_rejects_encrypted_passwords(aio):
    outcome = rest_api.fetch_user(aio.origin, fake.UUID, fake.RAW_PASSWORD)
    assert outcome.kind == aiostreams.OK and outcome.data['manifest_url'] == aio.manifest_url
    refused = rest_api.fetch_user(aio.origin, fake.UUID, fake.ENCRYPTED_PASSWORD)
    assert (refused.kind, refused.status) == (aiostreams.HTTP_ERROR, 401)
    assert 'raw password' in refused.errors[0]
    assert not rest_api.needs_legacy_user_api(refused)


def test_a_refused_empty_basic_name_is_no_reason_for_the_query_form():
    # what a current server answers to "Authorization: Basic <base64(':pw')>"
    empty_name = aiostreams.Outcome(aiostreams.HTTP_ERROR, status=400, code='BAD_REQUEST',
                                    errors=['Missing username or password in basic auth'])
    assert not rest_api.needs_legacy_user_api(empty_name)


def test_legacy_user_api_needs_the_query_form(kodi):
    with fake.FakeAIOStreams(legacy_user_api=True) as server:
        basic = rest_api.fetch_user(server.origin, fake.UUID, fake.RAW_PASSWORD)
        assert rest_api.needs_legacy_user_api(basic)
        legacy = rest_api.fetch_user(server.origin, fake.UUID, fake.RAW_PASSWORD, legacy_query=True)
        assert legacy.kind == aiostreams.OK and legacy.data['manifest_url'] == server.manifest_url


def test_status_reports_the_version(aio):
    outcome = rest_api.fetch_status(aio.origin)
    assert outcome.kind == aiostreams.OK and outcome.data['version'] == '2.20.1'


# ---- config variants (aiostreams-api.md §1.2 point 8) ----------------------------------------------------------

def result_files(outcome):
    return [result['filename'] for result in outcome.data['results'] if result.get('filename')]


@pytest.mark.parametrize('url_of', [
    lambda server: server.variant_manifest_url('no4k'),
    lambda server: server.variant_manifest_url('no4k', form='query'),
    lambda server: server.alias_manifest_url.replace('/manifest.json', '/v/no4k/manifest.json'),
    lambda server: server.variant_manifest_url('no4k')[:-len('/manifest.json')],
], ids=['path', 'query', 'alias-path', 'no-manifest-json'])
def test_search_sends_the_variant_of_either_form_as_v(aio, kodi, url_of):
    kodi.set_setting('base_url', url_of(aio))
    outcome = rest_api.search('movie', 'tt1000002')
    assert outcome.kind == aiostreams.OK
    files = result_files(outcome)
    assert files and not [name for name in files if '2160p' in name]
    assert any('1080p' in name for name in files)
    (request,) = aio.requests_to('/api/v1/search')
    assert request.query['v'] == ['no4k']


def test_search_of_the_base_config_sends_no_v_and_gets_everything(aio):
    outcome = rest_api.search('movie', 'tt1000002')
    assert any('2160p' in name for name in result_files(outcome))
    assert 'v' not in aio.requests_to('/api/v1/search')[0].query


def test_two_variants_search_two_different_lists(aio, kodi):
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    no4k = result_files(rest_api.search('movie', 'tt1000002'))
    kodi.set_setting('base_url', aio.variant_manifest_url('nodv'))
    nodv = result_files(rest_api.search('movie', 'tt1000002'))
    assert no4k != nodv
    assert not [name for name in nodv if '.DV.' in name] and any('2160p' in name for name in nodv)
    assert [entry.query['v'] for entry in aio.requests_to('/api/v1/search')] == [['no4k'], ['nodv']]


@pytest.mark.parametrize('selector, said', [('nosuch', 'Unknown config variant "nosuch"'),
                                            ('retired', 'is disabled')])
def test_a_refused_variant_is_bad_variant_and_never_searched_without_it(aio, kodi, selector, said):
    kodi.set_setting('base_url', aio.variant_manifest_url(selector))
    outcome = rest_api.search('movie', 'tt1000002')
    assert outcome.kind == aiostreams.BAD_VARIANT and said in outcome.errors[0]
    assert [entry.query.get('v') for entry in aio.requests_to('/api/v1/search')] == [[selector]]
    assert message_for(outcome).startswith('AIOStreams refused the config variant of your manifest URL')


def test_user_api_accepts_the_config_alias(aio):
    outcome = rest_api.fetch_user(aio.origin, fake.ALIAS, fake.RAW_PASSWORD)
    assert outcome.kind == aiostreams.OK
    assert outcome.data['manifest_url'] == aio.manifest_url  # the uuid the server reports, never the alias
    request = aio.requests_to('/api/v1/user')[0]
    expected = base64.b64encode(('%s:%s' % (fake.ALIAS, fake.RAW_PASSWORD)).encode()).decode()
    assert request.headers['authorization'] == 'Basic ' + expected
