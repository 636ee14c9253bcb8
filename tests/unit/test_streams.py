"""Stream classification, parsing from every source, filters and ranking (the pure addon.core modules stream_model,
stream_parse, stream_text, release_names and stream_rank)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from addon.core import release_names, stream_model, stream_parse, stream_rank
from addon.core.stream_model import Stream
from addon.core.stream_rank import RankOptions

EXAMPLES = '/work/shared/docs/examples/aiostreams'
if not os.path.isdir(EXAMPLES):
    EXAMPLES = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'aiostreams')


def example(name):
    with open(os.path.join(EXAMPLES, name), encoding='utf-8') as handle:
        return json.load(handle)


# ---- classification -------------------------------------------------------------------------------------------

def test_fixture_items_are_classified_as_the_contract_says():
    raws = example('streams_series_s01e01.json')['streams']
    kinds = [stream_model.classify(raw) for raw in raws]
    assert kinds == ['playable', 'playable', 'p2p', 'playable', 'error', 'statistic']


@pytest.mark.parametrize('raw, kind', [
    ({'externalUrl': 'https://example.org'}, 'external'),
    ({'ytId': 'abc'}, 'youtube'),
    ({'nzbUrl': 'https://x/nzb'}, 'unsupported'),
    ({'url': 'https://x', 'streamData': {'type': 'statistic'}}, 'statistic'),
    ({'url': '  '}, 'unsupported'),
])
def test_other_kinds(raw, kind):
    assert stream_model.classify(raw) == kind


@pytest.mark.parametrize('kind', ['info', 'statistic', 'error'])
def test_info_statistic_and_error_items_are_never_playable_even_with_a_url(kind):
    stream_item = {'name': 'Library', 'description': 'Refresh Real-Debrid Library', 'url': 'https://h/builtins/x',
                   'streamData': {'type': kind, 'message': 'Refresh Real-Debrid Library'}}
    search_result = {'url': 'https://h/builtins/x', 'type': kind, 'message': 'Refresh Real-Debrid Library'}
    for result in (stream_parse.parse_streams([stream_item]), stream_parse.parse_search({'results': [search_result]})):
        assert result.playable == [] and [notice[0] for notice in result.notices] == [kind]
        assert result.notices[0][2] == 'Refresh Real-Debrid Library'
        assert 'https' not in repr(result.notices)


def test_info_items_are_offered_as_title_and_message():
    result = stream_parse.parse_search({'results': [
        {'url': 'https://h/1', 'cached': True, 'parsedFile': {'resolution': '1080p'}},
        {'url': 'https://h/builtins/refresh', 'type': 'info', 'name': 'Library', 'message': 'Refresh library'}]})
    assert [stream.index for stream in result.playable] == [0]
    assert result.infos == [('Library', 'Refresh library')]
    assert result.errors == []


def test_parse_streams_keeps_only_playable_and_reports_the_rest():
    result = stream_parse.parse_streams(example('streams_series_s01e01.json')['streams'])
    assert [stream.index for stream in result.playable] == [0, 1, 3]
    assert result.p2p == 1
    assert result.errors == [('error', '[\u274c] StremThru Torz', 'Request timed out after 7000ms')]
    assert [notice[0] for notice in result.notices] == ['error', 'statistic']
    assert 'Total streams: 187' in result.notices[1][2]


# ---- parsing --------------------------------------------------------------------------------------------------

def test_stream_data_fields_are_read():
    stream = stream_parse.parse_streams([example('stream_item_with_streamdata.json')]).playable[0]
    assert stream.resolution == '2160p'
    assert stream.quality == 'WEB-DL'
    assert stream.codec == 'HEVC'
    assert stream.visual_tags == ['DV', 'HDR10']
    assert stream.audio == ['DD+', '5.1']
    assert stream.languages == ['English']
    assert stream.size == 7494918963
    assert (stream.service, stream.cached, stream.seeders) == ('realdebrid', True, 212)
    assert (stream.addon, stream.release_group, stream.indexer) == ('Torrentio', 'NTb', 'ThePirateBay')
    assert stream.provider_key == 'torrentio|realdebrid|ntb'


@pytest.mark.parametrize('huge', ['1e400', 'inf', float('inf')])
def test_a_size_or_seeder_count_beyond_any_integer_is_left_out_not_a_crash(huge):
    raw = example('stream_item_with_streamdata.json')
    raw['streamData'] = dict(raw['streamData'], size=huge, torrent=dict(raw['streamData'].get('torrent') or {},
                                                                        seeders=huge))
    raw['behaviorHints'] = dict(raw.get('behaviorHints') or {}, videoSize=huge)
    stream = stream_parse.parse_streams([raw]).playable[0]
    for number in (stream.size, stream.seeders):
        assert number is None or 0 < number < 2 ** 63


def test_search_api_result_fields_are_read():
    result = stream_parse.parse_search(example('api_search_response.json')['data'])
    stream = result.playable[0]
    assert (stream.resolution, stream.quality, stream.codec) == ('2160p', 'WEB-DL', 'HEVC')
    assert (stream.service, stream.cached, stream.seeders, stream.addon) == ('realdebrid', True, 212, 'Torrentio')
    assert stream.provider_key == 'torrentio|realdebrid|ntb'
    assert result.errors == [('error', '[\u274c] StremThru Torz', 'Request timed out after 7000ms')]


def test_search_result_without_parsed_file_or_with_nulls_does_not_crash():
    result = stream_parse.parse_search({'results': [{'url': 'https://x/1', 'parsedFile': None, 'service': None,
                                                'filename': 'Show.S01E01.720p.HDTV.x264-LOL.mkv'}, 'junk'],
                                   'errors': None})
    stream = result.playable[0]
    assert (stream.resolution, stream.quality, stream.codec, stream.release_group) == ('720p', 'HDTV', 'AVC', 'LOL')


def test_request_headers_of_a_search_result_become_the_kodi_suffix():
    result = stream_parse.parse_search({'results': [{'url': 'https://h/p',
                                                'requestHeaders': {'Authorization': 'Basic a=b'}}]})
    assert result.playable[0].play_url == 'https://h/p|Authorization=Basic%20a%3Db'


def test_without_stream_data_the_formatter_and_name_tag_fill_in():
    stream = stream_parse.parse_streams(example('streams_series_s01e01.json')['streams']).playable[1]
    assert (stream.resolution, stream.quality, stream.codec, stream.release_group) == ('1080p', 'BluRay', 'AVC',
                                                                                      'DEMAND')
    assert (stream.service, stream.cached, stream.addon) == ('torbox', False, 'Comet')
    assert stream.audio == ['DTS', '5.1']
    assert (stream.seeders, stream.indexer, stream.languages) == (48, '1337x', ['English'])
    assert stream.size == 2372986019


def test_proxy_headers_are_appended_url_encoded():
    stream = stream_parse.parse_streams(example('streams_series_s01e01.json')['streams']).playable[2]
    assert stream.play_url.endswith('|Authorization=Basic%20dXNlcjpwYXNz')
    assert stream.play_url.startswith(stream.url)
    assert stream_model.header_suffix({'User-Agent': 'Kodi/20 (x&y)', 'Referer': 'https://a.b/?q=1'}) == \
        '|User-Agent=Kodi%2F20%20%28x%26y%29&Referer=https%3A%2F%2Fa.b%2F%3Fq%3D1'
    assert stream_model.header_suffix({}) == ''


def test_seed_readme_formatter_lines_are_parsed():
    raw = {'url': 'https://x/1', 'name': 'RESOLUTION: 4K\nSERVICE: RealDebrid',
           'description': 'ADDON: Comet\nSIZE: 12.5 GB\nCACHED: yes\nPROXIED: no\nIN LIBRARY: no\n'
                          'DURATION: 2h 3m\nVIDEO: HEVC | DV | HDR10\nAUDIO: Atmos | TrueHD | 7.1\n'
                          'INDEXER: TorrentGalaxy\nFILENAME: Movie.2010.2160p.BluRay.REMUX.HEVC-FGT.mkv'}
    stream = stream_parse.parse_streams([raw]).playable[0]
    assert stream.resolution == '2160p'
    assert (stream.service, stream.addon, stream.cached, stream.proxied, stream.library) == (
        'realdebrid', 'Comet', True, False, False)
    assert stream.size == int(12.5 * 1024 ** 3)
    assert stream.duration_ms == (2 * 3600 + 3 * 60) * 1000
    assert stream.codec == 'HEVC' and stream.visual_tags == ['DV', 'HDR10']
    assert stream.audio == ['Atmos', 'TrueHD', '7.1']
    assert stream.indexer == 'TorrentGalaxy'
    assert (stream.quality, stream.release_group) == ('BluRay REMUX', 'FGT')


def test_guessit_reads_a_bare_file_name():
    raw = {'url': 'https://x/1', 'behaviorHints': {'filename': 'Inception.2010.MULTi.1080p.WEB.H264-GRP.mkv'}}
    stream = stream_parse.parse_streams([raw]).playable[0]
    assert (stream.resolution, stream.codec, stream.release_group) == ('1080p', 'AVC', 'GRP')
    assert stream.languages == ['Multi']


@pytest.fixture
def guessit_reads():
    """Names guessit parses from now on (its per-name cache emptied before and after the test)."""
    release_names.guess_filename.cache_clear()
    yield lambda: release_names.guess_filename.cache_info().misses
    release_names.guess_filename.cache_clear()


def test_guessit_budget_falls_back_to_token_rules(guessit_reads):
    raws = [{'url': 'https://x/%d' % i, 'behaviorHints': {'filename': 'Film.%d.FRENCH.720p.WEBRip.x265-GRP%d.mkv'
                                                                      % (i, i)}} for i in range(5)]
    result = stream_parse.parse_streams(raws, budget=2)
    assert guessit_reads() == 2
    assert [s.resolution for s in result.playable] == ['720p'] * 5
    assert [s.codec for s in result.playable] == ['HEVC'] * 5
    assert [s.languages for s in result.playable] == [['French']] * 2 + [[]] * 3
    assert result.playable[4].release_group == 'GRP4'


# File names as release sites write them: the token rules read the plain ones, guessit the rest.
PLAIN_NAMES = [
    'Movie.Title.2019.2160p.WEB-DL.HEVC.DDP5.1-NTb0.mkv',
    'Breaking.Bad.S01E02.720p.BluRay.x264-DEMAND.mkv',
    'Game.of.Thrones.S08E06.The.Iron.Throne.2160p.AMZN.WEB-DL.DDP5.1.HDR.HEVC-NTb.mkv',
    'The.Office.US.S05E14.Stress.Relief.1080p.WEB-DL.DD5.1.H.264-NTb.mkv',
    'friends.s10e17e18.720p.bluray.x264-sinners.mkv',
    'Shogun.2024.S01E01.Anjin.2160p.DSNP.WEB-DL.DDP5.1.H.265-NTb.mkv',
    'Star.Trek.Strange.New.Worlds.S02E05.1080p.WEB.h264-ETHEL.mkv',
    '2001.A.Space.Odyssey.1968.2160p.UHD.BluRay.x265-TERMiNAL.mkv',
    'Blade.Runner.2049.2017.1080p.BluRay.x264-SPARKS.mkv',
    'Spider-Man.Into.the.Spider-Verse.2018.1080p.WEBRip.x264-RARBG.mp4',
    'Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv',
    'Interstellar.2014.IMAX.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-EPSiLON.mkv',
    'Movie.2019.1080p.BluRay.DTS-HD.MA.7.1.x264-GRP.mkv',
    'Movie.2019.2160p.UHD.BluRay.TrueHD.7.1.Atmos.DV.HEVC-GRP.mkv',
    'Movie.2019.REPACK.1080p.AMZN.WEB-DL.DDP5.1.H.264-GRP.mkv',
    'Movie.2019.720p.BRRip.x264.AAC-GRP.mp4',
    'Movie.2019.1080p.WEB-DL.AAC2.0.H.264-GRP.mkv',
    'Movie.2019.1080p.BluRay.FLAC.2.0.x264-GRP.mkv',
    'Movie.2019.1080p.BluRay.AC3.x264-GRP.mkv',
    'Movie.2019.720p.HDCAM.x264-GRP.mkv',
    'Movie.2019.1080i.HDTV.MPEG2.DD5.1-GRP.ts',
    'Movie 2019 1080p WEB-DL x264 AAC.mkv',
    'Show.Name.2x05.720p.HDTV.x264-GRP.mkv',
]
GUESSIT_NAMES = [
    'Inception.2010.MULTi.1080p.WEB.H264-GRP.mkv',                   # languages are guessit's
    'Parasite.2019.KOREAN.1080p.BluRay.H264.AAC-VXT.mp4',
    'Movie.2019.German.DL.1080p.BluRay.x264-GRP.mkv',
    'Movie.2019.1080p.WEB-DL.H264.Dual.Audio-GRP.mkv',
    'The.French.Dispatch.2021.1080p.BluRay.x264-GRP.mkv',            # a language word in the title: unsure
    '[SubsPlease] Frieren - 01 (1080p) [ABCD1234].mkv',              # the group before the title
    '[Judas] Vinland Saga - S02E24 [1080p][HEVC x265 10bit].mkv',
    'Oppenheimer (2023) [1080p] [BluRay] [5.1] [YTS.MX].mp4',       # unknown words after the resolution
    'Movie.2019.1080p.3D.HSBS.BluRay.x264-GRP.mkv',
    'Movie.2019.BluRay.x264-GRP.mkv',                                 # no resolution
]


@pytest.mark.parametrize('name', PLAIN_NAMES)
def test_names_the_token_rules_read_are_not_sent_to_guessit(guessit_reads, name):
    stream = stream_parse.parse_streams([{'url': 'https://x/1', 'behaviorHints': {'filename': name}}]).playable[0]
    assert guessit_reads() == 0
    assert stream.resolution and stream.quality and stream.codec


@pytest.mark.parametrize('name', GUESSIT_NAMES)
def test_names_the_token_rules_cannot_read_go_to_guessit(guessit_reads, name):
    stream_parse.parse_streams([{'url': 'https://x/1', 'behaviorHints': {'filename': name}}])
    stream_parse.parse_streams([{'url': 'https://x/2', 'behaviorHints': {'filename': name}}])
    assert guessit_reads() == 1   # once per name: the second list reuses the reading


def test_the_token_reading_equals_guessits_where_it_matters():
    """Resolution, source, codec, release group and audio as guessit reads them; where the two differ, the token
    rules are the more precise (the name's own HDR / HDR10+ / 10bit / IMAX, guessit's HDR10 for all HDR)."""
    for name in PLAIN_NAMES:
        tokens, guessed = release_names.read_plain_name(name), release_names.guess_filename(name)
        assert [tokens[key] for key in ('resolution', 'quality', 'codec', 'release_group', 'languages')] == \
            [guessed[key] for key in ('resolution', 'quality', 'codec', 'release_group', 'languages')], name
        assert sorted(tokens['audio']) == sorted(guessed['audio']), name
        assert _hdr_family(tokens['visual_tags']) == _hdr_family(guessed['visual_tags']), name


def _hdr_family(tags) -> set:
    """DV and HDR of any kind (guessit reports only these two, and calls every HDR 'HDR10')."""
    return {'HDR' if tag.startswith('HDR') else tag for tag in tags if tag not in ('10bit', 'IMAX')}


def test_anime_groups_and_languages_still_come_from_guessit():
    found = stream_parse.parse_streams([
        {'url': 'https://x/1', 'behaviorHints': {'filename': '[SubsPlease] Frieren - 01 (1080p) [ABCD1234].mkv'}},
        {'url': 'https://x/2', 'behaviorHints': {'filename': 'Movie.2019.German.DL.1080p.BluRay.x264-GRP.mkv'}},
    ]).playable
    assert (found[0].resolution, found[0].release_group) == ('1080p', 'SubsPlease')
    assert (found[1].quality, found[1].codec, found[1].languages) == ('BluRay', 'AVC', ['German', 'Multi'])


def test_guessit_reads_our_fields_the_same_without_the_properties_we_never_show(monkeypatch, guessit_reads):
    names = PLAIN_NAMES + GUESSIT_NAMES + [
        'Inception.2010.MULTi.FRENCH.1080p.WEB.H264-GRP.mkv', 'Movie.2019.iTALiAN.FRENCH.1080p.WEB.x264-GRP.mkv',
        'Show.S03E07.1080p.WEB.H264-CAKES[rarbg].mkv', 'Movie.2019.VOSTFR.1080p.WEB.x264-GRP.mkv']
    fast = [release_names.guess_filename(name) for name in names]
    release_names.guess_filename.cache_clear()
    monkeypatch.setattr(release_names, '_GUESSIT_UNUSED', [])
    assert fast == [release_names.guess_filename(name) for name in names]


def test_hd_inside_hdr_is_not_720p():
    found = release_names.guess_tokens('Movie HDR DV remux')
    assert found['resolution'] is None
    assert found['visual_tags'] == ['DV', 'HDR']


def test_every_field_is_optional():
    result = stream_parse.parse_streams([{'url': 'https://x/1'}, {'url': 'https://x/2', 'behaviorHints': None,
                                                             'streamData': 'bad', 'name': 5, 'subtitles': 'x'}])
    assert len(result.playable) == 2
    assert result.playable[0].provider_key == 'name|'
    assert result.playable[1].resolution is None


def test_provider_key_never_contains_the_url_and_survives_round_trip():
    raws = example('streams_series_s01e01.json')['streams']
    for stream in stream_parse.parse_streams(raws).playable:
        assert 'http' not in stream.provider_key
        again = Stream.from_dict(json.loads(json.dumps(stream.to_dict())))
        assert again.provider_key == stream.provider_key and again.play_url == stream.play_url


def test_provider_key_without_structure_uses_the_name_stem():
    one = stream_parse.parse_streams([{'url': 'https://x/1', 'name': 'MyAddon 1080p 2.1 GB'}]).playable[0]
    two = stream_parse.parse_streams([{'url': 'https://x/2', 'name': 'MyAddon 720p 700 MB'}]).playable[0]
    assert one.addon == two.addon == 'MyAddon'
    assert one.provider_key == two.provider_key == 'myaddon||'


# ---- filters and ranking --------------------------------------------------------------------------------------

def make(index, resolution, addon='A', service='realdebrid', group='G'):
    stream = Stream(index)
    stream.resolution, stream.addon, stream.service, stream.release_group = resolution, addon, service, group
    stream.url = 'https://x/%d' % index
    return stream


def test_min_quality_drops_lower_resolutions_but_keeps_unknown():
    listed = [make(0, '480p'), make(1, '720p'), make(2, None), make(3, '2160p')]
    kept, hidden = stream_rank.filter_streams(listed, RankOptions(min_quality='720p'))
    assert [s.index for s in kept] == [1, 2, 3] and hidden == 1
    kept, hidden = stream_rank.filter_streams(listed, RankOptions(min_quality=None))
    assert len(kept) == 4 and hidden == 0


def test_ranking_is_quality_then_reliability_then_preference_then_server_order():
    listed = [make(0, '720p', 'A'), make(1, '1080p', 'B'), make(2, '1080p', 'C'), make(3, '1080p', 'D'),
              make(4, '2160p', 'E')]
    stats = {'b|realdebrid|g': (0, 3), 'd|realdebrid|g': (5, 0)}
    picks = {'c|realdebrid|g': 4}
    ranked = stream_rank.rank(listed, RankOptions(), stats, picks)
    assert [s.addon for s in ranked] == ['E', 'D', 'C', 'B', 'A']
    ranked = stream_rank.rank(listed, RankOptions(learn_preferences=False), stats, picks)
    assert [s.addon for s in ranked] == ['E', 'D', 'C', 'B', 'A']
    ranked = stream_rank.rank(listed, RankOptions(learn_preferences=False), {}, picks)
    assert [s.addon for s in ranked] == ['E', 'B', 'C', 'D', 'A']
    ranked = stream_rank.rank(listed, RankOptions(), {}, picks)
    assert [s.addon for s in ranked] == ['E', 'C', 'B', 'D', 'A']


def test_keep_server_order_and_preferred_quality_boost():
    listed = [make(0, '720p'), make(1, '1080p'), make(2, '2160p'), make(3, '1080p')]
    ranked = stream_rank.rank(listed, RankOptions(keep_server_order=True), {'a|realdebrid|g': (0, 9)})
    assert [s.index for s in ranked] == [0, 1, 2, 3]
    ranked = stream_rank.rank(listed, RankOptions(keep_server_order=True, preferred_quality='1080p'))
    assert [s.index for s in ranked] == [1, 3, 0, 2]
    ranked = stream_rank.rank(listed, RankOptions(preferred_quality='1080p'))
    assert [s.index for s in ranked] == [1, 3, 2, 0]
    ranked = stream_rank.rank(listed, RankOptions(preferred_quality='4k'))
    assert [s.index for s in ranked] == [2, 1, 3, 0]


def test_the_smart_sort_puts_uncached_after_every_cached_or_unknown_stream():
    listed = [make(0, '2160p'), make(1, '1080p'), make(2, '720p'), make(3, '1080p'), make(4, '2160p')]
    listed[0].cached, listed[1].cached, listed[2].cached, listed[3].cached, listed[4].cached = (
        False, True, None, False, True)
    ranked = stream_rank.rank(listed, RankOptions())
    assert [s.index for s in ranked] == [4, 1, 2, 0, 3]
    ranked = stream_rank.rank(listed, RankOptions(preferred_quality='1080p'))
    assert [s.index for s in ranked] == [1, 4, 2, 3, 0]   # within each group, the preferred quality first


def test_keep_server_order_is_kept_but_auto_play_tries_uncached_last():
    listed = [make(0, '2160p'), make(1, '1080p'), make(2, '720p')]
    listed[0].cached = False
    ranked = stream_rank.rank(listed, RankOptions(keep_server_order=True))
    assert [s.index for s in ranked] == [0, 1, 2]
    assert [s.index for s in stream_rank.auto_play_order(ranked)] == [1, 2, 0]
    assert [s.index for s in stream_rank.auto_play_order(ranked[:1])] == [0]


def test_choose_caps_the_list():
    result = stream_model.StreamList(playable=[make(i, '1080p') for i in range(30)], notices=[])
    chosen, hidden = stream_rank.choose(result, RankOptions(max_streams=5))
    assert [s.index for s in chosen] == [0, 1, 2, 3, 4] and hidden == 0


def test_reliability_maths():
    assert stream_rank.reliability_score(0, 0) == 0.5
    assert stream_rank.reliability_score(3, 1) == pytest.approx(4 / 6)
    assert stream_rank.reliability_tier(None) == 2
    assert stream_rank.reliability_tier((0, 0)) == 2
    assert stream_rank.reliability_tier((3, 0)) == 3     # 4/5
    assert stream_rank.reliability_tier((1, 0)) == 2     # 2/3
    assert stream_rank.reliability_tier((0, 1)) == 1     # 1/3
    assert stream_rank.reliability_tier((5, 5)) == 2


def test_two_hundred_streams_rank_fast():
    listed = [make(i, ('2160p', '1080p', '720p', '480p', None)[i % 5], 'Addon%d' % (i % 17),
                   ('realdebrid', 'torbox', None)[i % 3], 'G%d' % (i % 11)) for i in range(200)]
    stats = {stream.provider_key: (i % 4, i % 3) for i, stream in enumerate(listed)}
    picks = {stream.provider_key: i % 5 for i, stream in enumerate(listed[:50])}
    options = RankOptions(preferred_quality='1080p', min_quality='480p', max_streams=200)
    result = stream_model.StreamList(playable=listed, notices=[])
    stream_rank.choose(result, options, stats, picks)
    started = time.perf_counter()
    for _ in range(10):
        chosen, hidden = stream_rank.choose(result, options, stats, picks)
    elapsed_ms = (time.perf_counter() - started) * 100
    assert elapsed_ms <= 50, elapsed_ms
    assert chosen[0].resolution == '1080p' and hidden == 0
    ranks = [s.quality_rank for s in chosen[40:]]
    assert ranks == sorted(ranks, reverse=True)


def test_plain_names_do_not_import_guessit():
    """guessit costs ~150 ms to import and warm up: a list whose names the token rules read never pays it."""
    script = ('import sys; from addon.core import stream_parse; from tests.bench.dataset import stream_list; '
              'stream_parse.parse_streams(stream_list(without_parsed_file_every=10)); '
              'print("guessit" in sys.modules)')
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    output = subprocess.run([sys.executable, '-c', script], cwd=root, env=dict(os.environ, PYTHONPATH=root),
                            check=True, stdout=subprocess.PIPE).stdout
    assert output.decode('utf-8').strip() == 'False'
