# MUTANT: return inside the loop that builds the pieces: one piece comes back
"""Exercise 2.3 (solution): how BPE spells a word it has never seen (book exercise 2.1).

Book exercise 2.1.
"""

EXPECTED_CAUSE = 'this `return` sits straight inside the loop'


def bpe_pieces(text, tokenizer):
    """Encode ``text`` with a BPE ``tokenizer`` and decode every id on its own.

    Return a list of ``(id, piece)`` pairs in order, where ``piece`` is ``tokenizer.decode([id])``
    exactly as returned (keep leading spaces). Joining the pieces gives the text back.

    Example with the GPT-2 tokenizer (``llmscratch.get_gpt2_tokenizer()``):
    ``bpe_pieces("Akwirw ier", tok)`` is
    ``[(33901, 'Ak'), (86, 'w'), (343, 'ir'), (86, 'w'), (220, ' '), (959, 'ier')]``.
    """
    pairs = []
    for i in tokenizer.encode(text):
        pairs.append((i, tokenizer.decode([i])))
        return pairs
