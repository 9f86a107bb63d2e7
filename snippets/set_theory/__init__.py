"""Set theory: sets, set operations, relations and functions, partitions, similarity."""
