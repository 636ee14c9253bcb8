"""Scripted answers for modal dialogs, and the record of every dialog shown."""
from __future__ import annotations

import collections

KINDS = ('select', 'multiselect', 'yesno', 'yesnocustom', 'ok', 'input', 'numeric', 'browse', 'contextmenu',
         'textviewer', 'info', 'progress_cancel_after', 'window')


class UnexpectedDialog(BaseException):
    """A modal dialog opened without a scripted answer.

    Derives from BaseException on purpose: an addon's `except Exception` error handler must not swallow it,
    so a route that opens a dialog where it must not (a widget listing) fails its test.
    """


class DialogScript:
    """FIFO answers per dialog kind; `shown` is the list every dialog is appended to."""

    def __init__(self, shown: list):
        self.shown = shown
        self.queues = collections.defaultdict(collections.deque)

    def answer(self, kind: str, value) -> None:
        if kind not in KINDS:
            raise ValueError('unknown dialog kind %r; one of %s' % (kind, ', '.join(KINDS)))
        self.queues[kind].append(value)

    def show(self, kind: str, **details):
        """Record a modal dialog and return its scripted answer; raise UnexpectedDialog if none is queued."""
        record = dict(kind=kind, **details)
        self.shown.append(record)
        if not self.queues[kind]:
            record['answer'] = None
            raise UnexpectedDialog('%s dialog %r opened without a scripted answer (fakekodi.answer(%r, ...))'
                                   % (kind, details.get('heading', ''), kind))
        record['answer'] = self.queues[kind].popleft()
        return record['answer']

    def take(self, kind: str, default=None):
        """Next answer of `kind` if one is queued, else `default` (for dialogs that need no answer)."""
        return self.queues[kind].popleft() if self.queues[kind] else default

    def pending(self) -> dict:
        """Answers queued but never used, by kind."""
        return {kind: list(queue) for kind, queue in self.queues.items() if queue}
