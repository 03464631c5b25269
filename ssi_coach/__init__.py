"""SSI Coach: turn four LinkedIn SSI numbers and a goal into a plan for today."""
