"""Token files: 0600, atomic, redacted, and a lock that excludes other processes."""
import multiprocessing
import os
import stat
import time

from addon.core.redact import forget_secrets, redact
from addon.platform.tokenstore import TokenStore


def test_saved_tokens_are_private_and_redacted(tmp_path):
    forget_secrets()
    store = TokenStore(str(tmp_path), 'trakt')
    store.save({'access_token': 'access-123456', 'refresh_token': 'refresh-654321', 'expires_in': 3600})
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert TokenStore(str(tmp_path), 'trakt').load()['refresh_token'] == 'refresh-654321'
    assert 'refresh-654321' not in redact('body refresh-654321')


def test_missing_or_corrupt_file_reads_as_empty(tmp_path):
    store = TokenStore(str(tmp_path), 'punchplay')
    assert store.load() == {} and not store.exists()
    with open(store.path, 'w') as handle:
        handle.write('{not json')
    assert store.load() == {}
    store.clear()
    assert not store.exists()


def _hold_lock(folder, started, seconds):
    with TokenStore(folder, 'trakt').lock():
        started.set()
        time.sleep(seconds)


def test_lock_excludes_another_process(tmp_path):
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(tmp_path), started, 0.6))
    holder.start()
    assert started.wait(10)
    begin = time.monotonic()
    with TokenStore(str(tmp_path), 'trakt').lock():
        waited = time.monotonic() - begin
    holder.join()
    assert waited >= 0.3


def test_stale_lock_is_broken(tmp_path):
    store = TokenStore(str(tmp_path), 'trakt')
    os.mkdir(store._lock_dir)
    old = time.time() - 3600
    os.utime(store._lock_dir, (old, old))
    with store.lock(timeout=1):
        pass
    assert not os.path.exists(store._lock_dir)
