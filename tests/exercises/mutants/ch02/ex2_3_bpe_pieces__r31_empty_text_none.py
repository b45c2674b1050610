# MUTANT: an empty text returns None (an early 'if not text: return None'), not an empty list
EXPECTED_CAUSE = 'the empty text has no ids, so the answer is []'


def bpe_pieces(text, tokenizer):
    if not text:
        return None
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
