# MUTANT: a Hugging Face habit: 'Ġ' replaced by a space in each decoded piece
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).replace("\u0120", " ")) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "a replace of 'Ġ' by a space"  # the check's message must name this
