"""The canvas: one scene per open lifecycle, its items, and the view that shows it."""
