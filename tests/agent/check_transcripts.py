#!/usr/bin/env python3
"""Checks agent transcripts (<out>/agents/<scenario>/run-<n>.jsonl) against the agent protocol's schema.

usage: check_transcripts.py SCHEMA FILE_OR_DIR...

SCHEMA is docs/agent-protocol.schema.json. Every line of every transcript must be one JSON object
valid against its $defs/transcript_line: {"at", "dir", "message"}, the message a casim → agent
message (to_agent) when dir is "in", an agent → casim message (from_agent) when "out", a string
when "stderr". A directory is searched for *.jsonl files at any depth; a file named on the command
line is checked whatever its name.

Prints "file:line: what is wrong" for each problem. Exit 0: every line of every transcript is valid.
1: some line is not, or there was no transcript to check at all. 2: bad usage (missing arguments, a
path that does not exist, a schema that cannot be read or is not a valid JSON Schema 2020-12).
Needs the jsonschema module (Debian: python3-jsonschema, for /usr/bin/python3).
"""
import json
import os
import sys
from pathlib import Path

USAGE = "usage: check_transcripts.py SCHEMA FILE_OR_DIR..."

try:
    import jsonschema
except ImportError:
    # Another python3 may come first on PATH; Debian's has python3-jsonschema.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.access("/usr/bin/python3", os.X_OK):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("check_transcripts.py: the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)

# Which union a line's message must match, by dir, and the field that tells its branches apart.
UNIONS = {"in": ("to_agent", "type"), "out": ("from_agent", "op")}


class DuplicateKey(ValueError):
    pass


def _object_without_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(text):
    return json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_no_constant)


class Checker:
    def __init__(self, schema):
        jsonschema.Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.line_validator = self._validator_for("transcript_line")
        # For readable errors: each union's branches by their discriminator's value.
        self.branches = {}
        for direction, (union, field) in UNIONS.items():
            by_value = {}
            for branch in schema["$defs"][union]["oneOf"]:
                name = branch["$ref"].rsplit("/", 1)[-1]
                value = schema["$defs"][name]["properties"][field]["const"]
                by_value[value] = (name, self._validator_for(name))
            self.branches[direction] = by_value

    def _validator_for(self, name):
        # The whole schema (so every "#/$defs/…" resolves), rooted at one definition.
        rooted = {key: value for key, value in self.schema.items() if key not in ("oneOf", "anyOf", "allOf", "$ref")}
        rooted["$ref"] = f"#/$defs/{name}"
        return jsonschema.Draft202012Validator(rooted)

    def problems(self, line):
        """What is wrong with one transcript line (its text without the newline); [] if nothing."""
        if not line.strip():
            return ["an empty line"]
        try:
            value = parse_json(line)
        except (ValueError, RecursionError) as error:
            return [f"not JSON: {error}"]
        errors = list(self.line_validator.iter_errors(value))
        if not errors:
            return []
        return self._explain(value, errors)

    def _explain(self, value, errors):
        # The schema decides; this only says why in terms of the message the line holds.
        if isinstance(value, dict) and value.get("dir") in UNIONS and isinstance(value.get("message"), dict):
            union, field = UNIONS[value["dir"]]
            message = value["message"]
            line_errors = [e for e in errors if list(e.absolute_path)[:1] != ["message"]]
            message_problems = []
            if field not in message:
                message_problems = [f"message: no {field!r} (a {union} message needs one)"]
            elif not isinstance(message[field], str) or message[field] not in self.branches[value["dir"]]:
                known = ", ".join(sorted(self.branches[value["dir"]]))
                message_problems = [f"message.{field}: unknown {field} {json.dumps(message[field])} for dir {value['dir']!r} (one of {known})"]
            else:
                name, validator = self.branches[value["dir"]][message[field]]
                message_problems = [self._describe(e, "message", f" ({name})") for e in sorted(validator.iter_errors(message), key=_order)]
            described = [self._describe(e) for e in sorted(line_errors, key=_order)] + message_problems
            if described:
                return described
        return [self._describe(e) for e in sorted(errors, key=_order)]

    @staticmethod
    def _describe(error, prefix="", suffix=""):
        where = prefix
        for part in error.absolute_path:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        text = error.message
        if error.validator in ("oneOf", "anyOf") and error.context:
            text += ": " + "; ".join(sorted({c.message for c in error.context}))
        if len(text) > 300:
            text = text[:297] + "..."
        return f"{where or 'line'}{suffix}: {text}"


def _order(error):
    return ([str(part) for part in error.absolute_path], str(error.message))


def transcripts(paths):
    """The transcripts named or found under the paths, in order; raises FileNotFoundError."""
    found = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.jsonl") if p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return found


def check_file(checker, path, out):
    """Prints each problem of one transcript; returns (lines, bad lines)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{path}: cannot read: {error.strerror}", file=out)
        return 0, 1
    if not data:
        print(f"{path}: empty transcript (no line at all)", file=out)
        return 0, 1
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    bad = 0
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems = [f"not UTF-8: {error}"]
        else:
            problems = checker.problems(text)
        if number == len(lines) and not data.endswith(b"\n"):
            problems.append("the last line does not end with a newline")
        for problem in problems:
            print(f"{path}:{number}: {problem}", file=out)
        bad += bool(problems)
    return len(lines), bad


def main(argv):
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if len(argv) < 2:
        print(USAGE, file=sys.stderr)
        return 2
    schema_path, paths = argv[0], argv[1:]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        checker = Checker(schema)
    except OSError as error:
        print(f"{schema_path}: cannot read the schema: {error.strerror}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"{schema_path}: not JSON: {error}", file=sys.stderr)
        return 2
    except jsonschema.SchemaError as error:
        print(f"{schema_path}: not a valid JSON Schema 2020-12: {error.message}", file=sys.stderr)
        return 2
    except (KeyError, TypeError) as error:
        print(f"{schema_path}: not the agent protocol's schema (no $defs/transcript_line, to_agent, from_agent as expected): {error}", file=sys.stderr)
        return 2
    try:
        files = transcripts(paths)
    except FileNotFoundError as error:
        print(f"check_transcripts.py: {error}", file=sys.stderr)
        return 2
    if not files:
        print(f"no transcript (*.jsonl) found in {' '.join(paths)}: nothing was checked", file=sys.stderr)
        return 1
    total_lines = total_bad = bad_files = 0
    for path in files:
        lines, bad = check_file(checker, path, sys.stdout)
        total_lines += lines
        total_bad += bad
        bad_files += bool(bad)
    sys.stdout.flush()
    if total_bad:
        print(f"{total_bad} bad line(s) in {bad_files} of {len(files)} transcript(s) ({total_lines} lines)", file=sys.stderr)
        return 1
    print(f"{len(files)} transcript(s), {total_lines} lines: all valid", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
