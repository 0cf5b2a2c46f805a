"""Tests of the Qdrant stand-in (server.py).

The server runs in a subprocess on a free port; it is driven through the official Python client in
remote mode (the real client speaking HTTP to it, the best proof of wire compatibility) and through
raw urllib requests for the response envelope and the error statuses.
Run: python3 -m pytest images/qdrant/test_server.py -q
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
import warnings
from pathlib import Path

import pytest
from qdrant_client import QdrantClient, models
from qdrant_client.common.version_check import get_server_version, is_compatible
from qdrant_client.http.exceptions import UnexpectedResponse

SERVER = Path(__file__).with_name("server.py")
API_KEY = "test-secret"


def start_server(**env: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Never the default ./storage: that would be the working directory's.
    storage = env.pop("QDRANT__STORAGE__STORAGE_PATH", None) or tempfile.mkdtemp(prefix="qdrant-standin-")
    process = subprocess.Popen(
        [sys.executable, str(SERVER)],
        env={**os.environ, "QDRANT__SERVICE__HTTP_PORT": str(port), "QDRANT__STORAGE__STORAGE_PATH": storage, **env},
        stdout=subprocess.PIPE,
        text=True,
    )
    # Qdrant's own start-up line first (what testcontainers' Qdrant module waits for), then this
    # one once the server listens.
    first = process.stdout.readline()
    line = process.stdout.readline()
    if "Actix runtime found; starting in Actix runtime" not in first or f"Qdrant HTTP listening on {port}" not in line:
        process.kill()
        pytest.fail(f"the server did not start: {first!r} {line!r}")
    return process, f"http://127.0.0.1:{port}"


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)
    process.stdout.close()


@pytest.fixture(scope="module")
def url():
    process, base_url = start_server()
    yield base_url
    stop_server(process)


def make_client(url: str, **kwargs) -> tuple[QdrantClient, list[str]]:
    """A remote client, and the warnings it gave, its version check (run in a thread) included."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qdrant = QdrantClient(url=url, prefer_grpc=False, **kwargs)
        for thread in threading.enumerate():
            if "_check_compatibility" in thread.name:
                thread.join(10)
    return qdrant, [str(warning.message) for warning in caught]


@pytest.fixture
def client(url):
    qdrant, messages = make_client(url)
    assert messages == []  # in particular no "incompatible" / "failed to obtain server version"
    yield qdrant
    qdrant.close()


@pytest.fixture
def collection(client):
    name = f"c_{uuid.uuid4().hex[:8]}"
    client.create_collection(name, vectors_config=models.VectorParams(size=4, distance=models.Distance.COSINE))
    client.upsert(
        name,
        points=[
            models.PointStruct(id=1, vector=[1.0, 0.0, 0.0, 0.0], payload={"color": "red", "n": 1}),
            models.PointStruct(id=2, vector=[0.9, 0.1, 0.0, 0.0], payload={"color": "red", "n": 2}),
            models.PointStruct(id=3, vector=[0.0, 1.0, 0.0, 0.0], payload={"color": "blue", "n": 3}),
            models.PointStruct(id=4, vector=[0.0, 0.0, 1.0, 0.0], payload={"color": "green", "n": 4}),
        ],
    )
    return name


