# MUTANT: double spaces squashed before encoding (text "cleaned")
def bpe_pieces(text, tokenizer):
    text = " ".join(text.split(" ")).replace("  ", " ")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "changed the text's spaces"  # the check's message must name this
