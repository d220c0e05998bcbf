"""The docs site: every per-pattern page, index, comparison and the advisor page come from the
catalog data at build time (called from site/hooks/catalog.py)."""
