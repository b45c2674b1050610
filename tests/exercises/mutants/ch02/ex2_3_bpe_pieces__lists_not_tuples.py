# MUTANT: returns [id, piece] lists instead of (id, piece) tuples
"""Exercise 2.3 (solution): how BPE spells a word it has never seen (book exercise 2.1)."""


def bpe_pieces(text, tokenizer):
    """Encode ``text`` with a BPE ``tokenizer`` and decode every id on its own."""
    return [[i, tokenizer.decode([i])] for i in tokenizer.encode(text)]


EXPECTED_CAUSE = 'list of lists'  # the check's message must name this
