#!/usr/bin/python3
"""Checks scenario files against scenarios/schema/scenario.schema.json, and bases (files in a
folder named _…) against base.schema.json, the way an editor's YAML 1.2 language server would.

usage: check_scenario_schema.py SCHEMA_DIR DIR...

Prints "file: path: what is wrong" for each problem. Exit 0: every file is valid; 1: a file is
not; 2: bad usage, a file that is not YAML, or a schema that is not a valid JSON Schema 2020-12.
Needs the jsonschema and yaml modules (Debian: python3-jsonschema python3-yaml, for /usr/bin/python3).
"""
import json
import os
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError:
    # Another python3 may come first on PATH; Debian's has python3-jsonschema and python3-yaml.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.access("/usr/bin/python3", os.X_OK):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("check_scenario_schema.py: jsonschema or yaml is missing (apt-get install python3-jsonschema python3-yaml)",
          file=sys.stderr)
    sys.exit(2)


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 scalars as casim reads them: timestamps stay text, only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def resolver(schema, store):
    """The $ref resolver of Debian 12's jsonschema (4.10), deprecated but kept by later versions."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return jsonschema.RefResolver.from_schema(schema, store=store)


def main(argv):
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    schemas = {}
    for name in ("scenario", "base"):
        with open(os.path.join(argv[0], f"{name}.schema.json"), encoding="utf-8") as f:
            schemas[name] = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schemas[name])
    store = {schema["$id"]: schema for schema in schemas.values()}
    files = sorted(os.path.join(folder, name) for root in argv[1:] for folder, _, names in os.walk(root)
                   for name in names if name.endswith((".yaml", ".yml")))
    problems = 0
    for path in files:
        is_base = any(part.startswith("_") for part in os.path.relpath(path, argv[1]).split(os.sep)[:-1])
        schema = schemas["base" if is_base else "scenario"]
        validator = jsonschema.Draft202012Validator(schema, resolver=resolver(schema, store))
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=Yaml12Loader)
        except (OSError, yaml.YAMLError) as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            return 2
        for error in validator.iter_errors(document):
            print(f"{path}: {'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}")
            problems += 1
    print(f"{len(files)} files checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
