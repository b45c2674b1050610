# MUTANT: a JSON-style input "null" taken as no input, so its input line is left out
EXPECTED_CAUSE = "treats this input as none"


def format_input_phi3(entry):
    inp = entry["input"]
    text = f"<|user|>\n{entry['instruction']}"
    if inp and inp.lower() != "null":
        text += "\n" + inp
    return text
