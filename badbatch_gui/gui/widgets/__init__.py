"""Reusable widgets the pages are built from (tables, plots, thumbnails, banners, bars)."""
