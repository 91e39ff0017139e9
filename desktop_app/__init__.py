"""Lifecycle Studio: draw, check and track a machine-learning model's lifecycle."""

__version__ = "0.1.0"
