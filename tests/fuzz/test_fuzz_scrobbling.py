"""Fuzz: identification of what Kodi plays (scene file names through the real guessit, URLs with tokens, arbitrary
InfoTags and handoffs) never crashes, never keeps anything of a URL's query or Kodi's header suffix, and always yields
a PunchPlay payload the PunchPlay contract accepts and a Trakt body that serialises; whatever PunchPlay answers
(statuses, token documents, Retry-After), the sender classifies it, keeps a usable token file and says "scrobbled"
only after a delivered watched stop; the device-login step logic and the address rules hold for any input."""
from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addon.core import identify
from addon.core import outbox_policy as outbox
from addon.core.scrobble_states import StateMachine
from addon.platform import http
from addon.punchplay import auth, client, sender
from addon.scrobble import punchplay_sink, trakt_sink
from tests.fakes.punchplay_server import payload_problems
from tests.fuzz.fuzzing import (
    FUZZ,
    CannedResponse,
    any_text,
    example,
    json_values,
    plain_text,
    retry_after_values,
    shaped,
    small_ints,
    typed_names,
)

SECRET = 'S3CRETt0ken'
WORDS = st.sampled_from(['The', 'Last', 'of', 'Us', 'Dune', 'Part', 'Two', 'Spider-Man', 'No', 'Way', 'Home', 'Show',
                         'Name', 'Breaking', 'Bad', 'One', 'Piece', 'Amélie', '東京', 'Law', '&', 'Order', 'x264'])
TAGS = st.sampled_from(['1080p', '720p', '2160p', 'WEB-DL', 'BluRay', 'REMUX', 'x265', 'HEVC', 'DDP5.1', 'Atmos',
                        'HDR', 'DV', 'PROPER', 'REPACK', 'MULTi', 'VOSTFR', 'NF', 'AMZN', 'Complete', 'Season 2',
                        'E01-E03', 'S01E02E03', '1x05', 'Part.2', 'Extended', "Director's Cut", '10bit'])
EPISODE_MARKS = st.one_of(
    st.builds(lambda s, e: 'S%02dE%02d' % (s, e), st.integers(0, 30), st.integers(0, 1200)),
    st.builds(lambda s, e: '%dx%02d' % (s, e), st.integers(1, 30), st.integers(1, 99)),
    st.builds(lambda e: '- %03d' % e, st.integers(1, 1200)), st.just(''))
EXTENSIONS = st.sampled_from(['.mkv', '.mp4', '.avi', '.ts', '.m2ts', '.iso', '.srt', '.nfo', '', '.MKV', '.mkv.part'])
scene_names = st.builds(
    lambda group, words, year, mark, tags, release, separator, extension: '%s%s%s' % (
        '[%s] ' % group if group else '',
        separator.join(words + ([str(year)] if year else []) + ([mark] if mark else []) + tags) +
        ('-%s' % release if release else ''), extension),
    st.one_of(st.none(), st.sampled_from(['SubsPlease', 'Erai-raws', 'HorribleSubs'])),
    st.lists(WORDS, min_size=0, max_size=5), st.one_of(st.none(), st.integers(1870, 2100), st.integers(0, 99999)),
    EPISODE_MARKS, st.lists(TAGS, max_size=4), st.one_of(st.none(), st.sampled_from(['NTb', 'FLUX', 'GROUP'])),
    st.sampled_from(['.', ' ', '_', '-']), EXTENSIONS)
file_names = st.one_of(scene_names, scene_names, scene_names, plain_text.map(lambda text: text + '.mkv'), plain_text)
paths = st.builds(
    lambda root, folders, name, query, suffix: root + '/'.join(folders + [name]) + query + suffix,
    st.sampled_from(['http://127.0.0.1:9/', 'https://cdn.example.invalid/dl/', '/storage/videos/', 'smb://nas/tv/',
                     'C:\\Videos\\', 'plugin://plugin.video.other/play/', 'stack:///a/', '']),
    st.lists(st.sampled_from(['anime', 'Anime', 'TV', 'Show Name', 'Season 1', '..', '%2F', 'x?y']), max_size=2),
    file_names,
    st.sampled_from(['', '?token=' + SECRET, '?a=1&api_key=' + SECRET, '#' + SECRET]),
    st.sampled_from(['', '|User-Agent=Kodi&Authorization=Bearer%20' + SECRET, '|Cookie=' + SECRET]))