def call(base_url: str, method: str, path: str, body=None, headers=None, raw: bytes | None = None):
    """Raw HTTP request: (status, decoded JSON or text)."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=headers or {})
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, text, kind = response.status, response.read().decode(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        status, text, kind = error.code, error.read().decode(), error.headers["Content-Type"]
    return status, json.loads(text) if kind.startswith("application/json") else text


def red() -> models.Filter:
    return models.Filter(must=[models.FieldCondition(key="color", match=models.MatchValue(value="red"))])


# ---------------------------------------------------------------- service


def test_root_reports_a_version_compatible_with_the_client(url):
    status, body = call(url, "GET", "/")  # like Qdrant, this one has no result/status/time envelope
    client_version = importlib.metadata.version("qdrant-client")
    assert status == 200 and body == {"title": "qdrant - vector search engine", "version": client_version, "commit": None}
    assert is_compatible(client_version, get_server_version(url, {}, None, 5))


@pytest.mark.parametrize(
    "path, text",
    [("/readyz", "all shards are ready"), ("/healthz", "healthz check passed"), ("/livez", "healthz check passed")],
)
def test_health_endpoints(url, path, text):
    assert call(url, "GET", path) == (200, text)


def test_unknown_path_is_404_with_error_envelope(url):
    status, body = call(url, "GET", "/nothing/here")
    assert status == 404 and "error" in body["status"] and "time" in body


# ---------------------------------------------------------------- collections


def test_collection_lifecycle(client, url):
    name = f"life_{uuid.uuid4().hex[:8]}"
    assert not client.collection_exists(name)
    assert client.create_collection(
        name,
        vectors_config=models.VectorParams(size=4, distance=models.Distance.DOT),
        hnsw_config=models.HnswConfigDiff(m=32),
        on_disk_payload=False,
        replication_factor=2,
        quantization_config=models.ScalarQuantization(scalar=models.ScalarQuantizationConfig(type="int8")),
    )
    assert client.collection_exists(name)
    assert name in [c.name for c in client.get_collections().collections]

    info = client.get_collection(name)
    assert info.status == models.CollectionStatus.GREEN
    assert info.optimizer_status == models.OptimizersStatusOneOf.OK
    assert (info.points_count, info.indexed_vectors_count, info.segments_count) == (0, 0, 1)
    params = info.config.params
    assert params.vectors == models.VectorParams(size=4, distance=models.Distance.DOT)
    assert (params.shard_number, params.replication_factor, params.write_consistency_factor) == (1, 2, 1)
    assert params.on_disk_payload is False
    assert info.config.hnsw_config.m == 32 and info.config.hnsw_config.ef_construct == 100
    assert info.config.quantization_config.scalar.type == models.ScalarType.INT8
    assert info.config.wal_config.wal_capacity_mb == 32
    assert info.payload_schema == {}

    assert client.update_collection(
        name,
        optimizers_config=models.OptimizersConfigDiff(indexing_threshold=1000),
        collection_params=models.CollectionParamsDiff(write_consistency_factor=2),
        quantization_config=models.Disabled.DISABLED,
        metadata={"owner": "tests"},
    )
    info = client.get_collection(name)
    assert info.config.optimizer_config.indexing_threshold == 1000
    assert info.config.params.write_consistency_factor == 2
    assert info.config.quantization_config is None
    assert info.config.metadata == {"owner": "tests"}

    with pytest.raises(UnexpectedResponse) as error:
        client.create_collection(name, vectors_config=models.VectorParams(size=4, distance=models.Distance.DOT))
    assert error.value.status_code == 409

    assert client.delete_collection(name)
    assert not client.collection_exists(name)
    with pytest.raises(UnexpectedResponse) as error:
        client.get_collection(name)
    assert error.value.status_code == 404


def test_collection_info_raw_envelope(url, collection):
    status, body = call(url, "GET", f"/collections/{collection}")
    assert status == 200 and body["status"] == "ok"
    result = body["result"]
    assert result["points_count"] == 4 and result["config"]["params"]["vectors"] == {"size": 4, "distance": "Cosine"}
    assert set(result["config"]) >= {"params", "hnsw_config", "optimizer_config", "wal_config", "quantization_config"}
    assert call(url, "GET", f"/collections/{collection}/exists")[1]["result"] == {"exists": True}
    assert call(url, "GET", "/collections/missing/exists")[1]["result"] == {"exists": False}


def test_sparse_vectors_and_vector_updates(client):
    name = f"sparse_{uuid.uuid4().hex[:8]}"
    client.create_collection(
        name,
        vectors_config={"dense": models.VectorParams(size=2, distance=models.Distance.EUCLID)},
        sparse_vectors_config={"text": models.SparseVectorParams()},
    )
    client.upsert(
        name,
        points=[
            models.PointStruct(
                id=1, vector={"dense": [0.0, 1.0], "text": models.SparseVector(indices=[1, 7], values=[0.5, 1.0])}
            ),
            models.PointStruct(id=2, vector={"dense": [1.0, 0.0], "text": models.SparseVector(indices=[2], values=[1.0])}),
        ],
    )
    hits = client.query_points(name, query=models.SparseVector(indices=[7], values=[1.0]), using="text").points
    assert [hit.id for hit in hits] == [1]

    client.update_vectors(name, points=[models.PointVectors(id=2, vector={"dense": [0.0, 1.0]})])
    assert client.retrieve(name, [2], with_vectors=["dense"])[0].vector == {"dense": [0.0, 1.0]}
    client.delete_vectors(name, vectors=["text"], points=[1])
    assert "text" not in client.retrieve(name, [1], with_vectors=True)[0].vector
    client.delete_collection(name)


# ---------------------------------------------------------------- payload indexes


def test_payload_indexes_are_remembered(client, collection):
    client.create_payload_index(collection, "color", field_schema=models.PayloadSchemaType.KEYWORD)
    client.create_payload_index(
        collection, "tenant", field_schema=models.KeywordIndexParams(type=models.KeywordIndexType.KEYWORD, is_tenant=True)
    )
    client.create_payload_index(collection, "n")  # no schema: the type comes from the data

    schema = client.get_collection(collection).payload_schema
    assert schema["color"] == models.PayloadIndexInfo(data_type=models.PayloadSchemaType.KEYWORD, points=4)
    assert schema["tenant"].data_type == models.PayloadSchemaType.KEYWORD and schema["tenant"].points == 0
    assert schema["tenant"].params.is_tenant is True
    assert schema["n"].data_type == models.PayloadSchemaType.INTEGER

    client.delete_payload_index(collection, "tenant")
    assert set(client.get_collection(collection).payload_schema) == {"color", "n"}


# ---------------------------------------------------------------- points


def test_upsert_retrieve_count_scroll(client, collection, url):
    point_id = str(uuid.uuid4())
    client.upsert(
        collection,
        points=models.Batch(ids=[5, point_id], vectors=[[0.0, 0.0, 0.0, 1.0], [0.5, 0.5, 0.0, 0.0]], payloads=[{}, {"k": 1}]),
    )
    assert client.count(collection).count == 6
    assert client.count(collection, count_filter=red()).count == 2

    records = client.retrieve(collection, [1, point_id, 999], with_vectors=True)
    assert {r.id for r in records} == {1, point_id}
    assert next(r for r in records if r.id == 1).vector == [1.0, 0.0, 0.0, 0.0]
    record = client.http.points_api.get_point(collection, 3).result
    assert record.payload == {"color": "blue", "n": 3} and record.vector == [0.0, 1.0, 0.0, 0.0]
    status, body = call(url, "GET", f"/collections/{collection}/points/12345")
    assert status == 404 and "12345" in body["status"]["error"]

    page, next_offset = client.scroll(collection, limit=2)
    assert [p.id for p in page] == [1, 2] and next_offset == 3
    page, next_offset = client.scroll(collection, scroll_filter=red(), offset=2, with_payload=False)
    assert [(p.id, p.payload) for p in page] == [(2, None)] and next_offset is None

    status, body = call(url, "POST", f"/collections/{collection}/points/scroll", {"limit": 1})
    assert body["result"] == {"points": [{"id": 1, "payload": {"color": "red", "n": 1}, "vector": None}], "next_page_offset": 2}


def test_payload_operations_and_delete(client, collection):
    client.set_payload(collection, payload={"tag": "x"}, points=[1, 3])
    assert client.retrieve(collection, [1])[0].payload == {"color": "red", "n": 1, "tag": "x"}
    client.set_payload(collection, payload={"deep": 1}, points=red(), key="nested")
    assert client.retrieve(collection, [2])[0].payload["nested"] == {"deep": 1}

    client.overwrite_payload(collection, payload={"only": True}, points=[3])
    assert client.retrieve(collection, [3])[0].payload == {"only": True}

    client.delete_payload(collection, keys=["n"], points=[1, 2])
    assert "n" not in client.retrieve(collection, [1])[0].payload

    client.clear_payload(collection, points_selector=[4])
    assert client.retrieve(collection, [4])[0].payload == {}

    client.delete(collection, points_selector=models.FilterSelector(filter=red()))
    client.delete(collection, points_selector=models.PointIdsList(points=[3]))
    assert [p.id for p in client.scroll(collection)[0]] == [4]


def test_update_operations_return_increasing_ids(url, collection):
    ids = []
    for _ in range(2):
        status, body = call(url, "POST", f"/collections/{collection}/points/payload?wait=true", {"payload": {"a": 1}, "points": [1]})
        assert status == 200 and body["result"]["status"] == "completed"
        ids.append(body["result"]["operation_id"])
    assert ids[1] > ids[0]


def test_batch_update_and_facet(client, collection):
    results = client.batch_update_points(
        collection,
        update_operations=[
            models.SetPayloadOperation(set_payload=models.SetPayload(payload={"color": "blue"}, points=[4])),
            models.DeleteOperation(delete=models.PointIdsList(points=[1])),
        ],
    )
    assert len(results) == 2
    hits = client.facet(collection, key="color").hits
    assert {(hit.value, hit.count) for hit in hits} == {("blue", 2), ("red", 1)}


# ---------------------------------------------------------------- search


def test_query_api(client, collection):
    hits = client.query_points(collection, query=[1.0, 0.0, 0.0, 0.0], limit=2).points
    assert [h.id for h in hits] == [1, 2] and hits[0].score == pytest.approx(1.0)
    assert hits[0].payload == {"color": "red", "n": 1}  # the python client asks for payloads by default

    by_id = client.query_points(collection, query=1, limit=1, with_payload=False, with_vectors=True).points
    assert by_id[0].id == 2 and by_id[0].payload is None and by_id[0].vector == pytest.approx([0.9939, 0.1104, 0.0, 0.0], abs=1e-4)  # cosine: normalized

    filtered = client.query_points(collection, query=[0.0, 1.0, 0.0, 0.0], query_filter=red(), offset=1).points
    assert [h.id for h in filtered] == [1]
    assert [h.id for h in client.query_points(collection, query=[1.0, 0, 0, 0], score_threshold=0.5).points] == [1, 2]

    batch = client.query_batch_points(
        collection,
        requests=[models.QueryRequest(query=[0.0, 0.0, 1.0, 0.0], limit=1), models.QueryRequest(query=3, limit=1)],
    )
    assert [[h.id for h in response.points] for response in batch] == [[4], [2]]

    groups = client.query_points_groups(collection, query=[1.0, 0.0, 0.0, 0.0], group_by="color", group_size=1).groups
    assert [g.id for g in groups][:2] == ["red", "blue"]


def test_query_named_vectors(client):
    name = f"named_{uuid.uuid4().hex[:8]}"
    client.create_collection(
        name,
        vectors_config={
            "image": models.VectorParams(size=2, distance=models.Distance.COSINE),
            "text": models.VectorParams(size=3, distance=models.Distance.DOT),
        },
    )
    client.upsert(
        name,
        points=[
            models.PointStruct(id=1, vector={"image": [1.0, 0.0], "text": [0.0, 0.0, 1.0]}),
            models.PointStruct(id=2, vector={"image": [0.0, 1.0], "text": [1.0, 0.0, 0.0]}),
        ],
    )
    assert client.query_points(name, query=[0.1, 0.9], using="image").points[0].id == 2
    hit = client.query_points(name, query=[0.0, 0.0, 2.0], using="text", with_vectors=["text"], limit=1).points[0]
    assert hit.id == 1 and hit.score == pytest.approx(2.0) and hit.vector == {"text": [0.0, 0.0, 1.0]}
    with pytest.raises(UnexpectedResponse) as error:
        client.query_points(name, query=[1.0, 0.0], using="nope")
    assert error.value.status_code == 400
    client.delete_collection(name)


def test_legacy_search_and_recommend_endpoints(url, collection):
    path = f"/collections/{collection}/points"
    status, body = call(url, "POST", path + "/search", {"vector": [1, 0, 0, 0], "limit": 2, "with_payload": True})
    assert status == 200 and [h["id"] for h in body["result"]] == [1, 2]
    assert set(body["result"][0]) == {"id", "version", "score", "payload", "vector"}

    status, body = call(url, "POST", path + "/search", {"vector": [1, 0, 0, 0], "limit": 5, "filter": {"must": [{"key": "color", "match": {"value": "blue"}}]}})
    assert [h["id"] for h in body["result"]] == [3] and body["result"][0]["payload"] is None

    status, body = call(url, "POST", path + "/search/batch", {"searches": [{"vector": [0, 0, 1, 0], "limit": 1}, {"vector": [0, 1, 0, 0], "limit": 1}]})
    assert [[h["id"] for h in hits] for hits in body["result"]] == [[4], [3]]

    status, body = call(url, "POST", path + "/recommend", {"positive": [1], "negative": [4], "limit": 1})
    assert status == 200 and [h["id"] for h in body["result"]] == [2]


def test_aliases(client, collection):
    alias = f"alias_{uuid.uuid4().hex[:8]}"
    client.update_collection_aliases(
        change_aliases_operations=[
            models.CreateAliasOperation(create_alias=models.CreateAlias(collection_name=collection, alias_name=alias))
        ]
    )
    assert alias in [a.alias_name for a in client.get_aliases().aliases]
    assert [a.alias_name for a in client.get_collection_aliases(collection).aliases] == [alias]
    assert client.count(alias).count == 4
    client.create_payload_index(alias, "color", field_schema=models.PayloadSchemaType.KEYWORD)
    assert "color" in client.get_collection(alias).payload_schema


def test_concurrent_requests(client, collection):
    def work(worker: int) -> None:
        for i in range(25):
            point_id = 1000 + worker * 100 + i
            client.upsert(collection, points=[models.PointStruct(id=point_id, vector=[1.0, 0.5, 0.0, i], payload={"w": worker})])
            client.query_points(collection, query=[1.0, 0.0, 0.0, 0.0], limit=3)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert client.count(collection).count == 4 + 100


# ---------------------------------------------------------------- errors


def test_error_statuses(url, collection):
    status, body = call(url, "GET", "/collections/missing")
    assert status == 404 and body["status"] == {"error": "Not found: Collection `missing` doesn't exist!"}
    assert isinstance(body["time"], float)
    status, body = call(url, "POST", "/collections/missing/points/scroll", {})
    assert status == 404

    status, body = call(url, "PUT", f"/collections/{collection}", {"vectors": {"size": 4, "distance": "Cosine"}})
    assert status == 409 and body["status"] == {"error": f"Wrong input: Collection `{collection}` already exists!"}

    status, body = call(url, "PUT", "/collections/bad", {"vectors": {"size": 4, "distance": "Cosine"}, "colour": 1})
    assert status == 400 and "colour" in body["status"]["error"] and "Extra inputs" in body["status"]["error"]
    status, body = call(url, "PUT", f"/collections/{collection}/points", raw=b"{not json")
    assert status == 400 and body["status"]["error"].startswith("Format error in JSON body")
    status, body = call(url, "PUT", f"/collections/{collection}/points", {"points": [{"id": 9, "vector": [1, 2]}]})
    assert status == 400 and body["status"]["error"].startswith("Wrong input: Vector dimension error")
    status, body = call(url, "POST", f"/collections/{collection}/points/query", {"query": 99})
    assert status == 404 and body["status"]["error"].startswith("Not found:")


def test_api_key():
    process, base_url = start_server(QDRANT__SERVICE__API_KEY=API_KEY)
    try:
        assert call(base_url, "GET", "/")[0] == 200
        assert call(base_url, "GET", "/readyz")[0] == 200
        status, body = call(base_url, "GET", "/collections")
        assert status == 401 and "error" in body["status"]
        assert call(base_url, "GET", "/collections", headers={"api-key": "wrong"})[0] == 401
        assert call(base_url, "GET", "/collections", headers={"api-key": API_KEY})[0] == 200
        assert call(base_url, "GET", "/collections", headers={"Authorization": f"Bearer {API_KEY}"})[0] == 200

        client, messages = make_client(base_url, api_key=API_KEY)
        assert messages == ["Api key is used with an insecure connection."]
        client.create_collection("secured", vectors_config=models.VectorParams(size=2, distance=models.Distance.COSINE))
        assert client.collection_exists("secured")
        client.close()
    finally:
        stop_server(process)


def test_sigterm_stops_quickly():
    process, _ = start_server()
    started = time.monotonic()
    stop_server(process)
    assert process.returncode == 0 and time.monotonic() - started < 3


# ---------------------------------------------------------------- refusals: what Qdrant 1.18 refuses
# Each answers with Qdrant's status and text; nothing is written. Texts: see refusals.py.

NOT_AN_ID = "Format error in JSON body: value {} is not a valid point ID, valid values are either an unsigned integer or a UUID"
BAD_CONDITION = (
    'Format error in JSON body: Expected some form of condition, which can be a field condition (like {"key": ..., "match": ... }),'
    " or some other mentioned in the documentation: https://qdrant.tech/documentation/concepts/filtering/#filtering-conditions"
)


def send(url: str, method: str, path: str, text: str):
    """A raw body, byte for byte: serde's error positions are counted on it."""
    return call(url, method, path, raw=text.encode())


