"""Config variants as the fake AIOStreams applies them (the server's behaviour since v2.33.0, 2026-08; see
/work/tmp/aiostreams-doc-vs-source.md for where each rule comes from).

A selector is a comma-separated list of variant ids, taken from the path form /stremio/<uuid>/<pw>/v/<sel>/... or,
when the path carries none, from the first `v` query parameter (the only form /api/v1/search reads). Ids are trimmed,
lower-cased and deduplicated, checked against [a-z0-9][a-z0-9_-]{0,31}, at most MAX_ACTIVE of them, then applied
left to right. An unknown or disabled id is an error, never a silent fall back to the base config.

A variant of the fake dataset is {'name', 'enabled', 'changes': {config field: value}}: a list value is added to the
field's list (CEL `add`), anything else replaces it (CEL `set`). The fields the fake acts on:
  addonName            the manifest's name
  excludedResolutions  content streams of these resolutions are left out of /stream and /api/v1/search
  excludedVisualTags   content streams with any of these visual tags (parsedFile.visualTags) are left out
Error, statistic and info items are never filtered, as on the server.
"""
from __future__ import annotations

import re
import zlib

MAX_ACTIVE = 4
ID_PATTERN = re.compile(r'^[a-z0-9][a-z0-9_-]{0,31}$')
NON_CONTENT = ('error', 'statistic', 'info')
RESOLUTION_IN_NAME = re.compile(r'(?<![0-9])(2160|1440|1080|720|576|480|360|240)p', re.IGNORECASE)
DV_IN_NAME = re.compile(r'[ ._\-\[](DV|DoVi|Dolby[ ._]?Vision)[ ._\-\]]', re.IGNORECASE)
NOT_AVAILABLE = 'Config variants are not available on this instance.'


class VariantError(Exception):
    """The selector cannot be served; str() is the server's message."""


def parse_selector(raw) -> list:
    """The selector's ids in order (empty when none is given); VariantError for a malformed one."""
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    if not isinstance(raw, str) or not raw.strip():
        return []
    ids = []
    for part in raw.split(','):
        variant_id = part.strip().lower()
        if variant_id and variant_id not in ids:
            ids.append(variant_id)
    if len(ids) > MAX_ACTIVE:
        raise VariantError('Too many variants selected (%d); this instance allows at most %d.'
                           % (len(ids), MAX_ACTIVE))
    for variant_id in ids:
        if not ID_PATTERN.match(variant_id):
            raise VariantError('Invalid variant id "%s".' % variant_id)
    return ids


def resolve(path_value, query_value) -> list:
    """The path form wins when it names any variant, else the query form."""
    return parse_selector(path_value) or parse_selector(query_value)


def apply(variants, ids, available=True) -> dict:
    """The config changes of the selected variants, merged left to right ({} for no selection)."""
    if not ids:
        return {}
    if not available:
        raise VariantError(NOT_AVAILABLE)
    known = {variant_id.lower(): variant for variant_id, variant in (variants or {}).items()}
    config = {'activeVariants': list(ids)}
    for variant_id in ids:
        variant = known.get(variant_id)
        if variant is None:
            raise VariantError('Unknown config variant "%s".' % variant_id)
        if variant.get('enabled') is False:
            raise VariantError('Config variant "%s" is disabled.' % variant_id)
        for field, value in variant.get('changes', {}).items():
            if isinstance(value, list):
                config[field] = config.get(field, []) + [item for item in value if item not in config.get(field, [])]
            else:
                config[field] = value
    return config


def addon_id_suffix(config) -> str:
    """What the server appends to the manifest id, so each variant installs as its own addon."""
    active = config.get('activeVariants') or []
    return '.%08x' % (zlib.crc32(','.join(active).encode('utf-8')) & 0xffffffff) if active else ''


def keeps(stream, config) -> bool:
    """Whether a /stream item survives the variant's filters."""
    data = stream.get('streamData') or {}
    if data.get('type') in NON_CONTENT:
        return True
    parsed = data.get('parsedFile') or {}
    filename = (stream.get('behaviorHints') or {}).get('filename') or data.get('filename') or ''
    resolution = parsed.get('resolution') or _resolution_in(filename)
    if resolution and resolution in config.get('excludedResolutions', []):
        return False
    tags = parsed.get('visualTags') if 'visualTags' in parsed else (['DV'] if DV_IN_NAME.search(filename) else [])
    return not set(tags or []) & set(config.get('excludedVisualTags', []))


def _resolution_in(filename):
    found = RESOLUTION_IN_NAME.search(filename)
    return found.group(0).lower() if found else None
