"""The subcommands of the fictui command line, one module each."""
