# MUTANT: ignores the tokenizer argument and uses GPT-2's own
from llmscratch import get_gpt2_tokenizer


def bpe_pieces(text, tokenizer):
    tok = get_gpt2_tokenizer()
    return [(i, tok.decode([i])) for i in tok.encode(text)]


EXPECTED_CAUSE = 'instead of the tokenizer argument'  # the check's message must name this
