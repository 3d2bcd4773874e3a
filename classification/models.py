"""Models of the classification app (see the issue that builds it)."""
