"""Reading the course's YAML sources (question banks, organisation.yml, team.yml, the
coverage map, a session plan's front matter), with every line number kept.

Whatever is wrong with a file comes back as one sentence at `FILE:LINE`, never a
traceback or a hang: text that is not UTF-8, a control character, a syntax error, a key
that is not text, or YAML anchors and aliases, which no source here needs and which can
nest a cycle (a traceback) or expand a few lines into billions of nodes (a hang).
"""
from __future__ import annotations

import difflib
import functools
import json
import re
from pathlib import Path

import jsonschema
import yaml

from .errors import CourseError
from .text_keys import one_line

# libyaml reads about ten times faster than PyYAML's pure-Python parser, with the same line
# marks; without it (a Python built without libyaml) the pure one does.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, file: str) -> str:
    """A source file's text, or CourseError at the line of the first byte that is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise CourseError(f"{file}:{line}: byte 0x{raw[error.start]:02x} is not UTF-8 text: save the file as UTF-8 "
                          "(most editors offer it under 'Save with encoding')") from None


def parse(text: str, file: str, first_line: int = 1) -> tuple[yaml.Node | None, object]:
    """The YAML tree (with line marks) and the data of text, which starts at first_line of
    file; or CourseError with the line."""
    at = lambda mark: f"{file}:{first_line + (mark.line if mark else 0)}"  # noqa: E731
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise CourseError(f"{at(event.start_mark)}: YAML anchors and aliases (&name, *name) are not "
                                  "allowed here: write the text out in full")
        tree = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        context = f" ({error.context} at line {first_line + error.context_mark.line})" \
            if error.context and error.context_mark and mark is not error.context_mark \
            and error.context_mark.line != mark.line else ""
        raise CourseError(f"{at(mark)}: YAML syntax error: {error.problem}{context}") from None
    except yaml.reader.ReaderError as error:
        # libyaml counts the position in UTF-8 bytes, PyYAML in characters; the reader stops
        # at the first character it refuses, so its first occurrence is the one.
        found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        line = text[:found if found >= 0 else error.position].count("\n")
        raise CourseError(f"{file}:{first_line + line}: character U+{error.character:04X} is not allowed in "
                          "YAML (a control character, often pasted in by accident): delete it") from None
    except yaml.YAMLError as error:
        raise CourseError(f"{file}:{first_line}: YAML could not be read: {error}") from None
    problems = [f"{at(key.start_mark)}: the key {key.value!r} is not text: put it in quotes, or use a field name"
                for key in _keys(tree) if key.tag != "tag:yaml.org,2002:str"]
    if problems:
        raise CourseError(problems)
    return tree, data


def load(path: Path, file: str) -> tuple[str, yaml.Node | None, object]:
    """A YAML file's text, tree and data."""
    text = read_text(path, file)
    tree, data = parse(text, file)
    return text, tree, data


def _keys(node):
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


# --- finding a value's line -------------------------------------------------------------

def node_at(node: yaml.Node, path) -> yaml.Node:
    """The YAML node at a JSON path (keys and indices), as far as it goes."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            match = node.value[step]
        else:
            match = None
        if match is None:
            break
        node = match
    return node


def key_node(node: yaml.Node, key: str) -> yaml.Node:
    return next((k for k, _ in node.value if k.value == key), node) if isinstance(node, yaml.MappingNode) else node


def text_scalars(text: str, fields: set[str] | frozenset[str]):
    """Every scalar value under a key named in `fields`, anywhere in the document, as its
    node (for its line and style): the words a learner reads in a bank or a conversation."""
    def walk(node):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value in fields and isinstance(value, yaml.ScalarNode):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item)

    yield from walk(yaml.compose(text, Loader=LOADER))


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def duplicate_keys(node: yaml.Node, file: str, errors: list[str], first_line: int = 1):
    """Append `FILE:LINE: field 'x' is given twice` for each repeated key in the tree."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if key.value in seen:
                    errors.append(f"{file}:{line_of(key) + first_line - 1}: field '{key.value}' is given twice")
                seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def check(tree: yaml.Node | None, data, schema: dict, file: str, first_line: int = 1,
          separator: str = "/") -> list[str]:
    """Everything wrong with a source read by parse() or load(): each field given twice, then
    each way it breaks its schema, as `FILE:LINE: message`."""
    errors: list[str] = []
    if tree is not None:
        duplicate_keys(tree, file, errors, first_line)
    return errors + schema_errors(data, tree, schema, file, first_line, separator)


SCHEMAS = Path(__file__).parent / "schemas"


