"""Qdrant stand-in: the Qdrant REST API on top of qdrant-client's local mode.

Why this exists: no Qdrant server binary can be installed on the machines this
project is built and tested on, so the Qdrant image used there runs this small
HTTP server instead. Users still get the official Qdrant images by default;
this stand-in only serves development and CI.

What it is: a thin HTTP layer (standard library only) over the official Python
client in its local, in-memory mode (``QdrantClient(":memory:")``). Request
bodies are parsed with the client's own pydantic models
(``qdrant_client.http.models``) and every semantic - filters, scoring, scroll
order, payload updates - comes from the local mode. Consequences:

* search is exact (brute force); HNSW, quantization and optimizer settings are
  accepted and reported back by ``GET /collections/{name}``, never used;
* payload indexes are accepted and remembered per collection so that the
  collection info lists them in ``payload_schema``, but they do not change
  query behaviour (except text indexes with scoring, as in local mode);
* everything lives in memory and is lost on restart;
* requests real Qdrant refuses are refused the same way (status and error text) before they reach
  local mode, which is more lenient: point ids that are neither unsigned 64-bit integers nor
  UUIDs, vectors of the wrong size or name, unknown distances and payload index types, malformed
  filter conditions, negative limits (see refusals.py).

Configuration (environment): ``QDRANT__SERVICE__HTTP_PORT`` (default 6333),
``QDRANT__SERVICE__API_KEY`` (when set, every request but ``/``, ``/healthz``,
``/livez`` and ``/readyz`` needs the ``api-key`` header or
``Authorization: Bearer``), ``QDRANT_STANDIN_DEBUG=1`` to log each request, and the
``QDRANT__STORAGE__*`` settings of storage.py (storage path, WAL, payload on disk,
optimizers: collection defaults, and the files on disk, as Qdrant has them).
"""

from __future__ import annotations

import functools
import hmac
import importlib.metadata
import itertools
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
import uuid
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import to_jsonable_python
from qdrant_client import QdrantClient, models

import refusals as refuse
import storage
from refusals import ApiError, Body

# the clients warn unless the server's major.minor is within one minor version of theirs
VERSION = importlib.metadata.version("qdrant-client")
VERSION_INFO = {"title": "qdrant - vector search engine", "version": VERSION, "commit": None}
DEBUG = os.environ.get("QDRANT_STANDIN_DEBUG") == "1"
API_KEY = os.environ.get("QDRANT__SERVICE__API_KEY") or None
OPEN_PATHS = {"/", "/healthz", "/livez", "/readyz"}

try:
    SETTINGS = storage.settings(os.environ)
except storage.SettingsError as error:  # Qdrant does not start on a setting that does not parse
    sys.exit(f"Error: {error}")
CLIENT = QdrantClient(":memory:")
LOCK = threading.Lock()  # local mode is not thread-safe: one request at a time touches it
OPERATION_IDS = itertools.count()
# What local mode does not keep, per collection: its configuration as requested and its payload
# indexes. {"config": {section: {field: value}}, "quantization": ..., "indexes": {field: schema}}
META: dict[str, dict[str, Any]] = {}
META_PARAMS = ("shard_number", "sharding_method", "replication_factor", "write_consistency_factor", "on_disk_payload")

if not DEBUG:
    warnings.simplefilter("ignore")  # local mode warns that payload indexes have no effect


# ---------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=None)
def _adapter(model: Any) -> TypeAdapter:
    return TypeAdapter(model)


def parse(model: Any, body: Body | Any) -> Any:
    """Validate a JSON body with one of the client's models (or unions of models)."""
    value = body.value if isinstance(body, Body) else body
    return _adapter(model).validate_python({} if value is None else value)


def vectors_of(name: str) -> refuse.Vectors:
    return META[real_name(name)]["vectors"]


def remember_vectors(name: str, dense: Any, sparse: dict | None) -> None:
    """The vector names and sizes a collection was created with (sparse ones added later too)."""
    if "vectors" not in META[name]:
        params = {"": dense} if isinstance(dense, models.VectorParams) else dense or {}
        META[name]["vectors"] = refuse.Vectors({key: p.size for key, p in params.items()}, set())
    META[name]["vectors"].sparse.update(sparse or {})


def updated() -> models.UpdateResult:
    return models.UpdateResult(operation_id=next(OPERATION_IDS), status=models.UpdateStatus.COMPLETED)


def real_name(name: str) -> str:
    """The collection an alias points to (or the name itself)."""
    for alias in CLIENT.get_aliases().aliases:
        if alias.alias_name == name:
            return alias.collection_name
    return name


