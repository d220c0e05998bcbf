"""The advisor: requirements in, ranked patterns with reasons out. rules.yaml holds the questions
and how each is decided (data); rules parses and checks requirements; engine decides and ranks."""
