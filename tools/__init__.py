"""Developer tooling that is not shipped in the package (screenshots)."""