def selector(points: list | None, filter_: models.Filter | None) -> Any:
    if points is not None:
        return models.PointIdsList(points=points)
    if filter_ is not None:
        return models.FilterSelector(filter=filter_)
    raise ApiError(400, "Wrong input: Either list of point ids or filter must be provided")


def not_empty(field: str) -> models.Filter:
    return models.Filter(must_not=[models.IsEmptyCondition(is_empty=models.PayloadField(key=field))])


def remember_config(name: str, request: models.CreateCollection | models.UpdateCollection) -> None:
    """Keep the configuration a collection was created or updated with, to report it back."""
    if isinstance(request, models.CreateCollection):
        diffs = {"params": {key: getattr(request, key) for key in META_PARAMS}, "wal_config": request.wal_config}
    else:
        diffs = {"params": request.params}
    diffs.update(hnsw_config=request.hnsw_config, optimizer_config=request.optimizers_config)
    for section, diff in diffs.items():
        values = diff.items() if isinstance(diff, dict) else diff or ()
        META[name]["config"][section].update((key, value) for key, value in values if value is not None)
    if request.quantization_config is not None:
        disabled = request.quantization_config == models.Disabled.DISABLED
        META[name]["quantization"] = None if disabled else request.quantization_config


# KEEP_NULL: fields real Qdrant serializes as null instead of leaving them out
KEEP_NULL = {
    models.ScoredPoint: {"payload", "vector"},
    models.Record: {"payload", "vector"},
    models.CollectionConfig: {"quantization_config"},
}


def jsonable(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        keep = KEEP_NULL.get(type(obj), ())
        return {k: jsonable(v) for k, v in obj if v is not None or k in keep}
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return to_jsonable_python(obj, fallback=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))


# ---------------------------------------------------------------- routes

ROUTES: list[tuple[str, re.Pattern, Callable, bool]] = []
C = r"/collections/(?P<name>[^/]+)"


def route(method: str, pattern: str, needs_collection: bool = True) -> Callable:
    """Register a handler; needs_collection: answer 404 when {name} does not exist."""

    def register(handler: Callable) -> Callable:
        ROUTES.append((method, re.compile(pattern), handler, needs_collection and "<name>" in pattern))
        return handler

    return register


@route("GET", "/collections")
def list_collections(body):
    return CLIENT.get_collections()


@route("GET", "/aliases")
def list_aliases(body):
    return CLIENT.get_aliases()


@route("POST", "/collections/aliases")
def change_aliases(body):
    request = parse(models.ChangeAliasesOperation, body)
    return CLIENT.update_collection_aliases(change_aliases_operations=request.actions)


@route("GET", C + "/aliases")
def collection_aliases(body, name):
    return CLIENT.get_collection_aliases(real_name(name))


@route("GET", C + "/exists", needs_collection=False)
def collection_exists(body, name):
    return models.CollectionExistence(exists=CLIENT.collection_exists(name))


@route("PUT", C, needs_collection=False)
def create_collection(body, name):
    refuse.check_vectors_config(body, (body.value or {}).get("vectors"))
    refuse.check_wal_config(body, (body.value or {}).get("wal_config"))
    request = parse(models.CreateCollection, body)
    if CLIENT.collection_exists(name):
        raise ApiError(409, f"Wrong input: Collection `{name}` already exists!")
    defaults = {
        "shard_number": 1,
        "replication_factor": 1,
        "write_consistency_factor": 1,
        "on_disk_payload": SETTINGS.on_disk_payload,
    }
    META[name] = {
        "config": {
            "params": defaults,
            "hnsw_config": {},
            "optimizer_config": dict(SETTINGS.optimizers),
            "wal_config": dict(SETTINGS.wal),
        },
        "quantization": None,
        "indexes": {},
    }
    remember_config(name, request)
    try:  # its folder first, as Qdrant does: a full disk refuses the collection
        storage.create_collection_files(SETTINGS, name, META[name]["config"])
    except OSError as error:
        META.pop(name)
        raise ApiError(500, f"Service internal error: {storage.os_error(error)}") from None
    CLIENT.create_collection(
        name, vectors_config=request.vectors, sparse_vectors_config=request.sparse_vectors, metadata=request.metadata
    )
    remember_vectors(name, request.vectors, request.sparse_vectors)
    return True


@route("PATCH", C)
def update_collection(body, name):
    request = parse(models.UpdateCollection, body)
    CLIENT.update_collection(
        name, vectors_config=request.vectors, sparse_vectors_config=request.sparse_vectors, metadata=request.metadata
    )
    remember_config(real_name(name), request)
    remember_vectors(real_name(name), None, request.sparse_vectors)
    return True


