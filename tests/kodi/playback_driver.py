"""One playback driven through Kodi's JSON-RPC player, as a user with a remote would: open, pause, resume, seek,
stop. The scrobble and fault scenarios (test_scrobble.py, test_faults.py) say what to wait for at each step.
"""
from __future__ import annotations

import time

# Player steps by name: (JSON-RPC method, parameters besides the player id).
PLAYER_STEPS = {
    'pause': ('Player.PlayPause', {'play': False}),
    'resume': ('Player.PlayPause', {'play': True}),
    'seek_90': ('Player.Seek', {'value': {'percentage': 90}}),
}
SETTLE_SECONDS = 1.5  # after the start and after each step, before what follows


def drive_playback(kodi, url, started, steps=(), before_stop=None, player_id=1):
    """Play `url`; once the player runs, call `started()` (a wait for the service to see the playback). Then for each
    (step name, then) of `steps`: send the step, let it settle and call `then()` when given (a wait for the event it
    causes, or a fault to inject before the next step). Last `before_stop()` when given, Stop, and wait until no
    player is left."""
    kodi.wait_no_player()
    kodi.player_open(url)
    kodi.wait_for_player(timeout=40)
    started()
    time.sleep(SETTLE_SECONDS)
    for name, then in steps:
        method, params = PLAYER_STEPS[name]
        kodi.rpc(method, dict(params, playerid=player_id))
        time.sleep(SETTLE_SECONDS)
        if then:
            then()
    if before_stop:
        before_stop()
    kodi.rpc('Player.Stop', {'playerid': player_id})
    kodi.wait_no_player()
