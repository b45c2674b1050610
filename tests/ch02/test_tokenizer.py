"""Tests for llmscratch.tokenizer and llmscratch.bpe: the book's numbers, and BPE id-for-id
against tiktoken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import tiktoken
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmscratch.bpe import BPETokenizer, bytes_to_unicode, count_pairs, merge_pair
from llmscratch.tokenizer import (
    SimpleTokenizerV1,
    SimpleTokenizerV2,
    build_vocab,
    get_gpt2_tokenizer,
    simple_split,
)

BOOK_SENTENCE = '"It\'s the last he painted, you know," Mrs. Gisburn said with pardonable pride.'
EDGE_CASES = [
    "",
    " ",
    "   ",
    "\n",
    "\n\n\n",
    "\r\n\r\n",
    "\t\tindented\ttabs",
    "a  b   c    d",
    "hello\n\n world  \n",
    "trailing spaces   ",
    "   leading spaces",
    "don't I'll we've they're she'd it's I'm",
    "DON'T 'S 'T 'Re ''s 's's",
    "123456789 3.14159 1,000,000 0x1F 2024-01-01",
    "naïve café résumé Ångström",
    "日本語のテキストと中文字符",
    "Привет, мир! Γειά σου κόσμε",
    "emoji 😀🎉👍🏽 and family 👨‍👩‍👧",
    "zero\u200bwidth\u00a0nbsp\u3000ideographic",
    "\x00\x01\x02 control \x7f\x1b[0m",
    "symbols !@#$%^&*()_+-=[]{}|;:'\",.<>/?`~",
    "a" * 300,
    " " * 50 + "x",
    "<|endof text|> <| endoftext |>",
    "mixed\u0301 combining e\u0301",
]


@pytest.fixture(scope="module")
def verdict(data_dir):
    return (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gpt2_bpe(data_dir):
    return BPETokenizer.from_gpt2_files(
        data_dir / "gpt2-bpe" / "encoder.json", data_dir / "gpt2-bpe" / "vocab.bpe"
    )


@pytest.fixture(scope="module")
def tik():
    return tiktoken.get_encoding("gpt2")


@pytest.fixture(scope="module")
def trained(verdict):
    tok = BPETokenizer()
    history = tok.train(verdict, vocab_size=400)
    return tok, history


# --- the simple tokenizers (book §2.2-2.4) --------------------------------------------------------


def test_simple_split_and_book_counts(verdict):
    # Invariant: the book's split keeps punctuation and "--" as tokens and drops whitespace.
    assert simple_split("Hello, world. Is this-- a test?") == [
        "Hello", ",", "world", ".", "Is", "this", "--", "a", "test", "?"
    ]
    # Invariant: the book's numbers: 4,690 tokens, 1,130 words, 1,132 with the special tokens.
    assert len(simple_split(verdict)) == 4690
    assert len(build_vocab(verdict)) == 1130
    vocab2 = build_vocab(verdict, special_tokens=("<|endoftext|>", "<|unk|>"))
    assert len(vocab2) == 1132
    assert vocab2["<|endoftext|>"] == 1130 and vocab2["<|unk|>"] == 1131


def test_simple_tokenizer_v1_book_example(verdict):
    tok = SimpleTokenizerV1(build_vocab(verdict))
    ids = tok.encode(BOOK_SENTENCE)
    # Invariant: the ids printed in the book (§2.3).
    assert ids == [1, 56, 2, 850, 988, 602, 533, 746, 5, 1126, 596, 5, 1, 67, 7, 38, 851,
                   1108, 754, 793, 7]
    # Invariant: decode removes spaces before , . ? ! " ( ) ' (and only those).
    assert tok.decode(ids) == (
        '" It\' s the last he painted, you know," Mrs. Gisburn said with pardonable pride.'
    )
    # Invariant: an unknown word is an error that points to SimpleTokenizerV2.
    with pytest.raises(KeyError, match="SimpleTokenizerV2"):
        tok.encode("Hello, do you like tea?")


def test_simple_tokenizer_v2_unknown_and_endoftext(verdict):
    tok = SimpleTokenizerV2(build_vocab(verdict, special_tokens=("<|endoftext|>", "<|unk|>")))
    text = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of the palace."
    ids = tok.encode(text)
    # Invariant: the book's ids (§2.4): unknown words become 1131, <|endoftext|> is 1130.
    assert ids == [1131, 5, 355, 1126, 628, 975, 10, 1130, 55, 988, 956, 984, 722, 988, 1131, 7]
    assert tok.decode(ids) == (
        "<|unk|>, do you like tea? <|endoftext|> In the sunlit terraces of the <|unk|>."
    )
    # Invariant: V2 refuses a vocabulary without <|unk|>, with a hint how to build one.
    with pytest.raises(ValueError, match="build_vocab"):
        SimpleTokenizerV2(build_vocab(verdict))


# --- BPE with GPT-2's files against tiktoken --------------------------------------------------


def test_gpt2_files_load(gpt2_bpe):
    # Invariant: 50,257 ids, 50,000 merges, <|endoftext|> last, and the byte table is a bijection.
    assert gpt2_bpe.n_vocab == 50257 and len(gpt2_bpe.merges) == 50000
    assert gpt2_bpe.special_tokens == {"<|endoftext|>": 50256}
    table = bytes_to_unicode()
    assert len(set(table.values())) == 256 and table[32] == "Ġ" and table[10] == "Ċ"


@pytest.mark.parametrize(
    "relpath",
    [
        "the-verdict/the-verdict.txt",
        "sms-spam-collection/SMSSpamCollection",
        "instruction-data/instruction-data.json",
        "instruction-data/instruction-data-with-preference.json",
    ],
)
def test_bpe_equals_tiktoken_on_real_data(gpt2_bpe, tik, data_dir, relpath):
    text = (data_dir / relpath).read_text(encoding="utf-8")
    ids = gpt2_bpe.encode(text)
    # Invariant: the same ids as tiktoken on whole data files, and decode restores the text.
    assert ids == tik.encode(text)
    assert gpt2_bpe.decode(ids) == text


def test_bpe_equals_tiktoken_on_instruction_fields(gpt2_bpe, tik, data_dir):
    records = json.loads((data_dir / "instruction-data" / "instruction-data.json").read_text())
    for record in records:
        for field in ("instruction", "input", "output"):
            # Invariant: short strings (no leading context) tokenize identically too.
            assert gpt2_bpe.encode(record[field]) == tik.encode(record[field]), record[field]


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_bpe_equals_tiktoken_on_edge_cases(gpt2_bpe, tik, text):
    # Invariant: whitespace runs, contractions, digits, unicode and emoji match tiktoken.
    assert gpt2_bpe.encode(text) == tik.encode(text)
    assert gpt2_bpe.decode(gpt2_bpe.encode(text)) == text


def test_book_tiktoken_examples(gpt2_bpe, tik):
    text = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace."
    expected = [15496, 11, 466, 345, 588, 8887, 30, 220, 50256, 554, 262, 4252, 18250, 8812,
                2114, 286, 617, 34680, 27271, 13]
    # Invariant: the book's §2.5 ids, from both tiktoken and our encoder.
    assert tik.encode(text, allowed_special={"<|endoftext|>"}) == expected
    assert gpt2_bpe.encode(text, allowed_special={"<|endoftext|>"}) == expected
    assert gpt2_bpe.encode(text, allowed_special="all") == expected
    # Invariant: exercise 2.1's unknown word splits into known pieces that decode back.
    ids = gpt2_bpe.encode("Akwirw ier")
    assert ids == [33901, 86, 343, 86, 220, 959]
    assert [gpt2_bpe.decode([i]) for i in ids] == ["Ak", "w", "ir", "w", " ", "ier"]


def test_special_tokens_like_tiktoken(gpt2_bpe, tik):
    text = "end<|endoftext|>start"
    # Invariant: a special token that is not allowed raises ValueError, as in tiktoken.
    with pytest.raises(ValueError):
        tik.encode(text)
    with pytest.raises(ValueError, match="allowed_special"):
        gpt2_bpe.encode(text)
    # Invariant: disallowed_special=() encodes it as plain text, exactly like tiktoken.
    assert gpt2_bpe.encode(text, disallowed_special=()) == tik.encode(text, disallowed_special=())
    allowed = {"<|endoftext|>"}
    ours = gpt2_bpe.encode(text, allowed_special=allowed)
    assert ours == tik.encode(text, allowed_special=allowed) == [437, 50256, 9688]


def test_decode_every_single_id_like_tiktoken(gpt2_bpe, tik):
    # Invariant: each id alone decodes as tiktoken does, partial UTF-8 bytes becoming U+FFFD.
    for i in range(gpt2_bpe.n_vocab):
        assert gpt2_bpe.decode([i]) == tik.decode([i]), i
    lone = next(i for i, token in gpt2_bpe.vocab.items() if token == b"\x80")
    assert gpt2_bpe.decode([lone]) == "\ufffd"  # a lone continuation byte is not valid UTF-8
    # Invariant: an id outside the vocabulary is a clear error.
    with pytest.raises(ValueError, match="not in this tokenizer"):
        gpt2_bpe.decode([50257])


@pytest.mark.slow
def test_code_points_in_context_equal_tiktoken(gpt2_bpe, tik):
    # Every code point below U+0800 and every 11th one above, each between letters, digits,
    # spaces and symbols: letter/number classes must agree with tiktoken's.
    points = [cp for cp in [*range(0x800), *range(0x800, 0x110000, 11)]
              if not 0xD800 <= cp <= 0xDFFF]
    for start in range(0, len(points), 4096):
        text = "".join(f"a{chr(cp)}1 {chr(cp)}!" for cp in points[start : start + 4096])
        # Invariant: identical ids on text mixing every kind of character.
        assert gpt2_bpe.encode(text, disallowed_special=()) == tik.encode(
            text, disallowed_special=()
        ), f"code points from U+{points[start]:04X}"


def test_lone_surrogates_repaired_like_tiktoken(gpt2_bpe, tik):
    for text in ["a\ud800b", "\udfff", "pair \ud83d\ude00 split"]:
        # Invariant: text that is not valid UTF-8 is repaired the same way before encoding.
        assert gpt2_bpe.encode(text) == tik.encode(text)


_settings = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
_pieces = st.sampled_from(
    [" ", "  ", "\n", "\t", "'s", "'ll", "'", "a", "Z", "7", "42", "é", "ß", "字", "😀", "!", ".",
     "--", "\u200d", "\u0301", "\r", "Ġ", "<|", "|>"]
)


@_settings
@given(text=st.text())
def test_property_roundtrip_and_ids_equal_tiktoken(gpt2_bpe, tik, text):
    ids = gpt2_bpe.encode(text, disallowed_special=())
    # Invariant: decode(encode(s)) == s for arbitrary unicode, and the ids are tiktoken's.
    assert gpt2_bpe.decode(ids) == text
    assert ids == tik.encode(text, disallowed_special=())


@_settings
@given(parts=st.lists(_pieces, max_size=40))
def test_property_tricky_pieces_equal_tiktoken(gpt2_bpe, tik, parts):
    text = "".join(parts)
    # Invariant: runs of whitespace, contractions and symbols split exactly as tiktoken's.
    assert gpt2_bpe.encode(text, disallowed_special=()) == tik.encode(text, disallowed_special=())


def test_encode_and_show_work_is_consistent(gpt2_bpe):
    work = gpt2_bpe.encode_and_show_work("Hello, world<|endoftext|>", allowed_special="all")
    # Invariant: pre-tokens cover the text, and encode returns exactly the flattened ids.
    assert work["pre_tokens"] == ["Hello", ",", " world", "<|endoftext|>"]
    assert work["ids"] == [15496, 11, 995, 50256]
    assert work["ids"] == gpt2_bpe.encode("Hello, world<|endoftext|>", allowed_special="all")
    for piece, byte_ids, merges, ids in zip(*(work[k] for k in
                                              ("pre_tokens", "byte_ids", "merges", "token_ids"))):
        if piece == "<|endoftext|>":
            continue
        # Invariant: the byte ids spell the piece, and replaying the merges gives its ids.
        assert gpt2_bpe.decode_bytes(byte_ids) == piece.encode("utf-8")
        replay = list(byte_ids)
        for left, right, new in merges:
            pos = next(i for i in range(len(replay) - 1) if replay[i : i + 2] == [left, right])
            replay[pos : pos + 2] = [new]
        assert replay == ids
    # Invariant: " world" takes 5 merges to go from 6 bytes to one id.
    assert len(work["byte_ids"][2]) == 6 and len(work["merges"][2]) == 5


def test_mismatched_gpt2_files_raise(tmp_path, data_dir):
    bad = tmp_path / "vocab.bpe"
    bad.write_text("#version: 0.2\nq zz\n", encoding="utf-8")
    # Invariant: a merge that encoder.json lacks is reported, naming both files.
    with pytest.raises(ValueError, match="same GPT-2 release"):
        BPETokenizer.from_gpt2_files(data_dir / "gpt2-bpe" / "encoder.json", bad)
    lines = (data_dir / "gpt2-bpe" / "vocab.bpe").read_text(encoding="utf-8").split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    bad.write_text("\n".join(lines), encoding="utf-8")
    # Invariant: merges out of rank order are refused (an id doubles as the merge's rank).
    with pytest.raises(ValueError, match="merge order"):
        BPETokenizer.from_gpt2_files(data_dir / "gpt2-bpe" / "encoder.json", bad)


# --- training, helpers, save/load ------------------------------------------------------------


def test_count_pairs_and_merge_pair():
    # Invariant: pair counts are weighted by word counts; merges are left to right, no overlap.
    assert count_pairs([[1, 2, 3], [1, 2]], [1, 5]) == {(1, 2): 6, (2, 3): 1}
    assert merge_pair([5, 6, 6, 6, 7], (6, 6), 99) == [5, 99, 6, 7]
    assert merge_pair([1, 2, 1, 2], (1, 2), 7) == [7, 7]


def test_train_vocab_and_first_merges(trained, verdict):
    tok, history = trained
    # Invariant: exactly vocab_size ids; the special token takes the last one.
    assert tok.n_vocab == 400 and tok.special_tokens == {"<|endoftext|>": 399}
    assert len(history) == len(tok.merges) == 400 - 256 - 1
    # Invariant: the first merge is the most frequent pair in the story: " t" (462 times).
    assert history[0]["pair"] == (32, 116) and history[0]["bytes"] == b" t"
    assert history[0]["count"] == 462
    # Invariant: merge counts never increase (each step takes the most frequent pair).
    counts = [h["count"] for h in history]
    assert counts == sorted(counts, reverse=True)


def test_trained_encode_equals_replaying_merges(trained, verdict):
    tok, _ = trained
    # Invariant: encoding by rank equals applying every merge, in training order, to each piece.
    expected = []
    for piece in tok._pattern.findall(verdict):
        ids = list(piece.encode("utf-8"))
        for pair, new_id in tok.merges.items():
            ids = merge_pair(ids, pair, new_id)
        expected += ids
    assert tok.encode(verdict) == expected
    # Invariant: more merges compress the training text further.
    assert len(expected) < len(verdict.encode("utf-8"))


def test_train_special_tokens_and_small_vocab():
    tok = BPETokenizer()
    tok.train("aaab<|endoftext|>aaab" * 20, vocab_size=260)
    # Invariant: special tokens are never merged and encode to their own id when allowed.
    assert tok.encode("aaab<|endoftext|>", allowed_special="all")[-1] == 259
    assert all(b"<|" not in tok.vocab[new] for new in tok.merges.values())
    # Invariant: a vocabulary smaller than bytes + specials is refused with the numbers.
    with pytest.raises(ValueError, match="257"):
        BPETokenizer().train("abc", vocab_size=256)


@_settings
@given(text=st.text(max_size=200))
def test_property_trained_roundtrip(trained, text):
    tok, _ = trained
    # Invariant: a tokenizer trained on English still round-trips any unicode text.
    assert tok.decode(tok.encode(text, disallowed_special=())) == text


def test_save_load_roundtrip(trained, gpt2_bpe, tmp_path, verdict):
    for tok in (trained[0], gpt2_bpe):
        path = tok.save(tmp_path / "sub" / "tok.json")
        loaded = BPETokenizer.load(path)
        # Invariant: a loaded tokenizer has the same state and encodes identically.
        assert loaded.vocab == tok.vocab and loaded.merges == tok.merges
        assert loaded.special_tokens == tok.special_tokens
        assert loaded.encode(verdict) == tok.encode(verdict)
    # Invariant: the write is atomic (no temporary file left behind).
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["tok.json"]
    (tmp_path / "other.json").write_text("{}")
    with pytest.raises(ValueError, match="not written by"):
        BPETokenizer.load(tmp_path / "other.json")


# --- get_gpt2_tokenizer ---------------------------------------------------------------------------


def test_get_gpt2_tokenizer_uses_tiktoken(tik):
    enc = get_gpt2_tokenizer()
    # Invariant: with tiktoken's cache present we get tiktoken's own gpt2 encoding.
    assert isinstance(enc, tiktoken.Encoding) and enc.name == "gpt2" and enc.n_vocab == 50257
    assert enc.encode("Hello, world") == [15496, 11, 995]


def test_get_gpt2_tokenizer_falls_back_to_assets(monkeypatch, tik, verdict):
    def offline(name):
        raise ConnectionError("no network in this test")

    monkeypatch.setattr(tiktoken, "get_encoding", offline)
    enc = get_gpt2_tokenizer()
    # Invariant: the rebuilt encoding is a real tiktoken Encoding with identical behaviour.
    assert isinstance(enc, tiktoken.Encoding) and enc.n_vocab == 50257
    assert enc.encode(verdict) == tik.encode(verdict)
    text = "a<|endoftext|> b"
    assert enc.encode(text, allowed_special="all") == tik.encode(text, allowed_special="all")
    assert enc.decode(tik.encode(verdict)) == verdict


_OFFLINE_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    from llmscratch import get_gpt2_tokenizer
    try:
        enc = get_gpt2_tokenizer()
    except RuntimeError as err:
        print(json.dumps({"error": str(err)}))
        sys.exit(0)
    print(json.dumps({"ids": enc.encode("Hello, world <|endoftext|>", allowed_special="all"),
                      "cache": os.listdir(os.environ["TIKTOKEN_CACHE_DIR"])}))
    """
)


