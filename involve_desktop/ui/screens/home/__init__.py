"""Home: today's jobs and the year at a glance (home_screen.HomeScreen)."""
