"""xbmcgui.WindowXMLDialog: the XML's controls, scripted input through onInit / onAction / onClick, close."""
from __future__ import annotations

from pathlib import Path

import pytest
import xbmcgui

XML = '''<?xml version="1.0" encoding="UTF-8"?>
<window>
  <defaultcontrol always="true">50</defaultcontrol>
  <controls>
    <control type="image" id="1"><texture>bg.png</texture></control>
    <control type="group">
      <control type="label" id="4"><font>font13</font></control>
      <control type="textbox" id="6"/>
    </control>
    <control type="list" id="50"><itemlayout height="40"/><focusedlayout height="40"/></control>
  </controls>
</window>
'''


@pytest.fixture
def script_path(addon_dir):
    folder = Path(addon_dir) / 'resources' / 'skins' / 'Default' / '1080i'
    folder.mkdir(parents=True)
    (folder / 'test-window.xml').write_text(XML)
    return str(addon_dir)


class Recorder(xbmcgui.WindowXMLDialog):
    """Fills its list in onInit, closes on a click, records every callback."""

    def onInit(self):
        self.calls = [('init',)]
        rows = self.getControl(50)
        rows.addItems([xbmcgui.ListItem('first'), 'second', xbmcgui.ListItem('third')])
        self.getControl(4).setLabel('Title')
        self.getControl(1).setImage('http://127.0.0.1/fanart.jpg')
        self.chosen = None

    def onAction(self, action):
        self.calls.append(('action', action.getId()))
        super().onAction(action)

    def onClick(self, controlId):
        self.calls.append(('click', controlId))
        self.chosen = self.getControl(controlId).getSelectedItem().getLabel()
        self.close()


def test_down_then_select_clicks_the_second_row_and_closes(fk, script_path):
    fk.answer('window', ['down', 'select'])
    window = Recorder('test-window.xml', script_path, 'Default', '1080i')
    window.doModal()
    assert window.chosen == 'second'
    assert window.calls == [('init',), ('action', xbmcgui.ACTION_MOVE_DOWN), ('click', 50)]
    assert window.getControl(4).getLabel() == 'Title'
    assert window.getControl(1).image == 'http://127.0.0.1/fanart.jpg'
    assert fk.dialogs == [{'kind': 'window', 'xml': 'test-window.xml', 'inputs': ['down', 'select'],
                           'closed': True}]


def test_moves_stop_at_the_ends_of_the_list(fk, script_path):
    fk.answer('window', ['up', 'down', 'down', 'down', 'down', 'select'])
    window = Recorder('test-window.xml', script_path, 'Default', '1080i')
    window.doModal()
    assert window.chosen == 'third'


def test_back_closes_through_the_base_on_action(fk, script_path):
    fk.answer('window', ['info', 'back'])
    window = Recorder('test-window.xml', script_path, 'Default', '1080i')
    window.doModal()
    assert window.chosen is None
    assert window.calls[1:] == [('action', xbmcgui.ACTION_SHOW_INFO), ('action', xbmcgui.ACTION_NAV_BACK)]
    assert fk.dialogs[-1]['closed'] is True


def test_a_window_without_scripted_input_or_left_open_is_unexpected(fk, script_path):
    with pytest.raises(fk.UnexpectedDialog):
        Recorder('test-window.xml', script_path, 'Default', '1080i').doModal()
    fk.answer('window', ['down'])
    with pytest.raises(fk.UnexpectedDialog, match='still open'):
        Recorder('test-window.xml', script_path, 'Default', '1080i').doModal()
    fk.answer('window', ['select', 'down'])
    with pytest.raises(ValueError, match='after the window closed'):
        Recorder('test-window.xml', script_path, 'Default', '1080i').doModal()


def test_controls_exist_only_once_open_and_only_those_of_the_xml(fk, script_path):
    window = Recorder('test-window.xml', script_path, 'Default', '1080i')
    with pytest.raises(RuntimeError, match='Non-Existent Control 50'):
        window.getControl(50)

    class Probe(xbmcgui.WindowXMLDialog):
        def onInit(self):
            self.types = [type(self.getControl(control_id)).__name__ for control_id in (1, 4, 6, 50)]
            self.focus = self.getFocusId()
            with pytest.raises(RuntimeError):
                self.getControl(99)
            with pytest.raises(TypeError):
                self.getControl('50')
            self.close()

    fk.answer('window', [])
    probe = Probe('test-window.xml', script_path, 'Default', '1080i')
    probe.doModal()
    assert probe.types == ['ControlImage', 'ControlLabel', 'ControlTextBox', 'ControlList']
    assert probe.focus == 50


def test_a_missing_xml_is_refused_like_kodi(fk, script_path):
    with pytest.raises(RuntimeError, match='XML File for Window is missing'):
        xbmcgui.WindowXMLDialog('other.xml', script_path, 'Default', '1080i')
    with pytest.raises(RuntimeError):
        xbmcgui.WindowXMLDialog('test-window.xml', script_path, 'Default', '720p')


def test_list_items_and_properties_keep_their_types(fk, script_path):
    rows = xbmcgui.ControlList(50)
    with pytest.raises(TypeError):
        rows.addItem(3)
    assert rows.getSelectedPosition() == -1 and rows.getSelectedItem() is None
    rows.addItems(['a', 'b'])
    rows.selectItem(1)
    assert (rows.size(), rows.getSelectedPosition(), rows.getListItem(1).getLabel()) == (2, 1, 'b')
    with pytest.raises(RuntimeError):
        rows.getListItem(2)
    window = xbmcgui.WindowXMLDialog('test-window.xml', script_path, 'Default', '1080i')
    window.setProperty('Year', '2019')
    assert window.getProperty('year') == '2019'
    with pytest.raises(TypeError):
        window.setProperty('year', 2019)


def test_a_shown_window_gets_its_callbacks_only_in_the_waits_of_the_thread_that_made_it(fk, script_path):
    import threading

    import xbmc
    fk.answer('window', ['wait', 'info', 'back'])
    window = Recorder('test-window.xml', script_path, 'Default', '1080i')
    window.show()
    assert not hasattr(window, 'calls')             # onInit comes with the first wait, not with show()
    other = threading.Thread(target=lambda: xbmc.Monitor().waitForAbort(0.01))
    other.start()
    other.join()
    assert not hasattr(window, 'calls')             # another thread's wait delivers nothing
    monitor = xbmc.Monitor()
    for _ in range(3):
        monitor.waitForAbort(0.01)
    assert window.calls == [('init',), ('action', xbmcgui.ACTION_SHOW_INFO)]
    xbmc.sleep(1)
    assert window.calls[-1] == ('action', xbmcgui.ACTION_NAV_BACK)
    assert fk.dialogs[-1] == {'kind': 'window', 'xml': 'test-window.xml', 'inputs': ['wait', 'info', 'back'],
                              'closed': True, 'shown': True}
    monitor.waitForAbort(0.01)                      # closed: nothing more arrives
    assert len(window.calls) == 3
