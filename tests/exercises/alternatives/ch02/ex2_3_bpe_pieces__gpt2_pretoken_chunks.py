# Correct: splits the text with GPT-2's pre-tokenizer pattern and encodes each chunk on its own
#   (BPE never merges across chunks)
import regex

PAT = regex.compile(
    r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def bpe_pieces(text, tokenizer):
    ids = []
    for chunk in PAT.findall(text):
        ids.extend(tokenizer.encode(chunk))
    return [(i, tokenizer.decode([i])) for i in ids]
