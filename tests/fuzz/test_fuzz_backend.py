"""Fuzz: whatever the AIOStreams backend answers (any status, JSON of the right shape with values of the wrong type,
cut-off JSON, HTML, garbage), addon.backend.aiostreams turns it into a typed Outcome, addon.core.metadata /
addon.core.stream_parse / addon.play.subtitles / the catalog and search rules digest the content, and every item
renders as a ListItem, without an exception; error, statistic and info items never become playable, whatever url
they carry. Resource URLs built from hostile ids, genres and search texts stay well-formed: nothing leaks out of its
path segment, and no extra can be injected. A config variant selector, in the path form or ?v=, stays on every
resource URL as given, and the search API call names the same variants the resource routes serve (the server's
selector rules: tests/fakes/aiostreams_variants.py)."""
from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlsplit

import pytest
from hypothesis import example as pinned
from hypothesis import given
from hypothesis import strategies as st

from addon.backend import aiostreams, catalog, rest_api, search
from addon.backend import messages as backend_messages
from addon.core import manifest_url, metadata, stream_parse, stream_rank
from addon.core.stream_model import PLAYABLE, Stream
from addon.platform import http, listing
from addon.play import stream_display, subtitles
from tests.fakes import aiostreams_variants as server_variants
from tests.fakes.aiostreams_server import ENCRYPTED_PASSWORD, UUID, parse_extras
from tests.fuzz.fuzzing import (
    DOCUMENTS,
    FUZZ,
    NOTICE_TYPES,
    any_text,
    content_like,
    example,
    notice_like,
    responses,
    search_content_like,
    search_notice_like,
    search_result_like,
    stream_like,
    typed_names,
    variant_selectors,
)

BASE_URL = 'http://127.0.0.1:9/stremio/%s/%s/manifest.json?v=main' % (UUID, ENCRYPTED_PASSWORD)
KINDS = {aiostreams.OK, aiostreams.EMPTY, aiostreams.ERROR_ITEMS, aiostreams.HTTP_ERROR, aiostreams.TIMEOUT,
         aiostreams.OFFLINE, aiostreams.INVALID_JSON, aiostreams.UNCONFIGURED, aiostreams.NOT_SET,
         aiostreams.BAD_URL, aiostreams.BAD_SETTING}


class Backend:
    """Stands in for addon.platform.http.request: answers every request with the current canned response."""

    def __init__(self):
        self.response = None
        self.urls = []
        self.params = []

    def __call__(self, session, method, url, timeout, **kwargs):
        self.urls.append(url)
        self.params.append(kwargs.get('params'))
        return self.response


@pytest.fixture(scope='module')
def backend(fuzz_kodi):
    fuzz_kodi.set_setting('base_url', BASE_URL)
    fake = Backend()
    original = http.request
    http.request = fake
    yield fake
    http.request = original


@pytest.fixture(scope='module')
def base(backend):
    return manifest_url.parse(BASE_URL)


def check_outcome(outcome):
    assert isinstance(outcome, aiostreams.Outcome) and outcome.kind in KINDS, outcome
    assert all(isinstance(error, str) for error in outcome.errors)
    if not outcome.ok:
        message = backend_messages.message_for(outcome)
        assert isinstance(message, str) and message.strip()


def render(fields):
    """Every field dict must become a ListItem (the fake checks argument types like Kodi) and keep its title."""
    assert isinstance(fields['title'], str) and fields['media_type'] in ('movie', 'tvshow', 'episode', 'season',
                                                                         'video')
    for key in ('year', 'duration', 'season', 'episode'):
        assert fields.get(key) is None or isinstance(fields[key], int)
    item = listing.build_item(fields, 'plugin://plugin.video.aiostreams/play', fields['media_type'] == 'movie')
    listing.decorate(item, playcount=1, resume=(10, 100), progress=(1, 2))


