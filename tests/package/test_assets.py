"""The download code, for real, against an HTTP server on 127.0.0.1 (no mocks).

Covers: lookup order, a successful download with checksum, mirror fallback, checksum mismatch,
truncated transfers, a zip member, a damaged local copy, no network at all, and the tiktoken cache.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import re
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from llmscratch import assets
from llmscratch.assets import AssetError, fetch_asset, get_asset_path

VERDICT = "the-verdict"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        body, claimed_length = route
        self.send_response(200)
        self.send_header("Content-Length", str(claimed_length or len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A loopback HTTP server; tests fill ``routes`` with path -> (body, claimed length)."""
    routes: dict = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, routes
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def verdict_bytes(data_dir) -> bytes:
    return (data_dir / "the-verdict" / "the-verdict.txt").read_bytes()


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_manifest_matches_shared_checksums(data_dir):
    # Invariant: the manifest's sha256 values are those published with the offline data.
    published = dict(
        reversed(line.split()) for line in (data_dir / "SHA256SUMS").read_text().splitlines()
    )
    for asset in assets.ASSETS.values():
        if asset.relpath in published:
            assert published[asset.relpath] == asset.sha256, asset.name
    # Invariant: every checksum we carry is either in the offline data's list or published
    # with the weights (checked below).
    for asset in assets.ASSETS.values():
        if asset.sha256 is not None:
            assert asset.relpath in published or asset.relpath in assets._PUBLISHED, asset.name


def test_published_weight_checksums_belong_to_listed_files():
    # Invariant: each published checksum names a file of the manifest (no typo in a path) and
    # is a full sha256; a weights file with one is verified when it is downloaded.
    relpaths = {a.relpath for a in assets.ASSETS.values()}
    assert set(assets._PUBLISHED) <= relpaths
    for relpath, (sha256, size) in assets._PUBLISHED.items():
        assert re.fullmatch(r"[0-9a-f]{64}", sha256), relpath
        assert size is None or size > 0, relpath
    small = assets._PUBLISHED["gpt2/124M/model.safetensors"]
    assert (assets.ASSETS["gpt2-small"].sha256, assets.ASSETS["gpt2-small"].size) == small
    assert "no published checksum" in assets.ASSETS["llama-3.2-3b-index"].description
    # every published size has its files listed, the 16 shards of Qwen3-30B-A3B included
    assert assets.ASSETS["qwen3-30b-a3b-shard16"].relpath == \
        "qwen3-30b-a3b/model-00016-of-00016.safetensors"
    assert "no published checksum" not in assets.ASSETS["qwen3-0.6b"].description


def test_lookup_order_explicit_then_data_dir_then_cache(tmp_path, monkeypatch, verdict_bytes):
    data, cache = tmp_path / "data", tmp_path / "cache"
    for folder in (data, cache):
        (folder / "the-verdict").mkdir(parents=True)
        (folder / "the-verdict" / "the-verdict.txt").write_bytes(verdict_bytes)
    monkeypatch.setenv("LLMSCRATCH_DATA_DIR", str(data))
    monkeypatch.setenv("LLMSCRATCH_CACHE_DIR", str(cache))
    # Invariant: the data dir wins over the cache ...
    assert get_asset_path(VERDICT) == data / "the-verdict" / "the-verdict.txt"
    monkeypatch.delenv("LLMSCRATCH_DATA_DIR")
    # ... the cache is used when there is no data dir ...
    assert get_asset_path(VERDICT) == cache / "the-verdict" / "the-verdict.txt"
    explicit = tmp_path / "mine.txt"
    explicit.write_bytes(verdict_bytes)
    # ... and an explicit path wins over both.
    assert get_asset_path(VERDICT, path=explicit) == explicit


def test_download_success_verifies_and_renames(server, tmp_path, verdict_bytes):
    base, routes = server
    routes["/v.txt"] = (verdict_bytes, None)
    path = fetch_asset(VERDICT, dest_dir=tmp_path, urls=[f"{base}/v.txt"], progress=False)
    # Invariant: the file lands under its relative path with the exact bytes, and nothing else.
    assert path == tmp_path / "the-verdict" / "the-verdict.txt"
    assert path.read_bytes() == verdict_bytes
    assert _leftovers(tmp_path) == [path]


def test_mirror_used_after_primary_fails(server, tmp_path, verdict_bytes):
    base, routes = server
    routes["/mirror.txt"] = (verdict_bytes, None)
    urls = [f"{base}/missing.txt", f"{base}/mirror.txt"]
    path = fetch_asset(VERDICT, dest_dir=tmp_path, urls=urls, progress=False)
    # Invariant: a 404 on the primary falls back to the mirror.
    assert path.read_bytes() == verdict_bytes


