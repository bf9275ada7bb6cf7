"""Reading the course's YAML sources (question banks, organisation.yml, team.yml, the
coverage map, a session plan's front matter), with every line number kept.

Whatever is wrong with a file comes back as one sentence at `FILE:LINE`, never a
traceback or a hang: text that is not UTF-8, a control character, a syntax error, a key
that is not text, or YAML anchors and aliases, which no source here needs and which can
nest a cycle (a traceback) or expand a few lines into billions of nodes (a hang).
"""
from __future__ import annotations

import difflib
from pathlib import Path

import jsonschema
import yaml

from .errors import CourseError

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


def schema_errors(data, tree: yaml.Node, schema: dict, file: str, first_line: int = 1) -> list[str]:
    """JSON Schema errors as `FILE:LINE: message`, with a hint for a misspelt field."""
    errors = []
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        node = node_at(tree, error.absolute_path)
        at = lambda n: f"{file}:{line_of(n) + first_line - 1}"  # noqa: E731
        if error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed)):
                hint = difflib.get_close_matches(extra, allowed, n=1)
                did_you_mean = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(allowed)}"
                errors.append(f"{at(key_node(node, extra))}: unknown field '{extra}'{did_you_mean}")
        elif error.validator == "required":
            errors.append(f"{at(node)}: {error.message}")
        elif error.validator == "not":  # the schema's only "not": fill takes no options
            errors.append(f"{at(key_node(node, 'options'))}: a fill-in-the-blank question takes "
                          "no options: its answers are the [[blanks]] in the question")
        elif error.validator == "minLength":
            errors.append(f"{at(node)}: '{error.absolute_path[-1]}' is empty")
        else:
            where = "/".join(map(str, error.absolute_path)) or "top level"
            errors.append(f"{at(node)}: {where}: {error.message}")
    return errors
