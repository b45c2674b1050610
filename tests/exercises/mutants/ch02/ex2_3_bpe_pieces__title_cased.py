# MUTANT: pieces title-cased for display
EXPECTED_CAUSE = "with str.title() applied"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).title()) for i in tokenizer.encode(text)]
