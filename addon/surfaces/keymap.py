"""Tools > Install keymap: copy resources/keymaps/aiostreams.xml into special://userdata/keymaps/ (asking before
replacing a different file there) and make Kodi reload its keymaps, so Q / W / I / S / A work at once."""
from __future__ import annotations

import os

from addon import kodi

FILE_NAME = 'aiostreams.xml'
USER_KEYMAPS = 'special://userdata/keymaps/'
RELOAD = 'Action(reloadkeymaps)'
INSTALLED, UNCHANGED, KEPT, FAILED = 'installed', 'unchanged', 'kept', 'failed'


def template_path() -> str:
    return os.path.join(kodi.addon_dir(), 'resources', 'keymaps', FILE_NAME)


def target_path() -> str:
    return os.path.join(kodi.translate_path(USER_KEYMAPS), FILE_NAME)


def _read(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def _write(path, text):
    """Write through a temporary file so a crash never leaves half a keymap (Kodi would ignore all of it)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = path + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as handle:
        handle.write(text)
    os.replace(temporary, path)


def install() -> str:
    """Install the keymap; returns INSTALLED, UNCHANGED, KEPT (the user declined to replace) or FAILED."""
    target = target_path()
    try:
        text = _read(template_path())
        if os.path.exists(target):
            if _read(target) == text:
                kodi.builtin(RELOAD)
                kodi.notify(kodi.localize(31134))
                return UNCHANGED
            if not kodi.yes_no(kodi.localize(31131, target)):
                kodi.notify(kodi.localize(31135))
                return KEPT
        _write(target, text)
    except (OSError, UnicodeDecodeError) as exc:
        kodi.log('keymap install failed: %s' % exc, 'error')
        kodi.ok_dialog(kodi.localize(31133, getattr(exc, 'strerror', None) or str(exc)))
        return FAILED
    kodi.builtin(RELOAD)
    kodi.log('keymap installed at %s' % target, 'info')
    kodi.ok_dialog(kodi.localize(31132))
    return INSTALLED
