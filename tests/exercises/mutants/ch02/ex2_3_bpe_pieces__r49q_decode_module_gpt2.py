# MUTANT: encodes with the tokenizer argument but decodes every id with a module-level GPT-2
# tokenizer, so another tokenizer's ids get GPT-2's pieces (no state: a fresh copy does it too)
from llmscratch import get_gpt2_tokenizer

_TOK = get_gpt2_tokenizer()


def bpe_pieces(text, tokenizer):
    return [(i, _TOK.decode([i])) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "you decode with a tokenizer of your own"  # the check's message must name this
