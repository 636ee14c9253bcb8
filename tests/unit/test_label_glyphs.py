"""Every character the add-on puts into a label must be one Estuary's label font draws (issue 15 point 1).

Estuary on Debian's Kodi 20.1 draws its labels with the font files its Font.xml names for the font10..font60
fonts of the Default fontset (NotoSans-Regular, which has no U+2605 star: Kodi drew an empty box). The coverage
comes from those real files, read with fontconfig's fc-query; the checks are the add-on's own label text: the
string constants of addon/, the strings.po texts and the rows the stream picker builds.
"""
from __future__ import annotations

import ast
import pathlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from addon.core.stream_model import Stream
from addon.play import stream_display
from addon.play.play_request import PlayRequest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ESTUARY = pathlib.Path('/usr/share/kodi/addons/skin.estuary')
KODI_FONTS = pathlib.Path('/usr/share/kodi/media/Fonts')
LABEL_FONT = re.compile(r'font\d')   # font10, font13, font27_narrow, font52_title: lists, dialogs, headings
# Modules whose non-ASCII constants only recognise what a server or database wrote; none of them builds a label.
INPUT_ONLY = {
    'addon/core/stream_text.py': 'reads the AIOStreams formatter emoji and cached marks',
    'addon/platform/http.py': 'spots the [X] error marker in response bodies',
    'addon/backend/aiostreams.py': 'spots the [X] error marker of subtitle entries',
    'addon/platform/kodi_videodb.py': 'upper bound of a path range in a SQL query',
}
MATCHERS = {'compile', 'sub', 'subn', 'search', 'match', 'fullmatch', 'findall', 'finditer', 'split',
            'replace', 'strip', 'lstrip', 'rstrip', 'startswith', 'endswith'}
MARKUP = re.compile(r'\[/?(?:COLOR[^\]]*|B|I|CR|UPPERCASE|LOWERCASE|CAPITALIZE|LIGHT)\]')


def _charset(path) -> set:
    out = subprocess.run(['fc-query', '-f', '%{charset}', str(path)], check=True, capture_output=True, text=True)
    covered = set()
    for part in out.stdout.split():
        low, _, high = part.partition('-')
        covered.update(range(int(low, 16), int(high or low, 16) + 1))
    return covered


@pytest.fixture(scope='module')
def coverage():
    """Code points every label font file of Estuary's Default fontset draws."""
    font_xml = ESTUARY / 'xml' / 'Font.xml'
    if not font_xml.is_file() or not shutil.which('fc-query'):
        pytest.fail('needs Kodi 20.1 with Estuary (%s) and fontconfig (fc-query)' % font_xml)
    fontset = next(node for node in ElementTree.parse(str(font_xml)).getroot().iter('fontset')
                   if node.get('id') == 'Default')
    files = {font.findtext('filename') for font in fontset.iter('font') if LABEL_FONT.match(font.findtext('name'))}
    paths = [next(path for path in (ESTUARY / 'fonts' / name, KODI_FONTS / name) if path.exists())
             for name in sorted(files)]
    assert [path.name for path in paths] == ['NotoSans-Regular.ttf']
    covered = set.intersection(*[_charset(path) for path in paths])
    assert 0x2605 not in covered and ord('\u2022') in covered   # what this test is about: no star, the bullet
    return covered


def _missing(text, covered):
    return sorted({'U+%04X %s' % (ord(char), char) for char in MARKUP.sub('', text)
                   if ord(char) > 0x7e and ord(char) not in covered and char not in '\n\t'})


def _docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, 'body', None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _matched_only(tree):
    """Constants that are a pattern or the text searched for: re.sub(pattern, ...), text.replace(old, ...)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MATCHERS:
            for arg in node.args[:1]:
                found.update(id(sub) for sub in ast.walk(arg) if isinstance(sub, ast.Constant))
    return found


def test_every_symbol_written_by_the_addon_is_in_estuarys_font(coverage):
    problems = []
    for path in sorted((ROOT / 'addon').rglob('*.py')):
        relative = path.relative_to(ROOT).as_posix()
        if relative in INPUT_ONLY:
            continue
        tree = ast.parse(path.read_text(encoding='utf-8'))
        skipped = _docstrings(tree) | _matched_only(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
                missing = _missing(node.value, coverage)
                if missing:
                    problems.append('%s:%d %s' % (relative, node.lineno, ', '.join(missing)))
    assert problems == []


def test_every_localized_string_is_in_estuarys_font(coverage):
    po = (ROOT / 'resources/language/resource.language.en_gb/strings.po').read_text(encoding='utf-8')
    problems = ['%s: %s' % (ident, ', '.join(_missing(text, coverage)))
                for ident, text in re.findall(r'msgctxt "#(\d+)"\nmsgid "(.*)"', po) if _missing(text, coverage)]
    assert problems == []


def test_stream_rows_show_reliability_in_words_the_font_draws(coverage):
    words = dict(stream_display.default_words(), reliable='reliable', fair='sometimes fails', poor='often fails')
    stream = Stream(0)
    stream.resolution, stream.addon, stream.service, stream.cached = '2160p', 'Torrentio', 'realdebrid', True
    stream.name = '[RD\u26a1] Torrentio 2160p \U0001f525'
    stream.description = '\U0001f3a5 WEB-DL \u2605\u2605\u2606\n\U0001f4e6 6.98 GB \u2192 English'
    rows = []
    for stats, word in (((9, 0), 'reliable'), ((3, 2), 'sometimes fails'), ((0, 4), 'often fails')):
        for badges in (True, False):
            label, label2 = stream_display.labels(stream, stats, badges, True, words)
            assert MARKUP.sub('', label).endswith(' ' + word)
            rows += [label, label2]
    rows.append(stream_display.heading(PlayRequest('series', 'tt1', 1, 2, 'Sh\u014dgun \u2605')))
    assert [row for row in rows if _missing(row, coverage)] == []
