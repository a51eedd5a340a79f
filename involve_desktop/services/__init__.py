"""Services: the app's operations. Each takes a Session and returns plain data, never live rows."""
