"""Rubrics: indicator trees, star levels, loading/validation and scoring.

Pure data and arithmetic; nothing here imports the TUI.
"""
