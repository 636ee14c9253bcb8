"""Parse a backend answer (GET /stream or /api/v1/search) into streams. Every field is optional. Sources, best
first: /api/v1/search results, `streamData` (parsedFile and its siblings), `behaviorHints` (filename, size, the
server's bingeGroup), the formatter text (addon.core.stream_text), then the file name when a stream still lacks its
key fields (addon.core.release_names: the token rules for plain scene names, guessit for every other name within a
budget per list), and the name's [XX⚡] service tag. The URL is never part of any key. Pure.
"""
from __future__ import annotations

from addon.core import json_values, release_names, stream_text
from addon.core.release_names import normalize_codec, normalize_resolution
from addon.core.stream_model import ERROR, EXTERNAL, NOTICES, P2P, PLAYABLE, STATISTIC, Stream, StreamList, classify

GUESSIT_BUDGET = 40   # names the token rules cannot read, parsed with guessit per list (7-10 ms each)


def parse_streams(raws, budget=GUESSIT_BUDGET) -> StreamList:
    """Parse a Stremio `streams` list (server order kept in Stream.index)."""
    return _finish([parse_stream(raw, index) for index, raw in enumerate(json_values.items(raws))
                    if isinstance(raw, dict)], [], budget)


def parse_search(data, budget=GUESSIT_BUDGET) -> StreamList:
    """Parse the `data` of /api/v1/search: results plus its separate errors and statistics."""
    data = json_values.mapping(data)
    streams = [parse_search_result(raw, index) for index, raw in enumerate(json_values.items(data.get('results')))
               if isinstance(raw, dict)]
    extra = [(ERROR, json_values.text(item.get('title')), json_values.text(item.get('description')))
             for item in json_values.items(data.get('errors')) if isinstance(item, dict)]
    extra += [(STATISTIC, json_values.text(item.get('title')), json_values.text(item.get('description')))
              for item in json_values.items(data.get('statistics')) if isinstance(item, dict)]
    return _finish(streams, extra, budget)


def _finish(streams, extra_notices, budget) -> StreamList:
    result = StreamList(playable=[], notices=[])
    for stream in streams:
        if stream.kind in NOTICES:
            result.notices.append((stream.kind, stream.name, stream.message or stream.description))
        elif stream.kind == PLAYABLE:
            result.playable.append(stream)
        elif stream.kind == P2P:
            result.p2p += 1
        elif stream.kind != EXTERNAL:
            result.unsupported += 1
    result.notices.extend(extra_notices)
    for stream in result.playable:
        budget = _complete(stream, budget)
    return result


def parse_stream(raw, index=0) -> Stream:
    """One item of GET {base}/stream/...: streamData first, then behaviorHints; text fallbacks come later."""
    stream = Stream(index, classify(raw))
    stream.name = json_values.text(raw.get('name'))
    stream.description = json_values.text(raw.get('description') or raw.get('title'))
    stream.url = json_values.text(raw.get('url')) if stream.kind == PLAYABLE else None
    hints = json_values.mapping(raw.get('behaviorHints'))
    stream.headers = _headers(json_values.mapping(hints.get('proxyHeaders')).get('request'))
    stream.subtitles = [item for item in json_values.items(raw.get('subtitles')) if isinstance(item, dict)]
    data = json_values.mapping(raw.get('streamData'))
    if stream.kind == ERROR:
        error = json_values.mapping(data.get('error'))
        stream.name = json_values.text(error.get('title')) or stream.name
        stream.message = json_values.text(error.get('description')) or stream.description
    _apply_structured(stream, data, json_values.mapping(data.get('service')),
                      json_values.mapping(data.get('torrent')))
    stream.fill('filename', json_values.text(hints.get('filename')))
    stream.fill('size', json_values.positive_int(hints.get('videoSize')))
    _apply_binge_group(stream, json_values.text(hints.get('bingeGroup')))
    return stream


