# MUTANT: pairs collected in a mutable default list, so they accumulate over calls
def bpe_pieces(text, tokenizer, pieces=[]):  # noqa: B006 - the mistake kept here
    for i in tokenizer.encode(text):
        pieces.append((i, tokenizer.decode([i])))
    return pieces


EXPECTED_CAUSE = "kept from call to call"
