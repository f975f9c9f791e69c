"""The web's own migration history (accounts), kept apart from the corpus store's."""
