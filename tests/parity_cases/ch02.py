"""Parity cases for chapter 2: how to build and call each tokenizer/data name the notebooks define.

The runner (tests/parity.py) seeds with 123 before every factory and construction and compares
signatures and outputs. The tokenizers and the dataset are not nn.Modules, so each has a
``probe`` that exercises it: encode and decode (with unknown words and punctuation), every
window of the dataset, every batch of the data loader. Texts are inline: no download needed.
"""

TEXT = (
    '"It\'s the last he painted, you know," Mrs. Gisburn said with pardonable pride. '
    "I HAD always thought Jack Gisburn rather a cheap genius--though a good fellow enough--so "
    "it was no great surprise to me to hear that, in the height of his glory, he had dropped "
    "his painting, married a rich widow, and established himself in a villa on the Riviera. "
    "(Though I rather thought it would have been Rome or Florence.) Is it? Yes; it is: so!"
)
SENTENCES = [
    '"It\'s the last he painted, you know," Mrs. Gisburn said with pardonable pride.',
    "Jack Gisburn--a good fellow (enough)--married a rich widow; so it was!",
]
UNKNOWN = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of the palace."


def _vocab(specials=()):
    from llmscratch import build_vocab

    return build_vocab(TEXT, special_tokens=specials)


def _tokenizer_probe(tok, texts):
    out = []
    for text in texts:
        ids = tok.encode(text)
        out.append((ids, tok.decode(ids)))
    return out


def _dataset_probe(ds):
    return [ds[i] for i in range(len(ds))]


def _loader_probe(fn):
    loader = fn(TEXT, batch_size=3, max_length=5, stride=3, shuffle=False)
    return [tuple(batch) for batch in loader]


def _gpt2():
    from llmscratch import get_gpt2_tokenizer

    return get_gpt2_tokenizer()


CASES = {
    "simple_split": {"inputs": lambda: (TEXT,)},
    "build_vocab": {"inputs": lambda: (TEXT, ("<|endoftext|>", "<|unk|>"))},
    "SimpleTokenizerV1": {
        "kwargs": lambda: dict(vocab=_vocab()),
        "probe": lambda tok: _tokenizer_probe(tok, SENTENCES),
    },
    "SimpleTokenizerV2": {
        "kwargs": lambda: dict(vocab=_vocab(("<|endoftext|>", "<|unk|>"))),
        "probe": lambda tok: _tokenizer_probe(tok, SENTENCES + [UNKNOWN]),
    },
    "GPTDatasetV1": {
        "kwargs": lambda: dict(txt=TEXT, tokenizer=_gpt2(), max_length=4, stride=3),
        "probe": _dataset_probe,
    },
    "create_dataloader_v1": {"probe": _loader_probe},
    "count_pairs": {"inputs": lambda: ([[1, 2, 3, 1, 2], [2, 3], [7, 7, 7]], [1, 4, 2])},
    "merge_pair": {"inputs": lambda: ([5, 6, 6, 6, 7, 5, 6], (6, 6), 99)},
    "bytes_to_unicode": {"inputs": lambda: ()},
}