def refused(url, method, path, body, status=400):
    got, reply = call(url, method, path, body) if not isinstance(body, str) else send(url, method, path, body)
    assert got == status, reply
    assert set(reply) == {"status", "time"} and isinstance(reply["time"], float)
    return reply["status"]["error"]


def count_points(url, collection) -> int:
    return call(url, "POST", f"/collections/{collection}/points/count", {})[1]["result"]["count"]


@pytest.mark.parametrize(
    "point_id, shown",
    [
        (-1, "-1"),  # the benchmark's warm-up ids: Qdrant answers 400 where local mode stored them
        (-(2**63), "-9223372036854775808"),
        (2**64, "18446744073709552000"),  # beyond u64: serde_json reads an f64
        (1.5, "1.5"),
        (1.0, "1"),  # a float, even a whole one
        ("abc", "abc"),
        ("123", "123"),  # digits in a string are not a number
        ("5c56c793-691f4b3a-b0a6-a1b7e5a2e0c1", "5c56c793-691f4b3a-b0a6-a1b7e5a2e0c1"),  # hyphens misplaced
        (True, "true"),
        (None, "Unit"),
    ],
)
def test_upsert_refuses_ids_that_are_neither_u64_nor_uuid(url, collection, point_id, shown):
    body = {"points": [{"id": 9, "vector": [0, 0, 0, 1]}, {"id": point_id, "vector": [1, 0, 0, 0]}]}
    assert refused(url, "PUT", f"/collections/{collection}/points", body) == NOT_AN_ID.format(shown)
    assert count_points(url, collection) == 4  # neither point was written


