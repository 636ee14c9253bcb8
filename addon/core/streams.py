"""Streams from the AIOStreams backend as plain data: classify, parse, filter and rank. Pure (no Kodi import).

Every field is optional. Sources, best first: /api/v1/search results, `streamData` (parsedFile and its siblings),
`behaviorHints` (filename, size, the server's bingeGroup), the formatter text (KEY: value lines of the seed's
recommended formatter, the default emoji formatter), then the file name when a stream still lacks its key fields
(cheap token rules for plain scene names they read word by word, guessit for every other name: imported only then),
and the name's [XX⚡] service tag. The URL is never part of any key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

PLAYABLE = 'playable'
P2P = 'p2p'
EXTERNAL = 'external'
ERROR = 'error'
STATISTIC = 'statistic'
YOUTUBE = 'youtube'
UNSUPPORTED = 'unsupported'
NON_CONTENT = (ERROR, STATISTIC, EXTERNAL)

# Resolution -> rank (higher is better); unknown resolution ranks 0.
RESOLUTION_RANKS = {'4320p': 500, '2160p': 400, '1440p': 350, '1080p': 300, '720p': 200, '576p': 120,
                    '480p': 100, '360p': 30, '240p': 10}
# Values of the preferred_quality / min_quality settings -> rank.
SETTING_RANKS = {'4k': 400, '1080p': 300, '720p': 200, '480p': 100, '360p': 30, '240p': 10}
_RESOLUTION_ALIASES = {'4k': '2160p', 'uhd': '2160p', '2160': '2160p', '8k': '4320p', '1080i': '1080p',
                       'fhd': '1080p', '2k': '1440p', '576i': '576p', '480i': '480p', 'sd': '480p'}
_RESOLUTION_WORD = re.compile(r'(?<![a-z0-9])(4320p|2160p|1440p|1080p|1080i|720p|576p|480p|360p|240p|4k|8k|uhd)'
                              r'(?![a-z0-9])', re.I)

SERVICE_CODES = {'rd': 'realdebrid', 'ad': 'alldebrid', 'pm': 'premiumize', 'tb': 'torbox', 'dl': 'debridlink',
                 'ed': 'easydebrid', 'en': 'easynews', 'oc': 'offcloud', 'pkp': 'pikpak', 'pp': 'pikpak',
                 'po': 'putio', 'put': 'putio', 'sr': 'seedr', 'sdr': 'seedr', 'dr': 'debrider', 'nd': 'nzbdav',
                 'am': 'altmount', 'tr': 'torrin'}
SERVICE_NAMES = {'realdebrid': 'RD', 'alldebrid': 'AD', 'premiumize': 'PM', 'torbox': 'TB', 'debridlink': 'DL',
                 'easydebrid': 'ED', 'easynews': 'EN', 'offcloud': 'OC', 'pikpak': 'PKP', 'putio': 'PUT',
                 'seedr': 'SDR', 'debrider': 'DR', 'nzbdav': 'NZBDAV', 'altmount': 'ALTMOUNT',
                 'stremio_nntp': 'NNTP', 'stremthru_newz': 'NEWZ', 'aiostreams': 'AIO', 'torrin': 'TORRIN'}

GUESSIT_BUDGET = 40   # names the token rules cannot read, parsed with guessit per list (7-10 ms each)
_guess_cache: dict = {}
_GUESS_CACHE_LIMIT = 2000


class Stream:
    """One stream with its display and ranking fields (None / [] when unknown)."""

    __slots__ = ('index', 'kind', 'name', 'description', 'url', 'headers', 'filename', 'resolution', 'quality',
                 'visual_tags', 'codec', 'audio', 'size', 'languages', 'service', 'cached', 'seeders', 'addon',
                 'release_group', 'indexer', 'proxied', 'library', 'age_hours', 'duration_ms', 'binge_group',
                 'message', 'subtitles', 'stream_id')
    _LISTS = ('visual_tags', 'audio', 'languages', 'subtitles')

    def __init__(self, index=0, kind=PLAYABLE):
        for field in self.__slots__:
            setattr(self, field, [] if field in self._LISTS else None)
        self.index = index
        self.kind = kind
        self.headers = {}

    def __repr__(self):
        return 'Stream(%d, %s, %s, %s)' % (self.index, self.kind, self.resolution, self.provider_key)

    @property
    def quality_rank(self) -> int:
        return RESOLUTION_RANKS.get(self.resolution or '', 0)

    @property
    def provider_key(self) -> str:
        """addon|service|release group, lower-case: stable across plays (the URL changes every time)."""
        parts = [self.addon or '', self.service or '', self.release_group or '']
        if not any(parts):
            return 'name|' + _name_stem(self.name or self.description or '')
        return '|'.join(_key_part(part) for part in parts)

    @property
    def play_url(self) -> str | None:
        """The URL with proxy request headers the Kodi way: url|Header=value&... (values URL-encoded)."""
        if not self.url:
            return None
        return self.url + header_suffix(self.headers)

    def to_dict(self) -> dict:
        return {field: getattr(self, field) for field in self.__slots__}

    @classmethod
    def from_dict(cls, data) -> Stream:
        stream = cls(int(data.get('index') or 0), data.get('kind') or PLAYABLE)
        for field in cls.__slots__:
            if field in data and data[field] is not None:
                setattr(stream, field, data[field])
        return stream


@dataclass
class StreamList:
    """Result of parsing one backend answer."""
    playable: list
    p2p: int = 0
    unsupported: int = 0
    notices: list = None   # [(kind, title, description)] of error and statistic items, in server order

    @property
    def errors(self) -> list:
        return [notice for notice in self.notices or [] if notice[0] == ERROR]


@dataclass
class RankOptions:
    """The user's choices that shape the list (see options_from_settings in addon.play.playback)."""
    preferred_quality: str = 'any'
    min_quality: str = None           # None: no minimum (filter_low_quality off)
    max_streams: int = 20
    keep_server_order: bool = False
    learn_preferences: bool = True


