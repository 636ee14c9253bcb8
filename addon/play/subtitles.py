"""Subtitles for the item being played: fetched from the backend (plus the stream's own), error entries dropped,
filtered by the preferred languages, and saved in the profile under language-coded names Kodi understands
(`<lang>.<n>.<ext>`: Kodi reads the language from the first token and shows "English", "Spanish" ...).
"""
from __future__ import annotations

import os
import re
import shutil
from urllib.parse import urlsplit

from babelfish import Language
from babelfish.exceptions import LanguageError

from addon import kodi
from addon.backend import aiostreams
from addon.core import manifest_url
from addon.platform import http, settings

FOLDER = 'subtitles'
MAX_PER_LANGUAGE = 3
MAX_FILES = 12
MAX_BYTES = 2 * 1024 * 1024
EXTENSIONS = ('srt', 'vtt', 'ass', 'ssa', 'sub', 'smi')

# How subtitle sites write a language that babelfish does not read: OpenSubtitles' older codes, everyday names.
_ALIASES = {'spn': 'es', 'ea': 'es', 'scr': 'hr', 'zhe': 'zh', 'fil': 'tl', 'brazilian': 'pt', 'greek': 'el',
            'malay': 'ms'}
_ONE_LANGUAGE = {'nb': 'no', 'nn': 'no'}   # Norwegian's written standards: the setting names them 'nor' / 'no'
_CODE_FORMS = ('alpha2', 'alpha3b', 'alpha3t', 'opensubtitles', 'name')


def language_code(lang) -> str:
    """'eng' / 'en' / 'English' / 'pt-BR' / 'pob' -> an ISO 639-1 code Kodi maps to a name; 'und' if unknown."""
    text = (lang or '').strip().lower()
    head = re.split(r'[-_ ]', text, maxsplit=1)[0]
    for candidate in dict.fromkeys(part for part in (head, text) if part):
        code = _ALIASES.get(candidate) or _alpha2(candidate)
        if code:
            return _ONE_LANGUAGE.get(code, code)
    return 'und'


def _alpha2(text):
    """babelfish's reading of a language code or English name as ISO 639-1, None when it has none."""
    for form in _CODE_FORMS:
        try:
            return Language.fromcode(text, form).alpha2
        except LanguageError:
            continue
    return None


def preferred_languages(text) -> list:
    """The setting 'en, spa, French' -> ['en', 'es', 'fr'] (unknown entries dropped)."""
    codes = [language_code(part) for part in re.split(r'[,;\s]+', text or '') if part.strip()]
    return [code for code in dict.fromkeys(codes) if code != 'und']


def select(entries, preferred) -> list:
    """[(code, entry)]: entries with a URL, error entries dropped, preferred languages only (all when none set),
    preferred order first, at most MAX_PER_LANGUAGE per language and MAX_FILES in all."""
    chosen, per_language, seen_urls = [], {}, set()
    for entry in entries:
        url, lang = entry.get('url'), str(entry.get('lang') or '')
        if not url or lang.startswith(aiostreams.ERROR_LANG_PREFIX) or url in seen_urls:
            continue
        code = language_code(lang)
        if preferred and code not in preferred:
            continue
        if per_language.get(code, 0) >= MAX_PER_LANGUAGE:
            continue
        per_language[code] = per_language.get(code, 0) + 1
        seen_urls.add(url)
        chosen.append((code, entry))
    if preferred:
        chosen.sort(key=lambda pair: preferred.index(pair[0]))
    return chosen[:MAX_FILES]


def file_names(chosen) -> list:
    """Unique '<code>.<n>.<ext>' names, numbered per language."""
    counters, names = {}, []
    for code, entry in chosen:
        counters[code] = counters.get(code, 0) + 1
        names.append('%s.%d.%s' % (code, counters[code], extension(entry.get('url'))))
    return names


def extension(url) -> str:
    suffix = os.path.splitext(urlsplit(url or '').path)[1].lstrip('.').lower()
    return suffix if suffix in EXTENSIONS else 'srt'


def fetch_for(content_type, item_id, stream=None) -> list:
    """Download the subtitles for one play; returns local file paths for ListItem.setSubtitles."""
    if not settings.flag('download_subtitles'):
        return []
    extras = []
    if stream is not None and stream.filename:
        extras.append(('filename', manifest_url.search_text(stream.filename)))
    if stream is not None and stream.size:
        extras.append(('videoSize', str(stream.size)))
    outcome = aiostreams.fetch_subtitles(content_type, item_id, extras=extras or None)
    entries = list(outcome.data or []) if outcome.ok else []
    if not outcome.ok:
        kodi.log('subtitles unavailable: %s' % outcome.kind, 'info')
    entries += stream.subtitles if stream is not None else []
    chosen = select(entries, preferred_languages(settings.text('subtitle_languages')))
    return save(chosen)


def save(chosen) -> list:
    """Replace the previous play's files with these downloads."""
    folder = os.path.join(kodi.profile_dir(), FOLDER)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    session = http.plain_session('subtitles')
    paths = []
    for (_code, entry), name in zip(chosen, file_names(chosen)):
        try:
            response = http.request(session, 'GET', entry['url'], settings.request_timeout())
        except (http.HttpFailure, settings.BadSetting) as failure:
            kodi.log('subtitle %s not downloaded: %s' % (name, failure), 'warning')
            continue
        if response.status_code != 200 or not response.content or len(response.content) > MAX_BYTES:
            kodi.log('subtitle %s not downloaded: HTTP %d' % (name, response.status_code), 'warning')
            continue
        path = os.path.join(folder, name)
        with open(path, 'wb') as handle:
            handle.write(response.content)
        paths.append(path)
    return paths
