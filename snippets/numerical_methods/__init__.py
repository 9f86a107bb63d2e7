"""Numerical methods: one module per concept page."""
