"""Record editors: forms whose fields save themselves through Operations."""
