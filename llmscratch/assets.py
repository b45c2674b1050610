"""Every file the chapters download, and the one function that finds or fetches them.

Used by all chapters (the book downloads the-verdict in §2.2, the SMS data in §6.2, GPT-2
weights in §5.5, the instruction data in §7.2). Unlike the book, every file is listed once here
with its URLs (the primary first, then mirrors), its size and its sha256 where known, and the
download code is shared:

    >>> from llmscratch.assets import get_asset_path
    >>> path = get_asset_path("the-verdict")   # a pathlib.Path to the-verdict.txt

Where a file is looked for, in order:
1. an explicit ``path=`` argument,
2. ``$LLMSCRATCH_DATA_DIR/<relpath>`` (e.g. ``the-verdict/the-verdict.txt``),
3. the user cache, ``$LLMSCRATCH_CACHE_DIR`` or ``~/.cache/llmscratch`` (XDG_CACHE_HOME honoured),
4. a download into the user cache.

A download goes to a temporary name beside its target, shows a tqdm progress bar, is checked
(complete length, sha256 or size) and only then renamed into place, so an interrupted or corrupt
transfer never leaves a file that looks finished. When every URL fails, ``AssetError`` says which
file, which URLs were tried and why, and where to put the file by hand.

Command line: ``python -m llmscratch fetch --all`` prepares a machine for offline use.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path


class AssetError(RuntimeError):
    """A data file could not be found, downloaded or verified; the message says what to do."""


@dataclass(frozen=True)
class Asset:
    """One downloadable file.

    ``relpath`` is where the file lives below a data folder or the cache. When ``zip_member`` is
    set the URLs serve a zip archive and the asset is that member, extracted.
    ``sha256``/``size`` are None where no reliable published value exists.
    """

    name: str
    relpath: str
    urls: tuple[str, ...]
    sha256: str | None
    size: int | None
    description: str
    zip_member: str | None = None


_BOOK = "https://raw.githubusercontent.com/rasbt/LLMs-from-scratch/main"
_OPENAI_BPE = "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main"
_HF = "https://huggingface.co"

_GATED = "gated: accept Meta's license on Hugging Face first, then download with your token"


# sha256 and size of the published weights and tokenizer files, as their repositories list them
# (Hugging Face shows each large file's sha256 on its page); a file missing here is not checked
# by hash. config.json files are left out on purpose: publishers edit them now and then, and
# ``config_from_hf`` checks every value the models read.
_PUBLISHED: dict[str, tuple[str | None, int | None]] = {
    "gpt2/124M/model.safetensors":
        ("248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707", 548_105_171),
    "gpt2/355M/model.safetensors":
        ("fc5a354a19255ad494f3d71549390baca1ccf61d1d822b9408971705c687c9cd", 1_519_984_962),
    "gpt2/774M/model.safetensors":
        ("5f47f3e12f91cd33b662ce7e433b6150ad5512b5884a2cee961b50e9c3bbebce", None),
    "gpt2/1558M/model.safetensors":
        ("0f8b28eb05a8075f48b61b6f35332978c74fc7763fa9fb4051a1c30511736a6a", None),
    "llama-3.2-1b/model.safetensors":
        ("68a2e4be76fa709455a60272fba8e512c02d81c46e6c671cc9449e374fd6809a", 2_471_645_608),
    "llama-3.2-1b/tokenizer.json":
        ("79e3e522635f3171300913bb421464a87de6222182a0570b9b2ccba2a964b2b4", 9_085_657),
    "llama-3.2-3b/model-00001-of-00002.safetensors":
        ("584d8d3e3f82f7964955174dfe5e3b1cf117a9d859f022cfdf7fcb884856e002", None),
    "llama-3.2-3b/model-00002-of-00002.safetensors":
        ("4719a04514ec2f060240711b7c33ab21187cac730ecaba3040b7a0fd95a9cefb", None),
    "llama-3.2-3b/tokenizer.json":
        ("79e3e522635f3171300913bb421464a87de6222182a0570b9b2ccba2a964b2b4", 9_085_657),
    "qwen3-0.6b/model.safetensors":
        ("f47f71177f32bcd101b7573ec9171e6a57f4f4d31148d38e382306f42996874b", 1_503_300_328),
    "qwen3-0.6b/tokenizer.json":
        ("aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4", 11_422_654),
    "qwen3-1.7b/model-00001-of-00002.safetensors":
        ("169ad53ec313c3a34b06c0809216e4fc072cce444a5d4ff2b59690d064130ed5", 3_441_185_608),
    "qwen3-1.7b/model-00002-of-00002.safetensors":
        ("912becff8d60672aa8628ef08c05898d9adf17c2ad4ae3caf99b065622fdeff9", 622_329_984),
    "qwen3-1.7b/model.safetensors.index.json":
        ("0d660e94b165eb912669a5249dff44b83188c4777a07ddb9611fb78d91b0578d", 25_605),
    "qwen3-1.7b/tokenizer.json":
        ("aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4", 11_422_654),
}
_UNCHECKED = "no published checksum known: the loader checks every tensor's name and shape"


def _checkpoint_assets(model: str, repo: str, note: str, num_shards: int) -> list[Asset]:
    """The files of one published Llama 3.2 / Qwen3 checkpoint (chapter 5 bonus), named
    ``<model>`` (one weights file) or ``<model>-shard1 ...`` plus ``<model>-index``, and
    ``<model>-config``, ``<model>-tokenizer``; all in the folder ``<model>/``, as
    ``SafetensorsCheckpoint`` and ``config_from_hf`` expect."""
    if num_shards == 1:
        files = [(model, "model.safetensors", "weights")]
    else:
        files = [(f"{model}-shard{i}", f"model-{i:05d}-of-{num_shards:05d}.safetensors",
                  f"weights, shard {i} of {num_shards}") for i in range(1, num_shards + 1)]
        files.append((f"{model}-index", "model.safetensors.index.json", "shard index"))
    files += [(f"{model}-config", "config.json", "config"),
              (f"{model}-tokenizer", "tokenizer.json", "tokenizer")]
    assets = []
    for name, file, what in files:
        sha256, size = _PUBLISHED.get(f"{model}/{file}", (None, None))
        assets.append(Asset(name, f"{model}/{file}", (f"{_HF}/{repo}/resolve/main/{file}",),
                            sha256, size, f"{repo} {what} ({note})"
                            + ("" if sha256 else f"; {_UNCHECKED}")))
    return assets


ASSETS: dict[str, Asset] = {
    a.name: a
    for a in [
        Asset(
            "the-verdict", "the-verdict/the-verdict.txt",
            (f"{_BOOK}/ch02/01_main-chapter-code/the-verdict.txt",),
            "b41e41a68f0398a3154ae69e2e4c0e2694e17fe0d66730536837f1b01935b31f", 20_479,
            "Edith Wharton's short story (public domain): the small text of chapters 2 and 5",
        ),
        Asset(
            "gpt2-encoder-json", "gpt2-bpe/encoder.json", (f"{_OPENAI_BPE}/encoder.json",),
            "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783", 1_042_301,
            "GPT-2's BPE vocabulary: token string -> id (50,257 entries)",
        ),
        Asset(
            "gpt2-vocab-bpe", "gpt2-bpe/vocab.bpe", (f"{_OPENAI_BPE}/vocab.bpe",),
            "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5", 456_318,
            "GPT-2's BPE merge list, in merge order",
        ),
        Asset(
            "sms-spam-collection", "sms-spam-collection/SMSSpamCollection",
            (
                "https://archive.ics.uci.edu/static/public/228/sms+spam+collection.zip",
                "https://f001.backblazeb2.com/file/LLMs-from-scratch/sms%2Bspam%2Bcollection.zip",
            ),
            "7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d", 477_907,
            "SMS Spam Collection v.1 (UCI, CC BY 4.0): 5,574 labelled messages for chapter 6",
            zip_member="SMSSpamCollection",
        ),
        Asset(
            "instruction-data", "instruction-data/instruction-data.json",
            (f"{_BOOK}/ch07/01_main-chapter-code/instruction-data.json",),
            "7e09a9af353722ca15c18bc580f093f9c39d3178335a75177319cb1e1d163944", 203_524,
            "1,100 instruction/input/output records for chapter 7",
        ),
        Asset(
            "instruction-data-with-preference",
            "instruction-data/instruction-data-with-preference.json",
            (f"{_BOOK}/ch07/04_preference-tuning-with-dpo/instruction-data-with-preference.json",),
            "305315abf14f65fa42c01a0877572f832606571c2a7d49f152ac1d758b16756e", 386_968,
            "the chapter-7 records with chosen/rejected answers, for preference tuning (DPO)",
        ),
    ]
    + [
        Asset(
            f"gpt2-{size}", f"gpt2/{params}/model.safetensors",
            (
                f"{_HF}/openai-community/{repo}/resolve/main/model.safetensors",
                f"{_HF}/{repo}/resolve/main/model.safetensors",
            ),
            *_PUBLISHED[f"gpt2/{params}/model.safetensors"],
            f"OpenAI GPT-2 {size} ({params}) weights, Hugging Face safetensors (modified MIT)",
        )
        for size, params, repo in [
            ("small", "124M", "gpt2"),
            ("medium", "355M", "gpt2-medium"),
            ("large", "774M", "gpt2-large"),
            ("xl", "1558M", "gpt2-xl"),
        ]
    ]
    + _checkpoint_assets("llama-3.2-1b", "meta-llama/Llama-3.2-1B", _GATED, 1)
    + _checkpoint_assets("llama-3.2-3b", "meta-llama/Llama-3.2-3B", _GATED, 2)
    + _checkpoint_assets("qwen3-0.6b", "Qwen/Qwen3-0.6B", "Apache 2.0", 1)
    + _checkpoint_assets("qwen3-1.7b", "Qwen/Qwen3-1.7B", "Apache 2.0", 2)
    + _checkpoint_assets("qwen3-30b-a3b", "Qwen/Qwen3-30B-A3B", "Apache 2.0, about 61 GB", 16)
}

# Files up to this size are hashed whenever they are found; bigger ones (weights) are hashed
# only when downloaded with a known checksum, since hashing gigabytes on every load is slow.
HASH_ON_LOOKUP_LIMIT = 64 * 1024 * 1024


def _asset(name: str) -> Asset:
    try:
        return ASSETS[name]
    except KeyError:
        known = ", ".join(sorted(ASSETS))
        raise AssetError(f"Unknown asset {name!r}. Known assets: {known}.") from None


def user_cache_dir() -> Path:
    """The folder downloads go to: ``$LLMSCRATCH_CACHE_DIR``, else ``~/.cache/llmscratch``."""
    if os.environ.get("LLMSCRATCH_CACHE_DIR"):
        return Path(os.environ["LLMSCRATCH_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "llmscratch"


def data_dir() -> Path | None:
    """``$LLMSCRATCH_DATA_DIR`` as a Path, or None when it is not set."""
    value = os.environ.get("LLMSCRATCH_DATA_DIR")
    return Path(value).expanduser() if value else None


def sha256_file(path: str | Path, chunk_size: int = 1 << 20) -> str:
    """The hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_file(name: str, path: str | Path, full: bool = False) -> str | None:
    """Check a local copy of asset ``name``: None when it is good, else what is wrong.

    The size is always compared; the sha256 too for small files, or always with ``full=True``.
    """
    asset, path = _asset(name), Path(path)
    if not path.is_file():
        return f"{path} does not exist"
    size = path.stat().st_size
    if asset.size is not None and size != asset.size:
        return f"{path} has {size:,} bytes, expected {asset.size:,} (truncated or a different file)"
    if asset.sha256 is not None and (full or size <= HASH_ON_LOOKUP_LIMIT):
        digest = sha256_file(path)
        if digest != asset.sha256:
            return f"{path} has sha256 {digest[:16]}..., expected {asset.sha256[:16]}..."
    return None


