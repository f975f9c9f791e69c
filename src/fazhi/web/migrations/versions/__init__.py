"""Revisions of the web's account tables (a package so that it ships with fazhi)."""
