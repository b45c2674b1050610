# MUTANT: spaces in the pieces shown as 'Ġ', the byte-level form of GPT-2's vocabulary file


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).replace(" ", "\u0120")) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "as convert_ids_to_tokens shows"