def find_asset(name: str) -> Path | None:
    """Where asset ``name`` already is (data dir, then cache), or None. Never downloads."""
    asset = _asset(name)
    for folder in (data_dir(), user_cache_dir()):
        if folder is not None and (folder / asset.relpath).is_file():
            return folder / asset.relpath
    return None


def get_asset_path(name: str, path: str | Path | None = None, download: bool = True) -> Path:
    """Return the local path of asset ``name``, downloading it into the user cache if needed.

    A copy found in ``path``, ``$LLMSCRATCH_DATA_DIR`` or the cache is verified (size, and
    sha256 for files under 64 MiB); a bad copy raises ``AssetError`` rather than being used.
    With ``download=False`` a missing file raises ``AssetError`` instead of downloading.
    """
    candidate = Path(path).expanduser() if path is not None else find_asset(name)
    if path is not None and not candidate.is_file():
        raise AssetError(f"{name}: no file at the given path {candidate}.")
    if candidate is not None:
        problem = verify_file(name, candidate)
        if problem:
            raise AssetError(
                f"{name}: the local copy is damaged: {problem}. Delete it and run "
                f"`python -m llmscratch fetch {name}`, or put a good copy there."
            )
        return candidate
    if not download:
        raise AssetError(_missing_message(name, tried=[]))
    return fetch_asset(name)


