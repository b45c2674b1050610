# MUTANT: every line stripped on both sides before encoding
def bpe_pieces(text, tokenizer):
    text = "\n".join(line.strip() for line in text.split("\n"))
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = 'stripped every line of the text'
