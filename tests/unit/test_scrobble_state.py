"""The playback state machine: start, pause, resume, seek, heartbeat, stop/end, a new start while one is tracked."""
from __future__ import annotations

from addon.core.scrobble_states import SEEK_SETTLE_SECONDS, StateMachine

MOVIE = {'title': 'Inception'}
EPISODE = {'title': 'Breaking Bad'}


def kinds(emits):
    return [emit.kind for emit in emits]


def started(duration=1000.0, heartbeat=30, position=0.0):
    machine = StateMachine()
    assert kinds(machine.start(MOVIE, 's1', position, duration, heartbeat, now=0.0)) == ['start']
    return machine


def test_start_emits_with_position_and_session():
    machine = StateMachine()
    [emit] = machine.start(MOVIE, 'session-1', 120.0, 1000.0, 30, now=0.0)
    assert (emit.kind, emit.session_id, emit.position, emit.duration, emit.media) == \
        ('start', 'session-1', 120.0, 1000.0, MOVIE)
    assert emit.progress == 0.12


def test_start_waits_until_the_duration_is_known():
    machine = StateMachine()
    assert machine.start(MOVIE, 's', 0.0, 0.0, 30, now=0.0) == []
    assert machine.sample(1.0, 0.0, now=1.0) == []
    assert kinds(machine.sample(2.0, 1800.0, now=2.0)) == ['start']
    assert machine.stop(now=3.0)[0].duration == 1800.0


def test_pause_and_resume_carry_the_sampled_position():
    machine = started()
    machine.sample(300.0, 1000.0, now=10.0)
    [pause] = machine.pause()
    assert (pause.kind, pause.position, pause.paused) == ('pause', 300.0, True)
    assert machine.pause() == []  # Kodi may repeat a callback
    [resume] = machine.resume(now=20.0)
    assert (resume.kind, resume.position, resume.paused) == ('resume', 300.0, False)
    assert machine.resume(now=21.0) == []


def test_heartbeat_every_interval_while_playing_never_while_paused():
    machine = started(heartbeat=30)
    beats = []
    for second in range(1, 91):
        beats += [(second, emit.kind) for emit in machine.sample(float(second), 1000.0, now=float(second))]
    assert beats == [(30, 'progress'), (60, 'progress'), (90, 'progress')]
    machine.pause()
    assert all(machine.sample(90.0, 1000.0, now=float(second)) == [] for second in range(91, 200))
    machine.resume(now=200.0)
    assert machine.sample(91.0, 1000.0, now=229.0) == []
    assert kinds(machine.sample(120.0, 1000.0, now=230.0)) == ['progress']


def test_seeks_settle_into_one_event_at_the_new_position():
    machine = started()
    machine.seek(now=10.0)
    machine.seek(now=10.5)
    machine.seek(now=11.0)
    assert machine.sample(850.0, 1000.0, now=11.5) == []
    [seek] = machine.sample(900.0, 1000.0, now=11.0 + SEEK_SETTLE_SECONDS)
    assert (seek.kind, seek.position) == ('seek', 900.0)
    assert machine.sample(901.0, 1000.0, now=14.0) == []


def test_a_seek_while_paused_is_reported_as_paused():
    machine = started()
    machine.pause()
    machine.seek(now=5.0)
    [seek] = machine.sample(500.0, 1000.0, now=8.0)
    assert seek.paused


def test_stop_uses_the_last_sample():
    machine = started()
    machine.sample(640.0, 1000.0, now=640.0)
    [stop] = machine.stop(now=641.0)
    assert (stop.kind, stop.position, round(stop.progress, 2)) == ('stop', 640.0, 0.64)
    assert not machine.tracking


def test_stopped_and_ended_together_give_one_stop():
    machine = started()
    machine.sample(999.0, 1000.0, now=5.0)
    assert kinds(machine.stop(now=6.0, ended=True)) == ['stop']
    assert machine.stop(now=6.1) == []


def test_the_natural_end_counts_as_complete():
    machine = started()
    machine.sample(400.0, 1000.0, now=5.0)
    assert machine.stop(now=6.0, ended=True)[0].progress == 1.0
    machine = started()
    machine.sample(997.5, 1000.0, now=5.0)
    assert machine.stop(now=6.0)[0].position == 1000.0


def test_a_new_start_stops_the_tracked_playback_first():
    machine = started()
    machine.sample(998.0, 1000.0, now=998.0)
    emits = machine.start(EPISODE, 's2', 0.0, 2000.0, 30, now=999.0)
    assert [(emit.kind, emit.session_id) for emit in emits] == [('stop', 's1'), ('start', 's2')]
    assert emits[0].progress == 1.0 and emits[1].media is EPISODE


def test_nothing_is_emitted_without_a_playback():
    machine = StateMachine()
    assert machine.pause() == [] and machine.resume(now=1.0) == [] and machine.seek(now=1.0) == []
    assert machine.sample(1.0, 10.0, now=1.0) == [] and machine.stop(now=1.0) == []


def test_a_playback_that_never_started_has_no_stop():
    machine = StateMachine()
    machine.start(MOVIE, 's', 0.0, 0.0, 30, now=0.0)
    assert machine.stop(now=1.0) == []


def test_paused_before_the_duration_was_known():
    machine = StateMachine()
    machine.start(MOVIE, 's', 0.0, 0.0, 30, now=0.0)
    machine.pause()
    assert kinds(machine.sample(0.0, 600.0, now=1.0)) == ['start', 'pause']
