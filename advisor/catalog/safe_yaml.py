"""Safe YAML loading with positions.

Builds plain Python values (dict, list, str, int, float, bool, None) from the YAML node tree
ourselves, so that: nothing is ever constructed from a tag; duplicate keys are rejected;
every value keeps its line and column; alias expansion ("billion laughs"), nesting depth and
file size are bounded. CloudFormation short-form tags (!Ref, !GetAtt, !Sub...) are accepted
only when asked for, and become their long-form mappings.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from advisor.catalog.document import Document, Path_
from advisor.errors import DataError

MAX_FILE_BYTES = 5 * 1024 * 1024  # CloudFormation's own limit is 1 MB; patterns are far smaller
MAX_NODES = 200_000  # after alias expansion
MAX_DEPTH = 200

CFN_TAGS = {
    "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub",
    "!Join": "Fn::Join", "!Select": "Fn::Select", "!Split": "Fn::Split", "!If": "Fn::If",
    "!Equals": "Fn::Equals", "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not",
    "!FindInMap": "Fn::FindInMap", "!GetAZs": "Fn::GetAZs", "!ImportValue": "Fn::ImportValue",
    "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
    "!Length": "Fn::Length", "!Contains": "Fn::Contains", "!EachMemberEquals": "Fn::EachMemberEquals",
    "!EachMemberIn": "Fn::EachMemberIn", "!RefAll": "Fn::RefAll", "!ValueOf": "Fn::ValueOf", "!ValueOfAll": "Fn::ValueOfAll", "!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
}

class DepthExceeded(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Composer(yaml.SafeLoader):
    """SafeLoader used only to compose nodes; values are built by _Builder.

    Composition is recursive, so nesting is bounded here, long before Python's recursion limit.
    """

    _depth = 0

    def save_possible_simple_key(self):
        # The scanner rechecks every open flow level's possible key on each token, which is quadratic
        # in nesting ("[[[[..."); levels deeper than the composer accepts never need a key.
        if self.flow_level < MAX_DEPTH:
            super().save_possible_simple_key()

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise DepthExceeded(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Keep YAML 1.1 booleans like 'yes'/'on' but read timestamps as plain strings (JSON has no dates).
_Composer.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


class _Builder:
    def __init__(self, file: str, cfn_tags: bool, duplicates: list | None = None):
        self.file, self.cfn_tags = file, cfn_tags
        self.duplicates = duplicates  # when a list: collect (error, start, end) and keep the first value
        self.doc = Document(file, None)
        self.count = 0
        self._scalar = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> DataError:
        return DataError(self.file, message, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"document expands to more than {MAX_NODES:,} values (alias bomb?); refusing to load it")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels; refusing to load it")
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        if tag.startswith("!") and not tag.startswith("!!"):
            return self.build_tagged(node, path, depth)
        if isinstance(node, yaml.MappingNode):
            if tag != "tag:yaml.org,2002:map":
                raise self.fail(node, f"unsupported YAML tag {tag}")
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"unsupported YAML tag {tag}")
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_scalar(self, node: yaml.ScalarNode) -> object:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                   "tag:yaml.org,2002:null"):
            return self._scalar.construct_object(node)
        if tag == "tag:yaml.org,2002:binary":
            raise self.fail(node, "binary values are not allowed")
        raise self.fail(node, f"unsupported YAML tag {tag}")

    def build_mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "YAML merge keys ('<<') are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain scalars")
            key = self.build_scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise self.fail(key_node, "mapping keys must be plain scalars")
            key = key if isinstance(key, str) else str(key)
            if key in result:
                first = self.doc.key_positions[path + (key,)]
                error = self.fail(key_node, f'duplicate key "{key}" (first defined at line {first[0]})')
                if self.duplicates is None:
                    raise error
                self.duplicates.append((error, key_node.start_mark.index, value_node.end_mark.index))
                continue
            self.doc.key_positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def build_tagged(self, node: yaml.Node, path: Path_, depth: int) -> object:
        if not self.cfn_tags or node.tag not in CFN_TAGS:
            raise self.fail(node, f"unsupported YAML tag {node.tag}")
        name = CFN_TAGS[node.tag]
        if isinstance(node, yaml.ScalarNode):
            value: object = node.value
            if name == "Fn::GetAtt":
                value = node.value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = [self.build(item, path + (name, i), depth + 1) for i, item in enumerate(node.value)]
        else:
            value = self.build_mapping(node, path + (name,), depth + 1)
        return {name: value}


def _refuse_alias_bomb(builder: _Builder, root: yaml.Node) -> None:
    """Refuse a document whose aliases expand past MAX_NODES before building anything, at the value
    where building would stop: sizes are counted once per distinct node, so this is linear in the text."""
    sizes: dict[int, int] = {}

    def children(node):
        if isinstance(node, yaml.SequenceNode):
            return node.value
        return [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else []

    def size(node) -> int:  # values built for node and everything under it (aliases expanded)
        if id(node) not in sizes:
            sizes[id(node)] = 1 + sum(size(child) for child in children(node))
        return sizes[id(node)]

    if size(root) <= MAX_NODES:
        return
    node, count = root, 0
    while True:  # descend to the value that is number MAX_NODES + 1 in building order
        count += 1
        if count > MAX_NODES:
            raise builder.fail(node, f"document expands to more than {MAX_NODES:,} values (alias bomb?); refusing to load it")
        for child in children(node):
            if count + size(child) > MAX_NODES:
                node = child
                break
            count += size(child)


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataError(file, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line, col) from None


def read_text(path: Path | str, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file, bounded in size, strictly UTF-8."""
    display = display or str(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise DataError(display, f"file is {size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise DataError(display, "file not found") from None
    except IsADirectoryError:
        raise DataError(display, "is a directory, expected a file") from None
    except OSError as exc:
        raise DataError(display, f"cannot read: {exc.strerror}") from None
    if b"\x00" in raw[:8192]:
        raise DataError(display, "binary data, expected a YAML or JSON text file", 1, 1)
    return _decode(display, raw)


def load_text(text: str, file: str, cfn_tags: bool = False, duplicates: list | None = None) -> Document:
    """Load one YAML (or JSON) document from text. Duplicate keys are an error; given a list as
    `duplicates`, each is appended to it instead as (DataError, start, end offsets of the entry)
    and the first value is kept, so that a caller can go on with the rest of the document."""
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(file, f"invalid YAML: {problem}", mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise DataError(file, f"invalid YAML: {exc}") from None
    except DepthExceeded as exc:
        raise DataError(file, f"nesting deeper than {MAX_DEPTH} levels; refusing to load it", exc.mark.line + 1, exc.mark.column + 1) from None
    finally:
        loader.dispose()
    builder = _Builder(file, cfn_tags, duplicates)
    if node is None:
        builder.doc.data = None
        return builder.doc
    _refuse_alias_bomb(builder, node)
    builder.doc.data = builder.build(node, (), 0)
    return builder.doc


def load_file(path: Path | str, display: str | None = None, cfn_tags: bool = False) -> Document:
    """Load a YAML file safely; every problem is a DataError naming file, line and column."""
    display = display or str(path)
    return load_text(read_text(path, display), display, cfn_tags)
