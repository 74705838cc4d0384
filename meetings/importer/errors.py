class MinutesError(ValueError):
    """The file cannot be read as minutes; the message completes "<file> ..."."""
