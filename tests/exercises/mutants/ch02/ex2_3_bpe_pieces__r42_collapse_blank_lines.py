# MUTANT: blank lines collapsed (\n\n made \n) before encoding
import re


def bpe_pieces(text, tokenizer):
    text = re.sub(r"\n{2,}", "\n", text)
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = 'collapsed the blank lines'
