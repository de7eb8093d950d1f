"""A minimal command-line application."""

__version__ = "0.1.0"


def greet(name: str = "world") -> str:
    """Return the greeting for name."""
    name = name.strip() or "world"
    return f"Hello, {name}!"