tag_fields = st.fixed_dictionaries({}, optional={
    'mediatype': st.sampled_from(['movie', 'episode', 'tvshow', 'video', '']), 'title': typed_names,
    'tvshowtitle': typed_names, 'year': st.one_of(small_ints, st.none()), 'season': st.one_of(small_ints, st.none()),
    'episode': st.one_of(small_ints, st.none()), 'imdbnumber': any_text, 'genres': st.lists(typed_names, max_size=3),
    'dbid': small_ints,
    'uniqueids': st.dictionaries(st.sampled_from(['imdb', 'tmdb', 'tvdb', 'tvshow.imdb', 'tvshow.tmdb']), any_text,
                                 max_size=3)})
# read_handoff() passes on JSON objects only; their values come from whoever wrote the Home property
handoffs = st.one_of(st.none(), st.fixed_dictionaries({}, optional={
    'media_key': any_text, 'content_type': st.sampled_from(['movie', 'series', 'other']), 'imdb_id': any_text,
    'tmdb_id': any_text, 'tvdb_id': any_text, 'meta_id': any_text, 'season': small_ints, 'episode': small_ints,
    'title': typed_names, 'show_title': typed_names, 'year': small_ints, 'genres': st.lists(typed_names, max_size=3),
    'stream_key': any_text}),
    st.dictionaries(st.sampled_from(['title', 'content_type', 'genres', 'media_key', 'episode']), json_values))


def leaked(media) -> bool:
    return SECRET in json.dumps(media, ensure_ascii=False, default=str)


@FUZZ
@given(path=paths, tag=tag_fields, handoff=handoffs, ours=st.booleans(), matching=st.booleans(),
       show=st.one_of(st.just({}), shaped(optional={'imdb': any_text, 'tmdb': any_text, 'year': small_ints})))
def test_identification_of_anything_kodi_plays(fuzz_kodi, path, tag, handoff, ours, matching, show):
    with example('scrobble identification (guessit)'):
        if isinstance(handoff, dict) and matching:
            handoff['url_sha1'] = hashlib.sha1(path.split('|', 1)[0].encode('utf-8')).hexdigest()
        playing = {'file': path, 'tag': tag, 'handoff': handoff, 'show': show if isinstance(show, dict) else {},
                   'properties': {'script.trakt.exclude': 'true' if ours else ''}}
        media = identify.identify(playing)
        if media is None:
            return
        assert not leaked(media), media
        assert media['media_type'] in ('movie', 'episode') and isinstance(media['title'], str) and media['title']
        assert media['year'] is None or isinstance(media['year'], int)
        for key in ('season', 'episode', 'tmdb_id', 'tvdb_id'):
            assert media.get(key) is None or isinstance(media[key], int)
        assert media['media_key'] is None or isinstance(media['media_key'], str)
        check_sinks(media)


def check_sinks(media):
    """The events of one playback of `media`: PunchPlay accepts every payload, Trakt bodies serialise."""
    machine = StateMachine()
    emits = machine.start(media, 'session-1', 0.0, 3600.0, 30, 0.0)
    emits += machine.pause() + machine.resume(10.0) + machine.sample(3500.0, 3600.0, 40.0)
    emits += machine.stop(50.0)
    punchplay = {'threshold': 0.7, 'min_seconds': 0, 'device_id': 'device', 'client_version': '4.0.0',
                 'account': 'fuzzer'}
    trakt = {'threshold': 90, 'app_version': '4.0.0'}
    for emit in emits:
        found = punchplay_sink.event(emit, punchplay)
        if found is not None:
            kind, payload = found
            assert payload_problems(kind, json.loads(json.dumps(payload))) == [], (kind, payload)
            assert not leaked(payload)
        found = trakt_sink.event(emit, trakt)
        if found is not None:
            json.dumps(found[1])
            assert not leaked(found[1])