def digest_meta(meta):
    show = metadata.from_meta(meta)
    render(show)
    for number, count, fields in [(n, len(v), metadata.season_fields(meta, n, len(v)))
                                  for n, v in metadata.seasons_of(meta)]:
        render(dict(fields, title=fields.get('title') or str(number)))
        assert count >= 1
    for _number, videos in metadata.seasons_of(meta):
        for video in videos:
            render(metadata.from_video(meta, video, today='2025-01-01'))


def declared_type(raw, search_result):
    """The type an item declares: a search result's own `type`, else streamData.type."""
    if not isinstance(raw, dict):
        return None
    holder = raw if search_result else raw.get('streamData')
    declared = holder.get('type') if isinstance(holder, dict) else None
    return declared if isinstance(declared, str) else None


def digest_streams(stream_list, raws=(), search_result=False):
    """Whatever the list holds, every playable stream has a url and none is an error, statistic or info item."""
    assert all(stream.kind == PLAYABLE and stream.url for stream in stream_list.playable)
    raws = raws if isinstance(raws, list) else []
    for stream in stream_list.playable:
        assert declared_type(raws[stream.index], search_result) not in NOTICE_TYPES, raws[stream.index]
    options = stream_rank.RankOptions(preferred_quality='1080p', min_quality='720p', max_streams=5)
    ranked, hidden = stream_rank.choose(stream_list, options, {'x': (1, 2)}, {'y': 3})
    for order in (ranked, stream_rank.auto_play_order(stream_list.playable)):
        uncached = [stream.cached is False for stream in order]
        assert uncached == sorted(uncached)  # every uncached stream after the cached or unknown ones
    words = {key: key for key in ('cached', 'uncached', 'seeders', 'resolution', 'source', 'video', 'audio', 'size',
                                  'languages', 'service', 'addon', 'group', 'indexer', 'file', 'reliable', 'fair',
                                  'poor')}
    for stream in stream_list.playable:
        check_play_url(stream)
        for badges in (True, False):
            label, label2 = stream_display.labels(stream, (1.0, 1.0), badges, True, words)
            assert isinstance(label, str) and isinstance(label2, str)
        assert isinstance(stream_display.details_text(stream, words), str)
        assert Stream.from_dict(stream.to_dict()).provider_key == stream.provider_key
    assert hidden >= 0 and len(ranked) <= 5


def check_play_url(stream):
    """The Kodi header suffix carries exactly the proxy headers, whatever they contain."""
    play_url = stream.play_url
    assert play_url.startswith(stream.url)
    suffix = play_url[len(stream.url):]
    if not stream.headers or not any(key for key in stream.headers):
        return
    assert suffix.startswith('|') and '|' not in suffix[1:]
    pairs = parse_qsl(suffix[1:], keep_blank_values=True)
    assert pairs == [(key, value) for key, value in stream.headers.items() if key]


@FUZZ
@given(response=responses(DOCUMENTS['manifest']), refresh=st.booleans())
def test_manifest_answers(backend, base, response, refresh):
    with example('backend manifest'):
        backend.response = response
        outcome = aiostreams.fetch_manifest(base, refresh=refresh)
        check_outcome(outcome)
        if outcome.kind == aiostreams.OK:
            manifest = outcome.data
            for content_type in ('movie', 'series'):
                for entry in catalog.browsable_catalogs(manifest, content_type):
                    assert isinstance(entry['id'], str) and isinstance(entry['type'], str)
                    assert all(isinstance(genre, str) for genre in catalog.genres(entry))
                    catalog.default_genre(entry)
                    catalog.pageable(entry)
                    assert catalog.find(manifest, content_type, entry['id']) is not None
                for entry in search.search_catalogs(manifest, content_type):
                    assert isinstance(entry, dict)