def test_batch_upsert_refuses_a_bad_id(url, collection):
    body = {"batch": {"ids": [9, -2], "vectors": [[1, 0, 0, 0], [0, 1, 0, 0]]}}
    assert refused(url, "PUT", f"/collections/{collection}/points", body) == NOT_AN_ID.format("-2")
    assert count_points(url, collection) == 4


def test_ids_qdrant_accepts(client, collection):
    hyphenated = "5c56c793-691f-4b3a-b0a6-a1b7e5a2e0c1"
    accepted = [0, 2**64 - 1, "5C56C793691F4B3AB0A6A1B7E5A2E0C1", "{" + str(uuid.uuid4()) + "}", f"urn:uuid:{uuid.uuid4()}"]
    client.upsert(collection, points=[models.PointStruct(id=i, vector=[1.0, 0, 0, 0]) for i in accepted])
    assert client.count(collection).count == 4 + len(accepted)
    assert client.retrieve(collection, [hyphenated])[0].id == hyphenated  # the simple form, read back hyphenated


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("POST", "/points", {"ids": [1, -1]}),
        ("POST", "/points/delete", {"points": [-1]}),
        ("POST", "/points/payload", {"payload": {"a": 1}, "points": [-1]}),
        ("PUT", "/points/payload", {"payload": {"a": 1}, "points": [-1]}),
        ("POST", "/points/payload/delete", {"keys": ["a"], "points": [-1]}),
        ("POST", "/points/payload/clear", {"points": [-1]}),
        ("PUT", "/points/vectors", {"points": [{"id": -1, "vector": [1, 0, 0, 0]}]}),
        ("POST", "/points/vectors/delete", {"points": [-1], "vector": [""]}),
        ("POST", "/points/batch", {"operations": [{"delete": {"points": [-1]}}]}),
        ("POST", "/points/batch", {"operations": [{"upsert": {"points": [{"id": -1, "vector": [1, 0, 0, 0]}]}}]}),
        ("POST", "/points/scroll", {"offset": -1}),
        ("POST", "/points/count", {"filter": {"must": [{"has_id": [-1]}]}}),
        ("POST", "/points/delete", {"filter": {"should": [{"must_not": [{"has_id": [1, -1]}]}]}}),
        ("POST", "/points/query", {"query": -1}),
        ("POST", "/points/query", {"query": {"recommend": {"positive": [-1]}}}),
        ("POST", "/points/recommend", {"positive": [-1], "limit": 1}),
    ],
)
def test_bad_ids_are_refused_everywhere_an_id_goes(url, collection, method, path, body):
    assert refused(url, method, f"/collections/{collection}{path}", body) == NOT_AN_ID.format("-1")
    assert count_points(url, collection) == 4


