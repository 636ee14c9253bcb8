"""The fake AIOStreams behaves as the real server does where the addon's tests rely on it: config variants on the
resource routes and the search API (and how an older or a variant-less server answers them), and the stream kinds of
a current server (uncached first, Dolby Vision, info items with a server action, forced statistics), carried the same
way by /stream and /api/v1/search."""
from __future__ import annotations

import base64

import pytest
import requests

from tests.fakes import aiostreams_data as data
from tests.fakes import aiostreams_server as fake

AIO_AGENT = {'User-Agent': 'AIOStreams/9.9 (tests)'}
MOVIE = ('movie', 'tt1000002')
EPISODE = ('series', 'tt2000002:1:1')


@pytest.fixture(scope='module')
def server():
    with fake.FakeAIOStreams() as running:
        yield running


def streams(server, kind_id, selector=None, form='path', headers=AIO_AGENT):
    content_type, item_id = kind_id
    url = '%s/stream/%s/%s.json' % (server.base, content_type, item_id)
    if selector is not None and form == 'path':
        url = '%s/v/%s/stream/%s/%s.json' % (server.base, selector, content_type, item_id)
    params = {'v': selector} if selector is not None and form == 'query' else None
    answer = requests.get(url, params=params, headers=headers, timeout=5)
    assert answer.status_code == 200
    return answer.json()['streams']


def search(server, kind_id, selector=None):
    params = {'type': kind_id[0], 'id': kind_id[1], 'requiredFields': 'url', 'format': 'true'}
    if selector is not None:
        params['v'] = selector
    auth = base64.b64encode(('%s:%s' % (fake.UUID, fake.ENCRYPTED_PASSWORD)).encode()).decode()
    return requests.get(server.origin + '/api/v1/search', params=params, timeout=5,
                        headers={'Authorization': 'Basic ' + auth})


def names(items):
    return [item['name'] for item in items]


def resolution(item):
    return ((item.get('streamData') or item).get('parsedFile') or {}).get('resolution')


def has_dv(item):
    return 'DV' in (((item.get('streamData') or item).get('parsedFile') or {}).get('visualTags') or [])


# ---- the stream kinds of a current server ---------------------------------------------------------------------------

@pytest.mark.parametrize('title', [MOVIE, EPISODE])
def test_mixed_titles_put_an_uncached_2160p_first_and_carry_every_kind(server, title):
    items = streams(server, title)
    kinds = [(item['streamData']['type'], (item['streamData'].get('service') or {}).get('cached'), resolution(item))
             for item in items]
    assert kinds == [('debrid', False, '2160p'), ('debrid', True, '2160p'), ('debrid', True, '1080p'),
                     ('debrid', True, '1080p'), ('http', None, '720p'), ('info', None, None), ('statistic', None, None)]
    assert [has_dv(item) for item in items[:4]] == [False, True, True, False]
    assert '/downloading/' in items[data.MIXED_UNCACHED_UHD]['url'] and '/ok/' in items[data.MIXED_FHD]['url']
    info = items[data.MIXED_INFO]
    assert info['url'] == server.origin + data.LIBRARY_REFRESH_PATH
    assert info['streamData']['message'] == 'Refresh Real-Debrid Library'
    assert 'url' not in items[data.MIXED_STATISTIC] and items[data.MIXED_STATISTIC]['externalUrl']


@pytest.mark.parametrize('title', [MOVIE, EPISODE])
def test_search_api_carries_the_same_streams_as_flat_fields(server, title):
    answer = search(server, title)
    payload = answer.json()['data']
    items = streams(server, title)
    content = items[:data.MIXED_STATISTIC]
    results = payload['results']
    assert [result['url'] for result in results] == [item['url'] for item in content]
    assert [result['type'] for result in results] == [item['streamData']['type'] for item in content]
    assert [result['cached'] for result in results] == [True if index else False for index in range(4)] + [None, None]
    assert [result['bingeGroup'] for result in results] == [item['behaviorHints']['bingeGroup'] for item in content]
    assert results[data.MIXED_INFO]['message'] == 'Refresh Real-Debrid Library'
    assert results[data.MIXED_UNCACHED_UHD]['service'] == 'realdebrid'
    assert payload['statistics'] == [{'title': items[data.MIXED_STATISTIC]['name'],
                                      'description': items[data.MIXED_STATISTIC]['description']}]


def test_uncached_only_and_notices_only_titles(server):
    uncached = streams(server, ('movie', 'tt1000003'))
    assert [(item['streamData']['type'], (item['streamData'].get('service') or {}).get('cached')) for item in
            uncached] == [('debrid', False), ('debrid', False), ('info', None), ('statistic', None)]
    assert all('/downloading/' in item['url'] for item in uncached[:2])
    assert [item['streamData']['type'] for item in streams(server, ('movie', 'tt1000004'))] == ['info', 'statistic']
    payload = search(server, ('movie', 'tt1000004')).json()['data']
    assert [result['type'] for result in payload['results']] == ['info'] and len(payload['statistics']) == 1


