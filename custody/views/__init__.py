"""Security operations in the browser."""
