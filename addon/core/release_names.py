"""Reading a release name ('Title.2019.2160p.WEB-DL.DDP5.1.HDR.x265-GRP.mkv'): resolution, source, codec, visual
and audio tags, release group. Cheap word-bounded token rules read plain scene names; guessit (imported only when
needed, results kept per name) reads every other name. Pure.
"""
from __future__ import annotations

import functools
import re

from addon.core import json_values

# Resolution -> rank (higher is better); unknown resolution ranks 0.
RESOLUTION_RANKS = {'4320p': 500, '2160p': 400, '1440p': 350, '1080p': 300, '720p': 200, '576p': 120,
                    '480p': 100, '360p': 30, '240p': 10}
_RESOLUTION_ALIASES = {'4k': '2160p', 'uhd': '2160p', '2160': '2160p', '8k': '4320p', '1080i': '1080p',
                       'fhd': '1080p', '2k': '1440p', '576i': '576p', '480i': '480p', 'sd': '480p'}
RESOLUTION_WORD = re.compile(r'(?<![a-z0-9])(4320p|2160p|1440p|1080p|1080i|720p|576p|480p|360p|240p|4k|8k|uhd)'
                              r'(?![a-z0-9])', re.I)


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
    match = RESOLUTION_WORD.search(words)
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
    if group and group.group(1).lower() not in _NOT_GROUPS and not RESOLUTION_WORD.fullmatch(group.group(1)):
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
    RESOLUTION_WORD, _CHANNELS_IN_NAME, _HARMLESS_WORDS)
_EXTENSION = re.compile(r'\.[a-z0-9]{2,4}$', re.I)


def read_plain_name(filename) -> dict | None:
    """guess_tokens' reading of a file name whose every word after the resolution the rules know, else None."""
    name = _EXTENSION.sub('', filename.strip())
    group = _GROUP.search(name)
    if group:
        name = name[:group.start()]
    words = re.sub(r'[._]', ' ', name)
    resolution = RESOLUTION_WORD.search(words)
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


@functools.lru_cache(maxsize=2000)
def guess_filename(filename) -> dict:
    """Parse a release file name with guessit (imported here: it is slow). Results are kept per name (the same
    dict for the same name: read it, never change it)."""
    import guessit
    try:
        info = dict(guessit.guessit(filename, {'excludes': _GUESSIT_UNUSED}))
    except Exception:  # guessit raises assorted errors on odd names; the token rules still apply
        info = {}
    other = json_values.as_list(info.get('other'))
    source = _GUESSIT_SOURCES.get(str(info.get('source') or ''))
    if source == 'WEB-DL' and 'Rip' in other:
        source = 'WEBRip'
    if source == 'BluRay' and 'Remux' in other:
        source = 'BluRay REMUX'
    audio = [_GUESSIT_AUDIO.get(str(codec), str(codec)) for codec in json_values.as_list(info.get('audio_codec'))]
    if audio and info.get('audio_channels'):
        audio.append(str(info['audio_channels']))
    guessed = {
        'resolution': normalize_resolution(info.get('screen_size')),
        'quality': source,
        'codec': normalize_codec(info.get('video_codec')),
        'release_group': json_values.text(info.get('release_group')),
        'visual_tags': [_GUESSIT_VISUAL[tag] for tag in other if tag in _GUESSIT_VISUAL],
        'audio': audio,
        'languages': [_language_name(lang) for lang in json_values.as_list(info.get('language'))],
    }
    return guessed



def _language_name(language) -> str:
    code = getattr(language, 'alpha3', '')
    if code == 'mul':
        return 'Multi'
    return getattr(language, 'name', None) or str(language)

def normalize_resolution(value) -> str | None:
    text = json_values.text(value)
    if not text:
        return None
    text = text.lower()
    text = _RESOLUTION_ALIASES.get(text, text)
    if text in RESOLUTION_RANKS:
        return text
    match = RESOLUTION_WORD.search(text)
    if match:
        found = match.group(1).lower()
        return _RESOLUTION_ALIASES.get(found, found)
    return None


def normalize_codec(value) -> str | None:
    text = json_values.text(value)
    if not text:
        return None
    return next((label for pattern, label in _CODECS if pattern.search(text)), text)

