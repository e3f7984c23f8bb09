"""Issue 3's proofs: leak sweep, API fuzzing, crash and abuse tests across the whole product."""
