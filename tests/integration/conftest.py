"""Shared fixtures of the integration scenarios; their figures (tests/integration/test_concurrency.py) are printed at
the end of the run."""
import pytest

from tests.reliability_figures import figures, pytest_terminal_summary  # noqa: F401  (fixture and hook)


@pytest.fixture
def quick_dialog_play(monkeypatch, kodi):
    """Plays that learn fast whether they started, picking in Kodi's selection dialog (the source window has
    scenarios of its own: test_source_window_routes.py)."""
    from addon.platform import db
    from addon.play import playback
    monkeypatch.setattr(playback, 'START_WATCH_SECONDS', 0.3)
    kodi.set_setting('source_select_style', 'dialog')
    yield
    db.close()
