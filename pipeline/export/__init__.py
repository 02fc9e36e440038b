"""Export: the run's SQLite store and its tables as CSV, Parquet and xlsx."""
