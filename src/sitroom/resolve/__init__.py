"""resolve: mentions -> gazetteer points, canonical actors and calendar dates."""