@functools.cache
def course_schema(name: str) -> dict:
    """One of the course's own JSON Schemas in courseware/model/schemas/, read once."""
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def schema_errors(data, tree: yaml.Node | None, schema: dict, file: str, first_line: int = 1,
                  separator: str = "/") -> list[str]:
    """JSON Schema errors as `FILE:LINE: message`, with a hint for a misspelt field.

    A schema words its own messages where jsonschema's would not help whoever edits the
    file: `errorMessage` on the failing part of the schema, either one text or a text per
    keyword (`{"type": …, "additionalProperties": …}`). The text may name `{name}` (the
    value's path, its steps joined by `separator`), `{field}` (the last step; for an unknown
    field, that field), `{key}` (an unknown field's whole path), `{value}` (the value as a
    reader sees it: 'text', 42, true, a list), `{instance[…]}` (a field of the value),
    `{hint}` (after an unknown field: "; did you mean …?"), `{allowed}` (an enum's values),
    `{nearest}` (the multiples either side, after multipleOf) and `{message}` (jsonschema's)."""
    errors = []
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        node = node_at(tree, path) if tree is not None else None
        at = lambda n: f"{file}:{(line_of(n) if n is not None else 1) + first_line - 1}"  # noqa: E731
        name = separator.join(map(str, path))
        template = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
        if isinstance(template, dict):
            template = template.get(error.validator)
        if isinstance(error.instance, bool) and error.validator in ("type", "anyOf") and \
                _accepts(error.schema, "string") and not _accepts(error.schema, "integer"):
            # YAML reads yes, no, on and off as true and false: the author meant the word (a
            # field that takes a whole number too, such as a score, words its own message)
            errors.append(f"{at(node)}: '{name}' must be text, and YAML reads this value as "
                          f"{str(error.instance).lower()}: put it in quotes")
        elif error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed)):
                key = separator.join(map(str, path + [extra]))
                wording = template or "unknown field '{field}'{hint}"
                # the hint names the field the way the message does, and is found that way
                shown = (lambda f: separator.join(map(str, path + [f]))) if "{key}" in wording else str
                close = difflib.get_close_matches(shown(extra), [shown(a) for a in allowed], n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
                worded = _worded(wording, error, name=name, field=extra, key=key, hint=hint)
                errors.append(f"{at(key_node(node, extra))}: {worded or f'unknown field {extra!r}{hint}'}")
        elif error.validator == "not":  # fields that must not be there: reported at the first of them
            present = [f for f in _fields_named(error.validator_value) if isinstance(error.instance, dict)
                       and f in error.instance]
            field_name = present[0] if present else ""
            worded = template and _worded(template, error, name=name, field=field_name)
            errors.append(f"{at(key_node(node, field_name) if present else node)}: "
                          f"{worded or f'{field_name!r} is not allowed here'}")
        elif error.validator == "required" and template:
            missing = re.search(r"'([^']+)' is a required property", error.message)
            worded = _worded(template, error, name=name, missing=missing.group(1) if missing else "…")
            errors.append(f"{at(node)}: {worded or error.message}")
        elif template and (worded := _worded(template, error, name=name)) is not None:
            errors.append(f"{at(node)}: {worded}")
        elif error.validator == "required":
            errors.append(f"{at(node)}: {error.message}")
        elif error.validator == "minLength":
            errors.append(f"{at(node)}: '{error.absolute_path[-1]}' is empty")
        else:
            errors.append(f"{at(node)}: {name or 'top level'}: {error.message}{_quoted_number(error)}")
    return errors


def _fields_named(schema) -> list[str]:
    """The fields a `not` part of a schema forbids: its `required` lists, in any anyOf."""
    if not isinstance(schema, dict):
        return []
    return list(schema.get("required", [])) + [f for part in schema.get("anyOf", []) for f in _fields_named(part)]


def _accepts(schema, kind: str) -> bool:
    """Whether a schema (or one of its anyOf choices) takes values of a JSON type."""
    if not isinstance(schema, dict):
        return False
    types = schema.get("type", [])
    return kind in ([types] if isinstance(types, str) else types) or \
        any(_accepts(choice, kind) for choice in schema.get("anyOf", []))


def _quoted_number(error) -> str:
    """A number typed in quotes is text to YAML: the fix is to take the quotes off."""
    value = error.instance
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value) and \
            (_accepts(error.schema, "integer") or _accepts(error.schema, "number")):
        return " (it is in quotes, so YAML reads it as text: take the quotes off)"
    return ""


class _Fields(dict):
    def __missing__(self, key):  # a field the value lacks reads as an ellipsis, never a traceback
        return "…"


def _worded(template: str, error, **names) -> str | None:
    """A schema's own message for an error, with its names filled in; None if it names
    something this error does not have."""
    value, step = error.instance, error.schema.get("multipleOf") if isinstance(error.schema, dict) else None
    nearest = None
    if step and isinstance(value, (int, float)):
        below = value // step * step
        nearest = f"{below:g} or {below + step:g}" if below > 0 else f"{step:g}"
    names.setdefault("field", error.absolute_path[-1] if error.absolute_path else "")
    try:
        return template.format(value=_as_read(value), instance=_Fields(value) if isinstance(value, dict) else value,
                               allowed=", ".join(map(str, error.schema.get("enum", []))), nearest=nearest,
                               message=error.message,
                               **names) + _quoted_number(error)
    except (KeyError, IndexError, AttributeError):
        return None


def _as_read(value) -> str:
    """A YAML value as its author would name it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return f"'{one_line(value)}'"
    return "a list" if isinstance(value, list) else "a group of fields"
