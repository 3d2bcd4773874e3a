"""Movements are not in the admin site: each names a prisoner, and administrators hold
no grant on the files (issue 16). They are read on the file, through its restriction."""