# ---- classification -------------------------------------------------------------------------------------------

def classify(raw) -> str:
    """The kind of one stream object (aiostreams-api.md §7 order): error, statistic, external, playable, p2p..."""
    data = _dict(raw.get('streamData'))
    if data.get('type') in (ERROR, STATISTIC):
        return data['type']
    if _text(raw.get('url')):
        return PLAYABLE
    if _text(raw.get('externalUrl')):
        return EXTERNAL
    if _text(raw.get('infoHash')):
        return P2P
    if _text(raw.get('ytId')):
        return YOUTUBE
    return UNSUPPORTED


def header_suffix(headers) -> str:
    """'|H1=v1&H2=v2' for Kodi's URL header syntax (values percent-encoded), '' without headers."""
    pairs = ['%s=%s' % (quote(str(key), safe='-_'), quote(str(value), safe=''))
             for key, value in (headers or {}).items() if key and value is not None]
    return '|' + '&'.join(pairs) if pairs else ''


# ---- parsing --------------------------------------------------------------------------------------------------

def parse_streams(raws, budget=GUESSIT_BUDGET) -> StreamList:
    """Parse a Stremio `streams` list (server order kept in Stream.index)."""
    return _finish([parse_stream(raw, index) for index, raw in enumerate(_list(raws)) if isinstance(raw, dict)],
                   [], budget)


def parse_search(data, budget=GUESSIT_BUDGET) -> StreamList:
    """Parse the `data` of /api/v1/search: results plus its separate errors and statistics."""
    data = _dict(data)
    streams = [parse_search_result(raw, index) for index, raw in enumerate(_list(data.get('results')))
               if isinstance(raw, dict)]
    extra = [(ERROR, _text(item.get('title')), _text(item.get('description')))
             for item in _list(data.get('errors')) if isinstance(item, dict)]
    extra += [(STATISTIC, _text(item.get('title')), _text(item.get('description')))
              for item in _list(data.get('statistics')) if isinstance(item, dict)]
    return _finish(streams, extra, budget)


def _finish(streams, extra_notices, budget) -> StreamList:
    result = StreamList(playable=[], notices=[])
    for stream in streams:
        if stream.kind in (ERROR, STATISTIC):
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
    stream.name = _text(raw.get('name'))
    stream.description = _text(raw.get('description') or raw.get('title'))
    stream.url = _text(raw.get('url')) if stream.kind == PLAYABLE else None
    hints = _dict(raw.get('behaviorHints'))
    stream.headers = _headers(_dict(hints.get('proxyHeaders')).get('request'))
    stream.subtitles = [item for item in _list(raw.get('subtitles')) if isinstance(item, dict)]
    data = _dict(raw.get('streamData'))
    if stream.kind == ERROR:
        error = _dict(data.get('error'))
        stream.name = _text(error.get('title')) or stream.name
        stream.message = _text(error.get('description')) or stream.description
    _apply_structured(stream, data, _dict(data.get('service')), _dict(data.get('torrent')))
    _fill(stream, 'filename', _text(hints.get('filename')))
    _fill(stream, 'size', _positive_int(hints.get('videoSize')))
    _apply_binge_group(stream, _text(hints.get('bingeGroup')))
    return stream