def test_without_the_aiostreams_agent_only_error_and_statistic_items_keep_stream_data(server):
    items = streams(server, MOVIE, headers={'User-Agent': 'Kodi'})
    assert [item.get('streamData', {}).get('type') for item in items] == [None] * 6 + ['statistic']
    assert items[data.MIXED_INFO]['url'].endswith(data.LIBRARY_REFRESH_PATH)  # then it looks like any stream


def test_the_info_url_runs_a_server_action_that_is_recorded(server):
    server.clear_log()
    assert server.requests_to('/builtins/') == []
    streams(server, MOVIE)
    search(server, MOVIE)
    assert server.requests_to('/builtins/') == []  # listing streams never opens it
    answer = requests.get(server.origin + data.LIBRARY_REFRESH_PATH, allow_redirects=False, timeout=5)
    assert answer.status_code == 307 and answer.headers['Location'] == server.origin + '/static/200.mp4'
    assert len(server.requests_to('/builtins/library/refresh/')) == 1
    assert requests.get(answer.headers['Location'], timeout=5).status_code == 200


# ---- config variants ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('form', ['path', 'query'])
@pytest.mark.parametrize('title', [MOVIE, EPISODE])
def test_variants_filter_stream_and_search_alike(server, title, form):
    no4k = streams(server, title, 'no4k', form)
    nodv = streams(server, title, 'nodv', form)
    assert [resolution(item) for item in no4k] == ['1080p', '1080p', '720p', None, None]
    assert not any(has_dv(item) for item in nodv) and resolution(nodv[0]) == '2160p'
    assert names(streams(server, title, 'NoDV, no4k ,nodv', form)) == [names(nodv)[1]] + names(nodv)[2:]
    for selector, listed in (('no4k', no4k), ('nodv', nodv)):
        results = search(server, title, selector).json()['data']['results']
        assert [result['url'] for result in results] == [item['url'] for item in listed[:-1]]


def test_variants_filter_the_template_titles_too(server):
    base = streams(server, ('series', 'tt2000001:1:1'))
    assert [resolution(item) for item in streams(server, ('series', 'tt2000001:1:1'), 'no4k')] == [
        resolution(item) for item in base[1:]]


def test_the_path_selector_wins_over_the_query(server):
    url = '%s/v/no4k/stream/movie/tt1000002.json?v=nodv' % server.base
    items = requests.get(url, headers=AIO_AGENT, timeout=5).json()['streams']
    assert names(items) == names(streams(server, MOVIE, 'no4k'))


def test_each_variant_is_its_own_addon_in_the_manifest(server):
    base = requests.get(server.manifest_url, timeout=5).json()
    kids = requests.get(server.variant_manifest_url('kids', form='query'), timeout=5).json()
    no4k = requests.get(server.variant_manifest_url('no4k'), timeout=5).json()
    assert (base['name'], kids['name'], no4k['name']) == ('AIOStreams', 'AIOStreams (kids)', 'AIOStreams')
    assert len({base['id'], kids['id'], no4k['id']}) == 3 and no4k['id'].startswith(base['id'] + '.')
    assert server.variant_manifest_url('no4k') == server.base + '/v/no4k/manifest.json'
    assert server.variant_manifest_url('no4k', form='query') == server.manifest_url + '?v=no4k'


@pytest.mark.parametrize('selector, message', [
    ('bogus', 'Unknown config variant "bogus".'),
    ('retired', 'Config variant "retired" is disabled.'),
    ('no4k,bad!id', 'Invalid variant id "bad!id".'),
    ('a,b,c,d,e', 'Too many variants selected (5); this instance allows at most 4.'),
])
def test_a_selector_the_server_refuses_is_an_error_everywhere(server, selector, message):
    for form in ('path', 'query'):
        items = streams(server, MOVIE, selector, form)
        assert names(items) == ['[\u274c] AIOStreams'] and items[0]['description'] == message
        assert items[0]['streamData']['type'] == 'error'
    catalog = requests.get('%s/catalog/movie/fk1.tmdb.top.json' % server.base, params={'v': selector}, timeout=5)
    assert catalog.json()['metas'][0]['id'].startswith('aiostreamserror.')
    manifest = requests.get(server.variant_manifest_url(selector), timeout=5)
    answer = search(server, MOVIE, selector)
    for refused in (manifest, answer):
        assert refused.status_code == 400
        assert refused.json()['error'] == {'code': 'USER_INVALID_CONFIG', 'message': message}


