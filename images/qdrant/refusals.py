"""What real Qdrant refuses and qdrant-client's local mode accepts (or refuses in other words).

Local mode is lenient where the server is strict: it stores negative point ids, accepts UUIDs with
hyphens anywhere, answers a query of the wrong size with a numpy error, and so on. Each check here
looks at the raw JSON body before local mode does and answers as Qdrant 1.18 does: the same HTTP
status and the same error text, read from Qdrant's source (serde's messages for bodies that do not
deserialize, the validator's for values out of range, the storage layer's for bad input).

* 400 ``Format error in JSON body: ...``: the body does not deserialize (a point id that is neither
  an unsigned 64-bit integer nor a UUID, a negative limit, an unknown distance or payload index
  type, a condition of no known form, a point without ``vector``). Where serde reports a position
  (`` at line L column C``, just past the value it could not read), it is computed on the raw body;
  point ids are reported without one, as Qdrant does for upserts.
* 422 ``Validation error in JSON body: [path: reason]``: it deserializes, but a value is out of range.
* 400 ``Wrong input: ...``: well formed, but not for this collection (vector size, vector name).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Iterable

U64_MAX = 2**64 - 1
DISTANCES = ("Cosine", "Euclid", "Dot", "Manhattan")
INDEX_TYPES = ("keyword", "integer", "float", "geo", "text", "bool", "datetime", "uuid")
MAX_VECTOR_SIZE = 65536
_HEX = "[0-9a-fA-F]"
_HYPHENATED = f"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
# The forms Rust's uuid crate parses: simple, hyphenated, braced and URN.
UUID_FORMS = re.compile(rf"{_HEX}{{32}}|{_HYPHENATED}|\{{{_HYPHENATED}\}}|urn:uuid:{_HYPHENATED}")
CONDITION_KEYS = {"key", "is_empty", "is_null", "has_id", "has_vector", "nested"}
FILTER_KEYS = {"must", "should", "must_not", "min_should"}
BAD_CONDITION = (
    'Expected some form of condition, which can be a field condition (like {"key": ..., "match": ... }),'
    " or some other mentioned in the documentation:"
    " https://qdrant.tech/documentation/concepts/filtering/#filtering-conditions"
)

Path = tuple  # keys and list indices from the body's root to a value


class ApiError(Exception):
    """A refusal: the HTTP status and Qdrant's error text."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Body:
    """A request body: the parsed JSON, and its text to compute serde's error positions on."""

    def __init__(self, raw: bytes) -> None:
        self.text = raw.decode("utf-8", errors="replace")
        self.value = json.loads(self.text) if self.text.strip() else None

    def format_error(self, message: str, path: Path | None = None, closing: bool = False) -> ApiError:
        """400 for a body that does not deserialize. With `path`, serde's position: just past the
        value there, or (closing=True) at that object's closing brace, where serde fails a
        flattened struct; without, no position (as for point ids, which Qdrant reads apart)."""
        end = None if path is None else self._end(path)
        if end is not None and closing:
            end -= 1
        return ApiError(400, f"Format error in JSON body: {message}{'' if end is None else self._position(end)}")

    def _position(self, index: int) -> str:
        before = self.text[:index].encode()
        newline = b"\n"
        line_start = before.rfind(newline) + 1
        return f" at line {before.count(newline) + 1} column {len(before) - line_start}"

    def _end(self, path: Path) -> int | None:
        """The index just past the value at `path` in the text (None if it is not there)."""
        decoder, text = json.JSONDecoder(), self.text
        skip = lambda i: len(text) - len(text[i:].lstrip())  # noqa: E731 - whitespace
        try:
            i = skip(0)
            for step in path:
                opening = text[i]
                i = skip(i + 1)
                position = 0
                while text[i] not in "}]":
                    if opening == "{":
                        key, i = decoder.raw_decode(text, i)
                        i = skip(skip(i) + 1)  # the colon
                    else:
                        key, position = position, position + 1
                    if key == step:
                        break
                    i = skip(decoder.raw_decode(text, i)[1])
                    if text[i] == ",":
                        i = skip(i + 1)
                else:
                    return None
            return decoder.raw_decode(text, i)[1]
        except (ValueError, IndexError):
            return None


def validation_error(path: str, reason: str) -> ApiError:
    return ApiError(422, f"Validation error in JSON body: [{path}: {reason}]")