def parse_search_result(raw, index=0) -> Stream:
    """One SearchApiResult of /api/v1/search (service is a plain id string there)."""
    stream = Stream(index, classify(raw))
    stream.name = _text(raw.get('name'))
    stream.description = _text(raw.get('description'))
    stream.url = _text(raw.get('url')) if stream.kind == PLAYABLE else None
    stream.headers = _headers(raw.get('requestHeaders'))
    stream.subtitles = [item for item in _list(raw.get('subtitles')) if isinstance(item, dict)]
    _apply_structured(stream, raw, {'id': raw.get('service'), 'cached': raw.get('cached')},
                      {'seeders': raw.get('seeders')})
    _apply_binge_group(stream, _text(raw.get('bingeGroup')))
    return stream


def _apply_structured(stream, data, service, torrent):
    """Fields shared by streamData and SearchApiResult, plus their parsedFile."""
    stream.filename = _text(data.get('filename'))
    stream.size = _positive_int(data.get('size'))
    stream.addon = _text(data.get('addon'))
    stream.indexer = _text(data.get('indexer'))
    stream.proxied = _bool(data.get('proxied'))
    stream.library = _bool(data.get('library'))
    stream.age_hours = _number(data.get('age'))
    stream.duration_ms = _number(data.get('duration'))
    stream.stream_id = _text(data.get('id'))
    stream.service = _text(service.get('id'))
    stream.cached = _bool(service.get('cached'))
    stream.seeders = _positive_int(torrent.get('seeders'), allow_zero=True)
    if stream.kind == STATISTIC or stream.kind == ERROR:
        stream.message = stream.message or stream.description
    parsed = _dict(data.get('parsedFile'))
    stream.resolution = normalize_resolution(parsed.get('resolution'))
    stream.quality = _text(parsed.get('quality'))
    stream.codec = normalize_codec(parsed.get('encode'))
    stream.release_group = _text(parsed.get('releaseGroup'))
    stream.visual_tags = _strings(parsed.get('visualTags'))
    stream.audio = _strings(parsed.get('audioTags')) + _strings(parsed.get('audioChannels'))
    stream.languages = _strings(parsed.get('languages'))


def _apply_binge_group(stream, binge_group):
    """The server's default bingeGroup is com.aiostreams.viren070|<resolution>|<quality>|<releaseGroup>."""
    stream.binge_group = binge_group
    if not binge_group or not binge_group.startswith('com.aiostreams'):
        return
    parts = binge_group.split('|')
    _fill(stream, 'resolution', normalize_resolution(parts[1]) if len(parts) > 1 else None)
    _fill(stream, 'quality', _text(parts[2]) if len(parts) > 2 else None)
    _fill(stream, 'release_group', _text(parts[3]) if len(parts) > 3 else None)


def _complete(stream, budget) -> int:
    """Fill what structured data left open: formatter lines, then the file name (the token rules when they read
    every word of it, else guessit within the budget), token rules on the remaining text, the name tag."""
    _apply_formatter_lines(stream)
    _apply_emoji_formatter(stream)
    if stream.filename and _lacks_key_fields(stream):
        guessed = read_plain_name(stream.filename) or _guess_cache.get(stream.filename)
        if guessed is None and budget > 0:
            budget -= 1
            guessed = guess_filename(stream.filename)
        if guessed is not None:
            _apply_guess(stream, guessed)
    for text in (stream.filename, stream.name, stream.description):
        if text and _lacks_key_fields(stream):
            _apply_guess(stream, guess_tokens(text))
    _apply_name_tag(stream)
    return budget


def _lacks_key_fields(stream) -> bool:
    return not (stream.resolution and stream.quality and stream.codec)


def _apply_guess(stream, guessed):
    for field in ('resolution', 'quality', 'codec', 'release_group'):
        _fill(stream, field, guessed.get(field))
    for field in ('visual_tags', 'audio', 'languages'):
        if not getattr(stream, field) and guessed.get(field):
            setattr(stream, field, list(guessed[field]))


# ---- formatter text -------------------------------------------------------------------------------------------

