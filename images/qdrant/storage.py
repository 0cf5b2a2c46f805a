"""Qdrant's storage settings (``QDRANT__STORAGE__*``), and the files they put on disk.

Points stay in local mode's memory; what Qdrant would keep on disk and a test run can notice is
modelled: the storage folder is created at start (where ``storage_path`` says), each collection
gets a folder there with its config and its write-ahead log, preallocated as Qdrant's is
(``wal_capacity_mb`` per segment, ``1 + wal_segments_ahead`` segments), so a small tmpfs fills up
at collection creation as it does under Qdrant, and deleting the collection frees it. The WAL,
payload and optimizer settings are the defaults of new collections, reported back by
``GET /collections/{name}``.

Parsing follows Qdrant's (the config crate's environment source: ``QDRANT__`` prefix, ``__``
between levels, values parsed as numbers or booleans): a value of the wrong type stops the server
at start; a value out of range is only warned about at start, as Qdrant's settings validation does.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import dataclass, field
from typing import Any, Mapping

MB = 1024 * 1024
# Qdrant 1.18's config/config.yaml
WAL_DEFAULTS = {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1}
OPTIMIZER_DEFAULTS = {
    "deleted_threshold": 0.2,
    "vacuum_min_vector_number": 1000,
    "default_segment_number": 0,
    "max_segment_size": None,
    "indexing_threshold": 10000,
    "flush_interval_sec": 5,
    "max_optimization_threads": None,
}
# The config file's names of optimizer settings that the collection info names otherwise.
OPTIMIZER_ALIASES = {"max_segment_size_kb": "max_segment_size", "indexing_threshold_kb": "indexing_threshold"}
FLOATS = {"deleted_threshold"}
MINIMUM = {"wal_capacity_mb": 1, "wal_retain_closed": 1}


class SettingsError(Exception):
    """A setting that does not parse: Qdrant does not start."""


@dataclass
class Settings:
    storage_path: str
    wal: dict[str, int] = field(default_factory=lambda: dict(WAL_DEFAULTS))
    on_disk_payload: bool = True
    optimizers: dict[str, Any] = field(default_factory=lambda: dict(OPTIMIZER_DEFAULTS))
    telemetry_disabled: bool = False
    warnings: list[str] = field(default_factory=list)


def _unsigned(variable: str, text: str) -> int:
    if not text.strip().isdigit():
        raise SettingsError(f"invalid type: string {json.dumps(text)}, expected usize for key `{_key(variable)}`")
    return int(text)


def _float(variable: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise SettingsError(f"invalid type: string {json.dumps(text)}, expected f64 for key `{_key(variable)}`") from None


def _bool(variable: str, text: str) -> bool:
    if text.strip().lower() not in ("true", "false"):
        raise SettingsError(f"invalid type: string {json.dumps(text)}, expected a boolean for key `{_key(variable)}`")
    return text.strip().lower() == "true"


def _key(variable: str) -> str:
    return variable.removeprefix("QDRANT__").lower().replace("__", ".")


def settings(env: Mapping[str, str]) -> Settings:
    """The storage settings from the environment (variable names are case-insensitive, as in Qdrant)."""
    values = {name.upper(): value for name, value in env.items() if name.upper().startswith("QDRANT__")}
    result = Settings(storage_path=os.path.abspath(values.get("QDRANT__STORAGE__STORAGE_PATH", "./storage")))
    for key in WAL_DEFAULTS:
        variable = f"QDRANT__STORAGE__WAL__{key.upper()}"
        if variable in values:
            result.wal[key] = _unsigned(variable, values[variable])
            if result.wal[key] < MINIMUM.get(key, 0):
                result.warnings.append(
                    f"WARN qdrant::settings: Settings validation error: storage.wal.{key}: "
                    f"value {result.wal[key]} invalid, must be {MINIMUM[key]} or larger"
                )
    if "QDRANT__STORAGE__ON_DISK_PAYLOAD" in values:
        result.on_disk_payload = _bool("QDRANT__STORAGE__ON_DISK_PAYLOAD", values["QDRANT__STORAGE__ON_DISK_PAYLOAD"])
    for key in [*OPTIMIZER_DEFAULTS, *OPTIMIZER_ALIASES]:
        variable = f"QDRANT__STORAGE__OPTIMIZERS__{key.upper()}"
        if variable in values:
            name = OPTIMIZER_ALIASES.get(key, key)
            parse = _float if name in FLOATS else _unsigned
            result.optimizers[name] = parse(variable, values[variable])
    if "QDRANT__TELEMETRY_DISABLED" in values:
        result.telemetry_disabled = _bool("QDRANT__TELEMETRY_DISABLED", values["QDRANT__TELEMETRY_DISABLED"])
    return result


def prepare(config: Settings) -> None:
    """The storage folder, as Qdrant creates it at start."""
    for folder in ("collections", "aliases"):
        os.makedirs(os.path.join(config.storage_path, folder), exist_ok=True)


def collection_folder(config: Settings, name: str) -> str:
    return os.path.join(config.storage_path, "collections", name)


def create_collection_files(config: Settings, name: str, collection_config: dict[str, Any]) -> None:
    """The collection's folder: its config and its preallocated WAL (removed again when that fails)."""
    folder = collection_folder(config, name)
    wal = os.path.join(folder, "0", "wal")
    try:
        os.makedirs(wal, exist_ok=True)
        with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as file:
            json.dump(collection_config, file, default=str)
        size = max(collection_config["wal_config"]["wal_capacity_mb"], 1) * MB
        for segment in range(1 + collection_config["wal_config"]["wal_segments_ahead"]):
            descriptor = os.open(os.path.join(wal, f"open-{segment + 1}"), os.O_CREAT | os.O_WRONLY, 0o644)
            try:
                os.posix_fallocate(descriptor, 0, size)
            finally:
                os.close(descriptor)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def delete_collection_files(config: Settings, name: str) -> None:
    shutil.rmtree(collection_folder(config, name), ignore_errors=True)


def os_error(error: OSError) -> str:
    """An OS error as Rust's io::Error displays it."""
    code = error.errno or errno.EIO
    return f"{os.strerror(code)} (os error {code})"
