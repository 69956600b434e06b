"""Qt item models over plain rows read from the local store."""
