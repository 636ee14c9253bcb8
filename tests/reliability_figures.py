"""Figures the reliability scenarios report (faults injected, events delivered, secrets found, concurrency, memory),
printed one a line at the end of the pytest run so that the CI log shows them. A conftest imports both names."""
from __future__ import annotations

import pytest

FIGURES = {}


@pytest.fixture(scope='session')
def figures() -> dict:
    """{name: value} to report at the end of the run."""
    return FIGURES


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section('reliability figures')
        for name, value in FIGURES.items():
            terminalreporter.write_line('%s: %s' % (name, value))
