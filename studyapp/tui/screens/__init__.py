"""One screen or dialog per module, each with its bindings and a `.tcss` beside it."""
