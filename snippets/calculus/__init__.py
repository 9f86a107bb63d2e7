"""Calculus: limits, derivatives, activations, Taylor series, integrals, 1-D descent."""
