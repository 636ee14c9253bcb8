"""kodi_six.xbmcplugin: on Python 3 a star-import of Kodi's xbmcplugin module (a copy of its public names)."""
from xbmcplugin import *  # noqa: F401,F403
