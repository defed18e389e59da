#!/usr/bin/python3
"""Checks report.json files against reports/report.schema.json, and that reports/README.md names
every field the schema has.

usage: check_report_schema.py SCHEMA [--readme README] FILE...

Prints "file: path: what is wrong" for each problem (at most 20 per file). Exit 0: every file is
valid (and the README names every field); 1: a file is not, or the README misses a field; 2: bad
usage, a file that is not JSON, or a schema that is not a valid JSON Schema 2020-12.
Needs the jsonschema module (Debian: python3-jsonschema, for /usr/bin/python3).
"""
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    # Another python3 may come first on PATH; Debian's has python3-jsonschema.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.access("/usr/bin/python3", os.X_OK):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("check_report_schema.py: the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)

USAGE = "usage: check_report_schema.py SCHEMA [--readme README] FILE..."
MAX_PROBLEMS = 20


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        print(f"{path}: cannot read: {error}", file=sys.stderr)
        sys.exit(2)


def field_names(node):
    """Every property name anywhere in the schema."""
    names = set()
    if isinstance(node, dict):
        names.update(node.get("properties", {}).keys() if isinstance(node.get("properties"), dict) else [])
        for value in node.values():
            names |= field_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= field_names(value)
    return names


def main(argv):
    args = list(argv)
    readme = None
    if "--readme" in args:
        at = args.index("--readme")
        if at + 1 >= len(args):
            print(USAGE, file=sys.stderr)
            return 2
        readme = args[at + 1]
        del args[at:at + 2]
    if len(args) < 2:
        print(USAGE, file=sys.stderr)
        return 2
    schema = load(args[0])
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        print(f"{args[0]}: not a valid JSON Schema 2020-12: {error.message}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in args[1:]:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors[:MAX_PROBLEMS]:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message[:300]}")
        failed = failed or bool(errors)
    if readme is not None:
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        named = set(re.findall(r"`([a-z_0-9]+)`", text))
        for name in sorted(field_names(schema) - named):
            print(f"{readme}: the field `{name}` of the schema is not described")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
