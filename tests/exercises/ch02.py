"""Checks for the chapter 2 exercises (tokenizing and embeddings).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference: SimpleTokenizerV1/V2, GPTDatasetV1, the GPT-2 tokenizer)
and from the book's printed numbers. The texts are inline, so no check needs a download.
"""

from __future__ import annotations

import torch

from llmscratch.checking import CheckFailure, Exercise, assert_close

TEXT = (
    'The sun--warm and bright--rose over the hills. "Is it morning?" she asked (softly). '
    "It's here: tea; toast_and jam! The hills, the sun, the tea."
)
SENTENCES = [
    '"Is it morning?" she asked.',
    "The sun--warm--rose (softly) over the hills; It's tea!",
    "toast_and jam: the sun, the hills.",
]


def _vocab(specials=()):
    from llmscratch import build_vocab

    return build_vocab(TEXT, special_tokens=specials)


# --- ex2_1: the simple tokenizer ------------------------------------------------------------------


def check_simple_tokenizer(impl):
    from llmscratch import SimpleTokenizerV1

    vocab = _vocab()
    ref = SimpleTokenizerV1(vocab)
    tok = impl(vocab)
    for sentence in SENTENCES:
        try:
            ids = tok.encode(sentence)
        except KeyError as err:
            raise CheckFailure(
                f"encode({sentence!r}) produced the piece {err} that is not in the vocabulary: "
                "split on every punctuation mark , . : ; ? _ ! \" ( ) ', on '--' and on "
                "whitespace, and drop the empty and whitespace-only pieces"
            ) from None
        expected = ref.encode(sentence)
        if list(ids) != expected:
            words = [ref.int_to_str[i] for i in expected]
            raise CheckFailure(
                f"encode({sentence!r}) gave {len(ids)} ids, expected {len(expected)}: "
                f"{list(ids)} instead of {expected} (the pieces should be {words})"
            )
        text = tok.decode(expected)
        if text != ref.decode(expected):
            hint = ("there is a space before punctuation: after joining with spaces, remove "
                    "the whitespace in front of , . ? ! \" ( ) '" if " ," in text or " ." in text
                    else "join the words with single spaces, then remove the space before "
                    "punctuation")
            raise CheckFailure(f"decode gave {text!r}, expected {ref.decode(expected)!r}: {hint}")


# --- ex2_2: unknown words -------------------------------------------------------------------------


def check_encode_with_unknown(impl):
    from llmscratch import SimpleTokenizerV2

    vocab = _vocab(("<|endoftext|>", "<|unk|>"))
    ref = SimpleTokenizerV2(vocab)
    texts = [
        "Hello, do you like tea? <|endoftext|> In the sunlit terraces of the palace.",
        "The hills <|endoftext|> The sun",
        "Completely unheard-of words here!",
    ]
    for text in texts:
        got, expected = list(impl(text, dict(vocab))), ref.encode(text)
        if got == expected:
            continue
        if len(got) < len(expected):
            raise CheckFailure(
                f"for {text!r} you returned {len(got)} ids, expected {len(expected)}: unknown "
                f"words must become the id of '<|unk|>' ({vocab['<|unk|>']}), not be left out"
            )
        unk_positions = [k for k, i in enumerate(expected) if i == vocab["<|unk|>"]]
        wrong = [got[k] for k in unk_positions if k < len(got) and got[k] != expected[k]]
        if wrong:
            raise CheckFailure(
                f"for {text!r} unknown words got id {wrong[0]} instead of {vocab['<|unk|>']} "
                "(the id of '<|unk|>'): look the unknown id up as vocab['<|unk|>']"
            )
        raise CheckFailure(f"for {text!r} you returned {got}, expected {expected}")


# --- ex2_3: BPE pieces of an unknown word ---------------------------------------------------------


def check_bpe_pieces(impl):
    from llmscratch import get_gpt2_tokenizer

    try:
        tok = get_gpt2_tokenizer()
    except RuntimeError as err:
        raise CheckFailure(f"this check needs the GPT-2 tokenizer, which could not be loaded "
                           f"(not a problem with your code): {str(err)[-300:]}") from None
    # "Akwirw ier" is the book's exercise 2.1; its ids are printed there.
    expected0 = [(33901, "Ak"), (86, "w"), (343, "ir"), (86, "w"), (220, " "), (959, "ier")]
    texts = ["Akwirw ier", "Hello, world!", "  two leading spaces and someunknownPlace."]
    for text in texts:
        got = [tuple(p) for p in impl(text, tok)]
        expected = [(i, tok.decode([i])) for i in tok.encode(text)]
        if text == "Akwirw ier" and expected != expected0:
            raise CheckFailure("the GPT-2 tokenizer itself gives unexpected ids; is tiktoken ok?")
        if [i for i, _ in got] != [i for i, _ in expected]:
            raise CheckFailure(
                f"for {text!r} your ids are {[i for i, _ in got]}, expected "
                f"{[i for i, _ in expected]}: encode the whole text once with tokenizer.encode "
                "(encoding pieces separately changes how BPE splits)"
            )
        if got != expected:
            bad = next(k for k, (a, b) in enumerate(zip(got, expected)) if a != b)
            raise CheckFailure(
                f"for {text!r} piece {bad} is {got[bad][1]!r}, expected {expected[bad][1]!r}: "
                "decode each id alone with tokenizer.decode([id]) and keep its spaces"
            )
        if "".join(p for _, p in got) != text:
            raise CheckFailure(f"the pieces of {text!r} do not join back into the text")


