# MUTANT: each line stripped at its end (rstrip) before the encode, so the \r of \r\n is lost
def bpe_pieces(text, tokenizer):
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = 'each line stripped at its end'
