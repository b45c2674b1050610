# MUTANT: ids zipped with the characters of the decoded text
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return list(zip(ids, tokenizer.decode(ids)))


EXPECTED_CAUSE = 'single characters of the decoded text'  # the check's message must name this