@pytest.mark.parametrize("point_id", ["abc", "-1", "1.5", "18446744073709551616"])
def test_get_point_refuses_a_path_id_that_is_no_id(url, collection, point_id):
    error = refused(url, "GET", f"/collections/{collection}/points/{point_id}", None)
    assert error == f'Wrong input: Can not recognize "{point_id}" as point id'


def test_get_point_of_a_missing_id_is_404(url, collection):
    error = refused(url, "GET", f"/collections/{collection}/points/5C56C793691F4B3AB0A6A1B7E5A2E0C1", None, status=404)
    assert error == "Not found: Point with id 5c56c793-691f-4b3a-b0a6-a1b7e5a2e0c1 does not exists!"


def test_upsert_refuses_a_vector_of_the_wrong_size(url, collection):
    body = {"points": [{"id": 9, "vector": [1, 0]}]}
    error = refused(url, "PUT", f"/collections/{collection}/points", body)
    assert error == "Wrong input: Vector dimension error: expected dim: 4, got 2"
    body = {"batch": {"ids": [9], "vectors": [[1, 0, 0, 0, 0]]}}
    error = refused(url, "PUT", f"/collections/{collection}/points", body)
    assert error == "Wrong input: Vector dimension error: expected dim: 4, got 5"
    assert count_points(url, collection) == 4


