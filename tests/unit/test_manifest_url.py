"""Base derivation and resource URLs from every form of manifest URL users paste (aiostreams-api.md §1-§3)."""
from __future__ import annotations

import pytest

from addon.core import manifest_url as mu

HOST = 'https://aio.example.com'
CREDS = '/stremio/3f1d2c4b-8a7e-4f60-9b1c-2d3e4f5a6b7c/eyJpIjoiYWJjIn0'


@pytest.mark.parametrize('pasted', [
    HOST + CREDS + '/manifest.json',
    HOST + CREDS,
    HOST + CREDS + '/',
    '  ' + HOST + CREDS + '/manifest.json\n',
    'stremio://aio.example.com' + CREDS + '/manifest.json',
    HOST + CREDS + '/configure',
    HOST + CREDS + '/manifest.json#section',
])
def test_every_pasted_form_gives_the_same_base(pasted):
    base = mu.parse(pasted)
    assert base.prefix == HOST + CREDS
    assert base.query == ''
    assert base.uuid == '3f1d2c4b-8a7e-4f60-9b1c-2d3e4f5a6b7c'
    assert base.password == 'eyJpIjoiYWJjIn0'
    assert mu.manifest_url(base) == HOST + CREDS + '/manifest.json'


def test_variant_path_and_query_are_kept_on_every_resource_url():
    base = mu.parse(HOST + CREDS + '/v/kids/manifest.json?v=kids')
    assert base.prefix == HOST + CREDS + '/v/kids'
    assert base.uuid and base.password == 'eyJpIjoiYWJjIn0'
    assert mu.manifest_url(base) == HOST + CREDS + '/v/kids/manifest.json?v=kids'
    assert mu.resource_url(base, 'meta', 'movie', 'tt1375666') == \
        HOST + CREDS + '/v/kids/meta/movie/tt1375666.json?v=kids'
    assert mu.resource_url(base, 'catalog', 'movie', 'a.top', [('skip', 20)]) == \
        HOST + CREDS + '/v/kids/catalog/movie/a.top/skip=20.json?v=kids'
    assert mu.variant(base) == 'kids'


def test_alias_form_has_no_credentials_but_is_configured():
    base = mu.parse(HOST + '/stremio/u/myname/manifest.json')
    assert base.alias == 'myname'
    assert base.uuid is None and base.password is None
    assert base.configured
    assert mu.resource_url(base, 'stream', 'series', 'tt0903747:1:1') == \
        HOST + '/stremio/u/myname/stream/series/tt0903747:1:1.json'


def test_unconfigured_manifest_is_recognised():
    base = mu.parse(HOST + '/stremio/manifest.json')
    assert not base.configured


def test_api_root_sits_before_stremio_even_under_a_sub_path():
    assert mu.api_url(mu.parse(HOST + CREDS + '/manifest.json'), 'search') == HOST + '/api/v1/search'
    assert mu.api_url(mu.parse(HOST + '/aio' + CREDS + '/manifest.json'), 'status') == HOST + '/aio/api/v1/status'


@pytest.mark.parametrize('raw, reason', [
    ('', 'empty'), ('   ', 'empty'), (None, 'empty'),
    ('ftp://aio.example.com/stremio/a/b/manifest.json', 'scheme'),
    ('aio.example.com/stremio/a/b/manifest.json', 'scheme'),
    ('https:///stremio/a/b/manifest.json', 'host'),
])
def test_unusable_input_is_refused_with_a_reason(raw, reason):
    with pytest.raises(mu.BadManifestUrl) as refused:
        mu.parse(raw)
    assert refused.value.reason == reason


def test_ids_keep_their_colons_and_other_characters_are_encoded():
    base = mu.parse(HOST + CREDS)
    assert mu.resource_url(base, 'series', 'series', 'tmdb:1396').endswith('/series/series/tmdb:1396.json')
    assert mu.resource_url(base, 'meta', 'movie', 'a b/c').endswith('/meta/movie/a%20b%2Fc.json')


def test_extras_are_percent_encoded_with_20_for_spaces():
    assert mu.encode_extras([('search', 'the office')]) == 'search=the%20office'
    assert mu.encode_extras([('genre', 'Sci-Fi & Fantasy'), ('skip', 40)]) == 'genre=Sci-Fi%20%26%20Fantasy&skip=40'
    assert mu.encode_extras([('genre', None), ('skip', 0)]) == 'skip=0'
    assert mu.encode_extras([]) == ''


def test_extras_segment_is_omitted_when_there_are_none():
    base = mu.parse(HOST + CREDS)
    assert mu.resource_url(base, 'catalog', 'movie', 'a.top', []) == HOST + CREDS + '/catalog/movie/a.top.json'


def test_free_text_search_loses_ampersand_and_equals():
    assert mu.search_text('Law & Order') == 'Law Order'
    assert mu.search_text(' a=b  c ') == 'a b c'
    assert mu.encode_extras([('search', mu.search_text('Law & Order: SVU'))]) == 'search=Law%20Order%3A%20SVU'


