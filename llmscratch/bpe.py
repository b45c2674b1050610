"""Byte-pair encoding from scratch (chapter 2's BPE), id for id the same as tiktoken's GPT-2.

- ``bytes_to_unicode``: GPT-2's printable stand-in for each of the 256 bytes.
- ``BPETokenizer``: byte-level BPE. ``from_gpt2_files`` loads OpenAI's ``encoder.json`` and
  ``vocab.bpe`` and then gives exactly the ids of ``tiktoken`` ("gpt2"); ``train`` learns merges
  from your own text; ``encode_and_show_work`` returns every intermediate and ``encode`` is
  built on it; ``save`` / ``load`` use JSON (written to a temporary name, then renamed).
- ``count_pairs`` / ``merge_pair``: the two steps of one training round, small enough to test
  by hand.

Differences from the book: the book uses tiktoken for BPE and keeps a from-scratch BPE in a bonus
notebook; here the from-scratch version is part of the package and is tested id-for-id against
tiktoken. The GPT-2 split pattern needs ``\\p{L}``, so we use the ``regex`` package (a dependency
of tiktoken itself).

Book: §2.5 and the BPE-from-scratch bonus; notebook: ``ch02_tokenizing/bpe_from_scratch.ipynb``.
Try it: ``python ch02_tokenizing/tokenize_text.py --text "Hello, do you like tea?" --tokenizer bpe``
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import regex

# GPT-2's pre-tokenizer: contractions, letters, numbers, other symbols, then whitespace runs.
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
ENDOFTEXT = "<|endoftext|>"


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable stand-in for every byte, used in ``encoder.json`` and ``vocab.bpe``.

    Printable bytes stand for themselves (``ord("a")`` -> ``"a"``); the others are shifted to
    code points from 256 on, so byte 32 (space) becomes ``"Ġ"`` and byte 10 (newline) ``"Ċ"``.
    Book: appendix (BPE from scratch); notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    others = [b for b in range(256) if b not in printable]
    table = {b: chr(b) for b in printable}
    table.update({b: chr(256 + n) for n, b in enumerate(others)})
    return table


class BPETokenizer:
    """Byte-level byte-pair encoding, compatible with GPT-2 / tiktoken.

    State: ``vocab`` (id -> bytes), ``merges`` ((left id, right id) -> merged id; a merged id is
    also the merge's rank: lower ids were learned first and win) and ``special_tokens``
    (text -> id). A new tokenizer knows the 256 single bytes (id = byte value); call ``train`` or
    use ``BPETokenizer.from_gpt2_files(encoder_json, vocab_bpe)``.

    With GPT-2's files, ``encode("Hello, world")`` gives ``[15496, 11, 995]``: pre-tokens
    ``'Hello'``, ``','``, ``' world'``; ``' world'`` starts as 6 byte ids and merges down to 995.
    Book: §2.5 and the BPE-from-scratch bonus; notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """

    def __init__(self):
        self.vocab: dict[int, bytes] = {b: bytes([b]) for b in range(256)}
        self.merges: dict[tuple[int, int], int] = {}
        self.special_tokens: dict[str, int] = {}
        self._reset_lookups()

    def _reset_lookups(self):
        self._byte_ids = [0] * 256  # byte value -> id of the single-byte token
        for i, token in self.vocab.items():
            if len(token) == 1 and i not in self.special_tokens.values():
                self._byte_ids[token[0]] = i
        self._pattern = regex.compile(GPT2_PATTERN)
        self._cache: dict[str, tuple] = {}  # pre-token -> (byte ids, merges applied, ids)

    @property
    def n_vocab(self) -> int:
        """Number of ids, special tokens included (50,257 for GPT-2)."""
        return len(self.vocab)

    @classmethod
    def from_gpt2_files(cls, encoder_json, vocab_bpe) -> BPETokenizer:
        """Load OpenAI's GPT-2 ``encoder.json`` (token -> id) and ``vocab.bpe`` (merges in order).

        Example: ``BPETokenizer.from_gpt2_files(get_asset_path("gpt2-encoder-json"),
        get_asset_path("gpt2-vocab-bpe"))`` has 50,257 ids and 50,000 merges; merge k creates
        id 256 + k, ``<|endoftext|>`` is 50256.
        """
        decoder = {ch: b for b, ch in bytes_to_unicode().items()}
        encoder = json.loads(Path(encoder_json).read_text(encoding="utf-8"))
        lines = Path(vocab_bpe).read_text(encoding="utf-8").split("\n")
        tok = cls()
        tok.vocab, tok.merges = {}, {}
        for text, i in encoder.items():
            if text == ENDOFTEXT:
                tok.special_tokens[text] = i
                tok.vocab[i] = text.encode("utf-8")
            else:
                tok.vocab[i] = bytes(decoder[ch] for ch in text)
        ids = {token: i for i, token in tok.vocab.items()}
        last = 255
        for line in lines[1:]:  # line 0 is a version comment
            if not line.strip():
                continue
            left, right = (bytes(decoder[ch] for ch in part) for part in line.split(" "))
            merged = ids.get(left + right)
            # A merged id doubles as the merge's rank, so ids must grow with the line number.
            if merged is None or left not in ids or right not in ids or merged <= last:
                raise ValueError(
                    f"{vocab_bpe} merges {line!r}, which {encoder_json} does not contain in "
                    "merge order: are the two files from the same GPT-2 release?"
                )
            tok.merges[(ids[left], ids[right])] = last = merged
        tok._reset_lookups()
        return tok

    def train(self, text: str, vocab_size: int, allowed_special=frozenset({ENDOFTEXT})):
        """Learn ``vocab_size - 256 - len(allowed_special)`` merges from ``text`` (replaces state).

        Each step counts adjacent id pairs inside every pre-token (weighted by how often the
        pre-token occurs), merges the most frequent pair (the first seen wins a tie) into a new id,
        and records it. Special tokens get the last ids and never take part in merges. Training
        stops early when no pair is left. Returns the merge table as a list of dicts
        ``{"pair", "new_id", "count", "bytes"}``; for example the first merge learned on
        the-verdict is ``(32, 116) -> 256`` (``b" t"``).
        """
        specials = sorted(allowed_special)
        if vocab_size < 256 + len(specials):
            raise ValueError(
                f"vocab_size={vocab_size} is too small: the 256 byte tokens and "
                f"{len(specials)} special token(s) already need {256 + len(specials)}"
            )
        self.__init__()
        chunks = _split_special(text, specials) if specials else [text]
        word_counts = Counter()
        for chunk in chunks:
            if chunk not in specials:
                word_counts.update(self._pattern.findall(chunk))
        words = [list(w.encode("utf-8")) for w in word_counts]
        counts = list(word_counts.values())
        history = []
        for new_id in range(256, vocab_size - len(specials)):
            pair_counts = count_pairs(words, counts)
            if not pair_counts:
                break
            pair = max(pair_counts, key=pair_counts.__getitem__)
            words = [merge_pair(w, pair, new_id) for w in words]
            self.merges[pair] = new_id
            self.vocab[new_id] = self.vocab[pair[0]] + self.vocab[pair[1]]
            history.append(
                {"pair": pair, "new_id": new_id, "count": pair_counts[pair],
                 "bytes": self.vocab[new_id]}
            )
        for tok in specials:
            self.special_tokens[tok] = len(self.vocab)
            self.vocab[len(self.vocab)] = tok.encode("utf-8")
        self._reset_lookups()
        return history

    def _bpe(self, pre_token: str) -> tuple:
        """Merge one pre-token's byte ids, lowest-ranked pair first, leftmost on a tie."""
        if pre_token in self._cache:
            return self._cache[pre_token]
        byte_ids = [self._byte_ids[b] for b in pre_token.encode("utf-8")]
        ids, applied = list(byte_ids), []
        while len(ids) > 1:
            ranks = [self.merges.get(pair, -1) for pair in zip(ids, ids[1:])]
            known = [(rank, pos) for pos, rank in enumerate(ranks) if rank >= 0]
            if not known:
                break
            new_id, pos = min(known)
            applied.append((ids[pos], ids[pos + 1], new_id))
            ids[pos : pos + 2] = [new_id]
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[pre_token] = result = (byte_ids, applied, ids)
        return result

    def encode_and_show_work(
        self, text: str, allowed_special=frozenset(), disallowed_special="all"
    ):
        """Encode ``text`` and return every intermediate as a dict of parallel lists.

        Keys: ``pre_tokens`` (the regex pieces; an allowed special token is one piece),
        ``byte_ids`` (each piece's bytes as single-byte token ids), ``merges`` (each piece's
        ``(left, right, new)`` merges in the order applied), ``token_ids`` (each piece's final ids)
        and ``ids`` (all of them, flattened). Special tokens behave as in tiktoken: the ones in
        ``allowed_special`` (a set, or ``"all"``) become their id; any other special token in the
        text raises ``ValueError`` unless ``disallowed_special=()`` lets it through as plain text.
        """
        allowed = set(self.special_tokens) if allowed_special == "all" else set(allowed_special)
        disallowed = set(self.special_tokens) - allowed
        if disallowed_special != "all":
            disallowed = set(disallowed_special)
        for tok in disallowed:
            if tok in text:
                raise ValueError(
                    f"the text contains the special token {tok!r}, which is not allowed: pass "
                    f"allowed_special={{{tok!r}}} to encode it as one id, or "
                    "disallowed_special=() to encode it as ordinary text"
                )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: repair them the way tiktoken does
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        work = {"pre_tokens": [], "byte_ids": [], "merges": [], "token_ids": [], "ids": []}
        for chunk in _split_special(text, sorted(allowed)) if allowed else [text]:
            if chunk in allowed:
                pieces = [(chunk, ([], [], [self.special_tokens[chunk]]))]
            else:
                pieces = [(p, self._bpe(p)) for p in self._pattern.findall(chunk)]
            for piece, (byte_ids, applied, ids) in pieces:
                work["pre_tokens"].append(piece)
                work["byte_ids"].append(byte_ids)
                work["merges"].append(applied)
                work["token_ids"].append(ids)
                work["ids"].extend(ids)
        return work

    def encode(self, text: str, allowed_special=frozenset(), disallowed_special="all") -> list[int]:
        """Token ids of ``text``; the ``"ids"`` entry of ``encode_and_show_work``.

        ``encode("Hello, world")`` with GPT-2's files gives ``[15496, 11, 995]`` (as tiktoken).
        """
        return self.encode_and_show_work(text, allowed_special, disallowed_special)["ids"]

    def decode_bytes(self, ids) -> bytes:
        """The raw bytes of ``ids`` joined (a single id may hold part of a UTF-8 character)."""
        try:
            return b"".join(self.vocab[int(i)] for i in ids)
        except KeyError as err:
            raise ValueError(
                f"token id {err.args[0]} is not in this tokenizer (ids 0-{self.n_vocab - 1})"
            ) from None

    def decode(self, ids) -> str:
        """Text of ``ids``; bytes that are not valid UTF-8 become U+FFFD, as in tiktoken."""
        return self.decode_bytes(ids).decode("utf-8", errors="replace")

    def save(self, path) -> Path:
        """Write the tokenizer to a JSON file (merges in order, byte ids, special tokens)."""
        path = Path(path)
        state = {
            "format": "llmscratch.BPETokenizer",
            "version": 1,
            "byte_ids": self._byte_ids,
            "merges": [[a, b, new] for (a, b), new in sorted(self.merges.items(),
                                                             key=lambda item: item[1])],
            "special_tokens": self.special_tokens,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path) -> BPETokenizer:
        """Read a tokenizer written by ``save``; it encodes and decodes exactly as the saved one."""
        state = json.loads(Path(path).read_text(encoding="utf-8"))
        if state.get("format") != "llmscratch.BPETokenizer":
            raise ValueError(f"{path} was not written by BPETokenizer.save")
        tok = cls()
        tok.vocab = {i: bytes([b]) for b, i in enumerate(state["byte_ids"])}
        for a, b, new in state["merges"]:
            tok.merges[(a, b)] = new
            tok.vocab[new] = tok.vocab[a] + tok.vocab[b]
        for text, i in state["special_tokens"].items():
            tok.special_tokens[text] = i
            tok.vocab[i] = text.encode("utf-8")
        tok._reset_lookups()
        return tok


def _split_special(text: str, specials: list[str]) -> list[str]:
    """Split text around special tokens, keeping them: ``"a<|endoftext|>b"`` -> 3 chunks."""
    alternatives = "|".join(re.escape(s) for s in sorted(specials, key=len, reverse=True))
    return [chunk for chunk in re.split(f"({alternatives})", text) if chunk]


def count_pairs(words: list[list[int]], counts: list[int] | None = None) -> Counter:
    """Count adjacent id pairs over ``words`` (each a list of ids), weighted by ``counts``.

    ``count_pairs([[1, 2, 3], [1, 2]], [1, 5])`` gives ``{(1, 2): 6, (2, 3): 1}``.
    Book: BPE-from-scratch bonus; notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """
    pair_counts = Counter()
    for word, n in zip(words, counts if counts is not None else [1] * len(words)):
        for pair in zip(word, word[1:]):
            pair_counts[pair] += n
    return pair_counts


def merge_pair(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """Replace every non-overlapping occurrence of ``pair`` in ``ids``, left to right.

    ``merge_pair([5, 6, 6, 6, 7], (6, 6), 99)`` gives ``[5, 99, 6, 7]``.
    Book: BPE-from-scratch bonus; notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out