def wrong_input(message: str) -> ApiError:
    return ApiError(400, f"Wrong input: {message}")


# ---------------------------------------------------------------- how serde shows a JSON value


def rust_float(value: float) -> str:
    """Rust's Display of an f64: the shortest round-trip digits, never an exponent, no '.0'."""
    if value != value or value in (float("inf"), float("-inf")):
        return {True: "inf", False: "-inf"}[value > 0] if value == value else "NaN"
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number(value: int | float) -> tuple[str, Any]:
    """How serde_json reads a JSON number: ("u64" | "i64" | "f64", the value)."""
    if isinstance(value, int) and 0 <= value <= U64_MAX:
        return "u64", value
    if isinstance(value, int) and -(2**63) <= value < 0:
        return "i64", value
    return "f64", float(value)


def serde_display(value: Any) -> str:
    """A JSON value as Qdrant prints it in "value ... is not a valid point ID"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        kind, read = number(value)
        return rust_float(read) if kind == "f64" else str(read)
    if isinstance(value, str):
        return value
    if value is None:
        return "Unit"
    return serde_debug(value)


def serde_debug(value: Any) -> str:
    """Rust's Debug of a serde_value::Value (arrays and objects inside an error message)."""
    if isinstance(value, bool):
        return f"Bool({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        kind, read = number(value)
        shown = repr(read) if kind == "f64" else str(read)
        return f"{kind.upper()}({shown})"
    if isinstance(value, str):
        return f"String({json.dumps(value, ensure_ascii=False)})"
    if value is None:
        return "Unit"
    if isinstance(value, list):
        return "[" + ", ".join(serde_debug(v) for v in value) + "]"
    return "{" + ", ".join(f"{serde_debug(k)}: {serde_debug(v)}" for k, v in sorted(value.items())) + "}"


def unsigned(value: Any, expected: str = "usize") -> str | None:
    """serde's complaint about `value` where an unsigned integer is expected (None if it is one)."""
    if isinstance(value, bool):
        return f"invalid type: boolean `{'true' if value else 'false'}`, expected {expected}"
    if isinstance(value, (int, float)):
        kind, read = number(value)
        if kind == "u64":
            return None
        if kind == "i64":
            return f"invalid value: integer `{read}`, expected {expected}"
        return f"invalid type: floating point `{rust_float(read)}`, expected {expected}"
    if isinstance(value, str):
        return f"invalid type: string {json.dumps(value, ensure_ascii=False)}, expected {expected}"
    return None  # null, arrays and objects: left to the body's model


# ---------------------------------------------------------------- point ids


def is_point_id(value: Any) -> bool:
    """An unsigned 64-bit integer, or a UUID string in one of the forms Qdrant parses."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= U64_MAX
    return isinstance(value, str) and UUID_FORMS.fullmatch(value) is not None


def check_ids(body: Body, ids: Iterable[Any]) -> None:
    for value in ids:
        if not is_point_id(value):
            raise body.format_error(
                f"value {serde_display(value)} is not a valid point ID,"
                " valid values are either an unsigned integer or a UUID"
            )


def path_point_id(text: str) -> int | str:
    """The id of GET /collections/{name}/points/{id}, parsed as Qdrant parses a path id."""
    if text.isdigit() and int(text) <= U64_MAX:
        return int(text)
    if UUID_FORMS.fullmatch(text):
        return text
    raise wrong_input(f'Can not recognize "{text}" as point id')


# ---------------------------------------------------------------- filters


def check_filter(body: Body, filter_: Any, path: Path) -> None:
    """Every condition of a filter has a known form; has_id lists hold valid ids."""
    if not isinstance(filter_, dict):
        return  # null, or a type error the body's model reports
    for key in ("must", "should", "must_not"):
        conditions = filter_.get(key)
        if isinstance(conditions, list):
            for index, condition in enumerate(conditions):
                check_condition(body, condition, (*path, key, index))
        elif isinstance(conditions, dict):
            check_condition(body, conditions, (*path, key))
    min_should = filter_.get("min_should")
    if isinstance(min_should, dict) and isinstance(min_should.get("conditions"), list):
        for index, condition in enumerate(min_should["conditions"]):
            check_condition(body, condition, (*path, "min_should", "conditions", index))


def check_condition(body: Body, condition: Any, path: Path) -> None:
    if not isinstance(condition, dict) or not (condition.keys() & (CONDITION_KEYS | FILTER_KEYS | {"filter"})):
        raise body.format_error(BAD_CONDITION, path)
    if isinstance(condition.get("has_id"), list):
        check_ids(body, condition["has_id"])
    nested = condition.get("nested")
    if isinstance(nested, dict):
        check_filter(body, nested.get("filter"), (*path, "nested", "filter"))
    if "filter" in condition:
        check_filter(body, condition["filter"], (*path, "filter"))
    if condition.keys() & FILTER_KEYS:
        check_filter(body, condition, path)


# ---------------------------------------------------------------- collections and indexes


def check_vectors_config(body: Body, config: Any) -> None:
    """A collection's `vectors`: one VectorParams, or a map of them by name, with known distances."""
    if config is None:
        return
    single = isinstance(config, dict) and "size" in config
    params = [config] if single else list(config.values()) if isinstance(config, dict) else None
    if params is None or not all(vector_params_ok(p) for p in params):
        raise body.format_error("data did not match any variant of untagged enum VectorsConfig", ("vectors",))
    if single and not 1 <= config["size"] <= MAX_VECTOR_SIZE:
        raise validation_error("vectors.size", f"value {config['size']} invalid, must be from 1 to {MAX_VECTOR_SIZE}")


