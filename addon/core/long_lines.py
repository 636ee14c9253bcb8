"""Long words (URLs, file paths) folded for Kodi's dialogs: Kodi wraps text at spaces only, so a plugin:// path or a
file path wider than the dialog is cut at its edge. A word longer than `width` visible characters is broken before
'&' and '?' and after '/', each piece on its own line (nothing is removed: joining the lines gives the word back).
Kodi formatting tags ([B], [/B], [COLOR ...]) count as invisible and are never split."""
from __future__ import annotations

import re

WIDTH = 64
_TAGS = re.compile(r'\[/?(?:B|I|LIGHT|UPPERCASE|LOWERCASE|CAPITALIZE|CR|COLOR[^\]]*)\]')


def visible_length(text) -> int:
    return len(_TAGS.sub('', text))


def _atoms(word) -> list:
    """The word cut at its break points: before '&' / '?', after a '/' that does not close a tag ('[/B]')."""
    atoms, start = [], 0
    for index, char in enumerate(word):
        if char in '&?' and index > start:
            atoms.append(word[start:index])
            start = index
        elif char == '/' and not (index and word[index - 1] == '['):
            atoms.append(word[start:index + 1])
            start = index + 1
    atoms.append(word[start:])
    return [atom for atom in atoms if atom]


def fold_word(word, width=WIDTH) -> list:
    """The pieces of one word, each as long as fits in `width` (an unbreakable piece stays whole)."""
    lines = ['']
    for atom in _atoms(word):
        if lines[-1] and visible_length(lines[-1] + atom) > width:
            lines.append(atom)
        else:
            lines[-1] += atom
    return lines


def fold(text, width=WIDTH) -> str:
    """The text with every over-long word folded onto lines of its own; everything else as it was."""
    out = []
    for line in text.split('\n'):
        words = line.split(' ')
        if all(visible_length(word) <= width for word in words):
            out.append(line)
            continue
        out.append(' '.join('\n'.join(fold_word(word, width)) if visible_length(word) > width else word
                            for word in words))
    return '\n'.join(out)
