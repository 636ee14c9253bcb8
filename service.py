# Entry point of the background service (sync, scrobbling, outbox replay).
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'lib', 'vendor'))

from addon import service  # noqa: E402

service.run()