# --- ex2_4: sliding windows -----------------------------------------------------------------------


class _ListTokenizer:
    """A stand-in tokenizer whose encode returns the ids it was given."""

    def __init__(self, ids):
        self.ids = ids

    def encode(self, text):
        return list(self.ids)


def check_sliding_windows(impl):
    from llmscratch import GPTDatasetV1

    gen = torch.Generator().manual_seed(123)
    token_ids = torch.randperm(1000, generator=gen)[:23].tolist()  # distinct, so shifts show
    for max_length, stride in [(4, 4), (4, 1), (3, 2), (5, 7), (1, 1), (6, 3)]:
        ds = GPTDatasetV1("", _ListTokenizer(token_ids), max_length, stride)
        exp_x = torch.stack([x for x, _ in ds])
        exp_y = torch.stack([y for _, y in ds])
        got_x, got_y = (torch.as_tensor(t) for t in impl(list(token_ids), max_length, stride))
        what = f"max_length={max_length}, stride={stride} on {len(token_ids)} ids"
        if got_x.shape != exp_x.shape:
            n = len(token_ids)
            hint = ""
            if got_x.shape[0] == len(range(0, n - max_length, 1)) and stride != 1:
                hint = " It looks like the windows move by 1: step the start by stride."
            elif got_x.shape[0] < exp_x.shape[0]:
                hint = (" You stop too early: start positions are range(0, len(ids) - "
                        "max_length, stride).")
            raise CheckFailure(f"with {what} your inputs have shape {tuple(got_x.shape)}, "
                               f"expected {tuple(exp_x.shape)}.{hint}")
        if not torch.equal(got_x.long(), exp_x):
            raise CheckFailure(f"with {what} the input windows differ from the expected ones "
                               f"(first row {got_x[0].tolist()} vs {exp_x[0].tolist()}): window "
                               "k starts at k * stride")
        if got_y.shape == exp_y.shape and torch.equal(got_y.long(), exp_x):
            raise CheckFailure(f"with {what} your targets equal the inputs: a target is the "
                               "input window moved one id to the right (the next tokens)")
        assert_close(got_y, exp_y, what=f"the targets with {what}", atol=0,
                     hint="each target window is its input window shifted by exactly one id")


# --- ex2_5: one BPE merge step --------------------------------------------------------------------


def _count(ids, pair):
    return sum(1 for p in zip(ids, ids[1:]) if p == pair)


def check_bpe_merge_step(impl):
    from llmscratch import count_pairs, merge_pair

    cases = [
        [1, 2, 3, 1, 2],
        [5, 6, 7, 8],  # every pair once: the first one wins the tie
        [7, 7, 7, 7, 7],  # overlapping occurrences
        [3, 1, 1, 2, 1, 1],
        [9, 4, 4, 9, 2, 4, 4, 2, 9, 4],
        list(b"the cat sat on the mat, the rat sat"),
    ]
    for ids in cases:
        counts = count_pairs([ids])
        pair = max(counts, key=counts.__getitem__)
        expected = merge_pair(ids, pair, 999)
        got_ids, got_pair = impl(list(ids), 999)
        got_pair = tuple(got_pair) if got_pair is not None else None
        if got_pair != pair and counts.get(got_pair, 0) == counts[pair]:
            raise CheckFailure(
                f"for ids {ids} you merged {got_pair}; it ties with {pair} ({counts[pair]} "
                f"times each), and on a tie the pair that appears first in ids wins"
            )
        if got_pair != pair:
            raise CheckFailure(
                f"for ids {ids} you merged {got_pair}, which occurs "
                f"{counts.get(got_pair, 0)} times, but {pair} occurs {counts[pair]} times: merge "
                "the most frequent adjacent pair (the first one seen on a tie)"
            )
        if list(got_ids) != expected:
            merged = list(got_ids).count(999)
            if merged != expected.count(999):
                hint = (f"you made {merged} merge(s) where {expected.count(999)} fit: replace "
                        "every occurrence, left to right, without overlaps")
            else:
                hint = ("after replacing a pair, move on past both of its ids (the second id "
                        "of a merged pair must not stay in the output)")
            raise CheckFailure(f"for ids {ids} merging {pair} you returned {list(got_ids)}, "
                               f"expected {expected}: {hint}")
    got_ids, got_pair = impl([42], 999)
    if list(got_ids) != [42] or got_pair is not None:
        raise CheckFailure("with a single id there is no pair: return ([42], None)")


