"""HTTP routes: parse, call one service function, commit, answer. Nothing else."""
