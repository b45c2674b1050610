# MUTANT: the input added only when the instruction is also non-empty
def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] and entry["instruction"] else ""
    return f"<|user|>\n{entry['instruction']}" + input_text


EXPECTED_CAUSE = 'whatever the instruction'
