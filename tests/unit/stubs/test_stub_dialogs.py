"""xbmcgui dialogs: scripted answers (FIFO per kind), the record of what was shown, UnexpectedDialog."""
from __future__ import annotations

import pytest
import xbmc
import xbmcgui


def test_scripted_answers_are_returned_in_order_and_recorded(fk):
    fk.answer('select', 1)
    fk.answer('select', -1)
    fk.answer('yesno', True)
    dialog = xbmcgui.Dialog()
    assert dialog.select('Pick a stream', ['1080p', xbmcgui.ListItem('4K')]) == 1
    assert dialog.select('Pick again', ['a']) == -1
    assert dialog.yesno('Trakt', 'Sign in?') is True
    assert fk.dialogs == [
        {'kind': 'select', 'heading': 'Pick a stream', 'list': ['1080p', '4K'], 'preselect': -1, 'answer': 1},
        {'kind': 'select', 'heading': 'Pick again', 'list': ['a'], 'preselect': -1, 'answer': -1},
        {'kind': 'yesno', 'heading': 'Trakt', 'message': 'Sign in?', 'nolabel': '', 'yeslabel': '',
         'answer': True},
    ]
    assert fk.pending_answers() == {}


def test_each_modal_kind_returns_its_answer(fk):
    for kind, value in [('multiselect', [0, 2]), ('yesnocustom', 2), ('ok', True), ('input', 'matrix'),
                        ('numeric', '1999'), ('browse', '/media/'), ('contextmenu', 0), ('textviewer', None)]:
        fk.answer(kind, value)
    dialog = xbmcgui.Dialog()
    assert dialog.multiselect('Genres', ['a', 'b', 'c']) == [0, 2]
    assert dialog.yesnocustom('Resume', 'From 10:00?', 'Restart') == 2
    assert dialog.ok('Done', 'Saved') is True
    assert dialog.input('Search') == 'matrix'
    assert dialog.numeric(0, 'Year') == '1999'
    assert dialog.browse(0, 'Folder', 'files') == '/media/'
    assert dialog.contextmenu(['Mark watched']) == 0
    assert dialog.textviewer('Log', 'text') is None
    assert [shown['kind'] for shown in fk.dialogs] == [
        'multiselect', 'yesnocustom', 'ok', 'input', 'numeric', 'browse', 'contextmenu', 'textviewer']


def test_cancel_answers(fk):
    fk.answer('input', None)
    fk.answer('multiselect', None)
    fk.answer('browse', None)
    dialog = xbmcgui.Dialog()
    assert dialog.input('Search', defaultt='old') == ''
    assert dialog.multiselect('Genres', ['a']) is None
    assert dialog.browse(0, 'Folder', 'files', defaultt='/keep/') == '/keep/'


def test_an_unanswered_modal_dialog_raises_and_bypasses_except_exception(fk):
    with pytest.raises(fk.UnexpectedDialog):
        try:
            xbmcgui.Dialog().select('Widget must not ask', ['a'])
        except Exception:  # an addon's catch-all must not hide it
            pytest.fail('UnexpectedDialog was caught by except Exception')
    assert fk.dialogs[-1]['kind'] == 'select' and fk.dialogs[-1]['answer'] is None


def test_scripted_answers_are_validated(fk):
    with pytest.raises(ValueError):
        fk.answer('dropdown', 1)
    fk.answer('select', 5)
    with pytest.raises(ValueError):
        xbmcgui.Dialog().select('Two options', ['a', 'b'])


def test_dialog_arguments_are_type_checked(fk):
    fk.answer('ok', True)
    with pytest.raises(TypeError):
        xbmcgui.Dialog().ok('Heading', 30001)
    assert fk.pending_answers() == {'ok': [True]}


def test_notifications_are_recorded_without_an_answer(fk):
    xbmcgui.Dialog().notification('AIOStreams', 'Backend unreachable', xbmcgui.NOTIFICATION_ERROR, 3000)
    assert fk.notifications == [{'heading': 'AIOStreams', 'message': 'Backend unreachable', 'icon': 'error',
                                 'time': 3000, 'sound': True}]
    assert fk.dialogs == []
    with pytest.raises(TypeError):
        xbmcgui.Dialog().notification('AIOStreams', 'x', time='3000')


def test_keyboard_uses_the_input_answers(fk):
    fk.answer('input', 'dune')
    fk.answer('input', None)
    keyboard = xbmc.Keyboard('', 'Search')
    keyboard.doModal()
    assert keyboard.isConfirmed() and keyboard.getText() == 'dune'
    keyboard = xbmc.Keyboard('previous', 'Search')
    keyboard.doModal()
    assert not keyboard.isConfirmed() and keyboard.getText() == 'previous'


def test_progress_is_cancelled_after_the_scripted_number_of_polls(fk):
    fk.answer('progress_cancel_after', 2)
    progress = xbmcgui.DialogProgress()
    progress.create('Scraping', 'Asking the backend')
    polls = []
    for percent in (10, 50, 90):
        progress.update(percent, 'step %d' % percent)
        polls.append(progress.iscanceled())
    progress.close()
    assert polls == [False, False, True]
    assert fk.dialogs == [{'kind': 'progress', 'heading': 'Scraping', 'message': 'Asking the backend',
                           'updates': [(10, 'step 10'), (50, 'step 50'), (90, 'step 90')], 'closed': True,
                           'answer': 2}]


def test_progress_without_a_script_is_never_cancelled_and_background_progress_is_recorded(fk):
    progress = xbmcgui.DialogProgress()
    progress.create('Syncing')
    assert not any(progress.iscanceled() for _ in range(50))
    background = xbmcgui.DialogProgressBG()
    background.create('Trakt', 'Syncing')
    background.update(40, message='history')
    assert not background.isFinished()
    background.close()
    assert background.isFinished()
    assert fk.dialogs[-1]['kind'] == 'progress_bg' and fk.dialogs[-1]['updates'] == [(40, '', 'history')]
    with pytest.raises(TypeError):
        progress.update('50')
