"""The integration scenarios' figures (tests/integration/test_concurrency.py) are printed at the end of the run."""
from tests.reliability_figures import figures, pytest_terminal_summary  # noqa: F401  (fixture and hook)
