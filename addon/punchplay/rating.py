"""Ratings on PunchPlay.tv: POST /api/scrobble/rate at once, never queued (a rating the user cannot see arrive is
worth less than a clear "could not rate"), from the rating route or context entry and after a watched stop.

After a watched stop the scrobble sink `offer`s the stop's target; the `Prompter` thread (started by the service's
playback monitor, never Kodi's player callback) waits a moment, skips the question while a video plays (autoplay of
the next episode), then asks with a select dialog. Kodi hands the dialog's answer back to the thread that opened it,
so only this thread waits on the user: the tracker and the outbox senders go on.
"""
from __future__ import annotations

import queue
import threading
import traceback
import uuid

from addon import kodi
from addon.core.identify import key_of
from addon.core.punchplay_rating import HIGHEST, LOWEST, label_of, rate_body, valid_rating, with_canonical
from addon.platform import abort, http
from addon.platform.tokenstore import LockTimeout
from addon.punchplay import canonical_ids, client

RATE_PATH = '/api/scrobble/rate'
PROMPT_DELAY_SECONDS = 3.0   # autoplay starts the next episode within this; the question then waits for no one
HEADING, RATE_PROMPT, STARS, RATED = 30900, 33003, 33004, 33005
OFFLINE, NOT_LOGGED_IN, REFUSED, NOT_ANSWERED, BAD_URL, EXPIRED = 33006, 30908, 33007, 33008, 30910, 30915
BAD_RATING, NO_TARGET = 33009, 33010


def send(target, stars):
    """POST one rating now. Returns (rated, message id, message args) for the user."""
    try:
        api = client.from_settings()
    except client.BadUrl:
        return False, BAD_URL, ()
    if not client.is_authenticated(api.tokens()):
        return False, NOT_LOGGED_IN, ()
    target = with_canonical(target, canonical_ids.of(key_of(target)))
    body = rate_body(target, stars, str(uuid.uuid4()), kodi.addon_info('version'))
    try:
        response = api.post(RATE_PATH, body)
    except (http.HttpFailure, LockTimeout) as failure:
        kodi.log('PunchPlay rating not sent: %s' % failure, 'warning')
        return False, OFFLINE, ()
    status = response.status_code
    if status in (200, 201, 204):
        kodi.log('PunchPlay: rated %s %d/10' % (label_of(target) or 'an item', stars))
        return True, RATED, (stars,)
    kodi.log('PunchPlay refused the rating: HTTP %d' % status, 'warning')
    if status == 401:
        return False, EXPIRED, ()
    if status in (400, 404, 422):
        return False, REFUSED, ()
    return False, NOT_ANSWERED, (status,)


def rate(target, stars) -> bool:
    """Send one rating and tell the user how it went."""
    rated, message, args = send(target, stars)
    kodi.notify(kodi.localize(message, *args), heading=kodi.localize(HEADING), icon='info' if rated else 'warning')
    return rated


def ask(target):
    """The user's rating (1-10) from a select dialog, or None when backed out."""
    choices = list(range(HIGHEST, LOWEST - 1, -1))
    heading = kodi.localize(RATE_PROMPT, label_of(target) or kodi.localize(HEADING))
    index = kodi.select(heading, [kodi.localize(STARS, stars) for stars in choices])
    return choices[index] if 0 <= index < len(choices) else None


def rate_with_dialog(target, stars=None) -> bool:
    """Rate with the given rating, or ask first. False when nothing was rated (backed out or failed)."""
    if stars is None:
        stars = ask(target)
        if stars is None:
            return False
    return rate(target, stars)


def rate_from_route(target, rating_text=None) -> bool:
    """The rating route: rate with `rating_text` when given (keymaps, skins), ask otherwise. Bad input says why."""
    stars = valid_rating(rating_text) if rating_text is not None else None
    problem = NO_TARGET if target is None else BAD_RATING if rating_text is not None and stars is None else None
    if problem is None and not client.is_authenticated(client.token_store().load()):
        problem = NOT_LOGGED_IN
    if problem is not None:
        kodi.notify(kodi.localize(problem), heading=kodi.localize(HEADING), icon='warning')
        return False
    return rate_with_dialog(target, stars)


# ---- after a watched stop (service) ---------------------------------------------------------------------------

MAX_WAITING = 4
_prompter = None  # the running Prompter of this process (the service's), if any


def offer(target):
    """Ask for a rating of a watched stop's target soon (called by the tracker: never waits)."""
    prompter = _prompter
    if prompter is None or prompter.offers.qsize() >= MAX_WAITING:
        kodi.log('PunchPlay: rating question skipped (no question thread, or several pending)', 'warning')
        return
    prompter.offers.put(target)


def prompt_after_watch(target):
    """Wait a moment; ask unless Kodi quits or a video plays by then."""
    if abort.wait(PROMPT_DELAY_SECONDS):
        return
    if kodi.condition('Player.HasVideo'):
        kodi.log('PunchPlay: no rating question while a video plays')
        return
    stars = ask(target)
    if stars is not None and not abort.requested():
        rate(target, stars)


class Prompter(threading.Thread):
    """Shows the rating questions offered after watched stops, one at a time, on its own thread."""

    def __init__(self):
        super().__init__(name='aiostreams-punchplay-rating', daemon=True)
        self.offers = queue.Queue()
        self.asking = False

    def _quit(self):
        self.offers.put(None)
        if self.asking:  # an open question must not hold Kodi's quit
            kodi.builtin('Dialog.Close(selectdialog,true)')

    def run(self):
        global _prompter
        _prompter = self
        abort.on_quit(self._quit)
        try:
            while True:
                target = self.offers.get()
                if target is None or abort.requested():
                    return
                self.asking = True
                try:
                    prompt_after_watch(target)
                except Exception:  # one failed question must not end the questions of later plays
                    kodi.log('PunchPlay rating question failed\n%s' % traceback.format_exc(), 'error')
                finally:
                    self.asking = False
        finally:
            if _prompter is self:
                _prompter = None
