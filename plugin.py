# Entry point of the video plugin: hand Kodi's argv to the router.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'lib', 'vendor'))

from addon import routes  # noqa: E402

routes.run(sys.argv)