def check_wal_config(body: Body, config: Any) -> None:
    """A collection's `wal_config` (WalConfigDiff): unsigned sizes, at least 1 MB per segment."""
    if not isinstance(config, dict):
        return
    for key in ("wal_capacity_mb", "wal_segments_ahead", "wal_retain_closed"):
        problem = unsigned(config.get(key))
        if problem:
            raise body.format_error(problem, ("wal_config", key))
    if config.get("wal_capacity_mb") == 0:
        raise validation_error("wal_config.wal_capacity_mb", "value 0 invalid, must be 1 or larger")


def vector_params_ok(params: Any) -> bool:
    return (
        isinstance(params, dict)
        and unsigned(params.get("size"), "u64") is None
        and isinstance(params.get("size"), int)
        and params.get("distance") in DISTANCES
    )


def check_index_schema(body: Body, schema: Any) -> None:
    """A payload index's `field_schema`: a type name, or params with a known `type`."""
    if schema is None:
        return
    kind = schema.get("type") if isinstance(schema, dict) else schema
    if kind not in INDEX_TYPES:
        raise body.format_error("data did not match any variant of untagged enum PayloadFieldSchema", ("field_schema",))


# ---------------------------------------------------------------- vectors


class Vectors:
    """A collection's vectors: dense sizes by name ("" for the unnamed one), sparse names."""

    def __init__(self, dense: dict[str, int], sparse: set[str]) -> None:
        self.dense, self.sparse = dense, sparse

    def check(self, name: str, vector: Any) -> None:
        """One vector given for `name` (a list of numbers, a sparse vector, or a multivector)."""
        if name not in self.dense and name not in self.sparse:
            raise wrong_input(f"Not existing vector name error: {name}")
        if name in self.dense and is_dense(vector) and len(vector) != self.dense[name]:
            raise wrong_input(f"Vector dimension error: expected dim: {self.dense[name]}, got {len(vector)}")

    def check_struct(self, vector: Any) -> None:
        """A point's `vector`: the unnamed one, or a map by name."""
        if isinstance(vector, dict):
            for name, value in vector.items():
                self.check(name, value)
        elif vector is not None:
            self.check("", vector)


def is_dense(vector: Any) -> bool:
    return isinstance(vector, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vector)


def check_points(body: Body, points: Any, vectors: Vectors, path: str = "points", need_vector: bool = True) -> None:
    """Points of an upsert (or of an update of vectors): ids first, then vectors, as Qdrant reads them."""
    if not isinstance(points, list):
        return
    check_ids(body, (p.get("id") for p in points if isinstance(p, dict)))
    for point in points:
        if isinstance(point, dict) and need_vector and "vector" not in point:
            raise body.format_error("missing field `vector`")
    for index, point in enumerate(points):
        if isinstance(point, dict) and point.get("vector") == []:
            raise validation_error(f"{path}[{index}].vector.vector", "dense vector must not be empty")
    for point in points:
        if isinstance(point, dict):
            vectors.check_struct(point.get("vector"))


