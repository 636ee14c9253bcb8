"""Argument type assertions shared by the fake Kodi modules (Kodi's bindings reject wrong types too)."""
from __future__ import annotations

STR = (str,)
INT = (int,)
BOOL = (bool,)
NUMBER = (int, float)


def expect(func: str, name: str, value, types: tuple) -> None:
    """Raise TypeError like Kodi does when `value` is not one of `types`."""
    if not isinstance(value, types):
        wanted = ' or '.join(t.__name__ for t in types)
        raise TypeError('%s(): argument %r must be %s, not %s' % (func, name, wanted, type(value).__name__))


def expect_int(func: str, name: str, value) -> None:
    """Integers only: a float or a numeric string is an error in Kodi's bindings."""
    expect(func, name, value, INT)


def expect_str_list(func: str, name: str, value) -> None:
    """A list (or tuple) whose items are all str."""
    expect(func, name, value, (list, tuple))
    for index, item in enumerate(value):
        expect(func, '%s[%d]' % (name, index), item, STR)


def expect_str_dict(func: str, name: str, value) -> None:
    """A dict mapping str to str (art, unique ids, properties)."""
    expect(func, name, value, (dict,))
    for key, item in value.items():
        expect(func, '%s key' % name, key, STR)
        expect(func, '%s[%r]' % (name, key), item, STR)
