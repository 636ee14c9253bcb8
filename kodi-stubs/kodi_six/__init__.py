"""Double of script.module.kodi-six (romanvm/kodi.six) for Python 3.

On Python 3 the real package is a no-op shim: each `kodi_six.<module>` is a star-import of the Kodi module
of the same name. This double does exactly that, so the same quirks hold: `kodi_six.xbmc is not xbmc`, its
names are copies taken at first import (monkeypatching `xbmc.log` later does not change `kodi_six.xbmc.log`),
and `_private` names are not copied. The `xbmc*` modules must be importable before the first import here.
"""