_LINE = re.compile(r'^\s*([A-Z][A-Z ]{1,14}):\s*(.+?)\s*$', re.M)
_SIZE = re.compile(r'(\d+(?:[.,]\d+)?)\s*(TB|GB|MB|KB|GiB|MiB|TiB|KiB)\b', re.I)
_UNITS = {'k': 1024, 'm': 1024 ** 2, 'g': 1024 ** 3, 't': 1024 ** 4}
_YES = ('yes', 'true', 'y', '1', '\u2713', '\u2714', '\u26a1', 'cached')
_NO = ('no', 'false', 'n', '0', '\u2717', '\u2718', '\u23f3', 'uncached')


def parse_size(text) -> int | None:
    """'6.98 GB' -> bytes (binary units, as AIOStreams formats them)."""
    match = _SIZE.search(text or '')
    if not match:
        return None
    return int(float(match.group(1).replace(',', '.')) * _UNITS[match.group(2)[0].lower()])


def _apply_formatter_lines(stream):
    """The seed README's formatter: lines RESOLUTION:, SERVICE:, ADDON:, SIZE:, CACHED:, VIDEO:, AUDIO: ..."""
    text = '\n'.join(part for part in (stream.name, stream.description) if part)
    if ':' not in text:
        return
    for key, value in _LINE.findall(text):
        key = key.strip()
        if key == 'RESOLUTION':
            _fill(stream, 'resolution', normalize_resolution(value))
        elif key == 'SERVICE':
            _fill(stream, 'service', normalize_service(value))
        elif key == 'ADDON':
            _fill(stream, 'addon', value)
        elif key == 'SIZE':
            _fill(stream, 'size', parse_size(value))
        elif key in ('QUALITY', 'SOURCE'):
            _fill(stream, 'quality', value)
        elif key == 'INDEXER':
            _fill(stream, 'indexer', value)
        elif key == 'FILENAME':
            _fill(stream, 'filename', value)
        elif key in ('CACHED', 'PROXIED', 'IN LIBRARY'):
            field = {'CACHED': 'cached', 'PROXIED': 'proxied', 'IN LIBRARY': 'library'}[key]
            _fill(stream, field, _yes_no(value))
        elif key == 'DURATION':
            _fill(stream, 'duration_ms', _duration_ms(value))
        elif key in ('VIDEO', 'AUDIO', 'LANGUAGES', 'GROUP', 'SEEDERS'):
            _apply_formatter_value(stream, key, value)


def _apply_formatter_value(stream, key, value):
    if key == 'VIDEO':
        _apply_guess(stream, guess_tokens(value))
    elif key == 'AUDIO' and not stream.audio:
        stream.audio = guess_tokens(value).get('audio') or _split_list(value)
    elif key == 'LANGUAGES' and not stream.languages:
        stream.languages = _split_list(value)
    elif key == 'GROUP':
        _fill(stream, 'release_group', value)
    elif key == 'SEEDERS':
        _fill(stream, 'seeders', _positive_int(re.sub(r'\D', '', value), allow_zero=True))


# The default AIOStreams formatter marks fields with emoji (variation selectors optional).
_EMOJI_FIELDS = {'\U0001f3a5': 'quality', '\U0001f39e': 'codec', '\U0001f3f7': 'release_group',
                 '\U0001f4fa': 'visual', '\U0001f3a7': 'audio', '\U0001f50a': 'channels', '\U0001f4e6': 'size',
                 '\U0001f465': 'seeders', '\U0001f331': 'seeders', '\U0001f50d': 'indexer',
                 '\U0001f30e': 'languages', '\U0001f310': 'languages', '\U0001f30d': 'languages',
                 '\U0001f4c1': 'filename', '\u23f1': 'duration'}
_EMOJI = re.compile('(%s)\ufe0f?\\s*' % '|'.join(_EMOJI_FIELDS))


def _apply_emoji_formatter(stream):
    text = stream.description or ''
    if not _EMOJI.search(text):
        return
    for line in text.split('\n'):
        pieces = _EMOJI.split(line)
        for marker, value in zip(pieces[1::2], pieces[2::2]):
            _apply_emoji_field(stream, _EMOJI_FIELDS[marker], value.strip().strip('|').strip())


