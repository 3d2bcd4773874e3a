"""Models of the intake app (see the issue that builds it)."""