@route("DELETE", C, needs_collection=False)
def delete_collection(body, name):
    META.pop(name, None)
    storage.delete_collection_files(SETTINGS, name)
    return CLIENT.delete_collection(name)


@route("GET", C)
def get_collection(body, name):
    info = CLIENT.get_collection(name)
    meta = META[real_name(name)]
    for section, overrides in meta["config"].items():
        setattr(info.config, section, getattr(info.config, section).model_copy(update=overrides))
    info.config.quantization_config = meta["quantization"]
    info.payload_schema = {
        field: models.PayloadIndexInfo(
            data_type=schema if isinstance(schema, str) else schema.type,
            params=None if isinstance(schema, str) else schema,
            points=CLIENT.count(name, count_filter=not_empty(field)).count,
        )
        for field, schema in meta["indexes"].items()
    }
    return info


@route("PUT", C + "/index")
def create_index(body, name):
    refuse.check_index_schema(body, (body.value or {}).get("field_schema"))
    request = parse(models.CreateFieldIndex, body)
    schema = request.field_schema
    if schema is None:  # like Qdrant: infer the type from a stored value
        found, _ = CLIENT.scroll(name, scroll_filter=not_empty(request.field_name), limit=1)
        value = found[0].payload.get(request.field_name) if found else None
        value = value[0] if isinstance(value, list) and value else value
        types = {bool: "bool", int: "integer", float: "float", str: "keyword"}
        if type(value) not in types:
            raise ApiError(400, f"Wrong input: Can't infer type of field `{request.field_name}`")
        schema = models.PayloadSchemaType(types[type(value)])
    CLIENT.create_payload_index(name, field_name=request.field_name, field_schema=schema)
    META[real_name(name)]["indexes"][request.field_name] = schema
    return updated()


@route("DELETE", C + r"/index/(?P<field>[^/]+)")
def delete_index(body, name, field):
    CLIENT.delete_payload_index(name, field_name=field)
    META[real_name(name)]["indexes"].pop(field, None)
    return updated()


@route("PUT", C + "/points")
def upsert(body, name):
    refuse.check_insert(body, body.value, vectors_of(name))
    request = parse(models.PointInsertOperations, body)
    points = request.points if isinstance(request, models.PointsList) else request.batch
    CLIENT.upsert(name, points=points, update_filter=request.update_filter, update_mode=request.update_mode)
    return updated()


@route("POST", C + "/points")
def retrieve(body, name):
    refuse.check_ids(body, (body.value or {}).get("ids") or ())
    request = parse(models.PointRequest, body)
    with_payload = True if request.with_payload is None else request.with_payload
    return CLIENT.retrieve(name, request.ids, with_payload=with_payload, with_vectors=request.with_vector or False)


@route("GET", C + r"/points/(?P<point_id>[^/]+)")
def get_point(body, name, point_id):
    point_id = refuse.path_point_id(point_id)
    found = CLIENT.retrieve(name, [point_id], with_payload=True, with_vectors=True)
    if not found:
        shown = point_id if isinstance(point_id, int) else uuid.UUID(point_id)
        raise ApiError(404, f"Not found: Point with id {shown} does not exists!")
    return found[0]


@route("POST", C + "/points/delete")
def delete_points(body, name):
    refuse.check_selector(body, body.value)
    CLIENT.delete(name, points_selector=parse(models.PointsSelector, body))
    return updated()


@route("POST", C + "/points/payload")
def set_payload(body, name):
    refuse.check_selector(body, body.value)
    request = parse(models.SetPayload, body)
    points = selector(request.points, request.filter)
    CLIENT.set_payload(name, payload=request.payload, points=points, key=request.key)
    return updated()


@route("PUT", C + "/points/payload")
def overwrite_payload(body, name):
    refuse.check_selector(body, body.value)
    request = parse(models.SetPayload, body)
    CLIENT.overwrite_payload(name, payload=request.payload, points=selector(request.points, request.filter))
    return updated()


@route("POST", C + "/points/payload/delete")
def delete_payload(body, name):
    refuse.check_selector(body, body.value)
    request = parse(models.DeletePayload, body)
    CLIENT.delete_payload(name, keys=request.keys, points=selector(request.points, request.filter))
    return updated()


@route("POST", C + "/points/payload/clear")
def clear_payload(body, name):
    refuse.check_selector(body, body.value)
    CLIENT.clear_payload(name, points_selector=parse(models.PointsSelector, body))
    return updated()