def _run_offline(tmp_path, data_dir_value):
    cache = tmp_path / "empty_tiktoken_cache"
    cache.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        TIKTOKEN_CACHE_DIR=str(cache),
        LLMSCRATCH_DATA_DIR=data_dir_value,
        LLMSCRATCH_CACHE_DIR=str(tmp_path / "user_cache"),
        # Any download attempt goes to a closed local port and fails at once.
        HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9", http_proxy="http://127.0.0.1:9", NO_PROXY="", no_proxy="",
    )
    out = subprocess.run([sys.executable, "-c", _OFFLINE_SCRIPT], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_get_gpt2_tokenizer_offline_subprocess(tmp_path, data_dir):
    result = _run_offline(tmp_path, str(data_dir))
    # Invariant: with an empty tiktoken cache and no network, LLMSCRATCH_DATA_DIR suffices.
    assert result.get("ids") == [15496, 11, 995, 220, 50256], result
    assert result["cache"] == []  # nothing was downloaded into tiktoken's cache
    empty = tmp_path / "no_data"
    empty.mkdir()
    result = _run_offline(tmp_path, str(empty))
    # Invariant: with nothing anywhere, the error says how to fix it.
    assert "fetch --all" in result.get("error", ""), result


# --- the chapter's script: ch02_tokenizing/tokenize_text.py ---------------------------------------


@pytest.fixture(scope="module")
def script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "ch02_tokenizing" / "tokenize_text.py"
    spec = importlib.util.spec_from_file_location("_ch02_tokenize_text", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_verdict_gpt2(script, capsys):
    result = script.main(["--verdict", "--show", "5", "--device", "cpu"])
    out = capsys.readouterr().out
    # Invariant: the book's counts and first window come out of the main job.
    assert result["num_tokens"] == 5145 and result["num_chars"] == 20479
    assert result["first_ids"] == [40, 367, 2885, 1464, 1807]
    assert result["first_pieces"] == ["I", " H", "AD", " always", " thought"]
    assert result["num_windows"] == 1286
    assert result["first_inputs"][:2] == [[40, 367, 2885, 1464], [1807, 3619, 402, 271]]
    assert result["first_targets"][0] == [367, 2885, 1464, 1807]
    assert "5,145 tokens" in out and "' always'" in out


def test_script_bpe_compare_and_simple(script, tmp_path, trained):
    result = script.main(["--verdict", "--tokenizer", "bpe", "--compare", "--quick"])
    # Invariant: --compare reports our BPE identical to tiktoken; --quick cuts the text.
    assert result["identical_to_tiktoken"] is True and result["num_chars"] == 2000
    result = script.main(["--text", "Hello, do you like tea?", "--tokenizer", "simple"])
    # Invariant: the simple tokenizer's vocabulary comes from the text (7 words + 2 specials).
    assert result["num_tokens"] == 7 and result["vocab_size"] == 9
    assert result["first_pieces"] == ["Hello", ",", "do", "you", "like", "tea", "?"]
    path = trained[0].save(tmp_path / "bpe.json")
    text_file = tmp_path / "t.txt"
    text_file.write_text("the end", encoding="utf-8")
    result = script.main(["--file", str(text_file), "--tokenizer", "bpe", "--bpe-file", str(path)])
    # Invariant: a saved tokenizer is used as given; a short text has no windows, no crash.
    assert result["vocab_size"] == 400 and result["num_windows"] == 0
    # Invariant: --compare is refused where it means nothing.
    from llmscratch.scripting import ScriptError

    with pytest.raises(ScriptError, match="--compare needs --tokenizer bpe"):
        script.main(["--text", "x", "--compare"])
