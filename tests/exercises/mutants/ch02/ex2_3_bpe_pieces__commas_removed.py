# MUTANT: commas removed from the text before encoding (a CSV clean-up)
EXPECTED_CAUSE = "with every ',' (COMMA) removed"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.replace(",", ""))]
