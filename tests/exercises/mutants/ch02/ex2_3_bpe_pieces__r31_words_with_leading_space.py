# MUTANT: words found with re.findall(r'\s*\S+') encoded one by one: the whitespace after the last
#   word is lost
import re

EXPECTED_CAUSE = 'cut into words that leave the whitespace after the last'


def bpe_pieces(text, tokenizer):
    ids = []
    for word in re.findall(r"\s*\S+", text):
        ids += tokenizer.encode(word)
    return [(i, tokenizer.decode([i])) for i in ids]
