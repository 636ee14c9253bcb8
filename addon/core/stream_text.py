"""The formatter text of a stream (its `name` and `description`), read only for what structured data left open:
the seed README's KEY: value lines, the default AIOStreams emoji formatter, and the name's [XX⚡] service tag.
Fragile by nature (it depends on the user's formatter): a last resort. Pure.
"""
from __future__ import annotations

import re

from addon.core import json_values
from addon.core.release_names import RESOLUTION_WORD, guess_tokens, normalize_codec, normalize_resolution
from addon.core.stream_model import SERVICE_CODES

_LINE = re.compile(r'^\s*([A-Z][A-Z ]{1,14}):\s*(.+?)\s*$', re.M)
_SIZE = re.compile(r'(\d+(?:[.,]\d+)?)\s*(TB|GB|MB|KB|GiB|MiB|TiB|KiB)\b', re.I)
_UNITS = {'k': 1024, 'm': 1024 ** 2, 'g': 1024 ** 3, 't': 1024 ** 4}
_YES = ('yes', 'true', 'y', '1', '\u2713', '\u2714', '\u26a1', 'cached')
_NO = ('no', 'false', 'n', '0', '\u2717', '\u2718', '\u23f3', 'uncached')
_CHANNELS = re.compile(r'[1-9]\.[0-2]')


def apply_formatter_text(stream):
    """Fill open fields from the formatter's KEY: value lines, then from its emoji-marked fields."""
    _apply_formatter_lines(stream)
    _apply_emoji_formatter(stream)


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
            stream.fill('resolution', normalize_resolution(value))
        elif key == 'SERVICE':
            stream.fill('service', normalize_service(value))
        elif key == 'ADDON':
            stream.fill('addon', value)
        elif key == 'SIZE':
            stream.fill('size', parse_size(value))
        elif key in ('QUALITY', 'SOURCE'):
            stream.fill('quality', value)
        elif key == 'INDEXER':
            stream.fill('indexer', value)
        elif key == 'FILENAME':
            stream.fill('filename', value)
        elif key in ('CACHED', 'PROXIED', 'IN LIBRARY'):
            field = {'CACHED': 'cached', 'PROXIED': 'proxied', 'IN LIBRARY': 'library'}[key]
            stream.fill(field, _yes_no(value))
        elif key == 'DURATION':
            stream.fill('duration_ms', _duration_ms(value))
        elif key in ('VIDEO', 'AUDIO', 'LANGUAGES', 'GROUP', 'SEEDERS'):
            _apply_formatter_value(stream, key, value)


def _apply_formatter_value(stream, key, value):
    if key == 'VIDEO':
        stream.fill_from_name(guess_tokens(value))
    elif key == 'AUDIO' and not stream.audio:
        stream.audio = guess_tokens(value).get('audio') or json_values.split_list(value)
    elif key == 'LANGUAGES' and not stream.languages:
        stream.languages = json_values.split_list(value)
    elif key == 'GROUP':
        stream.fill('release_group', value)
    elif key == 'SEEDERS':
        stream.fill('seeders', json_values.positive_int(re.sub(r'\D', '', value), allow_zero=True))


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
        stream.fill(field, value)
    elif field == 'codec':
        stream.fill('codec', normalize_codec(value))
    elif field == 'visual' and not stream.visual_tags:
        stream.visual_tags = json_values.split_list(value)
    elif field == 'audio' and not stream.audio:
        stream.audio = json_values.split_list(value)
    elif field == 'channels' and not any(_CHANNELS.fullmatch(item) for item in stream.audio):
        stream.audio = stream.audio + json_values.split_list(value)
    elif field == 'size':
        stream.fill('size', parse_size(value))
    elif field == 'seeders':
        stream.fill('seeders', json_values.positive_int(re.sub(r'\D', '', value), allow_zero=True))
    elif field == 'languages' and not stream.languages:
        stream.languages = json_values.split_list(value)
    elif field == 'duration':
        stream.fill('duration_ms', _duration_ms(value))


# "[RD⚡] Torrentio 2160p", "[TB⏳] Comet", "[RD+] Torrentio": service code, cached mark, then the addon name.
_NAME_TAG = re.compile(r'^\s*\[([A-Za-z0-9]{1,6})\s*(\u26a1|\u23f3|\+|\u2601\ufe0f?)?\s*\]\s*(.*)$')


def apply_name_tag(stream):
    """The name's [XX⚡] tag: service code and cached mark; the rest of the first line names the addon."""
    first_line = (stream.name or '').split('\n', 1)[0]
    match = _NAME_TAG.match(first_line)
    if match:
        code, mark, rest = match.groups()
        stream.fill('service', SERVICE_CODES.get(code.lower()))
        if mark in ('\u26a1', '+'):
            stream.fill('cached', True)
        elif mark == '\u23f3':
            stream.fill('cached', False)
        first_line = rest
    if not stream.addon:
        stem = _addon_from_name(first_line)
        if stem and len(stem) <= 40 and not stem.startswith('['):
            stream.addon = stem


_NAME_NOISE = re.compile('[\U0001F000-\U0001FAFF\u2600-\u27BF\ufe0f\u200d]|\\b\\d+(?:[.,]\\d+)?\\b')


def _addon_from_name(first_line) -> str:
    """'Torrentio 2160p' -> 'Torrentio': the formatter's first line without resolution, size and numbers."""
    text = _NAME_NOISE.sub(' ', _SIZE.sub(' ', RESOLUTION_WORD.sub(' ', first_line)))
    return re.sub(r'\s+', ' ', text).strip(' -|:\u2022')


def normalize_service(value) -> str | None:
    text = json_values.text(value)
    if not text:
        return None
    compact = re.sub(r'[^a-z0-9_]', '', text.lower())
    return SERVICE_CODES.get(compact) or compact or None


def _yes_no(value):
    text = (value or '').strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def _duration_ms(value):
    match = re.match(r'\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?', (value or '').lower())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000
