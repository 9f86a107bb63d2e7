"""Probability and statistics: one module per concept page."""
