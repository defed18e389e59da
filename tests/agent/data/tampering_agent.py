#!/usr/bin/env python3
"""A broken agent for casim's tests: it relays the agent protocol between casim and a working agent
(the command after "--") and breaks it in one way, named by MODE:

  wrong-txt    shows the customer a wrong validation value
  never-polls  drops every timer the agent asks for (it never wakes up on its own)
  wrong-status shows Status 1 (issued) where the agent shows 0 (under review)
  sleeps       sleeps for an hour in its turn after a customer's submission
  garbage      writes a line that is not JSON in its turn after a submission
  exits        writes to stderr and exits with code 3 in its turn after a submission
  flood        makes 100,000 requests in its first turn
  timer-past   asks for a timer in the year 2000 in its turn after a submission

usage: tampering_agent.py MODE -- COMMAND...
"""
import json
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    mode, command = sys.argv[1], sys.argv[3:]
    inner = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def to_casim(message):
        sys.stdout.write(message if isinstance(message, str) else json.dumps(message))
        sys.stdout.write("\n")
        sys.stdout.flush()

    def to_inner(line):
        inner.stdin.write(line)
        inner.stdin.flush()

    first_turn = True
    for line in sys.stdin:
        event = json.loads(line)
        to_inner(line)
        after_submit = event.get("type") == "customer" and event.get("request") == "submit"
        if after_submit and mode == "sleeps":
            time.sleep(3600)
        if after_submit and mode == "garbage":
            to_casim("this is not JSON {")
        if after_submit and mode == "exits":
            sys.stderr.write("tampering agent: exiting in the middle of a run\n")
            sys.stderr.flush()
            sys.exit(3)
        if after_submit and mode == "timer-past":
            to_casim({"op": "timer", "id": "past", "at": "2000-01-01T00:00:00Z"})
        if first_turn and mode == "flood":
            for n in range(100_000):
                to_casim({"op": "log", "text": f"flood {n}"})
        first_turn = False
        while True:
            request = json.loads(inner.stdout.readline())
            op = request.get("op")
            if mode == "wrong-txt" and op == "show_customer":
                for entry in request.get("DvAuths", []):
                    entry["DvAuthValue"] = "wrong-" + entry["DvAuthValue"]
            if mode == "wrong-status" and op == "status" and request.get("Status") == 0:
                request["Status"] = 1
            if mode == "never-polls" and op == "timer":
                continue
            to_casim(request)
            if op in ("call", "dns"):
                to_inner(sys.stdin.readline())
            if op == "yield":
                break
    inner.stdin.close()
    return inner.wait()


if __name__ == "__main__":
    sys.exit(main())
