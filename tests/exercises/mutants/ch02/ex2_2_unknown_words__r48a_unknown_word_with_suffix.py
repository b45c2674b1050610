# MUTANT: an unknown word keeps its "'s" or "'t" with it: the "'" and the piece after an
# unknown word are dropped, so "Bob's" is one '<|unk|>' even though "s" is in the vocabulary
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out, k = [], 0
    while k < len(pieces):
        p = pieces[k]
        if p not in vocab and k + 2 < len(pieces) and pieces[k + 1] == "'":
            out.append(unk)  # Bob's, couldn't: one unknown word
            k += 3
            continue
        out.append(vocab.get(p, unk))
        k += 1
    return out


EXPECTED_CAUSE = "and the piece after that into one"