class Replies:
    """Stands in for addon.platform.http.request: the drawn answers in turn (the last one repeats)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, session, method, url, timeout, **kwargs):
        self.calls.append((method, url))
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


punchplay_bodies = st.one_of(shaped(optional={'access_token': st.one_of(st.text(min_size=1, max_size=8), json_values),
                                              'refresh_token': st.text(max_size=8), 'username': any_text,
                                              'ok': st.booleans(), 'error': any_text}), json_values)
punchplay_answers = st.lists(st.builds(
    lambda status, body, retry: CannedResponse(status, json.dumps(body).encode('utf-8'),
                                               {'Retry-After': retry} if retry is not None else {}),
    st.sampled_from([200, 200, 201, 204, 400, 401, 401, 403, 404, 409, 422, 429, 500, 503]), punchplay_bodies,
    retry_after_values), min_size=1, max_size=4)


@pytest.fixture(scope='module')
def punchplay_http(fuzz_kodi):
    original = http.request
    yield fuzz_kodi
    http.request = original


@FUZZ
@given(answers=punchplay_answers, kind=st.sampled_from(list(sender.KINDS) + ['rewind']), watched=st.booleans(),
       reauth=st.booleans())
def test_punchplay_sender_classifies_any_answer(punchplay_http, answers, kind, watched, reauth):
    with example('punchplay sender'):
        fake = punchplay_http
        store = client.token_store()
        store.save({'access_token': 'fuzz-access', 'refresh_token': 'fuzz-refresh', 'username': 'fuzzer',
                    'reauth_required': reauth})
        http.request = Replies(answers)
        before = len(fake.notifications)
        payload = {'media_type': 'movie', 'title': 'Fuzz', 'progress': 0.95, 'watched': watched}
        outcome = sender.send(kind, payload)
        assert outcome.kind in (outbox.Outcome.DELIVERED, outbox.Outcome.RETRY, outbox.Outcome.DROP,
                                outbox.Outcome.AUTH_FAILED)
        assert 0.0 <= outbox.retry_delay(outcome) <= outbox.MAX_RETRY_AFTER_SECONDS
        tokens = store.load()
        assert isinstance(tokens, dict) and (client.is_authenticated(tokens) or tokens.get('reauth_required') or
                                             not tokens.get('access_token'))
        scrobbled = [note for note in fake.notifications[before:] if 'scrobbled' in note['message']]
        if scrobbled:
            assert outcome.kind == outbox.Outcome.DELIVERED and kind == 'stop' and watched


@FUZZ
@given(status=st.one_of(st.none(), st.integers(100, 599)), body=st.one_of(punchplay_bodies, st.fixed_dictionaries(
    {'error': st.sampled_from(['slow_down', 'expired', 'expired_token', 'access_denied', 'authorization_pending'])})),
    retry_after=st.one_of(st.none(), st.integers(-10, 10 ** 6)), interval=st.integers(1, 600),
    document=json_values)
def test_device_login_steps_for_any_answer(status, body, retry_after, interval, document):
    with example('punchplay login steps'):
        step = auth.next_step(status, body, retry_after, interval)
        assert step.action in ('success', 'wait', 'expired', 'denied')
        assert step.interval >= interval and step.delay >= 0
        if step.throttled:
            assert auth.THROTTLE_MIN_SECONDS <= step.delay <= auth.THROTTLE_MAX_SECONDS
        assert isinstance(auth.username_of(document), str)


@FUZZ
@given(value=st.one_of(plain_text, st.builds(lambda scheme, userinfo, host, rest: scheme + userinfo + host + rest,
                                             st.sampled_from(['https://', 'http://', 'ftp://', '', 'HTTPS://']),
                                             st.sampled_from(['', 'user:pw@', '@']),
                                             st.sampled_from(['punchplay.tv', '127.0.0.1:9', 'localhost', '[::1]:8',
                                                              'evil.example', '127.0.0.1.evil.example', '']),
                                             plain_text)))
def test_punchplay_address_rules(value):
    with example('punchplay address rules'):
        try:
            checked = client.checked_base_url(value)
        except client.BadUrl:
            return
        from urllib.parse import urlsplit
        parts = urlsplit(checked)
        assert not parts.username and not parts.password and parts.hostname
        assert parts.scheme == 'https' or (parts.scheme == 'http' and parts.hostname in client.LOOPBACK_HOSTS)
