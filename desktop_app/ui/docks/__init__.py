"""The window's docks: lifecycles, palette, inspector, owners, findings."""
