"""The small non-modal countdown over the playing video (resources/skins/Default/1080i/aiostreams-next.xml):
"Next: S01E03 - Title", the seconds left (or why the next episode cannot start by itself), Play now and Cancel.
The service's autoplay worker shows it, updates it and reads the user's choice; it never waits on it."""
from __future__ import annotations

from addon import kodi

XML_FILE = 'aiostreams-next.xml'
NEXT, STATUS, PLAY, CANCEL = 10, 11, 20, 21
PLAY_NOW = 'play'
CANCELLED = 'cancel'
CANCEL_ACTIONS = (kodi.ACTION_NAV_BACK, kodi.ACTION_PREVIOUS_MENU)


class CountdownWindow(kodi.WindowXMLDialog):
    """Built by Kodi from the XML; `texts` ({next, status, play, cancel}) is set before show()."""

    texts = None
    choice = None
    ready = False

    def onInit(self):
        texts = self.texts or {}
        self.getControl(NEXT).setLabel(texts.get('next', ''))
        self.getControl(STATUS).setLabel(texts.get('status', ''))
        self.getControl(PLAY).setLabel(texts.get('play', ''))
        self.getControl(CANCEL).setLabel(texts.get('cancel', ''))
        self.ready = True   # focus: the XML's default control (Play now), never moved here under the user's keys

    def onClick(self, controlId):
        if controlId == PLAY:
            self.choice = PLAY_NOW
        elif controlId == CANCEL:
            self.choice = CANCELLED

    def onAction(self, action):
        if action.getId() in CANCEL_ACTIONS:
            self.choice = CANCELLED

    def set_status(self, text, play_label=None):
        self.texts = dict(self.texts or {}, status=text, **({'play': play_label} if play_label else {}))
        if self.ready:
            self.getControl(STATUS).setLabel(text)
            if play_label:
                self.getControl(PLAY).setLabel(play_label)


class Countdown:
    """The window's life seen by the worker: open, update, the user's choice, close."""

    def __init__(self, next_label):
        self.window = CountdownWindow(XML_FILE, kodi.addon_dir(), 'Default', '1080i')
        self.window.texts = {'next': kodi.localize(32502, next_label), 'status': '',
                             'play': kodi.localize(32506), 'cancel': kodi.localize(32507)}
        self.window.show()

    def update(self, seconds_left=None, trouble=None):
        if trouble:
            self.window.set_status(trouble, kodi.localize(32509))
        else:
            self.window.set_status(kodi.localize(32505, max(0, int(round(seconds_left or 0)))), kodi.localize(32506))

    @property
    def choice(self):
        return self.window.choice

    def close(self):
        self.window.close()
