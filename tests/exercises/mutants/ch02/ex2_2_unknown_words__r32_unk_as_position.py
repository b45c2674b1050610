# MUTANT: an unknown piece gets its position in the text instead of the <|unk|> id
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab[p] if p in vocab else k for k, p in enumerate(pieces)]


EXPECTED_CAUSE = "its own position in the text as its id"
