# MUTANT: inputs of one character treated as empty (len > 1)
def format_input_phi3(entry):
    text = "<|user|>\n" + entry["instruction"]
    if len(entry["input"]) > 1:
        text += "\n" + entry["input"]
    return text

EXPECTED_CAUSE = "an input of one character"
