"""The app's look: light and dark palettes that follow the OS, icons, type hierarchy."""
