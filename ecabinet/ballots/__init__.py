"""Written-opinion ballots: the tally rule and the offline recount (docs/ballots.md)."""
