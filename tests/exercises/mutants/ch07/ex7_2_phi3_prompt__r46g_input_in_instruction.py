# MUTANT: the input line is left out when the instruction already contains the input's text
def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"]
    if entry["input"] and entry["input"] not in entry["instruction"]:
        prompt += "\n" + entry["input"]
    return prompt


EXPECTED_CAUSE = "left out because the instruction already holds its text"
