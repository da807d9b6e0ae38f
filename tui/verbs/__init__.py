"""The `starcampus` subcommands, one module per area; tui/cli_run.py dispatches to them."""