@pytest.fixture
def named(client):
    name = f"named_{uuid.uuid4().hex[:8]}"
    client.create_collection(
        name,
        vectors_config={"image": models.VectorParams(size=2, distance=models.Distance.DOT)},
        sparse_vectors_config={"text": models.SparseVectorParams()},
    )
    return name


def test_upsert_refuses_a_vector_name_that_does_not_exist(url, collection, named):
    body = {"points": [{"id": 1, "vector": {"nope": [1, 0]}}]}
    assert refused(url, "PUT", f"/collections/{named}/points", body) == "Wrong input: Not existing vector name error: nope"
    body = {"points": [{"id": 1, "vector": [1, 0]}]}  # unnamed, where every vector has a name
    assert refused(url, "PUT", f"/collections/{named}/points", body) == "Wrong input: Not existing vector name error: "
    body = {"points": [{"id": 1, "vector": {"image": [1, 0, 0]}}]}
    assert refused(url, "PUT", f"/collections/{named}/points", body) == "Wrong input: Vector dimension error: expected dim: 2, got 3"
    body = {"points": [{"id": 9, "vector": {"image": [1, 0, 0, 0]}}]}  # named, where the vector has none
    assert refused(url, "PUT", f"/collections/{collection}/points", body) == "Wrong input: Not existing vector name error: image"
    assert count_points(url, named) == 0


def test_upsert_refuses_a_point_without_vector(url, collection):
    body = {"points": [{"id": 9, "payload": {"a": 1}}]}
    assert refused(url, "PUT", f"/collections/{collection}/points", body) == "Format error in JSON body: missing field `vector`"


def test_upsert_refuses_an_empty_vector_with_422(url, collection):
    body = {"points": [{"id": 9, "vector": [1, 0, 0, 0]}, {"id": 10, "vector": []}]}
    error = refused(url, "PUT", f"/collections/{collection}/points", body, status=422)
    assert error == "Validation error in JSON body: [points[1].vector.vector: dense vector must not be empty]"
    assert count_points(url, collection) == 4


def test_update_vectors_refuses_the_wrong_size(url, collection):
    body = {"points": [{"id": 1, "vector": [1, 0, 0]}]}
    error = refused(url, "PUT", f"/collections/{collection}/points/vectors", body)
    assert error == "Wrong input: Vector dimension error: expected dim: 4, got 3"


def test_query_refuses_the_wrong_size_and_unknown_vector_names(url, collection, named):
    path = f"/collections/{collection}/points"
    expected_size = "Wrong input: Vector dimension error: expected dim: 4, got 2"
    assert refused(url, "POST", path + "/query", {"query": [1, 0]}) == expected_size  # local mode: a numpy error
    assert refused(url, "POST", path + "/query", {"query": {"nearest": [1, 0]}}) == expected_size
    assert refused(url, "POST", path + "/query", {"prefetch": {"query": [1, 0]}, "query": {"fusion": "rrf"}}) == expected_size
    assert refused(url, "POST", path + "/search", {"vector": [1, 0], "limit": 1}) == expected_size
    unknown = "Wrong input: Not existing vector name error: nope"
    assert refused(url, "POST", path + "/query", {"query": [1, 0, 0, 0], "using": "nope"}) == unknown
    assert refused(url, "POST", f"/collections/{named}/points/query", {"query": [1, 0]}) == "Wrong input: Not existing vector name error: "


@pytest.mark.parametrize(
    "text, column",
    [
        ('{"field_name":"color","field_schema":"bogus"}', 44),
        ('{"field_name":"color","field_schema":{"type":"bogus","is_tenant":true}}', 70),
        ('{"field_name": "color",\n "field_schema": 7}', 18),
    ],
)
def test_create_index_refuses_an_unknown_field_schema(url, collection, text, column):
    error = refused(url, "PUT", f"/collections/{collection}/index", text)
    line = text.count("\n") + 1
    assert error == f"Format error in JSON body: data did not match any variant of untagged enum PayloadFieldSchema at line {line} column {column}"
    assert call(url, "GET", f"/collections/{collection}")[1]["result"]["payload_schema"] == {}


@pytest.mark.parametrize(
    "text, column",
    [
        ('{"vectors":{"size":4,"distance":"Cosinus"}}', 42),
        ('{"vectors":{"a":{"size":4,"distance":"Cosine"},"b":{"size":4,"distance":"cosine"}}}', 82),
        ('{"vectors":{"size":-4,"distance":"Dot"}}', 39),
        ('{"vectors":[4,"Dot"],"on_disk_payload":true}', 20),
    ],
)
def test_create_collection_refuses_an_unknown_distance_or_a_bad_vectors_config(url, text, column):
    name = f"bad_{uuid.uuid4().hex[:8]}"
    error = refused(url, "PUT", f"/collections/{name}", text)
    assert error == f"Format error in JSON body: data did not match any variant of untagged enum VectorsConfig at line 1 column {column}"
    assert call(url, "GET", f"/collections/{name}/exists")[1]["result"] == {"exists": False}


