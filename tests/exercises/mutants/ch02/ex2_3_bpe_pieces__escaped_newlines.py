# MUTANT: newlines and tabs are escaped in the pieces for display
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).replace("\n", "\\n").replace("\t", "\\t"))
            for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "escaped form"
