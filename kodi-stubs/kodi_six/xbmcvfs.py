"""kodi_six.xbmcvfs: on Python 3 a star-import of Kodi's xbmcvfs module (a copy of its public names)."""
from xbmcvfs import *  # noqa: F401,F403
