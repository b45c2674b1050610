# MUTANT: each piece wrapped in brackets for display (f"[{piece}]"), not kept as decode returns it
EXPECTED_CAUSE = "with '[' before it and ']' after it"


def bpe_pieces(text, tokenizer):
    return [(i, f"[{tokenizer.decode([i])}]") for i in tokenizer.encode(text)]
