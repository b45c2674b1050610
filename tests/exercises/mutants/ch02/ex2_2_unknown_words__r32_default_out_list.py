# MUTANT: a default mutable argument out=[] collects the ids over every call
import re


def encode_with_unknown(text, vocab, out=[]):  # noqa: B006 - the mistake kept
    unk = vocab["<|unk|>"]
    for p in re.split(r'([,.:;?_!"()\']|--|\s)', text):
        if p.strip():
            out.append(vocab.get(p.strip(), unk))
    return out


EXPECTED_CAUSE = "a list that grows from call to call"
