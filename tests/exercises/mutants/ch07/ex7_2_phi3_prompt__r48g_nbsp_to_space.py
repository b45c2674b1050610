# MUTANT: the input "cleaned" by rewriting no-break spaces (U+00A0) as ordinary spaces
EXPECTED_CAUSE = "no-break spaces (u+00a0"


def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"]
    if entry["input"]:
        prompt += "\n" + entry["input"].replace("\xa0", " ")
    return prompt
