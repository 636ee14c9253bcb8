"""After a sync cycle the service refreshes what depends on Trakt state."""
from __future__ import annotations

import json
from types import SimpleNamespace

import xbmc

from addon.platform import storage
from addon.play import preload
from addon.trakt import service_tasks


def _wakes_after(result):
    seen = []

    class Listener(xbmc.Monitor):
        def onNotification(self, sender, method, data):
            seen.append(json.loads(data).get('task'))

    listener = Listener()
    service_tasks.after_sync(result)
    del listener
    return seen


def test_a_sync_that_changed_something_preloads_next_up_streams(kodi):
    storage.open_db()
    assert preload.TASK_NAME in _wakes_after(SimpleNamespace(changed=True))
    assert preload.TASK_NAME not in _wakes_after(SimpleNamespace(changed=False))
