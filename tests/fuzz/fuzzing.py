"""Shared pieces of the fuzz suites: the hypothesis settings, a per-example time limit, canned HTTP answers, and
strategies for what the backend, Trakt and PunchPlay may send (contract-shaped documents whose every value may be of
the wrong type, plus raw bodies that are not JSON at all).
"""
from __future__ import annotations

import collections
import json
import signal
import time
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict

# >= 1,000 examples per property, no per-example deadline (a slow first import is not a bug); hangs are caught by
# `time_limit` instead. No example database: nothing is written into the repository.
FUZZ = settings(max_examples=1000, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])
EXAMPLE_SECONDS = 10.0

# examples run per test, printed in the terminal summary (tests/fuzz/conftest.py)
examples_run = collections.Counter()


class Hang(BaseException):
    """One example ran longer than its time limit. A BaseException, so that no `except Exception` in the addon
    can swallow it."""


@contextmanager
def time_limit(seconds=EXAMPLE_SECONDS):
    """Raise Hang in the main thread when the block runs longer than `seconds`."""
    def on_alarm(signum, frame):
        raise Hang('example still running after %.1f s' % seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def example(name):
    """Count one example of `name` and bound its running time: `with example('x'): ...`."""
    examples_run[name] += 1
    return time_limit()


# ---- canned HTTP answers -----------------------------------------------------------------------------------------

class CannedResponse:
    """What addon.platform.http.request returns (a requests.Response look-alike), built from fuzzed parts."""

    def __init__(self, status_code=200, content=b'', headers=None):
        self.status_code = status_code
        self.content = content
        self.headers = CaseInsensitiveDict(headers or {})
        self.from_cache = False

    def close(self):
        pass


# ---- JSON values ---------------------------------------------------------------------------------------------------

# Text a user, a skin or a URL can carry (valid unicode, control characters, injection attempts) ...
plain_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['', ' ', 'None', 'null', '0', '-1', '1e400', 'NaN', 'tt0111161', 'tmdb:550', 'kitsu:1:2',
                     'aiostreamserror.{}', '[\u274c] failed', 'http://127.0.0.1:9/x', '../../etc/passwd',
                     '%s%d', '{0}', '\u202eevil', 'a|b&c=d', 'x\r\nSet-Cookie: a=b', '%00%ff', '\x00']),
)
# ... and what JSON can carry on top: lone surrogates, which json.loads accepts from a "\ud800" escape.
any_text = st.one_of(
    plain_text,
    st.text(st.characters(min_codepoint=0, max_codepoint=0x10ffff, blacklist_categories=()), max_size=8),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                    st.floats(allow_nan=True, allow_infinity=True), any_text)
keys = st.one_of(st.sampled_from(['id', 'ids', 'name', 'title', 'type', 'url', 'error', '']), plain_text)
# Two levels of nesting, spelled out: far cheaper to draw than st.recursive; dicts come from pairs, cheaper than
# st.dictionaries, which keeps keys unique while drawing.
_flat_values = st.one_of(scalars, st.lists(scalars, max_size=3),
                         st.lists(st.tuples(keys, scalars), max_size=3).map(dict))
json_values = st.one_of(_flat_values, st.lists(_flat_values, max_size=2),
                        st.lists(st.tuples(keys, _flat_values), max_size=2).map(dict))


def maybe(strategy):
    """A plausible value most of the time, anything JSON can hold otherwise."""
    return st.one_of(strategy, strategy, strategy, strategy, strategy, json_values)


def shaped(required=None, optional=None):
    """A dict with the contract's keys (optional ones may be missing), each value maybe of the wrong type;
    sometimes not a dict at all."""
    document = st.fixed_dictionaries({key: maybe(value) for key, value in (required or {}).items()},
                                     optional={key: maybe(value) for key, value in (optional or {}).items()})
    return st.one_of(document, document, document, document, document, json_values)


def some(strategy, max_size=3):
    return st.lists(strategy, max_size=max_size)


small_ints = st.integers(min_value=-3, max_value=3000)
years = st.one_of(st.integers(min_value=1800, max_value=2300), st.sampled_from(['2008-2013', '2019-', '1999']))
dates = st.one_of(st.sampled_from(['2010-07-15T00:00:00.000Z', '2030-01-01', '2024-02-30', '0000-00-00',
                                   '2019-05-01T10:00:00+02:00', '1999']),
                  st.dates().map(lambda day: day.isoformat()))