@FUZZ
@given(response=responses(DOCUMENTS['catalog']), skip=st.integers(min_value=0, max_value=10 ** 6))
def test_catalog_answers(backend, base, response, skip):
    with example('backend catalog'):
        backend.response = response
        outcome = aiostreams.fetch_catalog('movie', 'fk.top', genre='Drama', skip=skip, base=base)
        check_outcome(outcome)
        if outcome.ok:
            assert isinstance(outcome.data, list)
            for meta in outcome.data:
                assert isinstance(meta, dict) and meta.get('id') and not aiostreams.is_error_meta(meta)
                render(metadata.from_meta(meta, 'movie'))
            assert catalog.next_skip(skip, outcome.data) == skip + len(outcome.data)


@FUZZ
@given(response=responses(DOCUMENTS['meta']), content_type=st.sampled_from(['movie', 'series', 'anime']))
def test_meta_answers(backend, base, response, content_type):
    with example('backend meta'):
        backend.response = response
        outcome = aiostreams.fetch_meta(content_type, 'tt0111161', base=base)
        check_outcome(outcome)
        if outcome.kind == aiostreams.OK:
            assert isinstance(outcome.data, dict)
            digest_meta(outcome.data)


@FUZZ
@given(response=responses(DOCUMENTS['stream']))
def test_stream_answers(backend, base, response):
    with example('backend streams'):
        backend.response = response
        outcome = aiostreams.fetch_streams('series', 'tt0903747:1:1', base=base)
        check_outcome(outcome)
        if outcome.kind in (aiostreams.OK, aiostreams.EMPTY, aiostreams.ERROR_ITEMS):
            assert all(isinstance(stream, dict) for stream in outcome.data)
            raws = (outcome.raw or {}).get('streams')
            digest_streams(stream_parse.parse_streams(raws, budget=1), raws)


@FUZZ
@given(response=responses(DOCUMENTS['search']))
def test_search_api_answers(backend, base, response):
    with example('backend /api/v1/search'):
        backend.response = response
        outcome = rest_api.search('movie', 'tt0111161', base=base)
        check_outcome(outcome)
        if outcome.kind in (aiostreams.OK, aiostreams.EMPTY):
            results = outcome.data.get('results') if isinstance(outcome.data, dict) else None
            digest_streams(stream_parse.parse_search(outcome.data, budget=1), results, search_result=True)


@FUZZ
@given(raws=st.lists(st.one_of(stream_like, content_like, notice_like), min_size=1, max_size=8))
# Found by these properties: addon.core.json_values.positive_int lets OverflowError out for '1e400' (float inf).
@pinned(raws=[{'url': 'http://127.0.0.1:9/x.mkv', 'streamData': {'type': 'debrid', 'size': '1e400'}}])
def test_stream_lists_keep_notices_and_uncached_streams_back(backend, raws):
    """Lists that always hold streams (the answers above mostly do not): info, statistic and error items with urls
    and streams whose `cached` is true, false or missing, parsed and ranked."""
    with example('stream lists with notices'):
        digest_streams(stream_parse.parse_streams(raws, budget=1), raws)


@FUZZ
@given(results=st.lists(st.one_of(search_result_like, search_content_like, search_notice_like), min_size=1,
                        max_size=8))
@pinned(results=[{'url': 'http://127.0.0.1:9/x.mkv', 'seeders': '1e400'}])
def test_search_results_keep_notices_and_uncached_streams_back(backend, results):
    with example('search results with notices'):
        digest_streams(stream_parse.parse_search({'results': results}, budget=1), results, search_result=True)


@FUZZ
@given(response=responses(DOCUMENTS['subtitles']),
       preferred=st.one_of(st.just(''), st.sampled_from(['en, spa, French', 'pob', 'zz, ,;']), any_text))
def test_subtitle_answers(backend, base, response, preferred):
    with example('backend subtitles'):
        backend.response = response
        outcome = aiostreams.fetch_subtitles('movie', 'tt0111161', extras=[('filename', 'a b.mkv')], base=base)
        check_outcome(outcome)
        if outcome.ok:
            chosen = subtitles.select(outcome.data, subtitles.preferred_languages(preferred))
            file_names = subtitles.file_names(chosen)
            assert len(set(file_names)) == len(file_names) <= subtitles.MAX_FILES
            for name in file_names:
                assert '/' not in name and '\\' not in name and not name.startswith('.')


