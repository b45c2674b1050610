# MUTANT: every run of whitespace made one space by re.sub before encoding
import re


def bpe_pieces(text, tokenizer):
    text = re.sub(r"\s+", " ", text)
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "re.sub(r'\\s+', ' ', text)"