def test_manifest_from_credentials_and_host_of():
    assert mu.manifest_from_credentials(HOST + '/', 'u-1', 'enc') == HOST + '/stremio/u-1/enc/manifest.json'
    assert mu.host_of('aio.example.com') == HOST
    assert mu.host_of('stremio://aio.example.com/stremio/configure') == HOST
    assert mu.host_of('http://127.0.0.1:8080/') == 'http://127.0.0.1:8080'
    with pytest.raises(mu.BadManifestUrl):
        mu.host_of('')


def test_scope_differs_per_config_and_variant():
    one = mu.scope(mu.parse(HOST + CREDS))
    assert one == mu.scope(mu.parse(HOST + CREDS + '/manifest.json'))
    assert one != mu.scope(mu.parse(HOST + CREDS + '?v=kids'))
    assert one != mu.scope(mu.parse(HOST + '/stremio/other/pw'))


@pytest.mark.parametrize('pasted, selector', [
    (HOST + CREDS + '/v/no4k/manifest.json', 'no4k'),
    (HOST + CREDS + '/v/no4k', 'no4k'),
    (HOST + CREDS + '/v/no4k/', 'no4k'),
    ('stremio://aio.example.com' + CREDS + '/v/no4k/manifest.json', 'no4k'),
    (HOST + CREDS + '/v/no4k/configure', 'no4k'),
    (HOST + CREDS + '/manifest.json?v=nodv', 'nodv'),
    (HOST + CREDS + '?v=nodv', 'nodv'),
    ('stremio://aio.example.com' + CREDS + '/manifest.json?v=nodv', 'nodv'),
    (HOST + '/stremio/u/myname/v/no4k/manifest.json', 'no4k'),
    (HOST + '/stremio/u/myname/manifest.json?v=nodv', 'nodv'),
    (HOST + CREDS + '/v/no%204k/manifest.json', 'no 4k'),
    (HOST + CREDS + '/v/no4k/manifest.json?v=nodv', 'no4k'),
    (HOST + CREDS + '/v/%20/manifest.json?v=nodv', 'nodv'),  # a blank path selector: the server reads ?v=
    (HOST + CREDS + '/v/,/manifest.json?v=nodv', 'nodv'),
    (HOST + CREDS + '/v/%20/manifest.json', None),
    (HOST + CREDS + '/manifest.json?v=%20,', None),
    (HOST + CREDS + '/manifest.json', None),
    (HOST + CREDS + '/manifest.json?v=', None),
    (HOST + '/stremio/u/myname/manifest.json', None),
    (HOST + '/stremio/manifest.json', None),
])
def test_variant_selector_comes_from_the_path_or_the_query(pasted, selector):
    assert mu.variant(mu.parse(pasted)) == selector


@pytest.mark.parametrize('pasted, prefix, query', [
    (HOST + CREDS + '/v/no4k/manifest.json', HOST + CREDS + '/v/no4k', ''),
    ('stremio://aio.example.com' + CREDS + '/v/no4k', HOST + CREDS + '/v/no4k', ''),
    (HOST + CREDS + '/manifest.json?v=nodv', HOST + CREDS, 'v=nodv'),
    ('stremio://aio.example.com' + CREDS + '?v=nodv', HOST + CREDS, 'v=nodv'),
    (HOST + '/stremio/u/myname/v/no4k/manifest.json', HOST + '/stremio/u/myname/v/no4k', ''),
    (HOST + '/stremio/u/myname?v=nodv', HOST + '/stremio/u/myname', 'v=nodv'),
])
def test_every_resource_url_keeps_the_variant_as_given(pasted, prefix, query):
    base = mu.parse(pasted)
    tail = '?' + query if query else ''
    assert mu.manifest_url(base) == prefix + '/manifest.json' + tail
    assert mu.resource_url(base, 'catalog', 'movie', 'a.top', [('skip', 20)]) == \
        prefix + '/catalog/movie/a.top/skip=20.json' + tail
    assert mu.resource_url(base, 'meta', 'series', 'tt0903747') == prefix + '/meta/series/tt0903747.json' + tail
    assert mu.resource_url(base, 'stream', 'series', 'tt0903747:1:1') == \
        prefix + '/stream/series/tt0903747:1:1.json' + tail
    assert mu.resource_url(base, 'subtitles', 'movie', 'tt1375666', [('filename', 'a b.mkv')]) == \
        prefix + '/subtitles/movie/tt1375666/filename=a%20b.mkv.json' + tail
    assert mu.api_url(base, 'search') == HOST + '/api/v1/search'


def test_two_variants_of_one_config_have_two_scopes():
    scopes = {mu.scope(mu.parse(HOST + CREDS + suffix)) for suffix in (
        '/manifest.json', '/v/no4k/manifest.json', '/v/nodv/manifest.json', '/manifest.json?v=no4k')}
    assert len(scopes) == 4
