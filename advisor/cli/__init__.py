"""The thin `advisor` command over the library: argument parsing and exit codes (main), one module
per command group (commands/), terminal rendering (render) and the interactive questionnaire.
Nothing below this package imports it."""
