"""A small gettext .po reader: string id (from msgctxt "#30000") -> text (msgstr, else msgid)."""
from __future__ import annotations

import os
import re

_QUOTED = re.compile(r'^(msgctxt|msgid|msgstr)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')
_ESCAPES = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}


class UnknownStringError(KeyError):
    """An addon string id (>= 30000) that strings.po does not define."""


def _unescape(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(text: str) -> dict:
    """Return {int id: str}. Entries without a "#<number>" msgctxt (the header) are skipped."""
    strings = {}
    entry = {}
    field = None

    def flush():
        context = entry.get('msgctxt', '')
        if context.startswith('#') and context[1:].isdigit():
            strings[int(context[1:])] = entry.get('msgstr') or entry.get('msgid', '')

    for line in text.splitlines():
        line = line.strip()
        keyword = _QUOTED.match(line)
        continuation = _CONTINUATION.match(line)
        if keyword:
            if keyword.group(1) == 'msgctxt' or (keyword.group(1) == 'msgid' and 'msgid' in entry):
                flush()
                entry = {}
            field = keyword.group(1)
            entry[field] = _unescape(keyword.group(2))
        elif continuation and field:
            entry[field] += _unescape(continuation.group(1))
        else:
            field = None  # blank line or comment: the entry's current field ended
    flush()
    return strings


def load_strings(addon_root: str) -> dict:
    """en_gb strings of the addon; {} when the addon has no strings.po yet."""
    path = os.path.join(addon_root, 'resources', 'language', 'resource.language.en_gb', 'strings.po')
    if not os.path.isfile(path):
        return {}
    with open(path, encoding='utf-8') as handle:
        return parse_po(handle.read())
