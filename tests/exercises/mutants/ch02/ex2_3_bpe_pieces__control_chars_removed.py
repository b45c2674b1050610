# MUTANT: control characters (other than newline and tab) removed from the text before encoding
import unicodedata

EXPECTED_CAUSE = "you removed the control characters"


def bpe_pieces(text, tokenizer):
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
