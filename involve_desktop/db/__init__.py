"""Storage: the SQLite file, the engine factory, the models and their migrations."""
