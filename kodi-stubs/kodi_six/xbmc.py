"""kodi_six.xbmc: on Python 3 a star-import of Kodi's xbmc module (a copy of its public names)."""
from xbmc import *  # noqa: F401,F403
