"""Tested code behind the Mathematics for Machine Learning site."""
