"""Test helpers that are not fixtures: photo generators, waits and readers shared by tests and scripts."""