def _apply_emoji_field(stream, field, value):
    if not value:
        return
    if field in ('quality', 'release_group', 'indexer', 'filename'):
        _fill(stream, field, value)
    elif field == 'codec':
        _fill(stream, 'codec', normalize_codec(value))
    elif field == 'visual' and not stream.visual_tags:
        stream.visual_tags = _split_list(value)
    elif field == 'audio' and not stream.audio:
        stream.audio = _split_list(value)
    elif field == 'channels' and not any(_CHANNELS.fullmatch(item) for item in stream.audio):
        stream.audio = stream.audio + _split_list(value)
    elif field == 'size':
        _fill(stream, 'size', parse_size(value))
    elif field == 'seeders':
        _fill(stream, 'seeders', _positive_int(re.sub(r'\D', '', value), allow_zero=True))
    elif field == 'languages' and not stream.languages:
        stream.languages = _split_list(value)
    elif field == 'duration':
        _fill(stream, 'duration_ms', _duration_ms(value))


# "[RD⚡] Torrentio 2160p", "[TB⏳] Comet", "[RD+] Torrentio": service code, cached mark, then the addon name.
_NAME_TAG = re.compile(r'^\s*\[([A-Za-z0-9]{1,6})\s*(\u26a1|\u23f3|\+|\u2601\ufe0f?)?\s*\]\s*(.*)$')


def _apply_name_tag(stream):
    first_line = (stream.name or '').split('\n', 1)[0]
    match = _NAME_TAG.match(first_line)
    if match:
        code, mark, rest = match.groups()
        _fill(stream, 'service', SERVICE_CODES.get(code.lower()))
        if mark in ('\u26a1', '+'):
            _fill(stream, 'cached', True)
        elif mark == '\u23f3':
            _fill(stream, 'cached', False)
        first_line = rest
    if not stream.addon:
        stem = _addon_from_name(first_line)
        if stem and len(stem) <= 40 and not stem.startswith('['):
            stream.addon = stem


_NAME_NOISE = re.compile('[\U0001F000-\U0001FAFF\u2600-\u27BF\ufe0f\u200d]|\\b\\d+(?:[.,]\\d+)?\\b')


def _addon_from_name(first_line) -> str:
    """'Torrentio 2160p' -> 'Torrentio': the formatter's first line without resolution, size and numbers."""
    text = _NAME_NOISE.sub(' ', _SIZE.sub(' ', _RESOLUTION_WORD.sub(' ', first_line)))
    return re.sub(r'\s+', ' ', text).strip(' -|:\u2022')


# ---- file names -----------------------------------------------------------------------------------------------

_SOURCES = ((re.compile(r'\bremux\b', re.I), 'BluRay REMUX'), (re.compile(r'\bblu-?ray\b|\bbd(?:rip)?\b|\bbrrip\b',
            re.I), 'BluRay'), (re.compile(r'\bweb-?dl\b', re.I), 'WEB-DL'), (re.compile(r'\bweb-?rip\b', re.I),
            'WEBRip'), (re.compile(r'\bweb\b', re.I), 'WEB-DL'), (re.compile(r'\bhdtv\b', re.I), 'HDTV'),
            (re.compile(r'\bdvd(?:rip)?\b', re.I), 'DVDRip'), (re.compile(r'\bhdrip\b', re.I), 'HDRip'),
            (re.compile(r'\b(?:hd)?cam(?:rip)?\b', re.I), 'CAM'), (re.compile(r'\b(?:hd)?ts\b|\btelesync\b', re.I),
                                                                   'TS'))
_CODECS = ((re.compile(r'\b(?:x[ .]?265|h[ .]?265|hevc)\b', re.I), 'HEVC'),
           (re.compile(r'\b(?:x[ .]?264|h[ .]?264|avc)\b', re.I), 'AVC'), (re.compile(r'\bav1\b', re.I), 'AV1'),
           (re.compile(r'\bvp9\b', re.I), 'VP9'), (re.compile(r'\bxvid\b', re.I), 'XviD'),
           (re.compile(r'\bmpeg-?2\b', re.I), 'MPEG-2'))
_VISUAL = ((re.compile(r'\b(?:dv|dovi|dolby[ .]?vision)\b', re.I), 'DV'),
           (re.compile(r'\bhdr10(?:\+|plus)', re.I), 'HDR10+'), (re.compile(r'\bhdr10\b', re.I), 'HDR10'),
           (re.compile(r'\bhdr\b', re.I), 'HDR'), (re.compile(r'\b10[ .-]?bit\b', re.I), '10bit'),
           (re.compile(r'\bimax\b', re.I), 'IMAX'))
