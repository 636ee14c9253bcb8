"""kodi_six.xbmcgui: on Python 3 a star-import of Kodi's xbmcgui module (a copy of its public names)."""
from xbmcgui import *  # noqa: F401,F403
