"""kodi_six.xbmcdrm: on Python 3 a star-import of Kodi's xbmcdrm module (a copy of its public names)."""
from xbmcdrm import *  # noqa: F401,F403
