"""Multivariable calculus: one module per concept page."""