def check_batch(body: Body, batch: Any, vectors: Vectors) -> None:
    if not isinstance(batch, dict):
        return
    check_ids(body, batch.get("ids") or ())
    given = batch.get("vectors")
    if isinstance(given, dict):
        for name, values in given.items():
            for value in values if isinstance(values, list) else ():
                vectors.check(name, value)
    elif isinstance(given, list):
        for value in given:
            vectors.check("", value)


def check_insert(body: Body, value: Any, vectors: Vectors) -> None:
    """A PointInsertOperations value: {"points": [...]} or {"batch": {...}}."""
    if not isinstance(value, dict):
        return
    if "batch" in value:
        check_batch(body, value["batch"], vectors)
    else:
        check_points(body, value.get("points"), vectors)
    check_filter(body, value.get("update_filter"), ("update_filter",))


def check_selector(body: Body, value: Any, path: Path = ()) -> None:
    """A points selector ({"points": ids} or {"filter": ...}), also of payload and vector operations."""
    if not isinstance(value, dict):
        return
    if isinstance(value.get("points"), list):
        check_ids(body, value["points"])
    check_filter(body, value.get("filter"), (*path, "filter"))


def check_update_vectors(body: Body, value: Any, vectors: Vectors) -> None:
    if isinstance(value, dict):
        check_points(body, value.get("points"), vectors, need_vector=False)
        check_filter(body, value.get("update_filter"), ("update_filter",))


def check_operations(body: Body, operations: Any, vectors: Vectors) -> None:
    """POST /points/batch: every operation, by its kind."""
    for operation in operations if isinstance(operations, list) else ():
        if not isinstance(operation, dict):
            continue
        for kind, value in operation.items():
            if kind == "upsert":
                check_insert(body, value, vectors)
            elif kind == "update_vectors":
                check_update_vectors(body, value, vectors)
            else:  # delete, set/overwrite/delete/clear payload, delete_vectors
                check_selector(body, value)


# ---------------------------------------------------------------- queries


def check_query_request(body: Body, request: Any, vectors: Vectors, path: Path = (), limits: bool = True) -> None:
    """A Query API request (or a prefetch, or one of a batch): its limits, query, `using` and filter.
    limits=False where Qdrant reads them with another type (groups, the legacy search)."""
    if not isinstance(request, dict):
        return
    prefetch = "prefetch" in path
    for key in ("limit", "offset") if limits else ():
        problem = unsigned(request.get(key))
        if problem and prefetch:  # a prefetch is a plain struct: serde stops just past the value
            raise body.format_error(problem, (*path, key))
        if problem:  # a request flattens its fields: serde fails at the closing brace
            raise body.format_error(problem, path, closing=True)
    if limits and not path and request.get("limit") == 0:
        raise validation_error("internal.limit", "value 0 invalid, must be 1 or larger")
    query = request.get("query")
    if isinstance(query, dict) and "nearest" in query:
        query = query["nearest"]
    using = request.get("using") or ""
    if isinstance(query, dict) and isinstance(query.get("recommend"), dict):
        for key in ("positive", "negative"):
            for example in query["recommend"].get(key) or ():
                check_vector_input(body, example, using, vectors)
    elif query is not None and not isinstance(query, dict):
        check_vector_input(body, query, using, vectors)
    subs = request.get("prefetch")
    if isinstance(subs, list):
        for index, sub in enumerate(subs):
            check_query_request(body, sub, vectors, (*path, "prefetch", index), limits)
    elif subs is not None:
        check_query_request(body, subs, vectors, (*path, "prefetch"), limits)
    check_filter(body, request.get("filter"), (*path, "filter"))


def check_vector_input(body: Body, value: Any, using: str, vectors: Vectors) -> None:
    """A query's vector or point id (the id's vector is looked up), against the `using` vector."""
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        check_ids(body, [value])
        vectors.check(using, None)
    elif isinstance(value, float):
        check_ids(body, [value])
    else:
        vectors.check(using, value)


def check_scroll(body: Body, request: Any) -> None:
    if not isinstance(request, dict):
        return
    problem = unsigned(request.get("limit"))
    if problem:
        raise body.format_error(problem, (), closing=True)
    if request.get("offset") is not None:
        check_ids(body, [request["offset"]])
    check_filter(body, request.get("filter"), ("filter",))