# --- ex2_6: embedding as a one-hot product --------------------------------------------------------


def check_embedding_via_onehot(impl):
    torch.manual_seed(123)
    weight = torch.randn(7, 3)
    for ids in [torch.tensor([3, 0, 6, 3]), torch.tensor([[2, 5, 1], [0, 0, 6]])]:
        expected = torch.nn.functional.embedding(ids, weight)
        got = torch.as_tensor(impl(ids.clone(), weight.clone()))
        if got.shape != expected.shape:
            hint = ("your result looks transposed: multiply one_hot (..., vocab_size) @ weight "
                    "(vocab_size, emb_dim)" if got.shape == expected.shape[::-1]
                    else "keep the leading shape of token_ids and add emb_dim at the end")
            raise CheckFailure(f"for ids of shape {tuple(ids.shape)} you returned shape "
                               f"{tuple(got.shape)}, expected {tuple(expected.shape)}: {hint}")
        assert_close(got, expected, what=f"the embeddings of ids {ids.tolist()}", atol=1e-6,
                     hint="one-hot rows have a single 1 at the token id, and length vocab_size")


# --- ex2_7: token + position embeddings -----------------------------------------------------------


def check_input_embeddings(impl):
    torch.manual_seed(123)
    tok_emb, pos_emb = torch.nn.Embedding(50, 8), torch.nn.Embedding(6, 8)
    cases = [torch.tensor([[5, 1, 0, 2], [3, 3, 4, 1], [0, 5, 2, 2]]),  # ids < context length
             torch.randint(0, 50, (2, 6))]
    for ids in cases:
        expected = tok_emb(ids) + pos_emb(torch.arange(ids.shape[1]))
        got = torch.as_tensor(impl(ids.clone(), tok_emb, pos_emb)).detach()
        if got.shape != expected.shape:
            raise CheckFailure(f"for ids of shape {tuple(ids.shape)} you returned shape "
                               f"{tuple(got.shape)}, expected {tuple(expected.shape)} "
                               "(batch_size, num_tokens, emb_dim)")
        if torch.allclose(got, tok_emb(ids).detach(), atol=1e-6):
            raise CheckFailure("your result is only the token embeddings: add the position "
                               "embeddings pos_embedding_layer(torch.arange(num_tokens))")
        if torch.allclose(got, (tok_emb(ids) + pos_emb(ids % 6)).detach(), atol=1e-6):
            raise CheckFailure("you looked the positions up with the token ids: positions are "
                               "0, 1, ..., num_tokens - 1 (torch.arange(num_tokens))")
        assert_close(got, expected.detach(), what=f"the input embeddings for ids {ids.tolist()}",
                     hint="position j of every sequence adds row j of the position layer")


EXERCISES = [
    Exercise(id="ex2_1", file="ex2_1_simple_tokenizer.py", entry="SimpleTokenizer",
             title="Encode and decode with a word-level tokenizer", check=check_simple_tokenizer),
    Exercise(id="ex2_2", file="ex2_2_unknown_words.py", entry="encode_with_unknown",
             title="Map unknown words to <|unk|>", check=check_encode_with_unknown),
    Exercise(id="ex2_3", file="ex2_3_bpe_pieces.py", entry="bpe_pieces",
             title="See how BPE spells an unknown word", check=check_bpe_pieces),
    Exercise(id="ex2_4", file="ex2_4_sliding_window.py", entry="sliding_windows",
             title="Sliding-window inputs and targets", check=check_sliding_windows),
    Exercise(id="ex2_5", file="ex2_5_bpe_merge_step.py", entry="bpe_merge_step",
             title="One BPE merge step", check=check_bpe_merge_step),
    Exercise(id="ex2_6", file="ex2_6_embedding_onehot.py", entry="embedding_via_onehot",
             title="An embedding lookup as a one-hot matrix product",
             check=check_embedding_via_onehot),
    Exercise(id="ex2_7", file="ex2_7_input_embeddings.py", entry="input_embeddings",
             title="Token plus position embeddings", check=check_input_embeddings),
]
