"""The addons the benchmark installs next to the addon in the same Kodi.

- plugin.video.benchfloor: the bare floor, Kodi's plugin call plus an interpreter start: five items from xbmcplugin.
- plugin.video.benchrouting: the same five items through kodi_six and a routing.Plugin route (the design card's
  unavoidable cost). Every other figure is printed as a ratio to this one.
  Both floors read the handle from argv on every run, so they would behave the same with reuselanguageinvoker on.
- service.benchcallbacks: an xbmc.Player that logs the moment Kodi calls it back (onAVStarted, onPlayBackPaused,
  onPlayBackResumed, onPlayBackStopped, onPlayBackEnded) as epoch seconds, for the scrobble delay and the binge
  gap.
"""
from __future__ import annotations

from pathlib import Path

BARE_ID = 'plugin.video.benchfloor'
ROUTING_ID = 'plugin.video.benchrouting'
ITEMS = 5

ADDON_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="{name}" version="1.0.0" provider-name="AIOStreams benchmark">
  <requires>
    <import addon="xbmc.python" version="3.0.1"/>{imports}
  </requires>
  <extension point="xbmc.python.pluginsource" library="plugin.py">
    <provides>video</provides>
  </extension>
  <extension point="xbmc.addon.metadata">
    <summary lang="en_GB">{name}: a do-nothing plugin measuring Kodi's own cost</summary>
    <platform>all</platform>
    <reuselanguageinvoker>false</reuselanguageinvoker>
  </extension>
</addon>
"""
ROUTING_IMPORTS = """
    <import addon="script.module.routing" version="0.2.3"/>
    <import addon="script.module.kodi-six" version="0.1.3"/>"""

BARE_SCRIPT = """import sys

import xbmcgui
import xbmcplugin

handle = int(sys.argv[1])
items = [('%s/item/%d' % (sys.argv[0].rstrip('/'), number), xbmcgui.ListItem('Item %d' % number, offscreen=True),
          False) for number in range({items})]
xbmcplugin.addDirectoryItems(handle, items)
xbmcplugin.endOfDirectory(handle)
"""

ROUTING_SCRIPT = """import sys

import routing
from kodi_six import xbmcgui, xbmcplugin

plugin = routing.Plugin()


@plugin.route('/')
def root():
    items = [(plugin.url_for_path('/item/%d' % number), xbmcgui.ListItem('Item %d' % number, offscreen=True),
              False) for number in range({items})]
    xbmcplugin.addDirectoryItems(plugin.handle, items)
    xbmcplugin.endOfDirectory(plugin.handle)


plugin.handle = int(sys.argv[1])
plugin.run(sys.argv)
"""


CALLBACKS_ID = 'service.benchcallbacks'
CALLBACKS_TAG = '[bench-callback]'
CALLBACKS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="Bench player callbacks" version="1.0.0" provider-name="AIOStreams benchmark">
  <requires>
    <import addon="xbmc.python" version="3.0.1"/>
  </requires>
  <extension point="xbmc.service" library="service.py"/>
  <extension point="xbmc.addon.metadata">
    <summary lang="en_GB">Logs when Kodi calls a Python player back</summary>
    <platform>all</platform>
  </extension>
</addon>
"""
CALLBACKS_SCRIPT = """import time

import xbmc


class Listener(xbmc.Player):
    def _heard(self, event):
        xbmc.log('{tag} %s %.3f' % (event, time.time()), xbmc.LOGINFO)

    def onAVStarted(self):
        self._heard('start')

    def onPlayBackPaused(self):
        self._heard('pause')

    def onPlayBackResumed(self):
        self._heard('resume')

    def onPlayBackStopped(self):
        self._heard('stop')

    def onPlayBackEnded(self):
        self._heard('ended')


listener = Listener()
monitor = xbmc.Monitor()
xbmc.log('{tag} listening', xbmc.LOGINFO)
while not monitor.abortRequested():
    monitor.waitForAbort(1)
"""


def write_callbacks_addon(folder: Path) -> Path:
    target = Path(folder) / CALLBACKS_ID
    target.mkdir(parents=True, exist_ok=True)
    (target / 'addon.xml').write_text(CALLBACKS_XML.format(id=CALLBACKS_ID), encoding='utf-8')
    (target / 'service.py').write_text(CALLBACKS_SCRIPT.replace('{tag}', CALLBACKS_TAG), encoding='utf-8')
    return target


def write_floor_addons(folder: Path) -> list:
    """Create both floor addon folders under `folder`; returns their paths."""
    made = []
    for addon_id, name, imports, script in ((BARE_ID, 'Bench floor', '', BARE_SCRIPT),
                                            (ROUTING_ID, 'Bench routing floor', ROUTING_IMPORTS, ROUTING_SCRIPT)):
        target = Path(folder) / addon_id
        target.mkdir(parents=True, exist_ok=True)
        (target / 'addon.xml').write_text(ADDON_XML.format(id=addon_id, name=name, imports=imports),
                                          encoding='utf-8')
        (target / 'plugin.py').write_text(script.replace('{items}', str(ITEMS)), encoding='utf-8')
        made.append(target)
    return made
