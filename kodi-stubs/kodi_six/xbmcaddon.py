"""kodi_six.xbmcaddon: on Python 3 a star-import of Kodi's xbmcaddon module (a copy of its public names)."""
from xbmcaddon import *  # noqa: F401,F403
