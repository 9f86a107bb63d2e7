"""Information theory: entropy, KL, cross-entropy, JS and mutual information."""
