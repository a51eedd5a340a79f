"""Pure rules of the domain: no Qt, no SQLAlchemy, easy to test."""
