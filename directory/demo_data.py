"""Moved to the package ``directory.demo``; this name stays only for search/benchmark.py.

Delete this module once search/benchmark.py (being moved by the search split) imports from
``directory.demo``.
"""

from directory.demo import EXTRA_WARDS, MAIN_WARDS, WORDS, demo_data_exists

__all__ = ["EXTRA_WARDS", "MAIN_WARDS", "WORDS", "demo_data_exists"]
