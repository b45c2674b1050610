# Correct: spaces put around each mark and around '--', then str.split(); str.split and \s agree on
#   whitespace
def encode_with_unknown(text, vocab):
    text = text.replace("--", " -- ")
    for mark in ',.:;?_!"()\'':
        text = text.replace(mark, f" {mark} ")
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in text.split()]
