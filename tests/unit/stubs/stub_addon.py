"""A throw-away addon folder for the tests of kodi-stubs (independent of the real addon)."""
from __future__ import annotations

import os
import textwrap

ADDON_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<addon id="plugin.video.stubtest" name="Stub Test" version="1.2.3" provider-name="tester">
  <extension point="xbmc.python.pluginsource" library="main.py"><provides>video</provides></extension>
  <extension point="xbmc.addon.metadata">
    <summary lang="en_GB">A summary</summary>
    <assets><icon>resources/icon.png</icon><fanart>resources/fanart.jpg</fanart></assets>
  </extension>
</addon>
"""

SETTINGS_V1 = """\
<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<settings version="1">
  <section id="plugin.video.stubtest">
    <category id="general" label="30100">
      <group id="main" label="30101">
        <setting id="base_url" type="string" label="30102"><level>0</level><default/></setting>
        <setting id="timeout" type="integer" label="30102">
          <default>15</default>
          <constraints><minimum>3</minimum><step>1</step><maximum>120</maximum></constraints>
        </setting>
        <setting id="ratio" type="number" label="30102"><default>1.5</default></setting>
        <setting id="auto_resume" type="boolean" label="30102"><default>true</default></setting>
        <setting id="behavior" type="string" label="30102">
          <default>show_streams</default>
          <constraints><options>
            <option label="30103">show_streams</option>
            <option label="30104">play_first</option>
          </options></constraints>
        </setting>
        <setting id="download_dir" type="path" label="30102"><default>special://profile/dl/</default></setting>
        <setting id="authorize" type="action" label="30102">
          <data>RunPlugin(plugin://plugin.video.stubtest/authorize)</data>
        </setting>
        <setting id="tags" type="list[string]" label="30102"><default>a|b</default></setting>
      </group>
    </category>
  </section>
</settings>
"""

STRINGS_PO = r'''# header comment
msgid ""
msgstr ""
"Language: en_GB\n"

msgctxt "#30100"
msgid "General"
msgstr ""

msgctxt "#30101"
msgid "Line one "
"and \"two\""
msgstr ""

msgctxt "#30102"
msgid "Translated in en_gb"
msgstr "Overridden text"
'''

ENTRY_SCRIPT = """\
import sys

import leaky
import xbmcgui
import xbmcplugin

handle = int(sys.argv[1])
leaky.CALLS.append(sys.argv[0])
item = xbmcgui.ListItem(label='call %d' % len(leaky.CALLS))
item.setProperty('argv', repr(sys.argv))
xbmcplugin.addDirectoryItem(handle, sys.argv[0] + sys.argv[2], item, False)
xbmcplugin.endOfDirectory(handle)
"""


def write_addon(root, addon_xml=ADDON_XML, settings_xml=SETTINGS_V1, strings_po=STRINGS_PO):
    """Write an addon folder; a None part is left out."""
    files = {'addon.xml': addon_xml, 'resources/settings.xml': settings_xml,
             'resources/language/resource.language.en_gb/strings.po': strings_po,
             'main.py': ENTRY_SCRIPT, 'leaky.py': 'CALLS = []\n'}
    for name, text in files.items():
        if text is not None:
            path = os.path.join(str(root), name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(textwrap.dedent(text))
    return str(root)


def minimal_addon_xml(addon_id):
    return '<addon id="%s" name="x" version="1.0.0"></addon>' % addon_id
