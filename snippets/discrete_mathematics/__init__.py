"""Discrete mathematics: counting, graphs, graph algorithms, spectral methods."""
