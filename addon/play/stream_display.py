"""How a stream looks in the selection dialog and the streams folder: colour-coded quality badge, a detail line,
a reliability word; an info item's row. Text only (Kodi label markup); ListItems are built by addon.play.playback
and the streams folder.
"""
from __future__ import annotations

import re

from addon import kodi
from addon.core.metadata import parse_year
from addon.core.stream_model import SERVICE_NAMES
from addon.core.stream_rank import reliability_tier

BADGES = (  # (minimum resolution rank, badge text, ARGB colour)
    (500, '8K', 'FFE040FB'), (400, '4K', 'FFFFC107'), (350, '1440p', 'FFB388FF'), (300, '1080p', 'FF66BB6A'),
    (200, '720p', 'FF29B6F6'), (100, '480p', 'FFFFA726'), (1, 'SD', 'FF9E9E9E'),
)
RELIABILITY = {3: ('reliable', 'FF66BB6A'), 2: ('fair', 'FFFFC107'), 1: ('poor', 'FFFF7043')}  # tier: word, ARGB
CACHED_COLOUR = 'FF66BB6A'
UNCACHED_COLOUR = 'FFFF7043'
INFO_COLOUR = 'FF9E9E9E'
SEPARATOR = '  \u2022  '
# emoji, arrows, technical and geometric symbols: formatter decoration Estuary's Noto Sans cannot draw
_EMOJI = re.compile('[\U0001F000-\U0001FAFF\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF\ufe0f\u200d]+')


def coloured(text, colour) -> str:
    return '[COLOR %s]%s[/COLOR]' % (colour, text)


def badge(stream) -> str:
    """'[4K]' in its colour, '' when the resolution is unknown."""
    rank = stream.quality_rank
    for minimum, text, colour in BADGES:
        if rank >= minimum:
            return coloured('[%s]' % text, colour)
    return ''


def reliability(stats, words) -> str:
    """'reliable' / 'sometimes fails' / 'often fails' in its colour from (successes, failures); '' while nothing is
    known about the provider. Words, not star glyphs: Estuary's Noto Sans has no U+2605 and draws empty boxes."""
    if not stats or (stats[0] + stats[1]) <= 0:
        return ''
    word, colour = RELIABILITY[reliability_tier(stats)]
    return coloured(words[word], colour)


def human_size(size) -> str:
    if not size:
        return ''
    value = float(size)
    for unit in ('B', 'KB', 'MB', 'GB'):
        if value < 1024.0:
            return '%.0f %s' % (value, unit) if unit in ('B', 'KB') else '%.1f %s' % (value, unit)
        value /= 1024.0
    return '%.2f TB' % value


def service_text(stream, words) -> str:
    """'RD cached' (green) / 'TB uncached' (orange) / 'RD'."""
    if not stream.service:
        return ''
    short = SERVICE_NAMES.get(stream.service, stream.service.upper())
    if stream.cached is True:
        return coloured('%s %s' % (short, words['cached']), CACHED_COLOUR)
    if stream.cached is False:
        return coloured('%s %s' % (short, words['uncached']), UNCACHED_COLOUR)
    return short


def title_text(stream) -> str:
    """The provider as the user knows it: addon name, else the formatter's first line, else the file name."""
    if stream.addon:
        return stream.addon
    first_line = plain((stream.name or '').split('\n', 1)[0])
    return first_line or stream.filename or '?'


def detail_line(stream, words) -> str:
    """Source, HDR/DV, codec, audio, size, languages, seeders, release group."""
    parts = [stream.quality, ' '.join(stream.visual_tags), stream.codec, ' '.join(stream.audio),
             human_size(stream.size), ', '.join(stream.languages[:4]),
             '%s %d' % (words['seeders'], stream.seeders) if stream.seeders is not None else '',
             stream.release_group]
    return SEPARATOR.join(part for part in parts if part)


def labels(stream, stats=None, show_badges=True, show_stars=True, words=None) -> tuple:
    """(label, label2) for a stream row."""
    words = words or default_words()
    reliability_text = reliability(stats, words) if show_stars else ''
    if show_badges:
        first = ' '.join(part for part in (badge(stream), title_text(stream), service_text(stream, words),
                                           reliability_text) if part)
        return first, detail_line(stream, words)
    name_lines = [plain(line) for line in (stream.name or stream.filename or '?').split('\n') if plain(line)]
    description = ' | '.join(plain(line) for line in (stream.description or '').split('\n') if plain(line))
    first = ' '.join(part for part in (' '.join(name_lines), reliability_text) if part)
    return first, description


def heading(request, meta=None) -> str:
    """The title the picker and the streams folder are for: 'Title (2019)' or 'Show S01E02'."""
    name = plain(str((meta or {}).get('name') or request.title or request.ident or ''))
    if request.season is not None and request.episode is not None:
        return '%s S%02dE%02d' % (name, int(request.season), int(request.episode))
    year = parse_year(meta) if meta else None
    return '%s (%d)' % (name, year) if year else name


def info_label(title, message) -> str:
    """An info item's row: 'Library: Refresh Real-Debrid Library' in grey (nothing plays from it)."""
    text = ': '.join(part for part in (plain(title), ' '.join(plain(message).split())) if part)
    return coloured(text or '?', INFO_COLOUR)


def details_text(stream, words=None) -> str:
    """Every known field, one per line (the plot of a row in the streams folder)."""
    words = words or default_words()
    rows = (
        (words['resolution'], stream.resolution), (words['source'], stream.quality),
        (words['video'], ' '.join(part for part in [stream.codec] + stream.visual_tags if part)),
        (words['audio'], ' '.join(stream.audio)), (words['size'], human_size(stream.size)),
        (words['languages'], ', '.join(stream.languages)), (words['service'], service_text(stream, words)),
        (words['addon'], stream.addon), (words['group'], stream.release_group),
        (words['seeders'], str(stream.seeders) if stream.seeders is not None else ''),
        (words['indexer'], stream.indexer), (words['file'], stream.filename),
    )
    return '\n'.join('[B]%s:[/B] %s' % (label, value) for label, value in rows if value)


def plain(text) -> str:
    """Formatter text without emoji (the cached mark becomes '+', Torrentio's convention) and doubled spaces."""
    text = _EMOJI.sub(' ', (text or '').replace('\u26a1', '+'))
    text = re.sub(r'\[\s+', '[', re.sub(r'\s+\]', ']', text))
    return re.sub(r'\s{2,}', ' ', text).strip(' |')


def default_words() -> dict:
    """Localized words used in the rows (looked up through the Kodi door)."""
    ids = {'cached': 30520, 'uncached': 30521, 'seeders': 30522, 'resolution': 30523, 'source': 30524,
           'video': 30525, 'audio': 30526, 'size': 30527, 'languages': 30528, 'service': 30529, 'addon': 30530,
           'group': 30531, 'indexer': 30532, 'file': 30533, 'reliable': 32000, 'fair': 32001, 'poor': 32002}
    return {key: kodi.localize(string_id) for key, string_id in ids.items()}
