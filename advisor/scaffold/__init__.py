"""`advisor init`: copy a validated pattern into a new project with the user's names applied,
without ever writing outside the target or over files the user changed."""
