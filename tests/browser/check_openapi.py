#!/usr/bin/env python3
"""Checks frontend/openapi.json: every example validates against its schema, and the document hangs together.

Usage: python tests/browser/check_openapi.py [path/to/openapi.json]
Exits 1 and lists every problem when something is wrong. Needs the `jsonschema` package.

Examples checked: media-type `example` and `examples.*.value` (requests and responses, including
components/responses), parameter `example`/`examples`, and `examples` arrays inside schemas.
Also checked: each $ref resolves, operationIds are unique, each operation has a known tag and at
least one response, each path parameter is declared, and each schema is valid JSON Schema 2020-12.
"""
import copy
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # pragma: no cover
    sys.exit("check_openapi.py needs the jsonschema package: pip install jsonschema")

DOC_URI = "urn:personalmem:openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class Checker:
    def __init__(self, doc):
        self.doc = doc
        self.problems = []
        self.checked = 0
        resource = Resource.from_contents(doc, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(DOC_URI, resource)

    def fail(self, where, message):
        self.problems.append(f"{where}: {message}")

    def resolve(self, node, where):
        """Follows local $refs; returns None (and records a problem) when one does not resolve."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                self.fail(where, f"only local $refs are supported, got {ref}")
                return None
            target = self.doc
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    self.fail(where, f"$ref {ref} does not resolve")
                    return None
                target = target[part]
            node = target
            seen += 1
        return node

    @staticmethod
    def absolutise(schema):
        """Rewrites local refs so they resolve against the whole document in the registry."""
        if isinstance(schema, dict):
            out = {}
            for key, value in schema.items():
                if key == "$ref" and isinstance(value, str) and value.startswith("#"):
                    out[key] = DOC_URI + value
                else:
                    out[key] = Checker.absolutise(value)
            return out
        if isinstance(schema, list):
            return [Checker.absolutise(item) for item in schema]
        return schema

    def validate(self, instance, schema, where):
        self.checked += 1
        prepared = self.absolutise(copy.deepcopy(schema))
        try:
            Draft202012Validator.check_schema(prepared)
        except Exception as error:  # SchemaError
            self.fail(where, f"schema is not valid JSON Schema: {getattr(error, 'message', error)}")
            return
        validator = Draft202012Validator(prepared, registry=self.registry, format_checker=FormatChecker())
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            path = "/".join(str(p) for p in error.absolute_path) or "(root)"
            self.fail(where, f"example does not validate at {path}: {error.message}")

    def check_media(self, media_map, where):
        for media_type, media in (media_map or {}).items():
            spot = f"{where} {media_type}"
            schema = media.get("schema")
            if schema is None:
                self.fail(spot, "no schema")
                continue
            has_example = False
            if "example" in media:
                has_example = True
                instance = media["example"]
                if media_type == "application/json" or not isinstance(instance, str):
                    self.validate(instance, schema, f"{spot} example")
            for name, example in (media.get("examples") or {}).items():
                example = self.resolve(example, f"{spot} examples.{name}")
                if example is None:
                    continue
                has_example = True
                if "value" not in example:
                    self.fail(f"{spot} examples.{name}", "no value")
                    continue
                self.validate(example["value"], schema, f"{spot} examples.{name}")
            if not has_example:
                self.fail(spot, "no example")

    def check_parameter(self, param, where):
        param = self.resolve(param, where)
        if param is None:
            return None
        spot = f"{where} parameter {param.get('name')}"
        if "schema" not in param:
            self.fail(spot, "no schema")
            return param
        if "example" in param:
            self.validate(param["example"], param["schema"], f"{spot} example")
        for name, example in (param.get("examples") or {}).items():
            example = self.resolve(example, f"{spot} examples.{name}")
            if example is not None and "value" in example:
                self.validate(example["value"], param["schema"], f"{spot} examples.{name}")
        return param

    def check_schema_examples(self):
        for name, schema in self.doc.get("components", {}).get("schemas", {}).items():
            where = f"components.schemas.{name}"
            try:
                Draft202012Validator.check_schema(self.absolutise(copy.deepcopy(schema)))
            except Exception as error:
                self.fail(where, f"not valid JSON Schema: {getattr(error, 'message', error)}")
            self.walk_schema_examples(schema, where)

    def walk_schema_examples(self, schema, where):
        if isinstance(schema, dict):
            if isinstance(schema.get("examples"), list) and ("type" in schema or "$ref" in schema or "properties" in schema
                                                             or "anyOf" in schema or "oneOf" in schema):
                for index, example in enumerate(schema["examples"]):
                    self.validate(example, schema, f"{where} examples[{index}]")
            for key, value in schema.items():
                if key in ("examples", "example", "default", "const", "enum"):
                    continue
                self.walk_schema_examples(value, f"{where}.{key}")
        elif isinstance(schema, list):
            for index, item in enumerate(schema):
                self.walk_schema_examples(item, f"{where}[{index}]")

    def check_refs(self, node, where):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                self.resolve({"$ref": node["$ref"]}, where)
            for key, value in node.items():
                self.check_refs(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                self.check_refs(item, f"{where}[{index}]")

    def run(self):
        doc = self.doc
        if not str(doc.get("openapi", "")).startswith("3.1"):
            self.fail("openapi", f"expected 3.1.x, got {doc.get('openapi')!r}")
        for key in ("info", "paths"):
            if key not in doc:
                self.fail("document", f"missing {key}")
        self.check_refs(doc, "#")
        tags = {tag["name"] for tag in doc.get("tags", [])}
        operation_ids = set()
        for path, item in doc.get("paths", {}).items():
            declared_path_params = set(re.findall(r"\{([^}]+)\}", path))
            shared = [self.check_parameter(p, f"{path}") for p in item.get("parameters", [])]
            for method in METHODS:
                if method not in item:
                    continue
                op = item[method]
                where = f"{method.upper()} {path}"
                op_id = op.get("operationId")
                if not op_id:
                    self.fail(where, "no operationId")
                elif op_id in operation_ids:
                    self.fail(where, f"operationId {op_id} used twice")
                operation_ids.add(op_id)
                for tag in op.get("tags", []):
                    if tag not in tags:
                        self.fail(where, f"tag {tag} is not in the top-level tags")
                if not op.get("tags"):
                    self.fail(where, "no tag")
                params = [p for p in shared if p] + [p for p in (self.check_parameter(p, where) for p in op.get("parameters", [])) if p]
                in_path = {p["name"] for p in params if p.get("in") == "path"}
                if in_path != declared_path_params:
                    self.fail(where, f"path parameters {sorted(in_path)} do not match the template {sorted(declared_path_params)}")
                if "requestBody" in op:
                    body = self.resolve(op["requestBody"], f"{where} requestBody")
                    if body is not None:
                        self.check_media(body.get("content"), f"{where} request")
                responses = op.get("responses") or {}
                if not responses:
                    self.fail(where, "no responses")
                for status, response in responses.items():
                    response = self.resolve(response, f"{where} {status}")
                    if response is None:
                        continue
                    if "description" not in response:
                        self.fail(f"{where} {status}", "no description")
                    self.check_media(response.get("content"), f"{where} {status}")
        for name, response in doc.get("components", {}).get("responses", {}).items():
            self.check_media(response.get("content"), f"components.responses.{name}")
        self.check_schema_examples()
        return self.problems


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "frontend" / "openapi.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{path}: cannot read the document: {error}", file=sys.stderr)
        return 1
    checker = Checker(doc)
    problems = checker.run()
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    operations = sum(1 for item in doc.get("paths", {}).values() for m in METHODS if m in item)
    if problems:
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{path}: {operations} operations, {checker.checked} examples valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