imdb_ids = st.one_of(st.from_regex(r'tt[0-9]{1,8}', fullmatch=True),
                     st.sampled_from(['tmdb:603', 'tvdb:81189', 'kitsu:7442', 'mal:1', 'tt1:1:2', 'tt', '']))
typed_names = st.one_of(st.sampled_from(['The Matrix', 'Law & Order', 'Amélie', '東京物語', 'a/b?c#d', 'x|y&z=1']),
                        plain_text)
names = st.one_of(typed_names, any_text)
urls = st.one_of(st.sampled_from(['http://127.0.0.1:9/a.png', 'https://example.invalid/p.jpg', '', 'javascript:x',
                                  'http://127.0.0.1:9/file.mkv|User-Agent=x', 'ftp://x/y']), any_text)
# config variant selectors (comma lists, case, blanks, too many, ids the server refuses, URL syntax)
variant_selectors = st.one_of(
    st.sampled_from(['no4k', 'nodv', 'no4k,nodv', 'NoDV', ' kids ', 'a,b,c,d,e', 'bad!id', ',', ' ', 'x/y', 'x?y=1',
                     'x#y', 'x&v=y', '%2F', '\u00e9t\u00e9', 'no4k,,NO4K', '-x', 'a' * 33]),
    plain_text)
resolutions = st.sampled_from(['2160p', '4k', '1080p', '1080i', '720p', 'SD', '480p', 'uhd', '9999p', '', 'p'])

extra_like = shaped({'name': st.sampled_from(['genre', 'skip', 'search', 'other'])},
                    {'isRequired': st.booleans(), 'options': some(names), 'optionsLimit': small_ints})
catalog_like = shaped({'type': st.sampled_from(['movie', 'series', 'anime', 'tv', '']), 'id': names},
                      {'name': names, 'extra': some(extra_like), 'extraSupported': some(any_text)})
manifest_like = shaped({'id': any_text, 'resources': some(st.sampled_from(['catalog', 'meta', 'stream'])),
                        'catalogs': some(catalog_like, 6)},
                       {'name': names, 'version': any_text, 'types': some(any_text), 'idPrefixes': some(any_text),
                        'behaviorHints': shaped(optional={'configurationRequired': st.booleans(),
                                                          'configurable': st.booleans()})})
video_like = shaped({'id': imdb_ids},
                    {'title': names, 'name': names, 'season': small_ints, 'episode': small_ints, 'released': dates,
                     'overview': any_text, 'thumbnail': urls, 'runtime': any_text, 'rating': any_text,
                     'available': st.booleans()})
person_like = shaped({'name': names}, {'character': names, 'photo': urls})
meta_like = shaped({'id': imdb_ids}, {
    'type': st.sampled_from(['movie', 'series', 'anime', 'tv', 'channel']), 'name': names, 'title': names,
    'description': any_text, 'year': years, 'released': dates, 'releaseInfo': years,
    'runtime': st.sampled_from(['2h16min', '47 min', '120', '1.5h', 'n/a', '']), 'imdbRating': any_text,
    'genres': some(names), 'cast': some(names), 'director': some(names), 'writer': some(names),
    'country': any_text, 'poster': urls, 'background': urls, 'logo': urls, 'landscapePoster': urls,
    'trailers': some(shaped(optional={'source': any_text, 'ytId': any_text, 'type': any_text})),
    'videos': some(video_like, 8), 'behaviorHints': shaped(optional={'defaultVideoId': imdb_ids}),
    'app_extras': shaped(optional={'cast': some(person_like), 'directors': some(person_like),
                                   'writers': some(names), 'certification': any_text,
                                   'seasonPosters': st.one_of(some(urls), st.dictionaries(any_text, urls))}),
    'imdb_id': imdb_ids, 'tmdb_id': any_text, 'tvdb_id': any_text, 'status': any_text, 'studios': some(names),
    'network': names})
parsed_file_like = shaped(optional={
    'resolution': resolutions, 'quality': any_text, 'encode': any_text, 'releaseGroup': any_text,
    'visualTags': some(any_text), 'audioTags': some(any_text), 'audioChannels': some(any_text),
    'languages': some(any_text)})
headers_like = st.dictionaries(st.one_of(st.sampled_from(['Authorization', 'User-Agent', 'Cookie', 'a|b', 'x&y=z']),
                                         any_text), maybe(any_text), max_size=3)
