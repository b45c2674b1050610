# MUTANT: the input placed before the instruction
def format_input_phi3(entry):
    text = "<|user|>\n"
    if entry["input"]:
        text += f"{entry['input']}\n"
    return text + entry["instruction"]


EXPECTED_CAUSE = 'the input comes before the instruction'
