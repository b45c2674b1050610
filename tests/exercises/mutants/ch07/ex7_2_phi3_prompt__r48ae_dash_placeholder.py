# MUTANT: a dash or a lower-case "n/a" input treated as no input (a list of placeholders)
def format_input_phi3(entry):
    text = "<|user|>\n" + entry["instruction"]
    if entry["input"] not in ("", "-", "none", "n/a"):
        text += "\n" + entry["input"]
    return text

EXPECTED_CAUSE = "it is this input's text, not its length"
