# MUTANT: encodes the example string 'Akwirw ier' instead of the text argument
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode("Akwirw ier")]


EXPECTED_CAUSE = "encodes a text written into it"