_AUDIO = ((re.compile(r'\batmos\b', re.I), 'Atmos'), (re.compile(r'\btrue-?hd\b', re.I), 'TrueHD'),
          (re.compile(r'\bdts-?hd(?:[ .-]?ma)?\b', re.I), 'DTS-HD'), (re.compile(r'\bdts-?x\b', re.I), 'DTS:X'),
          (re.compile(r'\bdts\b', re.I), 'DTS'), (re.compile(r'\b(?:ddp|dd\+|e-?ac-?3)', re.I), 'DD+'),
          (re.compile(r'\b(?:dd|ac-?3)(?=\d|\b)', re.I), 'DD'), (re.compile(r'\baac(?=\d|\b)', re.I), 'AAC'),
          (re.compile(r'\bflac\b', re.I), 'FLAC'), (re.compile(r'\bopus\b', re.I), 'Opus'),
          (re.compile(r'\bmp3\b', re.I), 'MP3'))
_CHANNELS = re.compile(r'[1-9]\.[0-2]')
_CHANNELS_IN_NAME = re.compile(r'(?<!\d)([1-9])[ .]([0-2])(?!\d)')
_NOT_GROUPS = {'dl', 'rip', 'hd', 'x264', 'x265', 'h264', 'h265', 'hevc', 'avc', 'web', 'bluray', 'ray', 'ma',
               'hdr', 'hdr10', 'dv', 'sd', 'hq', 'mkv', 'mp4'}
_GROUP = re.compile(r'-([A-Za-z0-9][A-Za-z0-9_]{1,24})(?:\[[^\]]*\])?(?:\.[a-z0-9]{2,4})?\s*$')


def guess_tokens(text) -> dict:
    """Cheap, word-bounded token rules over a file name or a formatter line (never 'HD' inside 'HDR')."""
    text = text or ''
    words = re.sub(r'[._]', ' ', text)
    found = {'resolution': None, 'quality': None, 'codec': None, 'release_group': None, 'visual_tags': [],
             'audio': [], 'languages': []}
    match = _RESOLUTION_WORD.search(words)
    if match:
        found['resolution'] = normalize_resolution(match.group(1))
    found['quality'] = next((label for pattern, label in _SOURCES if pattern.search(words)), None)
    found['codec'] = next((label for pattern, label in _CODECS if pattern.search(words)), None)
    found['visual_tags'] = _first_labels(_VISUAL, words, exclusive=(('HDR10+', 'HDR10', 'HDR'),))
    found['audio'] = _first_labels(_AUDIO, words, exclusive=(('DTS-HD', 'DTS:X', 'DTS'), ('DD+', 'DD')))
    channels = _CHANNELS_IN_NAME.search(text)
    if channels and found['audio']:
        found['audio'].append('%s.%s' % channels.groups())
    group = _GROUP.search(text.strip())
    if group and group.group(1).lower() not in _NOT_GROUPS and not _RESOLUTION_WORD.fullmatch(group.group(1)):
        found['release_group'] = group.group(1)
    return found


def _first_labels(rules, text, exclusive=()):
    labels = [label for pattern, label in rules if pattern.search(text)]
    for family in exclusive:
        present = [label for label in family if label in labels]
        for extra in present[1:]:
            labels.remove(extra)
    return labels


# A name the token rules read alone: a resolution, and after it only words they know or that carry nothing we show
# (year, streaming service, edition, repack...). Language words anywhere, or any other word after the resolution,
# leave the name to guessit (languages are guessit's alone).
_LANGUAGE_WORD = re.compile(
    r'\b(?:multi\w*|dual|dub(?:bed|lado)?|sub(?:s|bed)?|vost\w*|vo|vf[fqi]?|truefrench|french|fre|fr|german|ger|'
    r'deutsch|de|italian|ita|it|spanish|spa|esp|es|castellano|latino|lat|russian|rus|ru|ukr\w*|polish|pol|pl|'
    r'hindi|hin|tamil|tam|telugu|tel|malayalam|kannada|bengali|punjabi|japanese|jpn|jap|ja|korean|kor|ko|chinese|'
    r'chi|chs|cht|zh|mandarin|cantonese|portuguese|por|pt|ptbr|pt-br|brazilian|dutch|nl|flemish|swedish|swe|'
    r'danish|dan|norwegian|nor|finnish|fin|nordic|icelandic|turkish|tur|arabic|ara|hebrew|heb|persian|farsi|'
    r'czech|cze|cz|slovak|hungarian|hun|romanian|rum|ron|greek|gre|bulgarian|bul|croatian|serbian|thai|'
    r'vietnamese|vie|indonesian|ind|malay|tagalog|filipino|english|eng|en)\b', re.I)