# streamData.type and the search API's `type`; error, statistic and info items are never content (§7)
NOTICE_TYPES = ('error', 'statistic', 'info')
stream_types = st.sampled_from(NOTICE_TYPES + ('debrid', 'usenet', 'p2p', 'http', 'live', 'external', 'youtube',
                                               'stremio-usenet', 'archive'))
cached_flags = st.one_of(st.booleans(), st.none())   # a key left out of a shaped() document is the third case
service_like = shaped(optional={'id': any_text, 'cached': cached_flags})
stream_data_like = shaped(optional={
    'type': stream_types, 'message': any_text,
    'error': shaped(optional={'title': any_text, 'description': any_text}),
    'filename': any_text, 'size': small_ints, 'addon': names, 'indexer': any_text, 'proxied': st.booleans(),
    'library': st.booleans(), 'age': small_ints, 'duration': small_ints, 'id': any_text,
    'service': service_like, 'torrent': shaped(optional={'seeders': small_ints}), 'parsedFile': parsed_file_like})
stream_like = shaped(optional={
    'name': names, 'description': any_text, 'title': any_text, 'url': urls, 'externalUrl': urls,
    'infoHash': any_text, 'ytId': any_text, 'nzbUrl': urls,
    'behaviorHints': shaped(optional={'filename': any_text, 'videoSize': small_ints, 'bingeGroup': any_text,
                                      'proxyHeaders': shaped(optional={'request': headers_like})}),
    'streamData': stream_data_like, 'subtitles': some(shaped(optional={'url': urls, 'lang': any_text}))})
# A notice that carries a url, as info items do (the Library built-in's refresh action) and error or statistic
# items may: well-formed where it matters (a url and a declared type), anything elsewhere.
notice_like = st.fixed_dictionaries(
    {'url': urls, 'streamData': st.fixed_dictionaries({'type': st.sampled_from(NOTICE_TYPES)}, optional={
        'message': any_text, 'service': service_like, 'addon': names,
        'error': shaped(optional={'title': any_text, 'description': any_text})})},
    optional={'name': names, 'description': any_text, 'externalUrl': urls,
              'behaviorHints': shaped(optional={'bingeGroup': any_text, 'filename': any_text})})
# A content stream that is well-formed where ranking looks (a url, the cache state in its three forms), so that lists
# mixing cached, uncached and unknown streams come up often.
content_types = st.sampled_from(['debrid', 'usenet', 'http'])
content_like = st.fixed_dictionaries(
    {'url': urls, 'streamData': st.fixed_dictionaries({'type': content_types}, optional={
        'service': st.fixed_dictionaries({}, optional={'id': any_text, 'cached': cached_flags}),
        'parsedFile': parsed_file_like})},
    optional={'name': names, 'description': any_text,
              'behaviorHints': shaped(optional={'filename': any_text, 'bingeGroup': any_text})})
search_content_like = st.fixed_dictionaries(
    {'url': urls, 'type': content_types},
    optional={'cached': cached_flags, 'service': st.one_of(any_text, st.none()), 'parsedFile': parsed_file_like,
              'filename': any_text, 'name': names})
search_result_like = shaped(optional={
    'name': names, 'description': any_text, 'url': urls, 'infoHash': any_text, 'requestHeaders': headers_like,
    'type': stream_types, 'message': any_text, 'service': st.one_of(any_text, st.none()), 'cached': cached_flags,
    'seeders': small_ints, 'filename': any_text, 'size': small_ints, 'addon': names, 'parsedFile': parsed_file_like,
    'bingeGroup': any_text})
search_notice_like = st.fixed_dictionaries(
    {'url': urls, 'type': st.sampled_from(NOTICE_TYPES)},
    optional={'message': any_text, 'name': names, 'description': any_text, 'cached': cached_flags,
              'service': st.one_of(any_text, st.none())})
subtitle_like = shaped(optional={'id': any_text, 'url': urls,
                                 'lang': st.one_of(st.sampled_from(['eng', 'pob', 'English', 'pt-BR', 'zz']),
                                                   any_text.map(lambda text: '[\u274c] ' + text), any_text)})

DOCUMENTS = {
    'manifest': manifest_like,
    'catalog': shaped(optional={'metas': some(meta_like, 6)}),
    'meta': shaped(optional={'meta': meta_like}),
    'stream': shaped(optional={'streams': some(st.one_of(stream_like, content_like, notice_like), 6)}),
    'subtitles': shaped(optional={'subtitles': some(subtitle_like, 6)}),
    'search': shaped({'success': st.booleans()}, {
        'data': shaped(optional={'results': some(st.one_of(search_result_like, search_content_like,
                                                           search_notice_like), 6),
                                 'errors': some(shaped(optional={'title': any_text, 'description': any_text})),
                                 'statistics': some(shaped(optional={'description': any_text}))}),
        'error': shaped(optional={'code': any_text, 'message': any_text}), 'detail': any_text}),
}


