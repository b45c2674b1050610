# MUTANT: the output is appended instead of the input (copy-paste slip)
def format_input_phi3(entry):
    text = "<|user|>\n" + entry["instruction"]
    if entry["input"]:
        text += "\n" + entry["output"]
    return text


EXPECTED_CAUSE = "record's output where its input belongs"