_HARMLESS_WORDS = re.compile(
    r'\b(?:(?:19|20)\d\d|proper|repack\d?|rerip|real|internal|limited|extended|unrated|uncut|remastered|'
    r'theatrical|criterion|hybrid|complete|uhd|sdr|8bit|amzn|nf|dsnp|hmax|atvp|pcok|pmtp|hulu|max|stan|crav|'
    r'hbo|ma)\b', re.I)
_KNOWN_RULES = tuple(pattern for pattern, _ in _SOURCES + _CODECS + _VISUAL + _AUDIO) + (
    _RESOLUTION_WORD, _CHANNELS_IN_NAME, _HARMLESS_WORDS)
_EXTENSION = re.compile(r'\.[a-z0-9]{2,4}$', re.I)


def read_plain_name(filename) -> dict | None:
    """guess_tokens' reading of a file name whose every word after the resolution the rules know, else None."""
    name = _EXTENSION.sub('', filename.strip())
    group = _GROUP.search(name)
    if group:
        name = name[:group.start()]
    words = re.sub(r'[._]', ' ', name)
    resolution = _RESOLUTION_WORD.search(words)
    if not resolution or words.startswith('[') or _LANGUAGE_WORD.search(words):  # [Group] Title: guessit's
        return None
    rest = words[resolution.start():]
    for pattern in _KNOWN_RULES:
        rest = pattern.sub(' ', rest)
    if re.search(r'[^\W_]', rest):
        return None
    return guess_tokens(filename)


# Properties we never show: excluding them makes guessit ~25 % faster with the same reading of every field we use
# (checked on the unit tests' names; title, year, episode, container and colour depth stay: they shape the rest).
_GUESSIT_UNUSED = ['aspect_ratio', 'audio_bit_rate', 'audio_profile', 'bonus', 'bonus_title', 'cd', 'cd_count',
                   'country', 'date', 'disc', 'disc_count', 'edition', 'episode_count', 'episode_details', 'film',
                   'film_series', 'film_title', 'frame_rate', 'mimetype', 'part', 'proper_count', 'season_count',
                   'size', 'streaming_service', 'subtitle_language', 'uuid', 'version', 'video_api',
                   'video_bit_rate', 'video_profile', 'website', 'week']
_GUESSIT_SOURCES = {'Web': 'WEB-DL', 'Blu-ray': 'BluRay', 'Ultra HD Blu-ray': 'BluRay', 'HDTV': 'HDTV',
                    'DVD': 'DVDRip', 'Camera': 'CAM', 'HD Camera': 'CAM', 'Telesync': 'TS', 'HD Telesync': 'TS'}
_GUESSIT_AUDIO = {'Dolby Digital Plus': 'DD+', 'Dolby Digital': 'DD', 'Dolby TrueHD': 'TrueHD', 'Dolby Atmos': 'Atmos',
                  'DTS-HD': 'DTS-HD', 'DTS:X': 'DTS:X', 'DTS': 'DTS', 'AAC': 'AAC', 'FLAC': 'FLAC', 'Opus': 'Opus',
                  'MP3': 'MP3'}
_GUESSIT_VISUAL = {'Dolby Vision': 'DV', 'HDR10+': 'HDR10+', 'HDR10': 'HDR10', 'HDR': 'HDR', 'IMAX': 'IMAX'}


def guess_filename(filename) -> dict:
    """Parse a release file name with guessit (imported here: it is slow). Results are cached per name."""
    import guessit
    try:
        info = dict(guessit.guessit(filename, {'excludes': _GUESSIT_UNUSED}))
    except Exception:  # guessit raises assorted errors on odd names; the token rules still apply
        info = {}
    other = _as_list(info.get('other'))
    source = _GUESSIT_SOURCES.get(str(info.get('source') or ''))
    if source == 'WEB-DL' and 'Rip' in other:
        source = 'WEBRip'
    if source == 'BluRay' and 'Remux' in other:
        source = 'BluRay REMUX'
    audio = [_GUESSIT_AUDIO.get(str(codec), str(codec)) for codec in _as_list(info.get('audio_codec'))]
    if audio and info.get('audio_channels'):
        audio.append(str(info['audio_channels']))
    guessed = {
        'resolution': normalize_resolution(info.get('screen_size')),
        'quality': source,
        'codec': normalize_codec(info.get('video_codec')),
        'release_group': _text(info.get('release_group')),
        'visual_tags': [_GUESSIT_VISUAL[tag] for tag in other if tag in _GUESSIT_VISUAL],
        'audio': audio,
        'languages': [_language_name(lang) for lang in _as_list(info.get('language'))],
    }
    if len(_guess_cache) >= _GUESS_CACHE_LIMIT:
        _guess_cache.clear()
    _guess_cache[filename] = guessed
    return guessed


