# MUTANT: the replacement character is removed from pieces that hold part of a character
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).replace("\ufffd", "")) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "removed the replacement character"