@route("PUT", C + "/points/vectors")
def update_vectors(body, name):
    refuse.check_update_vectors(body, body.value, vectors_of(name))
    request = parse(models.UpdateVectors, body)
    CLIENT.update_vectors(name, points=request.points, update_filter=request.update_filter)
    return updated()


@route("POST", C + "/points/vectors/delete")
def delete_vectors(body, name):
    refuse.check_selector(body, body.value)
    request = parse(models.DeleteVectors, body)
    CLIENT.delete_vectors(name, vectors=request.vector, points=selector(request.points, request.filter))
    return updated()


@route("POST", C + "/points/batch")
def batch_update(body, name):
    refuse.check_operations(body, (body.value or {}).get("operations"), vectors_of(name))
    operations = parse(models.UpdateOperations, body).operations
    CLIENT.batch_update_points(name, update_operations=operations)
    return [updated() for _ in operations]


def query(name: str, request: models.QueryRequest) -> models.QueryResponse:
    return CLIENT.query_points(
        name,
        query=request.query,
        using=request.using,
        prefetch=request.prefetch,
        query_filter=request.filter,
        search_params=request.params,
        limit=10 if request.limit is None else request.limit,
        offset=request.offset,
        with_payload=request.with_payload or False,
        with_vectors=request.with_vector or False,
        score_threshold=request.score_threshold,
        lookup_from=request.lookup_from,
    )


@route("POST", C + "/points/query")
def query_points(body, name):
    refuse.check_query_request(body, body.value, vectors_of(name))
    return query(name, parse(models.QueryRequest, body))


@route("POST", C + "/points/query/batch")
def query_batch(body, name):
    for index, request in enumerate((body.value or {}).get("searches") or ()):
        refuse.check_query_request(body, request, vectors_of(name), ("searches", index))
    return [query(name, request) for request in parse(models.QueryRequestBatch, body).searches]


@route("POST", C + "/points/query/groups")
def query_groups(body, name):
    refuse.check_query_request(body, body.value, vectors_of(name), limits=False)
    request = parse(models.QueryGroupsRequest, body)
    return CLIENT.query_points_groups(
        name,
        group_by=request.group_by,
        query=request.query,
        using=request.using,
        prefetch=request.prefetch,
        query_filter=request.filter,
        search_params=request.params,
        limit=10 if request.limit is None else request.limit,
        group_size=3 if request.group_size is None else request.group_size,
        with_payload=request.with_payload or False,
        with_vectors=request.with_vector or False,
        score_threshold=request.score_threshold,
        with_lookup=request.with_lookup,
        lookup_from=request.lookup_from,
    )


# The search and recommend endpoints of older Qdrant versions are gone from the current client's
# models: their bodies are rewritten into the equivalent Query API request.
def search_as_query(name: str, body: Body, value: Any) -> models.QueryRequest:
    value = dict(value or {})
    vector = value.pop("vector", None)
    if isinstance(vector, dict) and "name" in vector:  # NamedVector / NamedSparseVector
        value["using"], vector = vector["name"], vector.get("vector")
    request = {**value, "query": vector}
    refuse.check_query_request(body, request, vectors_of(name), limits=False)
    return parse(models.QueryRequest, request)


def recommend_as_query(name: str, body: Body) -> models.QueryRequest:
    value = dict(body.value or {})
    recommend = {key: value.pop(key) for key in ("positive", "negative", "strategy") if key in value}
    request = {**value, "query": {"recommend": recommend}}
    refuse.check_query_request(body, request, vectors_of(name), limits=False)
    return parse(models.QueryRequest, request)


@route("POST", C + "/points/search")
def search(body, name):
    return query(name, search_as_query(name, body, body.value)).points


@route("POST", C + "/points/search/batch")
def search_batch(body, name):
    searches = (body.value or {}).get("searches", [])
    return [query(name, search_as_query(name, body, item)).points for item in searches]


@route("POST", C + "/points/recommend")
def recommend(body, name):
    return query(name, recommend_as_query(name, body)).points


@route("POST", C + "/points/scroll")
def scroll(body, name):
    refuse.check_scroll(body, body.value)
    request = parse(models.ScrollRequest, body)
    points, next_offset = CLIENT.scroll(
        name,
        scroll_filter=request.filter,
        limit=10 if request.limit is None else request.limit,
        order_by=request.order_by,
        offset=request.offset,
        with_payload=True if request.with_payload is None else request.with_payload,
        with_vectors=request.with_vector or False,
    )
    return {"points": points, "next_page_offset": next_offset}


