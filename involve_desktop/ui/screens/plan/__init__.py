"""The Plan area: the involvement strategy and its action plan."""