def _language_name(language) -> str:
    code = getattr(language, 'alpha3', '')
    if code == 'mul':
        return 'Multi'
    return getattr(language, 'name', None) or str(language)


# ---- normalisation --------------------------------------------------------------------------------------------

def normalize_resolution(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    text = text.lower()
    text = _RESOLUTION_ALIASES.get(text, text)
    if text in RESOLUTION_RANKS:
        return text
    match = _RESOLUTION_WORD.search(text)
    if match:
        found = match.group(1).lower()
        return _RESOLUTION_ALIASES.get(found, found)
    return None


def normalize_codec(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    return next((label for pattern, label in _CODECS if pattern.search(text)), text)


def normalize_service(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    compact = re.sub(r'[^a-z0-9_]', '', text.lower())
    return SERVICE_CODES.get(compact) or compact or None


# ---- filtering and ranking ------------------------------------------------------------------------------------

def filter_streams(streams, options) -> tuple:
    """(kept, hidden_count): drop streams below the minimum quality. Unknown resolutions are kept."""
    minimum = SETTING_RANKS.get(options.min_quality or '', 0)
    if not minimum:
        return list(streams), 0
    kept = [stream for stream in streams if not stream.quality_rank or stream.quality_rank >= minimum]
    return kept, len(streams) - len(kept)


def reliability_score(successes, failures) -> float:
    """Smoothed success rate in [0, 1]; 0.5 when nothing is known (Laplace's rule of succession)."""
    return (float(successes) + 1.0) / (float(successes) + float(failures) + 2.0)


def reliability_tier(stats) -> int:
    """3 good, 2 unknown or fair, 1 poor; stats = (successes, failures) or None."""
    if not stats or (stats[0] + stats[1]) <= 0:
        return 2
    score = reliability_score(*stats)
    return 3 if score >= 0.75 else 2 if score >= 0.5 else 1


def rank(streams, options, stats=None, picks=None) -> list:
    """Order streams: preferred quality first, then quality, reliability and learned preference; the server's
    order breaks ties. With keep_server_order only the preferred-quality boost moves streams."""
    stats = stats or {}
    picks = picks if (picks and options.learn_preferences) else {}
    preferred = SETTING_RANKS.get(options.preferred_quality or '', 0)

    if options.keep_server_order:
        def key(stream):
            return (bool(preferred) and stream.quality_rank != preferred, stream.index)
    else:
        def key(stream):
            provider = stream.provider_key
            return (bool(preferred) and stream.quality_rank != preferred, -stream.quality_rank,
                    -reliability_tier(stats.get(provider)), -picks.get(provider, 0), stream.index)
    return sorted(streams, key=key)


def choose(stream_list, options, stats=None, picks=None) -> tuple:
    """(ranked streams capped at max_streams, count hidden by the quality filter)."""
    kept, hidden = filter_streams(stream_list.playable, options)
    ranked = rank(kept, options, stats, picks)
    return ranked[:max(1, int(options.max_streams or 1))], hidden


# ---- small helpers --------------------------------------------------------------------------------------------

def _fill(stream, field, value):
    if getattr(stream, field) is None and value not in (None, ''):
        setattr(stream, field, value)


def _text(value) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _strings(value) -> list:
    return [str(item).strip() for item in _as_list(value) if _text(item)]


def _headers(value) -> dict:
    return {str(key): str(item) for key, item in _dict(value).items() if _text(key) and item is not None}


def _bool(value):
    return value if isinstance(value, bool) else None


def _yes_no(value):
    text = (value or '').strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _positive_int(value, allow_zero=False):
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 or (allow_zero and number == 0) else None


def _split_list(value) -> list:
    return [part.strip() for part in re.split(r'[|,/\u2022]', value) if part.strip()]


def _duration_ms(value):
    match = re.match(r'\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?', (value or '').lower())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


def _key_part(value) -> str:
    return re.sub(r'\s+', ' ', value.strip().lower()).replace('|', '/')


def _name_stem(text) -> str:
    """A formatter name without numbers and resolutions, as a last-resort provider key."""
    first_line = text.split('\n', 1)[0]
    return re.sub(r'\s+', ' ', re.sub(r'[\d.]+\s*(?:gb|mb|p)?', '', _RESOLUTION_WORD.sub('', first_line.lower()))
                  ).strip()[:60]
