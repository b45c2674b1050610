# MUTANT: text encoded line by line (splitlines(keepends=True)): "\n\n" splits
"""Exercise 2.3 (solution): how BPE spells a word it has never seen (book exercise 2.1).

Book exercise 2.1.
"""


def bpe_pieces(text, tokenizer):
    """Encode ``text`` with a BPE ``tokenizer`` and decode every id on its own.

    Return a list of ``(id, piece)`` pairs in order, where ``piece`` is ``tokenizer.decode([id])``
    exactly as returned (keep leading spaces). Joining the pieces gives the text back.

    Example with the GPT-2 tokenizer (``llmscratch.get_gpt2_tokenizer()``):
    ``bpe_pieces("Akwirw ier", tok)`` is
    ``[(33901, 'Ak'), (86, 'w'), (343, 'ir'), (86, 'w'), (220, ' '), (959, 'ier')]``.
    """
    ids = []
    for line in text.splitlines(keepends=True):
        ids.extend(tokenizer.encode(line))
    return [(i, tokenizer.decode([i])) for i in ids]


EXPECTED_CAUSE = 'line by line with the line ends kept'
