""""Sync now" (settings button, Tools, ?action=trakt_sync): the service runs the cycle, a background progress bar
(DialogProgressBG, at the top of the screen: Kodi stays usable) follows it. When no service answers (disabled,
or not started yet) the cycle runs here, in this RunPlugin process, with the same bar.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.trakt import service_tasks
from addon.trakt.client import NotConfigured, TraktClient, token_store

SERVICE_ANSWER_SECONDS = 10.0
POLL_SECONDS = 0.25
HEADING = 30720
# final state -> (message id, notification icon)
OUTCOMES = {'done': (30722, 'info'), 'failed': (30723, 'error'), 'unauthorized': (30711, 'warning'),
            'postponed': (30731, 'info'), 'cancelled': (30724, 'info')}


def run(sleep=time.sleep):
    if not token_store().exists():
        kodi.notify(kodi.localize(30014), icon='warning')
        return None
    try:
        TraktClient().require_credentials()
    except NotConfigured as missing:  # the client id, its secret, or an address that is not https
        kodi.notify(kodi.localize(missing.message_id), icon='warning')
        return None
    asked = time.time()
    service_tasks.request_sync()
    state = None
    monitor = kodi.Monitor()
    with kodi.progress(kodi.localize(HEADING), kodi.localize(30721), background=True) as dialog:
        seen_running = False
        while state is None:
            if monitor.abortRequested():  # Kodi is quitting; the service finishes or resumes the sync
                return None
            current = kodi.window_property(service_tasks.SYNC_STATE)
            finished = _float(kodi.window_property(service_tasks.SYNC_FINISHED))
            if current == 'running':
                seen_running = True
                dialog.update(_float(kodi.window_property(service_tasks.SYNC_PERCENT)),
                              kodi.window_property(service_tasks.SYNC_LABEL) or kodi.localize(30721))
            elif finished >= asked:
                state = current
            elif not seen_running and time.time() - asked > SERVICE_ANSWER_SECONDS:
                kodi.log('no answer from the service: syncing in the plugin process', 'info')
                service_tasks.sync_now(monitor.abortRequested, lambda fraction, label: dialog.update(
                    100 * fraction, label or kodi.localize(30721)))
                state = kodi.window_property(service_tasks.SYNC_STATE)
            else:
                sleep(POLL_SECONDS)
    message, icon = OUTCOMES.get(state, OUTCOMES['failed'])
    kodi.notify(kodi.localize(message), icon=icon)
    return state


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
