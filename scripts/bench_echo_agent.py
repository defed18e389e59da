#!/usr/bin/env python3
"""The cheapest possible agent for `casim bench pipeline --agent`: it answers every event with a
yield and does nothing else, so what the benchmark measures is casim's own cost per message."""
import sys

for _ in sys.stdin:
    sys.stdout.write('{"op":"yield"}\n')
    sys.stdout.flush()
