# Mutant: no newline after the user tag.


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>{entry['instruction']}" + input_text


EXPECTED_CAUSE = "runs straight into the instruction"