def _encoded(document):
    return json.dumps(document).encode('utf-8')


def bodies(document):
    """Raw bytes a server may answer with: the JSON of a document, cut short, an HTML page, or garbage."""
    encoded = document.map(_encoded)
    return st.one_of(
        encoded, encoded, encoded,
        st.tuples(encoded, st.floats(min_value=0.0, max_value=1.0)).map(
            lambda pair: pair[0][:int(len(pair[0]) * pair[1])]),
        st.just(b'<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'),
        st.binary(max_size=64),
        st.sampled_from([b'', b'null', b'[]', b'{}', b'NaN', b'"text"', b'\xff\xfe{', b'{"a": 1}{"b": 2}']),
    )


statuses = st.one_of(st.just(200), st.just(200), st.sampled_from([200, 201, 204, 301, 304, 400, 401, 403, 404, 409,
                                                                 410, 418, 420, 422, 429, 500, 502, 503, 504]),
                     st.integers(min_value=100, max_value=599))
retry_after_values = st.one_of(st.none(), st.sampled_from(['0', '5', '3600', '99999999999', '-4', 'soon', '1.5',
                                                          'Wed, 21 Oct 2015 07:28:00 GMT', '']), any_text)


def responses(document):
    """A CannedResponse with a fuzzed status, body and Retry-After."""
    return st.builds(lambda status, body, retry: CannedResponse(
        status, body, {'Retry-After': retry} if retry is not None else {}),
        statuses, bodies(document), retry_after_values)


# ---- Trakt and PunchPlay documents ----------------------------------------------------------------------------------

trakt_ids = shaped(optional={'trakt': small_ints, 'imdb': imdb_ids, 'tmdb': small_ints, 'tvdb': small_ints,
                             'slug': any_text})
trakt_times = st.one_of(st.sampled_from(['2024-01-01T10:00:00.000Z', '2030-06-01T00:00:00Z', '1970-01-01T00:00:00Z',
                                         'not a date', '2024-13-45T99:00:00Z', '']), st.none(),
                        st.integers(min_value=0, max_value=4102444800).map(
                            lambda epoch: time.strftime('%Y-%m-%dT%H:%M:%S.000Z', time.gmtime(epoch))))
trakt_movie = shaped({'ids': trakt_ids}, {'title': names, 'year': years})
trakt_show = shaped({'ids': trakt_ids}, {'title': names, 'year': years, 'aired_episodes': small_ints})
trakt_episode = shaped(optional={'season': small_ints, 'number': small_ints, 'title': names, 'ids': trakt_ids,
                                 'first_aired': trakt_times, 'plays': small_ints, 'last_watched_at': trakt_times,
                                 'collected_at': trakt_times})
trakt_season = shaped(optional={'number': small_ints, 'episodes': some(trakt_episode, 5)})
trakt_item = shaped(optional={
    'movie': trakt_movie, 'show': trakt_show, 'episode': trakt_episode, 'plays': small_ints,
    'last_watched_at': trakt_times, 'last_updated_at': trakt_times, 'reset_at': trakt_times,
    'seasons': some(trakt_season, 3), 'collected_at': trakt_times, 'last_collected_at': trakt_times,
    'rank': small_ints, 'listed_at': trakt_times, 'id': small_ints, 'progress': maybe(st.floats(0, 100)),
    'paused_at': trakt_times, 'type': st.sampled_from(['movie', 'show', 'season', 'episode']),
    'season': trakt_season, 'hidden_at': trakt_times})
activity_group = shaped(optional={key: trakt_times for key in (
    'watched_at', 'collected_at', 'watchlisted_at', 'paused_at', 'hidden_at', 'dropped_at', 'updated_at')})
last_activities = shaped(optional=dict(
    {'all': trakt_times}, **{group: activity_group for group in (
        'movies', 'episodes', 'shows', 'seasons', 'watchlist')}))
trakt_lists = st.one_of(some(trakt_item, 4), json_values)
# most categories unchanged in a cycle: an empty list, sometimes a fuzzed one
quiet_trakt_lists = st.one_of(st.just([]), st.just([]), st.just([]), trakt_lists)
