"""The catalog: loading pattern data safely (safe_yaml), checking it against the JSON Schemas
(schema), caching the validated result (json_cache, cached), the columnar index the advisor reads
(index), and text search. Everything else builds on this package; it imports nothing above it."""