def _missing_message(name: str, tried: list[tuple[str, str]]) -> str:
    asset = _asset(name)
    lines = [f"Could not get {name} ({asset.description})."]
    if tried:
        lines.append("URLs tried:")
        lines += [f"  {url}: {why}" for url, why in tried]
    else:
        lines.append(f"It is not in $LLMSCRATCH_DATA_DIR or {user_cache_dir()}.")
    lines.append(
        f"To fix it: connect to the internet and run `python -m llmscratch fetch {name}`, or "
        f"download {asset.urls[0]} by hand"
        + (f" (extract {asset.zip_member} from the zip)" if asset.zip_member else "")
        + f" and place it at $LLMSCRATCH_DATA_DIR/{asset.relpath} "
        f"or {user_cache_dir() / asset.relpath}."
    )
    return "\n".join(lines)


def _download(url: str, target: Path, progress: bool, timeout: float, label: str) -> None:
    """Stream ``url`` into ``target``; raise if the transfer ends short of Content-Length."""
    from tqdm.auto import tqdm

    request = urllib.request.Request(url, headers={"User-Agent": "llmscratch"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        expected = response.headers.get("Content-Length")
        expected = int(expected) if expected is not None else None
        received = 0
        with open(target, "wb") as out, tqdm(
            total=expected, unit="B", unit_scale=True, desc=label, disable=not progress
        ) as bar:
            while chunk := response.read(1 << 16):
                out.write(chunk)
                received += len(chunk)
                bar.update(len(chunk))
    if expected is not None and received != expected:
        raise AssetError(f"transfer truncated: got {received:,} of {expected:,} bytes")


def fetch_asset(
    name: str,
    dest_dir: str | Path | None = None,
    urls: list[str] | tuple[str, ...] | None = None,
    progress: bool = True,
    timeout: float = 30.0,
) -> Path:
    """Download asset ``name`` into ``dest_dir`` (default: the user cache) and verify it.

    ``urls`` overrides the manifest's list (tests pass a server on 127.0.0.1). Each URL is tried
    in turn; a failed, truncated or wrongly-hashed transfer moves on to the next one and leaves
    nothing behind. Returns the final path; raises ``AssetError`` when every URL fails.
    """
    asset = _asset(name)
    target = Path(dest_dir or user_cache_dir()) / asset.relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    tried: list[tuple[str, str]] = []
    for url in urls or asset.urls:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _download(url, tmp, progress, timeout, label=name)
            if asset.zip_member is not None:
                _extract_member(tmp, asset.zip_member)
            problem = verify_file(name, tmp, full=True)
            if problem:
                raise AssetError(problem.replace(str(tmp), "the download"))
            os.replace(tmp, target)
            return target
        except (OSError, urllib.error.URLError, AssetError, zipfile.BadZipFile) as err:
            tried.append((url, str(getattr(err, "reason", None) or err)))
        finally:
            tmp.unlink(missing_ok=True)
    raise AssetError(_missing_message(name, tried))


def _extract_member(zip_path: Path, member: str) -> None:
    """Replace the zip at ``zip_path`` by its ``member`` (looked up by base name)."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            matches = [n for n in archive.namelist() if Path(n).name == member]
            if not matches:
                raise AssetError(f"the zip has no member named {member}")
            data = archive.read(matches[0])
    except zipfile.BadZipFile as err:
        raise AssetError(f"the download is not a valid zip archive ({err})") from err
    zip_path.write_bytes(data)


# --- tiktoken's own cache ------------------------------------------------------------------------

# tiktoken names its cache entries by the sha1 of the URL it would download.
_TIKTOKEN_FILES = {
    "gpt2-vocab-bpe": f"{_OPENAI_BPE}/vocab.bpe",
    "gpt2-encoder-json": f"{_OPENAI_BPE}/encoder.json",
}


def tiktoken_cache_dir() -> Path:
    """The folder tiktoken reads: TIKTOKEN_CACHE_DIR, DATA_GYM_CACHE_DIR, or its temp default."""
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if os.environ.get(var):
            return Path(os.environ[var])
    return Path(tempfile.gettempdir()) / "data-gym-cache"


def tiktoken_cache_entries(cache_dir: Path | None = None) -> dict[str, Path]:
    """Asset name -> the path tiktoken expects for it in its cache."""
    cache_dir = Path(cache_dir) if cache_dir is not None else tiktoken_cache_dir()
    return {
        name: cache_dir / hashlib.sha1(url.encode()).hexdigest()
        for name, url in _TIKTOKEN_FILES.items()
    }


def seed_tiktoken_cache(cache_dir: str | Path | None = None) -> Path:
    """Copy GPT-2's BPE files into tiktoken's cache so ``get_encoding("gpt2")`` works offline."""
    cache_dir = Path(cache_dir) if cache_dir is not None else tiktoken_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, entry in tiktoken_cache_entries(cache_dir).items():
        if entry.is_file() and verify_file(name, entry) is None:
            continue
        tmp = entry.with_name(entry.name + ".part")
        shutil.copyfile(get_asset_path(name), tmp)
        os.replace(tmp, entry)
    return cache_dir
