"""One stream of the AIOStreams backend as plain data: its kind (aiostreams-api.md §7 classification), the fields
shown and ranked, and the stable provider key reliability is kept under. Pure (no Kodi import).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from addon.core import json_values
from addon.core.release_names import RESOLUTION_RANKS, RESOLUTION_WORD

PLAYABLE = 'playable'
P2P = 'p2p'
EXTERNAL = 'external'
ERROR = 'error'
STATISTIC = 'statistic'
INFO = 'info'              # a server action (e.g. "Refresh ... Library"): its url is not a video, never opened
YOUTUBE = 'youtube'
UNSUPPORTED = 'unsupported'
NOTICES = (ERROR, STATISTIC, INFO)   # shown as text, never played, ranked or counted
NON_CONTENT = NOTICES + (EXTERNAL,)

SERVICE_CODES = {'rd': 'realdebrid', 'ad': 'alldebrid', 'pm': 'premiumize', 'tb': 'torbox', 'dl': 'debridlink',
                 'ed': 'easydebrid', 'en': 'easynews', 'oc': 'offcloud', 'pkp': 'pikpak', 'pp': 'pikpak',
                 'po': 'putio', 'put': 'putio', 'sr': 'seedr', 'sdr': 'seedr', 'dr': 'debrider', 'nd': 'nzbdav',
                 'am': 'altmount', 'tr': 'torrin'}
SERVICE_NAMES = {'realdebrid': 'RD', 'alldebrid': 'AD', 'premiumize': 'PM', 'torbox': 'TB', 'debridlink': 'DL',
                 'easydebrid': 'ED', 'easynews': 'EN', 'offcloud': 'OC', 'pikpak': 'PKP', 'putio': 'PUT',
                 'seedr': 'SDR', 'debrider': 'DR', 'nzbdav': 'NZBDAV', 'altmount': 'ALTMOUNT',
                 'stremio_nntp': 'NNTP', 'stremthru_newz': 'NEWZ', 'aiostreams': 'AIO', 'torrin': 'TORRIN'}


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

    def fill(self, field, value):
        """Set a field that is still unknown (an earlier, better source wins)."""
        if getattr(self, field) is None and value not in (None, ''):
            setattr(self, field, value)

    def fill_from_name(self, reading):
        """Take what a release-name reading (addon.core.release_names) found for the fields still unknown."""
        for field in ('resolution', 'quality', 'codec', 'release_group'):
            self.fill(field, reading.get(field))
        for field in ('visual_tags', 'audio', 'languages'):
            if not getattr(self, field) and reading.get(field):
                setattr(self, field, list(reading[field]))

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
    notices: list = None   # [(kind, title, description)] of error, statistic and info items, in server order

    @property
    def errors(self) -> list:
        return [notice for notice in self.notices or [] if notice[0] == ERROR]

    @property
    def infos(self) -> list:
        """The info items' (title, message): shown as rows nothing plays."""
        return [(notice[1], notice[2]) for notice in self.notices or [] if notice[0] == INFO]


def classify(raw, search_result=False) -> str:
    """The kind of one stream object (aiostreams-api.md §7 order): error, statistic, info, external, playable,
    p2p... The declared type is streamData.type, or a search API result's own `type`."""
    declared = raw.get('type') if search_result else json_values.mapping(raw.get('streamData')).get('type')
    if declared in NOTICES:
        return declared
    if json_values.text(raw.get('url')):
        return PLAYABLE
    if json_values.text(raw.get('externalUrl')):
        return EXTERNAL
    if json_values.text(raw.get('infoHash')):
        return P2P
    if json_values.text(raw.get('ytId')):
        return YOUTUBE
    return UNSUPPORTED


def header_suffix(headers) -> str:
    """'|H1=v1&H2=v2' for Kodi's URL header syntax (values percent-encoded), '' without headers."""
    pairs = ['%s=%s' % (quote(str(key), safe='-_'), quote(str(value), safe=''))
             for key, value in (headers or {}).items() if key and value is not None]
    return '|' + '&'.join(pairs) if pairs else ''


def _key_part(value) -> str:
    return re.sub(r'\s+', ' ', value.strip().lower()).replace('|', '/')


def _name_stem(text) -> str:
    """A formatter name without numbers and resolutions, as a last-resort provider key."""
    first_line = text.split('\n', 1)[0]
    return re.sub(r'\s+', ' ', re.sub(r'[\d.]+\s*(?:gb|mb|p)?', '', RESOLUTION_WORD.sub('', first_line.lower()))
                  ).strip()[:60]
