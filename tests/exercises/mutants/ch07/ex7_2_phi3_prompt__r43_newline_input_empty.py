# MUTANT: an input made only of newlines is treated as empty (input.strip("\\n") tested)
def format_input_phi3(entry):
    text = f"<|user|>\n{entry['instruction']}"
    if entry["input"].strip("\n"):
        text += f"\n{entry['input']}"
    return text


EXPECTED_CAUSE = "an input of whitespace ('\\n') only is not empty"