def test_create_collection_refuses_a_vector_size_of_0_with_422(url):
    name = f"bad_{uuid.uuid4().hex[:8]}"
    error = refused(url, "PUT", f"/collections/{name}", {"vectors": {"size": 0, "distance": "Dot"}}, status=422)
    assert error == "Validation error in JSON body: [vectors.size: value 0 invalid, must be from 1 to 65536]"
    assert call(url, "GET", f"/collections/{name}/exists")[1]["result"] == {"exists": False}


def test_create_collection_that_exists_is_409(url, collection):
    error = refused(url, "PUT", f"/collections/{collection}", {"vectors": {"size": 4, "distance": "Dot"}}, status=409)
    assert error == f"Wrong input: Collection `{collection}` already exists!"


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("PUT", "/points", {"points": [{"id": 1, "vector": [1, 0, 0, 0]}]}),
        ("POST", "/points/query", {"query": [1, 0, 0, 0]}),
        ("POST", "/points/count", {}),
        ("POST", "/points/delete", {"points": [1]}),
        ("PUT", "/index", {"field_name": "a", "field_schema": "keyword"}),
        ("PATCH", "", {"optimizers_config": {"indexing_threshold": 1}}),
        ("GET", "/points/1", None),
    ],
)
def test_operations_on_a_missing_collection_are_404(url, method, path, body):
    error = refused(url, method, f"/collections/missing{path}", body, status=404)
    assert error == "Not found: Collection `missing` doesn't exist!"


@pytest.mark.parametrize(
    "path, text, column",
    [
        ("/points/count", '{"filter":{"must":[{"kye":"color","match":{"value":"red"}}]}}', 58),
        ("/points/scroll", '{"filter":{"should":["color"]},"limit":2}', 28),
        ("/points/delete", '{"filter":{"must":[{"key":"n","range":{"gte":1}},{"nested":{"key":"x","filter":{"must":[{}]}}}]}}', 90),
        ("/points/query", '{"query":[1,0,0,0],"filter":{"must_not":{"color":"red"}}}', 55),
    ],
)
def test_malformed_filter_conditions_are_refused(url, collection, path, text, column):
    error = refused(url, "POST", f"/collections/{collection}{path}", text)
    assert error == f"{BAD_CONDITION} at line 1 column {column}"
    assert count_points(url, collection) == 4


@pytest.mark.parametrize(
    "path, text, problem",
    [
        ("/points/query", '{"query":[1,0,0,0],"limit":-1}', "invalid value: integer `-1`, expected usize at line 1 column 29"),
        ("/points/query", '{"query":[1,0,0,0],"offset":-3,"limit":2}', "invalid value: integer `-3`, expected usize at line 1 column 40"),
        ("/points/query", '{"query":[1,0,0,0],"limit":1.5}', "invalid type: floating point `1.5`, expected usize at line 1 column 30"),
        ("/points/query", '{"prefetch":[{"query":[1,0,0,0],"limit":-2}],"query":{"fusion":"rrf"}}', "invalid value: integer `-2`, expected usize at line 1 column 42"),
        ("/points/scroll", '{"limit":-1}', "invalid value: integer `-1`, expected usize at line 1 column 11"),
        ("/facet", '{"key":"color","limit":-5}', "invalid value: integer `-5`, expected usize at line 1 column 25"),
    ],
)
def test_negative_limits_and_offsets_are_refused(url, collection, path, text, problem):
    assert refused(url, "POST", f"/collections/{collection}{path}", text) == f"Format error in JSON body: {problem}"


def test_query_limit_0_is_422(url, collection):
    error = refused(url, "POST", f"/collections/{collection}/points/query", {"query": [1, 0, 0, 0], "limit": 0}, status=422)
    assert error == "Validation error in JSON body: [internal.limit: value 0 invalid, must be 1 or larger]"


# ---------------------------------------------------------------- storage settings (storage.py)


def wal_file(storage: Path, name: str, segment: int = 1) -> Path:
    return storage / "collections" / name / "0" / "wal" / f"open-{segment}"


def allocated(path: Path) -> int:
    return path.stat().st_blocks * 512


def test_storage_defaults_are_qdrants(url):
    name = f"d_{uuid.uuid4().hex[:8]}"
    call(url, "PUT", f"/collections/{name}", {"vectors": {"size": 4, "distance": "Dot"}})
    config = call(url, "GET", f"/collections/{name}")[1]["result"]["config"]
    assert config["wal_config"] == {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1}
    assert config["params"]["on_disk_payload"] is True
    assert config["optimizer_config"]["default_segment_number"] == 0
    assert config["optimizer_config"]["flush_interval_sec"] == 5