def test_an_older_server_ignores_v_and_has_no_path_form():
    with fake.FakeAIOStreams(variant_support='legacy') as older:
        base_streams = names(streams(older, MOVIE))
        assert names(streams(older, MOVIE, 'no4k', 'query')) == base_streams
        assert names(streams(older, MOVIE, 'bogus', 'query')) == base_streams
        answer = search(older, MOVIE, 'no4k')
        assert answer.status_code == 200 and len(answer.json()['data']['results']) == 6  # the base config, silently
        page = requests.get(older.variant_manifest_url('no4k'), timeout=5)
        assert page.status_code == 200 and page.headers['Content-Type'].startswith('text/html')
        as_json = requests.get(older.variant_manifest_url('no4k'), headers={'Accept': 'application/json'}, timeout=5)
        assert as_json.status_code == 404 and as_json.json()['detail'] == 'Not Found'
        status = requests.get(older.origin + '/api/v1/status', timeout=5).json()['data']['settings']
        assert 'variants' not in status


def test_an_instance_without_variants_refuses_every_selector():
    with fake.FakeAIOStreams(variant_support='disabled') as instance:
        message = 'Config variants are not available on this instance.'
        assert streams(instance, MOVIE, 'no4k')[0]['description'] == message
        assert search(instance, MOVIE, 'nodv').json()['error']['message'] == message
        assert len(streams(instance, MOVIE)) == 7  # no selector: the base config as usual
        status = requests.get(instance.origin + '/api/v1/status', timeout=5).json()['data']['settings']
        assert status['variants']['access'] == 'none'


def test_search_api_refusals_are_shaped_as_the_server_sends_them(server):
    no_auth = requests.get(server.origin + '/api/v1/search', params={'type': 'movie', 'id': 'tt1'}, timeout=5)
    assert (no_auth.status_code, no_auth.json()['error']['code']) == (401, 'UNAUTHORIZED')
    token = base64.b64encode(('%s:nope' % fake.UUID).encode()).decode()
    wrong = requests.get(server.origin + '/api/v1/search', params={'type': 'movie', 'id': 'tt1'}, timeout=5,
                         headers={'Authorization': 'Basic ' + token})
    assert (wrong.status_code, wrong.json()['error']['code']) == (400, 'USER_INVALID_DETAILS')
    shapeless = requests.get(server.origin + '/api/v1/search', timeout=5)
    assert (shapeless.status_code, shapeless.json()['error']['message']) == (400, 'Invalid Request')
    with fake.FakeAIOStreams(search_api_disabled=True) as disabled:
        answer = search(disabled, MOVIE)
        assert (answer.status_code, answer.json()) == (403, {'error': 'Search API is disabled', 'success': False})


def test_the_alias_redirect_keeps_the_variant_path_and_query(server):
    hop = requests.get('%s/stremio/u/%s/v/no4k/stream/movie/tt1000002.json?v=nodv' % (server.origin, fake.ALIAS),
                       allow_redirects=False, timeout=5)
    assert hop.status_code == 302
    assert hop.headers['Location'] == '/stremio/%s/%s/v/no4k/stream/movie/tt1000002.json?v=nodv' % (
        fake.UUID, fake.ENCRYPTED_PASSWORD)
    unknown = requests.get('%s/stremio/u/nobody/manifest.json' % server.origin, allow_redirects=False, timeout=5)
    assert (unknown.status_code, unknown.json()['error']['code']) == (400, 'USER_INVALID_DETAILS')


def test_the_user_api_takes_the_alias_as_the_user_name(server):
    token = base64.b64encode(('%s:%s' % (fake.ALIAS, fake.RAW_PASSWORD)).encode()).decode()
    answer = requests.get(server.origin + '/api/v1/user', headers={'Authorization': 'Basic ' + token}, timeout=5)
    assert answer.status_code == 200 and answer.json()['data']['userData']['uuid'] == fake.UUID
    assert requests.head(server.origin + '/api/v1/user', params={'uuid': fake.ALIAS}, timeout=5).status_code == 200


def test_an_unknown_variant_support_is_refused():
    with pytest.raises(ValueError):
        fake.FakeAIOStreams(variant_support='maybe')


def test_error_meta_ids_are_written_as_the_server_writes_them():
    assert fake.error_meta('Bad (x) \u00e9!')['id'] == (
        'aiostreamserror.%7B%22errorDescription%22%3A%22Bad%20(x)%20%C3%A9!%22%7D')


def test_the_extras_parser_splits_as_the_server_does():
    assert fake.parse_extras('genre=Action%20%26%20Adventure&skip=20') == {'genre': 'Action ', ' Adventure': '',
                                                                           'skip': '20'}
    assert fake.parse_extras('search=a%3Db') == {'search': 'a=b'}
