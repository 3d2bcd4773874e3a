"""Models of the rehabilitation app (see the issue that builds it)."""
