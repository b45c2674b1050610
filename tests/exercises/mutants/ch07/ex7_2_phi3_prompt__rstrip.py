# MUTANT: the input always added, then .rstrip("\n"): the input's own newline is lost
def format_input_phi3(entry):
    return f"<|user|>\n{entry['instruction']}\n{entry['input']}".rstrip("\n")


EXPECTED_CAUSE = 'end of the prompt was stripped'
