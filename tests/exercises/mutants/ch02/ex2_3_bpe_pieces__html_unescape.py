# MUTANT: HTML entities unescaped before encoding (html.unescape, from a text-cleaning recipe):
# "&amp;" becomes "&"
import html

EXPECTED_CAUSE = "you unescaped HTML entities"


def bpe_pieces(text, tokenizer):
    text = html.unescape(text)
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