@route("POST", C + "/points/count")
def count(body, name):
    refuse.check_filter(body, (body.value or {}).get("filter"), ("filter",))
    return CLIENT.count(name, count_filter=parse(models.CountRequest, body).filter)


@route("POST", C + "/facet")
def facet(body, name):
    refuse.check_scroll(body, {key: value for key, value in (body.value or {}).items() if key != "offset"})
    request = parse(models.FacetRequest, body)
    limit = 10 if request.limit is None else request.limit
    return CLIENT.facet(name, key=request.key, facet_filter=request.filter, limit=limit)


# ---------------------------------------------------------------- HTTP


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the clients expect
    server_version = "qdrant-standin"
    # Headers and body leave in separate writes; with Nagle's algorithm on, the body of a response
    # on a kept-alive connection waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True

    def dispatch(self) -> None:
        started = time.perf_counter()
        path = urlsplit(self.path).path.rstrip("/") or "/"  # query params (wait, timeout...) are ignored
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            if self.command == "GET" and path == "/":  # answered without the envelope, like Qdrant
                return self.send(200, json.dumps(VERSION_INFO).encode(), "application/json")
            if self.command == "GET" and path in ("/healthz", "/livez", "/readyz"):
                text = "all shards are ready" if path == "/readyz" else "healthz check passed"
                return self.send(200, text.encode(), "text/plain; charset=utf-8")
            self.check_api_key(path)
            result = self.route(path, raw)
            status, body = 200, {"result": jsonable(result), "status": "ok"}
        except ApiError as error:
            status, body = error.status, {"status": {"error": str(error)}}
        except ValidationError as error:
            details = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in error.errors())
            status, body = 400, {"status": {"error": f"Format error in JSON body: {details}"}}
        except ValueError as error:  # local mode reports bad input (dimensions, names, ids...) this way
            message = str(error).removeprefix("Wrong input: ")
            status = 404 if re.match(r"Point .+ not found", message) else 400  # a query by a missing id
            body = {"status": {"error": f"{'Not found' if status == 404 else 'Wrong input'}: {message}"}}
        except Exception as error:  # noqa: BLE001 - every failure must reach the client as JSON
            if DEBUG:
                traceback.print_exc()
            status, body = 500, {"status": {"error": f"Service internal error: {error!r}"}}
        body["time"] = time.perf_counter() - started
        self.send(status, json.dumps(body).encode(), "application/json")

    def route(self, path: str, raw: bytes) -> Any:
        for method, pattern, handler, needs_collection in ROUTES:
            match = pattern.fullmatch(path)
            if match and method == self.command:
                params = {key: unquote(value) for key, value in match.groupdict().items()}
                try:
                    body = Body(raw)
                except ValueError as error:
                    raise ApiError(400, f"Format error in JSON body: {error}") from None
                with LOCK:
                    if needs_collection and not CLIENT.collection_exists(params["name"]):
                        raise ApiError(404, f"Not found: Collection `{params['name']}` doesn't exist!")
                    return handler(body, **params)
        raise ApiError(404, f"Not found: {self.command} {path}")

    def check_api_key(self, path: str) -> None:
        if API_KEY is None or path in OPEN_PATHS:
            return
        given = self.headers.get("api-key") or ""
        authorization = self.headers.get("Authorization") or ""
        if authorization.lower().startswith("bearer "):
            given = given or authorization[7:].strip()
        if not given:
            raise ApiError(401, "Unauthorized: Must provide an API key or an Authorization bearer token")
        if not hmac.compare_digest(given.encode(), API_KEY.encode()):
            raise ApiError(401, "Unauthorized: Invalid API key or JWT")

    def send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = dispatch

    def log_message(self, format: str, *args: Any) -> None:
        if DEBUG:
            super().log_message(format, *args)


def main() -> None:
    port = int(os.environ.get("QDRANT__SERVICE__HTTP_PORT", "6333"))
    for warning in SETTINGS.warnings:
        print(warning, flush=True)
    storage.prepare(SETTINGS)
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    server.daemon_threads = True

    def stop(signum: int, frame: Any) -> None:
        # shutdown() waits for serve_forever() to return, so it can't run on this (serving) thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Qdrant's own start-up line, which testcontainers' Qdrant module (@testcontainers/qdrant) waits for.
    print("Actix runtime found; starting in Actix runtime", flush=True)
    print(f"Qdrant HTTP listening on {port}", flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
        CLIENT.close()


if __name__ == "__main__":
    sys.exit(main())
