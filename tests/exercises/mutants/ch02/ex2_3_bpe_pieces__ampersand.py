# MUTANT: " and " written as " & " before encoding (the text changed)

EXPECTED_CAUSE = 'your ids decode to a text that leaves the given one'


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text.replace(" and ", " & "))
    return [(i, tokenizer.decode([i])) for i in ids]
