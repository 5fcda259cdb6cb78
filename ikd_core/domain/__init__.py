"""The domain: what the data file says, read safely, checked, and what it implies over time."""