def test_checksum_mismatch_leaves_nothing(server, tmp_path, verdict_bytes):
    base, routes = server
    tampered = verdict_bytes.replace(b"Gisburn", b"Gisborn")
    routes["/v.txt"] = (tampered, None)
    with pytest.raises(AssetError) as err:
        fetch_asset(VERDICT, dest_dir=tmp_path, urls=[f"{base}/v.txt"], progress=False)
    # Invariant: a wrong file is never kept, and the error says which URL and how to fix it.
    assert _leftovers(tmp_path) == []
    message = str(err.value)
    assert "sha256" in message and f"{base}/v.txt" in message and "LLMSCRATCH_DATA_DIR" in message


def test_truncated_transfer_is_detected(server, tmp_path, verdict_bytes):
    base, routes = server
    routes["/v.txt"] = (verdict_bytes[:5000], len(verdict_bytes))  # server hangs up early
    with pytest.raises(AssetError) as err:
        fetch_asset(VERDICT, dest_dir=tmp_path, urls=[f"{base}/v.txt"], progress=False)
    # Invariant: a short transfer is an error, and no partial file remains.
    assert _leftovers(tmp_path) == []
    assert "v.txt" in str(err.value)


def test_zip_member_is_extracted_and_bad_zip_rejected(server, tmp_path, data_dir):
    base, routes = server
    sms = (data_dir / "sms-spam-collection" / "SMSSpamCollection").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("SMSSpamCollection", sms)
        archive.writestr("readme", "the readme")
    routes["/good.zip"] = (buffer.getvalue(), None)
    routes["/bad.zip"] = (b"PK\x03\x04 this is not really a zip", None)
    with pytest.raises(AssetError) as err:
        fetch_asset("sms-spam-collection", dest_dir=tmp_path, urls=[f"{base}/bad.zip"],
                    progress=False)
    # Invariant: a corrupt zip is reported as such and leaves nothing behind.
    assert "zip" in str(err.value) and _leftovers(tmp_path) == []
    path = fetch_asset("sms-spam-collection", dest_dir=tmp_path,
                       urls=[f"{base}/bad.zip", f"{base}/good.zip"], progress=False)
    # Invariant: the asset is the extracted member, verified by its own checksum.
    assert path.read_bytes() == sms


def test_no_network_at_all_gives_clear_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(AssetError) as err:
        fetch_asset(VERDICT, dest_dir=tmp_path, urls=[f"http://127.0.0.1:{port}/v.txt"],
                    progress=False, timeout=5)
    message = str(err.value)
    # Invariant: the message names the file, the URL tried and where to place it by hand.
    assert "the-verdict" in message and str(port) in message
    assert "the-verdict/the-verdict.txt" in message and _leftovers(tmp_path) == []


def test_damaged_local_copy_is_refused(tmp_path, monkeypatch, verdict_bytes):
    (tmp_path / "the-verdict").mkdir()
    (tmp_path / "the-verdict" / "the-verdict.txt").write_bytes(verdict_bytes[:-10])
    monkeypatch.setenv("LLMSCRATCH_DATA_DIR", str(tmp_path))
    # Invariant: a truncated copy is not silently used.
    with pytest.raises(AssetError, match="damaged"):
        get_asset_path(VERDICT)


def test_missing_without_download_names_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("LLMSCRATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LLMSCRATCH_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(AssetError) as err:
        get_asset_path(VERDICT, download=False)
    # Invariant: the offline error says how to get the file.
    assert "python -m llmscratch fetch the-verdict" in str(err.value)


def test_unknown_asset_lists_known_names():
    with pytest.raises(AssetError, match="the-verdict"):
        get_asset_path("the-verdikt")


def test_seed_tiktoken_cache_makes_tiktoken_work_offline(tmp_path, monkeypatch):
    import subprocess
    import sys

    cache = assets.seed_tiktoken_cache(tmp_path / "tk")
    entries = assets.tiktoken_cache_entries(cache)
    # Invariant: tiktoken's cache names are the sha1 of its download URLs.
    for name, entry in entries.items():
        url = assets._TIKTOKEN_FILES[name]
        assert entry.name == hashlib.sha1(url.encode()).hexdigest()
    code = "import tiktoken; print(tiktoken.get_encoding('gpt2').encode('Hello, world'))"
    env = {**__import__("os").environ, "TIKTOKEN_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    # Invariant: tiktoken accepts the seeded files (it checks their hashes itself).
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[15496, 11, 995]"
