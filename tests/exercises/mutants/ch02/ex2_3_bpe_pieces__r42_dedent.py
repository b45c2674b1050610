# MUTANT: textwrap.dedent on the text before encoding
import textwrap


def bpe_pieces(text, tokenizer):
    text = textwrap.dedent(text)
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = 'you dedented the text'
