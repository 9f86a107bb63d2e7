"""Linear algebra: one module per concept page."""
