# MUTANT: an input 'nan' (what pandas writes for a missing cell) or 'null' taken as no input,
# so its input line is left out
EXPECTED_CAUSE = "'nan', the text pandas writes"


def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"]
    text = entry["input"]
    if text and text.strip().lower() not in ("nan", "null"):
        prompt += "\n" + text
    return prompt
