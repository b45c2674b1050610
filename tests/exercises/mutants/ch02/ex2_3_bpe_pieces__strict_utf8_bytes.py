# MUTANT: decodes each token's bytes itself, dropping tokens that hold part of a character
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    raw = [tokenizer.decode_single_token_bytes(i) for i in ids]
    return [(i, b.decode("utf-8", errors="ignore")) for i, b in zip(ids, raw)]


EXPECTED_CAUSE = 'part of a character'  # the check's message must name this
