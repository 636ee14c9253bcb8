# Entry point of the video plugin: hand Kodi's argv to the router.
import os
import sys

VENDOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'lib', 'vendor')
if VENDOR not in sys.path:  # reuselanguageinvoker runs this again in the same interpreter
    sys.path.insert(0, VENDOR)

from addon import plugin_entry as routes  # noqa: E402

routes.run(sys.argv)
