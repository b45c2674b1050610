# Correct: explicit loop with `in` test, alternation reordered
import re


def encode_with_unknown(text, vocab):
    unk_id = vocab["<|unk|>"]
    ids = []
    for piece in re.split(r'(--|\s|[,.:;?_!"()\'])', text):
        piece = piece.strip()
        if not piece:
            continue
        if piece in vocab:
            ids.append(vocab[piece])
        else:
            ids.append(unk_id)
    return ids
