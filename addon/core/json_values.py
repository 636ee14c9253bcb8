"""Tolerant readers of optional JSON values: a wrong type or an empty value reads as missing. Pure."""
from __future__ import annotations

import re


def text(value) -> str | None:
    """A stripped string, or None for None, containers, booleans and blanks."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    stripped = str(value).strip()
    return stripped or None


def mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def items(value) -> list:
    return value if isinstance(value, list) else []


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def strings(value) -> list:
    return [str(item).strip() for item in as_list(value) if text(item)]


def flag(value):
    """True / False when the value is a boolean, else None (unknown)."""
    return value if isinstance(value, bool) else None


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def positive_int(value, allow_zero=False):
    try:
        whole = int(float(value))
    except (TypeError, ValueError, OverflowError):  # OverflowError: inf, 1e400
        return None
    return whole if whole > 0 or (allow_zero and whole == 0) else None


def split_list(value) -> list:
    """'English | French, German' -> ['English', 'French', 'German']."""
    return [part.strip() for part in re.split(r'[|,/\u2022]', value) if part.strip()]