def test_storage_settings_from_the_environment(tmp_path):
    process, base = start_server(
        QDRANT__STORAGE__STORAGE_PATH=str(tmp_path),
        QDRANT__STORAGE__WAL__WAL_CAPACITY_MB="2",
        qdrant__storage__on_disk_payload="false",  # names are case-insensitive, as in Qdrant
        QDRANT__STORAGE__OPTIMIZERS__DEFAULT_SEGMENT_NUMBER="1",
        QDRANT__STORAGE__OPTIMIZERS__INDEXING_THRESHOLD_KB="20000",
        QDRANT__STORAGE__OPTIMIZERS__DELETED_THRESHOLD="0.5",
        QDRANT__TELEMETRY_DISABLED="true",
    )
    try:
        assert (tmp_path / "collections").is_dir()
        call(base, "PUT", "/collections/small", {"vectors": {"size": 4, "distance": "Dot"}})
        config = call(base, "GET", "/collections/small")[1]["result"]["config"]
        assert config["wal_config"] == {"wal_capacity_mb": 2, "wal_segments_ahead": 0, "wal_retain_closed": 1}
        assert config["params"]["on_disk_payload"] is False
        optimizers = config["optimizer_config"]
        assert (optimizers["default_segment_number"], optimizers["indexing_threshold"]) == (1, 20000)
        assert optimizers["deleted_threshold"] == 0.5
        # The WAL is preallocated where storage_path says, at the configured size.
        assert allocated(wal_file(tmp_path, "small")) >= 2 * 1024 * 1024
        assert not wal_file(tmp_path, "small", 2).exists()
        assert json.loads((tmp_path / "collections" / "small" / "config.json").read_text())["wal_config"] == {
            "wal_capacity_mb": 2,
            "wal_segments_ahead": 0,
            "wal_retain_closed": 1,
        }

        # A collection's own wal_config and on_disk_payload win over the server's defaults.
        body = {"vectors": {"size": 4, "distance": "Dot"}, "wal_config": {"wal_capacity_mb": 1, "wal_segments_ahead": 1}}
        call(base, "PUT", "/collections/own", {**body, "on_disk_payload": True})
        config = call(base, "GET", "/collections/own")[1]["result"]["config"]
        assert config["wal_config"] == {"wal_capacity_mb": 1, "wal_segments_ahead": 1, "wal_retain_closed": 1}
        assert config["params"]["on_disk_payload"] is True
        assert allocated(wal_file(tmp_path, "own", 2)) >= 1024 * 1024

        assert call(base, "DELETE", "/collections/own")[1]["result"] is True
        assert not (tmp_path / "collections" / "own").exists()
        assert (tmp_path / "collections" / "small").is_dir()
    finally:
        stop_server(process)


def test_a_collection_whose_files_cannot_be_written_is_refused(tmp_path):
    process, base = start_server(QDRANT__STORAGE__STORAGE_PATH=str(tmp_path))
    try:
        (tmp_path / "collections" / "blocked").write_text("not a folder")
        status, body = call(base, "PUT", "/collections/blocked", {"vectors": {"size": 4, "distance": "Dot"}})
        assert status == 500 and body["status"]["error"].startswith("Service internal error: Not a directory (os error 20)")
        assert call(base, "GET", "/collections/blocked/exists")[1]["result"] == {"exists": False}
    finally:
        stop_server(process)


@pytest.mark.parametrize(
    "variable, value, key",
    [
        ("QDRANT__STORAGE__WAL__WAL_CAPACITY_MB", "2MB", "storage.wal.wal_capacity_mb"),
        ("QDRANT__STORAGE__ON_DISK_PAYLOAD", "no", "storage.on_disk_payload"),
        ("QDRANT__STORAGE__OPTIMIZERS__DELETED_THRESHOLD", "much", "storage.optimizers.deleted_threshold"),
    ],
)
def test_a_setting_that_does_not_parse_stops_the_server(tmp_path, variable, value, key):
    result = subprocess.run(
        [sys.executable, str(SERVER)],
        env={**os.environ, "QDRANT__STORAGE__STORAGE_PATH": str(tmp_path), variable: value},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert f'invalid type: string "{value}"' in result.stderr and f"for key `{key}`" in result.stderr


def test_a_wal_capacity_of_0_in_the_settings_is_warned_about(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, str(SERVER)],
        env={
            **os.environ,
            "QDRANT__SERVICE__HTTP_PORT": str(port),
            "QDRANT__STORAGE__STORAGE_PATH": str(tmp_path),
            "QDRANT__STORAGE__WAL__WAL_CAPACITY_MB": "0",
        },
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "storage.wal.wal_capacity_mb: value 0 invalid, must be 1 or larger" in process.stdout.readline()
    finally:
        stop_server(process)


@pytest.mark.parametrize(
    "text, status, error",
    [
        (
            '{"vectors":{"size":4,"distance":"Dot"},"wal_config":{"wal_capacity_mb":0}}',
            422,
            "Validation error in JSON body: [wal_config.wal_capacity_mb: value 0 invalid, must be 1 or larger]",
        ),
        (
            '{"vectors":{"size":4,"distance":"Dot"},"wal_config":{"wal_capacity_mb":-2}}',
            400,
            "Format error in JSON body: invalid value: integer `-2`, expected usize at line 1 column 73",
        ),
        (
            '{"vectors":{"size":4,"distance":"Dot"},"wal_config":{"wal_segments_ahead":"1"}}',
            400,
            'Format error in JSON body: invalid type: string "1", expected usize at line 1 column 77',
        ),
    ],
)
def test_create_collection_refuses_a_bad_wal_config(url, text, status, error):
    name = f"bad_{uuid.uuid4().hex[:8]}"
    assert refused(url, "PUT", f"/collections/{name}", text, status=status) == error
    assert call(url, "GET", f"/collections/{name}/exists")[1]["result"] == {"exists": False}
