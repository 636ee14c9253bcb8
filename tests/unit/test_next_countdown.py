"""The next-episode countdown (addon.play.next_countdown) through the fake WindowXMLDialog: what it says while the
next episode's streams are not ready, and again once they are."""
from __future__ import annotations

from addon import kodi as kodi_door
from addon.play import next_countdown


def labels(countdown):
    window = countdown.window
    return {name: window.getControl(control).getLabel() for name, control in
            (('next', next_countdown.NEXT), ('status', next_countdown.STATUS), ('play', next_countdown.PLAY),
             ('cancel', next_countdown.CANCEL))}


def shown_countdown():
    countdown = next_countdown.Countdown('S01E02 - The Bag')
    kodi_door.sleep_ms(10)   # Kodi delivers the window's onInit during a wait of the thread that showed it
    return countdown


def test_the_countdown_names_the_next_episode_and_counts_the_seconds(kodi):
    countdown = shown_countdown()
    countdown.update(25)
    assert labels(countdown) == {'next': 'Next: S01E02 - The Bag', 'status': 'Starts in 25 s', 'play': 'Play now',
                                 'cancel': 'Cancel'}


def test_trouble_turns_play_now_into_the_stream_list_and_ready_streams_turn_it_back(kodi):
    countdown = shown_countdown()
    slow = kodi_door.localize(33200)
    countdown.update(25, slow)
    assert (labels(countdown)['status'], labels(countdown)['play']) == (slow, 'Choose a stream')
    countdown.update(20)
    assert (labels(countdown)['status'], labels(countdown)['play']) == ('Starts in 20 s', 'Play now')
