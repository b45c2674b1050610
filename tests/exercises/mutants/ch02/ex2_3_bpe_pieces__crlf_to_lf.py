# MUTANT: Windows line ends are turned into newlines before encoding


def bpe_pieces(text, tokenizer):
    text = text.replace("\r\n", "\n")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "Windows line ends"