@FUZZ
@given(content_type=typed_names, catalog_id=typed_names, genre=st.one_of(st.none(), typed_names),
       skip=st.one_of(st.none(), st.integers(min_value=0, max_value=10 ** 9)),
       query=st.one_of(st.none(), typed_names))
def test_resource_urls_stay_in_their_segments(backend, base, content_type, catalog_id, genre, skip, query):
    """Hostile ids, genres and search texts cannot add path segments, query parameters or extras."""
    with example('backend resource URLs'):
        backend.response = None  # no answer: the URL is what this property is about
        backend.urls[:] = []
        try:
            aiostreams.fetch_catalog(content_type, catalog_id, genre=genre, skip=skip, search=query, base=base)
        except AttributeError:  # the canned None answer, after the URL was built
            pass
        url = backend.urls[-1]
        parts = urlsplit(url)
        assert url.startswith(base.prefix + '/catalog/') and parts.query == base.query and not parts.fragment
        segments = parts.path[len(urlsplit(base.prefix).path) + 1:].split('/')
        assert segments[0] == 'catalog' and len(segments) in (3, 4), segments
        assert unquote(segments[1]) == content_type and unquote(segments[2]).startswith(catalog_id)
        if len(segments) == 4:
            extras = parse_extras(segments[3][:-len('.json')])
            assert set(extras) <= {'genre', 'skip', 'search'}, extras
            if query is not None and 'search' in extras:
                assert extras['search'] == manifest_url.search_text(query)
            if skip:
                assert extras['skip'] == str(skip)


def served_variants(path_value, query_value, search_value):
    """What the server would apply: (resource routes, search API), each the variant ids or the refusal message."""
    def outcome(read):
        try:
            return read()
        except server_variants.VariantError as refused:
            return str(refused)
    return (outcome(lambda: server_variants.resolve(path_value, query_value)),
            outcome(lambda: server_variants.parse_selector(search_value)))


@FUZZ
@given(path_selector=st.one_of(st.none(), variant_selectors.filter(bool)),  # '/v//' is no variant path
       query_selector=st.one_of(st.none(), variant_selectors))
def test_variant_selectors_reach_every_request(backend, path_selector, query_selector):
    """The selector stays on resource URLs exactly as given, and the search API gets `v` naming the same variants
    (or the same refusal) the resource routes would serve: never silently the base config."""
    with example('backend variant selectors'):
        url = 'http://127.0.0.1:9/stremio/%s/%s' % (UUID, ENCRYPTED_PASSWORD)
        if path_selector is not None:
            url += '/v/' + quote(path_selector, safe='')
        url += '/manifest.json'
        if query_selector is not None:
            url += '?v=' + quote(query_selector, safe='')
        try:
            base = manifest_url.parse(url)
        except manifest_url.BadManifestUrl:
            return
        backend.response = None
        backend.urls[:] = []
        backend.params[:] = []
        for call in (lambda: aiostreams.fetch_streams('movie', 'tt0111161', base=base),
                     lambda: rest_api.search('movie', 'tt0111161', base=base)):
            try:
                call()
            except AttributeError:  # the canned None answer, after the request was sent
                pass
        stream_url = urlsplit(backend.urls[0])
        assert stream_url.query == urlsplit(url).query
        segments = stream_url.path.split('/')
        path_value = None
        if path_selector is not None:
            assert '/v/%s/stream/' % quote(path_selector, safe='') in stream_url.path
            after = segments.index(ENCRYPTED_PASSWORD) + 1
            assert segments[after] == 'v'
            path_value = unquote(segments[after + 1])  # Express decodes the path parameter
        sent = [value for key, value in backend.params[-1] or [] if key == 'v']
        assert len(sent) <= 1
        query_value = parse_qs(stream_url.query).get('v')
        resources, search_api = served_variants(path_value, query_value, sent[0] if sent else None)
        assert search_api == resources, (path_selector, query_selector, sent)
