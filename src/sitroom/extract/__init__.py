"""extract: sentences -> mentions (event cues, figures, actors, attribution, time) -> Events."""
