"""Optimization: one module per concept page."""
