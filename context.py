# Entry point of the global context-menu items: forward the focused item to the plugin.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'lib', 'vendor'))

from addon import context_menu  # noqa: E402

context_menu.run(sys.argv)