def parse_search_result(raw, index=0) -> Stream:
    """One SearchApiResult of /api/v1/search (service is a plain id string there)."""
    stream = Stream(index, classify(raw, search_result=True))
    stream.name = json_values.text(raw.get('name'))
    stream.description = json_values.text(raw.get('description'))
    stream.url = json_values.text(raw.get('url')) if stream.kind == PLAYABLE else None
    stream.headers = _headers(raw.get('requestHeaders'))
    stream.subtitles = [item for item in json_values.items(raw.get('subtitles')) if isinstance(item, dict)]
    _apply_structured(stream, raw, {'id': raw.get('service'), 'cached': raw.get('cached')},
                      {'seeders': raw.get('seeders')})
    _apply_binge_group(stream, json_values.text(raw.get('bingeGroup')))
    return stream


def _apply_structured(stream, data, service, torrent):
    """Fields shared by streamData and SearchApiResult, plus their parsedFile."""
    stream.filename = json_values.text(data.get('filename'))
    stream.size = json_values.positive_int(data.get('size'))
    stream.addon = json_values.text(data.get('addon'))
    stream.indexer = json_values.text(data.get('indexer'))
    stream.proxied = json_values.flag(data.get('proxied'))
    stream.library = json_values.flag(data.get('library'))
    stream.age_hours = json_values.number(data.get('age'))
    stream.duration_ms = json_values.number(data.get('duration'))
    stream.stream_id = json_values.text(data.get('id'))
    stream.service = json_values.text(service.get('id'))
    stream.cached = json_values.flag(service.get('cached'))
    stream.seeders = json_values.positive_int(torrent.get('seeders'), allow_zero=True)
    if stream.kind in NOTICES:
        stream.message = stream.message or json_values.text(data.get('message')) or stream.description
    parsed = json_values.mapping(data.get('parsedFile'))
    stream.resolution = normalize_resolution(parsed.get('resolution'))
    stream.quality = json_values.text(parsed.get('quality'))
    stream.codec = normalize_codec(parsed.get('encode'))
    stream.release_group = json_values.text(parsed.get('releaseGroup'))
    stream.visual_tags = json_values.strings(parsed.get('visualTags'))
    stream.audio = json_values.strings(parsed.get('audioTags')) + json_values.strings(parsed.get('audioChannels'))
    stream.languages = json_values.strings(parsed.get('languages'))


def _apply_binge_group(stream, binge_group):
    """The server's default bingeGroup is com.aiostreams.viren070|<resolution>|<quality>|<releaseGroup>."""
    stream.binge_group = binge_group
    if not binge_group or not binge_group.startswith('com.aiostreams'):
        return
    parts = binge_group.split('|')
    stream.fill('resolution', normalize_resolution(parts[1]) if len(parts) > 1 else None)
    stream.fill('quality', json_values.text(parts[2]) if len(parts) > 2 else None)
    stream.fill('release_group', json_values.text(parts[3]) if len(parts) > 3 else None)


def _complete(stream, budget) -> int:
    """Fill what structured data left open: formatter text, then the file name (the token rules when they read
    every word of it, else guessit while the budget lasts: a name guessit already read costs nothing), the token
    rules on the remaining text, the name tag."""
    stream_text.apply_formatter_text(stream)
    if stream.filename and _lacks_key_fields(stream):
        reading = release_names.read_plain_name(stream.filename)
        if reading is None and budget > 0:
            parsed_before = release_names.guess_filename.cache_info().misses
            reading = release_names.guess_filename(stream.filename)
            budget -= release_names.guess_filename.cache_info().misses - parsed_before
        if reading is not None:
            stream.fill_from_name(reading)
    for text in (stream.filename, stream.name, stream.description):
        if text and _lacks_key_fields(stream):
            stream.fill_from_name(release_names.guess_tokens(text))
    stream_text.apply_name_tag(stream)
    return budget


def _lacks_key_fields(stream) -> bool:
    return not (stream.resolution and stream.quality and stream.codec)


def _headers(value) -> dict:
    return {str(key): str(item) for key, item in json_values.mapping(value).items()
            if json_values.text(key) and item is not None}
