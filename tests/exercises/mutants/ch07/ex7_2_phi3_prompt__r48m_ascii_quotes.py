# MUTANT: curly quotes in the record's text turned into straight ASCII quotes (a translate
# table that "tidies" the text for the tokenizer)
EXPECTED_CAUSE = "typographic punctuation in the record's input was rewritten as ascii"

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"].translate(_QUOTES)
    if entry["input"]:
        prompt += "\n" + entry["input"].translate(_QUOTES)
    return prompt
