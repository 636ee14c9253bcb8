# Entry point of the global context-menu items: forward the focused item to the plugin.
import os
import sys

VENDOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'lib', 'vendor')
if VENDOR not in sys.path:  # reuselanguageinvoker runs this again in the same interpreter
    sys.path.insert(0, VENDOR)

from addon.surfaces import global_menu as context_menu  # noqa: E402

context_menu.run(sys.argv)
